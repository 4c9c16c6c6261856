"""How the answer was said: length, fillers, pace and pauses, from the word timings.

Pure code over a Transcript.  The counts use only real words (a token with a letter
or a digit; a recognizer's "." is not one) timed inside the candidate's speech, and a
rate no person can speak (over ``pace.fault_wpm``) is reported as a recognition
fault, not as the candidate's pace (docs/ARCHITECTURE.md, "Counts that cannot lie").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .language import Tokens, is_word, strip_edges
from .types import CheckResult, Transcript, Word


def result(check_id: str, status: str, message: str, evidence: Any = ()) -> CheckResult:
    return CheckResult(check_id, status, message, tuple(e for e in evidence if e))  # type: ignore[arg-type]


def na(check_id: str, why: str) -> CheckResult:
    return result(check_id, "n/a", why)


@dataclass(frozen=True)
class Timing:
    """The answer's real words and the time they were spoken over."""

    words: tuple[Word, ...]  # words with a letter or digit, in order
    speech_s: float  # first real word's start to last real word's end (0 if unknown)
    estimated: bool

    @classmethod
    def of(cls, t: Transcript) -> "Timing":
        words = tuple(w for w in t.words if is_word(w.text))
        span = (words[-1].end - words[0].start) if len(words) > 1 else 0.0
        if span <= 0:
            span = t.duration_seconds
        return cls(words, max(span, 0.0), t.duration_estimated)

    @property
    def wpm(self) -> float:
        return len(self.words) / self.speech_s * 60.0 if self.speech_s > 0 else 0.0

    def gaps(self) -> list[tuple[float, int]]:
        """(gap seconds, index of the word before it) between consecutive real words."""
        w = self.words
        return [(w[k + 1].start - w[k].end, k) for k in range(len(w) - 1)]


def fault(timing: Timing, rules: dict[str, Any]) -> bool:
    """Too many words for the time: the recognizer invented text, the candidate did not speak it."""
    return not timing.estimated and len(timing.words) >= 10 and timing.wpm > float(rules["pace"]["fault_wpm"])


def length_verdict(message: str) -> str:
    """A length message without its figure, for a reply that has already said the length:
    "84 s: far too short for the 90-second target ..." -> "far too short for the ...".
    The format is ``check_length``'s, so the knowledge of it stays here."""
    return message.split(": ", 1)[1] if ": " in message else message


def check_length(t: Transcript, rules: dict[str, Any], target: float, follow_up: bool) -> CheckResult:
    secs = t.duration_seconds
    said = f"about {secs:.0f} s (estimated from {t.word_count} words)" if t.duration_estimated else f"{secs:.0f} s"
    length = rules["length"]
    if follow_up:
        fu = length.get("follow_up", {})
        if secs < float(fu.get("warn_below_s", 8)):
            return result("length", "warn", f"{said}: too short to give the detail the follow-up asked for")
        if secs > target * float(fu.get("warn_above", 1.0)):
            return result("length", "warn", f"{said}: long for a follow-up; answer the detail asked, then stop")
        return result("length", "pass", f"{said}, a focused follow-up answer")
    if secs < target * float(length["fail_below"]):
        return result("length", "fail", f"{said}: far too short for the {target:.0f}-second target; no room for depth")
    if secs < target * float(length["warn_below"]):
        return result("length", "warn", f"{said}: short of the {target:.0f}-second target; add the detail of what you did")
    if secs > target * float(length["fail_above"]):
        return result("length", "fail", f"{said}: far over the {target:.0f}-second target; the interviewer loses the thread")
    if secs > target * float(length["warn_above"]):
        return result("length", "warn", f"{said}: over the {target:.0f}-second target; tighten the setup")
    return result("length", "pass", f"{said}, inside the {target:.0f}-second target")


def fillers(tokens: Tokens, rules: dict[str, Any], lexicon: Any, not_after: dict[str, frozenset[str]]) -> list[tuple[int, int]]:
    out = []
    for t0, t1 in tokens.hits(lexicon):
        phrase = " ".join(tokens.tokens[t0:t1])
        prev = tokens.tokens[t0 - 1] if t0 else ""
        if prev in not_after.get(phrase, ()):
            continue  # "i like", "what kind of": a verb or a noun phrase, not a filler
        out.append((t0, t1))
    return out


def check_fillers(t: Transcript, timing: Timing, tokens: Tokens, spans: list[tuple[int, int]], rules: dict[str, Any]) -> CheckResult:
    minutes = t.duration_seconds / 60.0
    if minutes <= 0 or not tokens.tokens:
        return na("fillers", "no timed speech to measure")
    if fault(timing, rules):
        return na("fillers", "the recording could not be transcribed reliably, so fillers were not counted")
    rate = len(spans) / minutes
    est = " (estimated duration)" if t.duration_estimated else ""
    quotes = tokens.quotes(spans, 4)
    msg = f"{len(spans)} fillers, {rate:.1f} a minute{est}"
    f = rules["fillers"]
    if rate >= float(f["harmful_per_min"]):
        return result("fillers", "fail", f"{msg}: they bury the story", quotes)
    if rate > float(f["ok_per_min"]):
        return result("fillers", "warn", f"{msg}: noticeable; pause instead", quotes)
    return result("fillers", "pass", f"{msg}: clean delivery", quotes)


def check_pace(timing: Timing, rules: dict[str, Any]) -> CheckResult:
    if timing.estimated:
        return na("pace", "duration estimated from the word count, so pace cannot be measured")
    if timing.speech_s <= 0 or len(timing.words) < 2:
        return na("pace", "no timed speech to measure")
    wpm = timing.wpm
    if fault(timing, rules):
        return na("pace", f"{wpm:.0f} words a minute is faster than anyone speaks: a recognition fault, not your pace")
    lo, hi = rules["pace"]["comfortable_wpm"]
    alo, ahi = rules["pace"]["acceptable_wpm"]
    if wpm < alo:
        return result("pace", "fail", f"{wpm:.0f} words a minute: too slow; the interviewer's attention drifts")
    if wpm > ahi:
        return result("pace", "fail", f"{wpm:.0f} words a minute: too fast to follow")
    if wpm < lo:
        return result("pace", "warn", f"{wpm:.0f} words a minute: a little slow; aim for {lo}-{hi}")
    if wpm > hi:
        return result("pace", "warn", f"{wpm:.0f} words a minute: a little fast; aim for {lo}-{hi}")
    return result("pace", "pass", f"{wpm:.0f} words a minute, a comfortable pace", [])


def check_pauses(timing: Timing, rules: dict[str, Any]) -> CheckResult:
    if timing.estimated:
        return na("pauses", "no word timings (duration estimated), so pauses cannot be measured")
    if len(timing.words) < 2:
        return na("pauses", "too few words to measure pauses")
    gaps = timing.gaps()
    p = rules["pauses"]
    long_gap, gap, several = float(p["long_gap_s"]), float(p["gap_s"]), int(p["several"])
    longest = max(g for g, _ in gaps)
    long_ones = [(g, k) for g, k in gaps if g > long_gap]
    mid = [(g, k) for g, k in gaps if g > gap]

    def where(k: int) -> str:
        return " ".join(strip_edges(w.text) for w in timing.words[max(0, k - 2) : k + 1])

    if long_ones:
        return result("pauses", "warn", f"{len(long_ones)} pause(s) over {long_gap:.0f} s (longest {longest:.1f} s) mid-answer", [where(k) for _, k in long_ones[:3]])
    if len(mid) >= several:
        return result("pauses", "warn", f"{len(mid)} pauses over {gap:.0f} s; the thread keeps breaking", [where(k) for _, k in mid[:3]])
    return result("pauses", "pass", f"no long pauses (longest {max(longest, 0):.1f} s)")


def check_intonation(t: Transcript, rules: dict[str, Any]) -> CheckResult:
    """Pitch variation and sentence-end loudness, from ``t.prosody`` (measured from
    the recording by assistant/prosody.py; thresholds and their sources in rubric.toml)."""
    p = t.prosody
    if p is None:
        return na("intonation", "no recording to hear the voice in, so intonation cannot be measured")
    r = rules["intonation"]
    if p.voiced_s < float(r["min_voiced_s"]):
        return na("intonation", f"only {p.voiced_s:.0f} s of voiced speech: too little to judge intonation")
    said = f"pitch range {p.pitch_range_st:.1f} semitones (variation {p.pitch_sd_st:.1f})"
    flat = p.pitch_range_st < float(r["monotone_range_st"])
    fades = p.end_fade_db is not None and p.end_fade_db >= float(r["fade_db"])
    fade = f"sentence ends {p.end_fade_db:.0f} dB quieter" if p.end_fade_db is not None else ""
    if flat and fades:
        return result("intonation", "warn", f"{said}, under {r['monotone_range_st']:g}: monotone, and {fade}: the voice trails off")
    if flat:
        return result("intonation", "warn", f"{said}, under {r['monotone_range_st']:g}: monotone; the listener hears no emphasis")
    if fades:
        return result("intonation", "warn", f"{said}, but {fade}: the voice trails off where the point lands")
    return result("intonation", "pass", f"{said}: a varied, carrying voice")
