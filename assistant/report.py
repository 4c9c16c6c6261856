"""One self-contained HTML report: replayable answers and progress over time.

``render_report(sessions, focus, data_dir)`` returns a single HTML document with
everything inline — CSS, a small script, charts as SVG, each recording embedded as
a base64 FLAC data URI — so it opens from disk with no network and can be mailed
to oneself.  A Content-Security-Policy allows only that inline material.

The transcript (and every other saved string) is untrusted: everything goes
through ``html.escape``.  Words are coloured by kind ("I", "we", fillers,
numbers, hypotheticals) by the small classifier below, which reads the rubric's
own lexicons from ``data/rubric.toml`` (built-in lists if that file is absent);
clicking a word seeks its recording to the word's start.

Pure code over our own types plus two readers: the recordings (via
``store.read_audio``) and soundfile to re-encode them as FLAC.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

from . import delivery
from .errors import StoreError
from .language import analyse, is_word, language_data, tokenise
from .questions import principle_name
from .rubric import check_label, load_rules
from .types import CHECK_IDS, Session, Turn


def comfortable_wpm() -> tuple[float, float]:
    """The pace band the rubric passes (data/rubric.toml [pace] comfortable_wpm), drawn on the chart."""
    low, high = load_rules().raw["pace"]["comfortable_wpm"]
    return float(low), float(high)


# ---------------------------------------------------------------- names


def lp_name(slug: str) -> str:
    """The principle's name from the question bank; an unknown slug is shown readably."""
    name = principle_name(slug) if slug else ""
    return name if name != slug else (slug.replace("-", " ").title() or "—")


def check_name(check_id: str) -> str:
    return check_label(check_id)


# ----------------------------------------------------------- word kinds

WORD_KINDS: dict[str, str] = {
    "i": "“I” — your own actions",
    "we": "“we” — whose work was it?",
    "filler": "filler",
    "number": "number",
    "hypothetical": "hypothetical",
}


def word_spans(words: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first word, end word, kind) for every coloured stretch of the answer, as the
    rubric reads it: fillers by its lexicon (and its not-after context), hypotheticals
    by the language layer's "would" clauses and the rubric's markers, numbers by the
    language layer's quantities (a number with its unit: "two days", "$2 million"),
    "I" and "we" by the language data's actors."""
    a = analyse(list(words))
    toks = a.tokens
    if not len(toks):
        return []
    rules = load_rules()
    kinds: list[str | None] = [None] * len(toks)

    def mark(t0: int, t1: int, kind: str) -> None:
        for k in range(t0, t1):
            if kinds[k] is None:
                kinds[k] = kind

    fillers = delivery.fillers(toks, rules.raw, rules.lex["fillers.words"], rules.not_after)
    for t0, t1 in fillers:
        mark(t0, t1, "filler")
    refl_from = int(len(toks) * rules.num("hypothetical", "reflection_zone_from"))
    for c in a.clauses:
        if c.actor in ("self", "team") or c.subject.lower() == "you":
            if c.time == "hypothetical" or (c.time == "future" and a.verb_token(c) < refl_from):
                t0, v = a.clause_span(c)[0], a.verb_token(c)
                t0 = min(t0, v)
                # the subject and modal ("I would"), not the verb; a filler in between ends it
                t0 = max([t0] + [k + 1 for k in range(t0, v) if kinds[k] == "filler"])
                mark(t0, max(v, t0 + 1), "hypothetical")
    for t0, t1 in toks.hits(rules.lex["hypothetical.markers"]):
        mark(t0, t1, "hypothetical")
    for q in a.quantities:
        mark(q.t0, q.t1, "number")
    actors = language_data()["actors"]
    own, team = frozenset(actors["self"]), frozenset(actors["team"])
    for k, tok in enumerate(toks.tokens):
        pronoun = tok.split("'")[0]  # "i'm", "we've"
        if pronoun in own:
            mark(k, k + 1, "i")
        elif pronoun in team:
            mark(k, k + 1, "we")
    spans: list[tuple[int, int, str]] = []
    for k, kind in enumerate(kinds):
        if kind is None:
            continue
        w = toks.word_of[k]
        if not (spans and spans[-1][1] > w):  # a word split into tokens takes its first token's kind
            spans.append((w, w + 1, kind))
    return spans


def classify_words(words: Sequence[str]) -> list[str | None]:
    """The kind of each word (a key of ``WORD_KINDS``) or None."""
    kinds: list[str | None] = [None] * len(words)
    for start, end, kind in word_spans(words):
        for k in range(start, end):
            kinds[k] = kind
    return kinds


def _filler_count(words: Sequence[str]) -> int:
    rules = load_rules()
    return len(delivery.fillers(tokenise(list(words)), rules.raw, rules.lex["fillers.words"], rules.not_after))


# -------------------------------------------------------------- numbers


def answered(turn: Turn) -> bool:
    return bool(turn.transcript and turn.transcript.words) or bool(turn.evaluation)


def turn_metrics(turn: Turn) -> dict[str, float | None]:
    """Duration, words per minute and fillers per minute of one answer.

    The rubric's own numbers (``turn.evaluation.metrics``) win; otherwise they are
    computed from the words.
    """
    metrics = dict(turn.evaluation.metrics) if turn.evaluation else {}
    words = [w.w for w in turn.transcript.words if is_word(w.w)] if turn.transcript else []
    minutes = turn.duration_seconds / 60.0
    wpm = metrics.get("words_per_minute")
    if wpm is None and words and minutes > 0:
        wpm = len(words) / minutes  # a turn saved without the rubric's figure; guarded below
    if wpm is not None and wpm > float(load_rules().raw["pace"]["fault_wpm"]):
        wpm = None  # a turn saved before the guard: a recognition fault, not the candidate's pace
    fpm = metrics.get("fillers_per_minute")
    if fpm is None and words and minutes > 0:
        fpm = _filler_count(words) / minutes
    p = turn.transcript.prosody if turn.transcript else None
    return {
        "duration_seconds": turn.duration_seconds,
        "words_per_minute": wpm,
        "fillers_per_minute": fpm,
        # how it sounded (assistant/prosody.py); None for answers typed or saved before it was measured
        "pitch_range_st": p.pitch_range_st if p else None,
        "end_fade_db": max(0.0, p.end_fade_db) if p and p.end_fade_db is not None else None,
    }


@dataclass(frozen=True)
class SessionSummary:
    turns: int
    answered: int
    incomplete: int
    principles: tuple[str, ...]
    answer_seconds: float
    passed: int
    graded: int  # checks with a verdict (pass/warn/fail; n/a excluded)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None


def summarize(session: Session) -> SessionSummary:
    principles: list[str] = []
    for t in session.turns:
        if t.lp and t.lp not in principles:
            principles.append(t.lp)
    passed = graded = 0
    for t in session.turns:
        if t.evaluation:
            for c in t.evaluation.checks.values():
                if c.status != "n/a":
                    graded += 1
                    passed += c.status == "pass"
    return SessionSummary(
        turns=len(session.turns),
        answered=sum(answered(t) for t in session.turns),
        incomplete=sum(t.status == "incomplete" for t in session.turns),
        principles=tuple(principles),
        answer_seconds=sum(t.duration_seconds for t in session.turns),
        passed=passed,
        graded=graded,
    )


def pass_rates_by_check(session: Session) -> dict[str, float]:
    tally: dict[str, list[int]] = {}
    for t in session.turns:
        if t.evaluation:
            for cid, c in t.evaluation.checks.items():
                if c.status != "n/a":
                    got = tally.setdefault(cid, [0, 0])
                    got[0] += c.status == "pass"
                    got[1] += 1
    return {cid: p / n for cid, (p, n) in tally.items()}


def clock(seconds: float) -> str:
    seconds = max(0.0, float(seconds))
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


# ---------------------------------------------------------------- audio


@dataclass
class EmbeddedAudio:
    uri: str | None
    note: str
    size: int = 0


def _audio_file(data_dir: Path, turn: Turn) -> Path:
    root = Path(data_dir).resolve()
    path = (root / str(turn.audio)).resolve()
    if root not in path.parents:
        raise StoreError(f"turn {turn.index}'s audio path points outside the data folder; it was not read.")
    return path


def embed_audio(data_dir: Path, turn: Turn) -> EmbeddedAudio:
    """The turn's recording as a FLAC data URI (WAV if FLAC cannot be written)."""
    if not turn.audio:
        return EmbeddedAudio(None, "no recording")
    try:
        path = _audio_file(data_dir, turn)
    except StoreError as exc:
        return EmbeddedAudio(None, str(exc))
    if not path.exists():
        return EmbeddedAudio(None, f"recording missing ({turn.audio})")
    if path.suffix.lower() == ".flac":
        data, mime = path.read_bytes(), "audio/flac"
    else:
        from .store import read_audio

        try:
            samples, rate = read_audio(path)
        except StoreError as exc:
            return EmbeddedAudio(None, str(exc))
        data, mime = _encode(samples, rate)
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return EmbeddedAudio(uri, f"{mime.split('/')[1].upper()}, {human_size(len(data))}", len(uri))


def _encode(samples, rate: int) -> tuple[bytes, str]:
    import soundfile as sf

    buf = io.BytesIO()
    try:
        sf.write(buf, samples, rate, format="FLAC", subtype="PCM_16")
        return buf.getvalue(), "audio/flac"
    except Exception:
        buf = io.BytesIO()
        sf.write(buf, samples, rate, format="WAV", subtype="PCM_16")
        return buf.getvalue(), "audio/wav"


# ---------------------------------------------------------------- charts

_W, _H = 340, 190
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 36, 10, 12, 28


@dataclass
class Point:
    value: float | None
    label: str  # x-axis label ("" = none)
    tip: str
    focus: bool = False


def _axis(v: float) -> tuple[float, float]:
    """A round axis top at or above ``v`` and its tick step (at most 5 steps)."""
    if v <= 0:
        return 1.0, 0.25
    mag = 10 ** math.floor(math.log10(v / 5))
    for step in (mag * k for k in (1, 2, 2.5, 5, 10, 20)):
        if math.ceil(v / step) <= 5:
            return math.ceil(v / step) * step, step
    return v, v / 4  # pragma: no cover


def line_chart(title: str, unit: str, points: list[Point], target: float | None = None,
               target_label: str = "", band: tuple[float, float] | None = None, css: str = "") -> str:
    """An SVG line chart, one point per answer, oldest on the left."""
    e = html.escape
    values = [p.value for p in points if p.value is not None]
    parts = [f'<figure class="chart {e(css)}"><figcaption>{e(title)}</figcaption>']
    if not values:
        parts.append('<p class="empty">No answers yet.</p></figure>')
        return "".join(parts)
    top, tick = _axis(max(values + [target or 0, band[1] if band else 0]) * 1.05)
    iw, ih = _W - _PAD_L - _PAD_R, _H - _PAD_T - _PAD_B
    n = len(points)

    def x(i: int) -> float:
        return _PAD_L + (iw / 2 if n == 1 else iw * i / (n - 1))

    def y(v: float) -> float:
        return _PAD_T + ih * (1 - v / top)

    svg = [f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-label="{e(title)}">']
    if band:
        svg.append(
            f'<rect class="band" x="{_PAD_L}" y="{y(band[1]):.1f}" width="{iw}" '
            f'height="{y(band[0]) - y(band[1]):.1f}"><title>{e(f"comfortable range {band[0]:.0f}–{band[1]:.0f} {unit}")}</title></rect>'
        )
    for k in range(round(top / tick) + 1):
        v = tick * k
        svg.append(f'<line class="grid" x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
        svg.append(f'<text class="tick" x="{_PAD_L - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    if target is not None:
        svg.append(f'<line class="target" x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{y(target):.1f}" y2="{y(target):.1f}"/>')
        svg.append(f'<text class="target-label" x="{_W - _PAD_R - 4}" y="{y(target) - 5:.1f}" text-anchor="end">{e(target_label)}</text>')
    coords = [(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None]
    if len(coords) > 1:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        svg.append(f'<polyline class="line" points="{path}"/>')
    step = max(1, -(-n // 8))
    for i, p in enumerate(points):
        if p.label and i % step == 0:
            svg.append(f'<text class="xlabel" x="{x(i):.1f}" y="{_H - 9}" text-anchor="middle">{e(p.label)}</text>')
        if p.value is None:
            continue
        cls = "dot focus" if p.focus else "dot"
        svg.append(
            f'<circle class="{cls}" cx="{x(i):.1f}" cy="{y(p.value):.1f}" r="{4.5 if p.focus else 3.5}">'
            f"<title>{e(p.tip)}: {p.value:.0f} {e(unit)}</title></circle>"
        )
    svg.append("</svg>")
    parts.append("".join(svg))
    parts.append("</figure>")
    return "".join(parts)


def _rate_color(rate: float) -> str:
    # red (0) -> amber (0.5) -> green (1), as HSL hue 4..140
    hue = 4 + 136 * max(0.0, min(1.0, rate))
    return f"hsl({hue:.0f} 62% 46%)"


def heatmap(sessions_oldest_first: list[Session], focus: Session | None, max_columns: int = 16) -> str:
    """Pass rate per check (rows) per session (columns), oldest on the left."""
    e = html.escape
    columns = [(s, pass_rates_by_check(s)) for s in sessions_oldest_first]
    columns = [(s, r) for s, r in columns if r]
    dropped = max(0, len(columns) - max_columns)
    columns = columns[dropped:]
    parts = ['<figure class="chart wide"><figcaption>Pass rate per check, per session</figcaption>']
    if not columns:
        parts.append('<p class="empty">No scored answers yet.</p></figure>')
        return "".join(parts)
    seen: list[str] = []
    for cid in list(CHECK_IDS) + [c for _, r in columns for c in r]:
        if cid not in seen and any(cid in r for _, r in columns):
            seen.append(cid)
    label_w, cell_w, cell_h, head_h = 150, 46, 24, 40
    width = label_w + cell_w * len(columns) + 8
    height = head_h + cell_h * len(seen) + 6
    svg = [f'<svg viewBox="0 0 {width} {height}" style="max-width:{width}px" role="img" aria-label="pass rate per check">']
    for j, (s, _) in enumerate(columns):
        cx = label_w + cell_w * j + cell_w / 2
        day, time_ = _short_date(s.started_at)
        cls = "colhead focus" if focus is not None and s.id == focus.id else "colhead"
        svg.append(f'<text class="{cls}" x="{cx:.1f}" y="16" text-anchor="middle">{e(day)}</text>')
        svg.append(f'<text class="{cls} small" x="{cx:.1f}" y="30" text-anchor="middle">{e(time_)}</text>')
    for i, cid in enumerate(seen):
        cy = head_h + cell_h * i
        svg.append(f'<text class="rowhead" x="{label_w - 8}" y="{cy + cell_h / 2 + 4:.1f}" text-anchor="end">{e(check_name(cid))}</text>')
        for j, (s, rates) in enumerate(columns):
            cx = label_w + cell_w * j
            if cid not in rates:
                svg.append(f'<rect class="cell none" x="{cx + 2}" y="{cy + 2}" width="{cell_w - 4}" height="{cell_h - 4}" rx="4"/>')
                continue
            rate = rates[cid]
            svg.append(
                f'<rect class="cell" x="{cx + 2}" y="{cy + 2}" width="{cell_w - 4}" height="{cell_h - 4}" rx="4" '
                f'fill="{_rate_color(rate)}"><title>{e(s.id)} · {e(check_name(cid))}: {rate:.0%} pass</title></rect>'
            )
            svg.append(f'<text class="celltext" x="{cx + cell_w / 2:.1f}" y="{cy + cell_h / 2 + 4:.1f}" text-anchor="middle">{rate * 100:.0f}</text>')
    svg.append("</svg>")
    parts.append("".join(svg))
    if dropped:
        parts.append(f'<p class="note">Showing the latest {max_columns} scored sessions; {dropped} older not shown.</p>')
    parts.append("</figure>")
    return "".join(parts)


def _short_date(started_at: str) -> tuple[str, str]:
    try:
        dt = datetime.strptime(started_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return started_at[:10], started_at[11:16]
    return dt.strftime("%b %d").replace(" 0", " "), dt.strftime("%H:%M")


def progress_section(sessions: list[Session], focus: Session | None, target_seconds: float = 90.0) -> str:
    oldest_first = sorted(sessions, key=lambda s: (s.started_at, s.id))
    dur: list[Point] = []
    wpm: list[Point] = []
    fpm: list[Point] = []
    pitch: list[Point] = []
    fade: list[Point] = []
    for s in oldest_first:
        first = True
        for t in s.turns:
            if not answered(t):
                continue
            m = turn_metrics(t)
            label = _short_date(s.started_at)[0] if first else ""
            first = False
            tip = f"{s.id} · turn {t.index} · {lp_name(t.lp)}"
            is_focus = focus is not None and s.id == focus.id
            dur.append(Point(m["duration_seconds"], label, tip, is_focus))
            wpm.append(Point(m["words_per_minute"], label, tip, is_focus))
            fpm.append(Point(m["fillers_per_minute"], label, tip, is_focus))
            pitch.append(Point(m["pitch_range_st"], label, tip, is_focus))
            fade.append(Point(m["end_fade_db"], label, tip, is_focus))
    into = load_rules().raw["intonation"]
    charts = [
        line_chart("Answer length (seconds)", "s", dur, target=target_seconds, target_label=f"{target_seconds:.0f} s target", css="c-dur"),
        line_chart("Words per minute", "wpm", wpm, band=comfortable_wpm(), css="c-wpm"),
        line_chart("Fillers per minute", "per min", fpm, css="c-fill"),
        line_chart("Pitch range (semitones)", "st", pitch, target=float(into["monotone_range_st"]),
                   target_label=f'monotone below {into["monotone_range_st"]:g} st', css="c-pitch"),
        line_chart("Sentence-end fade (dB)", "dB", fade, target=float(into["fade_db"]),
                   target_label=f'trails off above {into["fade_db"]:g} dB', css="c-fade"),
        heatmap(oldest_first, focus),
    ]
    return (
        '<section class="progress card"><h2>Progress over time</h2>'
        f'<p class="sub">{len(dur)} answers across {len(sessions)} sessions, oldest on the left'
        + (" · this session's answers are the larger dots" if focus else "")
        + f'</p><div class="charts">{"".join(charts)}</div></section>'
    )


# --------------------------------------------------------------- turns

_STATUS_ICON = {"pass": "✓", "warn": "!", "fail": "✗", "n/a": "–"}


def _transcript_html(turn: Turn, audio_id: str | None) -> str:
    e = html.escape
    inaudible = list(turn.transcript.inaudible) if turn.transcript else []
    if not turn.transcript or not (turn.transcript.words or inaudible):
        return '<p class="empty">No words were heard in this answer.</p>'
    words = turn.transcript.words
    kinds = classify_words([w.w for w in words])
    spans = []
    for w, kind in zip(words, kinds):
        while inaudible and inaudible[0][0] < w.start:  # speech heard but not readable, in its place
            spans.append(_inaudible_span(*inaudible.pop(0)))
        cls = f"w k-{kind}" if kind else "w"
        spans.append(f'<span class="{cls}" data-s="{w.start:.2f}" data-e="{w.end:.2f}">{e(w.w)}</span>')
    spans.extend(_inaudible_span(a, b) for a, b in inaudible)
    target = f' data-audio="{audio_id}"' if audio_id else ""
    return f'<div class="transcript"{target}>{" ".join(spans)}</div>'


_CW, _CH, _CPAD = 640, 110, 30  # the pitch contour's drawing, in SVG units
_CRANGE_ST = 12.0  # +-1 octave around the speaker's median: nearly all speech fits


def _contour_html(turn: Turn) -> str:
    """The answer's pitch over time, drawn under its transcript (semitones around the
    speaker's own median; the shaded band is the monotone range, rubric.toml [intonation])."""
    p = turn.transcript.prosody if turn.transcript else None
    if p is None or not p.contour:
        return ""
    e = html.escape
    span = max(turn.duration_seconds, p.contour[-1][0], 1.0)
    band = float(load_rules().raw["intonation"]["monotone_range_st"]) / 2

    def x(t: float) -> float:
        return _CPAD + (_CW - _CPAD - 6) * t / span

    def y(st: float) -> float:
        st = max(-_CRANGE_ST, min(_CRANGE_ST, st))
        return 8 + (_CH - 16) * (1 - (st + _CRANGE_ST) / (2 * _CRANGE_ST))

    lines, run, last = [], [], None
    for t, st in p.contour:
        if last is not None and t - last > 0.6:  # a pause: the voice stopped, so does the line
            lines.append(run)
            run = []
        run.append(f"{x(t):.1f},{y(st):.1f}")
        last = t
    lines.append(run)
    svg = [f'<svg viewBox="0 0 {_CW} {_CH}" role="img" aria-label="pitch contour">']
    svg.append(f'<rect class="band" x="{_CPAD}" y="{y(band):.1f}" width="{_CW - _CPAD - 6}" height="{y(-band) - y(band):.1f}">'
               f'<title>a voice that stays inside this {2 * band:g}-semitone band is monotone</title></rect>')
    for st in (-_CRANGE_ST, 0.0, _CRANGE_ST):
        svg.append(f'<line class="grid" x1="{_CPAD}" x2="{_CW - 6}" y1="{y(st):.1f}" y2="{y(st):.1f}"/>')
        svg.append(f'<text class="tick" x="{_CPAD - 4}" y="{y(st) + 4:.1f}" text-anchor="end">{st:+g}</text>')
    for run in lines:
        if len(run) > 1:
            svg.append(f'<polyline class="line" points="{" ".join(run)}"/>')
        elif run:
            cx, cy = run[0].split(",")
            svg.append(f'<circle class="pt" cx="{cx}" cy="{cy}" r="1.8"/>')
    svg.append("</svg>")
    fade = f" · sentence ends {p.end_fade_db:.0f} dB quieter" if p.end_fade_db is not None else ""
    caption = f"Pitch (semitones around your {p.median_hz:.0f} Hz median): range {p.pitch_range_st:.1f} st, variation {p.pitch_sd_st:.1f} st{fade}"
    return f'<figure class="contour"><figcaption>{e(caption)}</figcaption>{"".join(svg)}</figure>'


def _inaudible_span(start: float, end: float) -> str:
    return (
        f'<span class="w inaudible" data-s="{start:.2f}" data-e="{end:.2f}" '
        f'title="speech that could not be transcribed">[inaudible {end - start:.1f} s]</span>'
    )


def _checks_html(turn: Turn) -> str:
    e = html.escape
    if not turn.evaluation or not turn.evaluation.checks:
        return ""
    rows = []
    order = {cid: i for i, cid in enumerate(CHECK_IDS)}
    checks = sorted(turn.evaluation.checks.values(), key=lambda c: ({"fail": 0, "warn": 1, "pass": 2}.get(c.status, 3), order.get(c.id, 99)))
    for c in checks:
        status = c.status if c.status in _STATUS_ICON else "n/a"
        evidence = "".join(f"<q>{e(x)}</q>" for x in c.evidence)
        rows.append(
            f'<li class="check st-{"na" if status == "n/a" else status}">'
            f'<span class="pill">{_STATUS_ICON[status]} {e(status)}</span>'
            f'<span class="cname">{e(check_name(c.id))}</span>'
            f'<span class="cmsg">{e(c.message)}{f"<span class=evidence>{evidence}</span>" if evidence else ""}</span></li>'
        )
    return f'<h4>Checks</h4><ul class="checks">{"".join(rows)}</ul>'


def _turn_html(session: Session, turn: Turn, data_dir: Path, embed: bool, sizes: list[int], target_seconds: float = 90.0) -> str:
    e = html.escape
    audio_id = None
    audio_html = ""
    if turn.audio:
        if embed:
            emb = embed_audio(data_dir, turn)
            if emb.uri:
                audio_id = f"a-{session.id}-{turn.index}"
                sizes.append(emb.size)
                audio_html = (
                    f'<div class="player"><audio id="{e(audio_id)}" controls preload="auto" src="{emb.uri}"></audio>'
                    f'<span class="note">{e(emb.note)}</span></div>'
                )
            else:
                audio_html = f'<p class="note warn">{e(emb.note)}</p>'
        else:
            audio_html = '<p class="note">Recording not embedded (report made with --no-audio).</p>'
    kind = "Follow-up" if turn.kind == "follow_up" else "Question"
    status_badge = "" if turn.status == "complete" else f'<span class="badge st-{e(turn.status)}">{e(turn.status)}</span>'
    m = turn_metrics(turn)
    facts = [clock(turn.duration_seconds)]
    if m["words_per_minute"]:
        facts.append(f'{m["words_per_minute"]:.0f} wpm')
    if m["fillers_per_minute"] is not None and answered(turn):
        facts.append(f'{m["fillers_per_minute"]:.1f} fillers/min')
    over = " over" if turn.duration_seconds > target_seconds else ""
    fb = ""
    if turn.feedback:
        fb += f'<div class="say"><h4>Feedback</h4><p>{e(turn.feedback)}</p></div>'
    if turn.follow_up:
        fb += f'<div class="say next"><h4>Follow-up</h4><p>{e(turn.follow_up)}</p></div>'
    return (
        f'<article class="turn card" id="t-{e(session.id)}-{turn.index}">'
        f'<header><span class="badge kind">{kind} {turn.index}</span>'
        f'<span class="badge lp">{e(lp_name(turn.lp))}</span>{status_badge}'
        f'<span class="facts{over}">{" · ".join(e(f) for f in facts)}</span></header>'
        f'<h3 class="q">{e(turn.question)}</h3>'
        f"{audio_html}{_transcript_html(turn, audio_id)}{_contour_html(turn)}{_checks_html(turn)}"
        f'{f"<div class=feedback>{fb}</div>" if fb else ""}</article>'
    )


def _debrief_html(debrief: dict | None) -> str:
    e = html.escape
    if not debrief:
        return ""
    rows = []
    for slug, v in (debrief.get("principles") or {}).items():
        verdict = str(v.get("verdict", ""))
        cls = "pass" if verdict == "inclined" else "fail"
        ev = "".join(f"<q>{e(str(x))}</q>" for x in v.get("evidence", []))
        rows.append(
            f'<li class="check st-{cls}"><span class="pill">{e(verdict)}</span><span class="cname">{e(lp_name(slug))}</span>'
            f'<span class="cmsg"><span class="evidence">{ev}</span></span></li>'
        )
    flags = "".join(
        f'<li><strong>{e(str(f.get("kind", "")).replace("_", " "))}</strong> — {e(str(f.get("message", "")))}</li>'
        for f in debrief.get("flags") or []
    )
    br = debrief.get("bar_raiser")
    return (
        '<section class="card debrief"><h3>Debrief</h3>'
        + (f'<p>Bar Raiser: <span class="badge {"ok" if br == "inclined" else "bad"}">{e(str(br))}</span></p>' if br else "")
        + (f'<ul class="checks">{"".join(rows)}</ul>' if rows else "")
        + (f'<h4>Flags</h4><ul class="flags">{flags}</ul>' if flags else "")
        + "</section>"
    )


def _session_html(session: Session, data_dir: Path, embed: bool, sizes: list[int], target_seconds: float = 90.0) -> str:
    e = html.escape
    s = summarize(session)
    day, time_ = _short_date(session.started_at)
    rate = f"{s.pass_rate:.0%} of checks passed" if s.pass_rate is not None else "not scored"
    turns = "".join(_turn_html(session, t, data_dir, embed, sizes, target_seconds) for t in session.turns)
    if not turns:
        turns = '<p class="empty card">No turns were saved in this session.</p>'
    return (
        f'<section class="session" id="s-{e(session.id)}">'
        f'<h2>{e(session.mode.capitalize())} · {e(day)} {e(time_)} <span class="sid">{e(session.id)}</span></h2>'
        f'<p class="sub">{s.turns} turns · {clock(s.answer_seconds)} of answers · {rate}'
        + (f" · {s.incomplete} incomplete" if s.incomplete else "")
        + f"</p>{_debrief_html(session.debrief)}{turns}</section>"
    )


def _legend() -> str:
    items = "".join(f'<span class="w k-{k}">{html.escape(label)}</span>' for k, label in WORD_KINDS.items())
    return f'<div class="legend"><span class="lt">Transcript colours</span>{items}<span class="hint">click a word to hear it</span></div>'


# ---------------------------------------------------------------- page

CSS = """
:root{--bg:#f4f5f7;--card:#fff;--ink:#1d2330;--muted:#667085;--line:#e4e7ec;--accent:#3b5bdb;
--i:#1c64f2;--i-bg:#e1ecff;--we:#b45309;--we-bg:#fef0c7;--filler:#c01048;--filler-bg:#ffe4e8;
--num:#067647;--num-bg:#dcfae6;--hyp:#6927da;--hyp-bg:#efe6ff;--pass:#12805c;--warn:#b54708;--fail:#c4320a}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue","Noto Sans","DejaVu Sans",Arial,sans-serif;-webkit-font-smoothing:antialiased}
.wrap{max-width:1040px;margin:0 auto;padding:28px 20px 60px}
.top{display:flex;align-items:baseline;justify-content:space-between;gap:12px;flex-wrap:wrap;margin-bottom:18px}
.top h1{margin:0;font-size:26px;letter-spacing:-.02em}
.top h1 span{color:var(--accent)}
.meta{color:var(--muted);font-size:13px}
.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:18px 22px;margin:14px 0;
box-shadow:0 1px 2px rgba(16,24,40,.05)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:10px 0 4px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 16px}
.stat b{display:block;font-size:22px;letter-spacing:-.01em}
.stat span{color:var(--muted);font-size:12.5px;text-transform:uppercase;letter-spacing:.04em}
h2{font-size:19px;margin:26px 0 2px;letter-spacing:-.01em}
.card h2{margin-top:0}
.sid{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);font-weight:400;margin-left:6px}
.sub{color:var(--muted);margin:0 0 6px;font-size:13.5px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px 22px;margin-top:10px}
.chart{margin:0}.chart.wide{grid-column:1/-1}
figcaption{font-weight:600;font-size:13.5px;margin-bottom:4px}
.chart svg{width:100%;height:auto;display:block}
.grid{stroke:#eef0f3}.tick,.xlabel{fill:#98a2b3;font-size:11px}
.line{fill:none;stroke:var(--accent);stroke-width:2;stroke-linejoin:round}
.dot{fill:#fff;stroke:var(--accent);stroke-width:2}.dot.focus{fill:var(--accent)}
.c-fill .line{stroke:var(--filler)}.c-fill .dot{stroke:var(--filler)}.c-fill .dot.focus{fill:var(--filler)}
.c-wpm .line{stroke:var(--num)}.c-wpm .dot{stroke:var(--num)}.c-wpm .dot.focus{fill:var(--num)}
.c-pitch .line,.contour .line{stroke:#7a5af8}.c-pitch .dot{stroke:#7a5af8}.c-pitch .dot.focus{fill:#7a5af8}
.contour{margin:8px 0 4px}.contour svg{width:100%;max-width:640px;height:auto;display:block}
.contour figcaption{font-weight:500;color:var(--muted);font-size:12.5px}.contour .pt{fill:#7a5af8}
.target{stroke:var(--fail);stroke-dasharray:6 4;stroke-width:1.5}
.target-label{fill:var(--fail);font-size:11px;font-weight:600}
.band{fill:var(--num-bg);opacity:.7}
.rowhead{font-size:12px;fill:var(--ink)}.colhead{font-size:11px;fill:var(--muted)}.colhead.focus{fill:var(--accent);font-weight:700}
.colhead.small{font-size:10px}
.cell.none{fill:#f2f4f7}.celltext{fill:#fff;font-size:11px;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:13px;margin:8px 0 0}
.legend .lt{color:var(--muted);margin-right:2px}.legend .hint{color:var(--muted);font-style:italic;margin-left:auto}
.turn header{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:2px 9px;border-radius:999px;background:#eef2ff;color:var(--accent)}
.badge.lp{background:#f2f4f7;color:var(--ink);font-weight:500}
.badge.st-incomplete{background:#fef0c7;color:var(--warn)}.badge.st-unanswered{background:#f2f4f7;color:var(--muted)}
.badge.ok{background:#dcfae6;color:var(--pass)}.badge.bad{background:#fee4e2;color:var(--fail)}
.facts{margin-left:auto;color:var(--muted);font-size:13px;font-variant-numeric:tabular-nums}
.facts.over{color:var(--fail)}
.q{font-size:17px;margin:10px 0 12px;line-height:1.4;font-weight:600}
.player{display:flex;align-items:center;gap:12px;margin:4px 0 10px}
.player audio{width:100%;max-width:520px;height:36px}
.note{color:var(--muted);font-size:12px;white-space:nowrap}.note.warn{color:var(--warn)}
.transcript{font-size:16px;line-height:2;padding:10px 14px;background:#fafbfc;border:1px solid var(--line);border-radius:10px}
.w{cursor:pointer;border-radius:4px;padding:1px 1px;transition:background .1s}
.w:hover{background:#e4e7ec}
.k-i{color:var(--i);background:var(--i-bg);font-weight:600}
.k-we{color:var(--we);background:var(--we-bg);font-weight:600}
.k-filler{color:var(--filler);background:var(--filler-bg);text-decoration:line-through;text-decoration-thickness:1px}
.k-number{color:var(--num);background:var(--num-bg);font-weight:600}
.k-hypothetical{color:var(--hyp);background:var(--hyp-bg);font-style:italic}
.legend .w{padding:2px 8px;cursor:default}
.w.now{outline:2px solid var(--accent);outline-offset:1px;background:#dbe4ff}
h4{margin:16px 0 6px;font-size:12.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.checks{list-style:none;margin:0;padding:0;display:grid;gap:6px}
.check{display:grid;grid-template-columns:88px 170px 1fr;gap:10px;align-items:start;padding:7px 10px;border-radius:8px;background:#fafbfc}
.pill{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;border-radius:6px;padding:1px 8px;text-align:center}
.st-pass .pill{background:#dcfae6;color:var(--pass)}.st-warn .pill{background:#fef0c7;color:var(--warn)}
.st-fail .pill{background:#fee4e2;color:var(--fail)}.st-na .pill{background:#f2f4f7;color:var(--muted)}
.cname{font-weight:600}.cmsg{color:#344054}
.evidence{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}
q{font-size:13px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:0 7px;color:#475467;font-style:italic}
.feedback{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:6px}
.say{border-left:3px solid var(--accent);padding:2px 12px;background:#f5f7ff;border-radius:0 8px 8px 0}
.say.next{border-color:var(--hyp);background:#f8f5ff}.say p{margin:0 0 8px}.say h4{margin-top:8px}
.empty{color:var(--muted);font-style:italic}
.flags{margin:0;padding-left:18px}
footer{color:var(--muted);font-size:12px;margin-top:30px;text-align:center}
@media (max-width:700px){.check{grid-template-columns:1fr}.feedback{grid-template-columns:1fr}}
@media print{body{background:#fff}.card{box-shadow:none}.player{display:none}}
"""

SCRIPT = """
(function () {
  "use strict";
  var transcripts = document.querySelectorAll(".transcript[data-audio]");
  Array.prototype.forEach.call(transcripts, function (tr) {
    var audio = document.getElementById(tr.getAttribute("data-audio"));
    if (!audio) { return; }
    var words = Array.prototype.slice.call(tr.querySelectorAll(".w"));
    var current = null;
    tr.addEventListener("click", function (ev) {
      var w = ev.target.closest(".w");
      if (!w) { return; }
      audio.currentTime = parseFloat(w.getAttribute("data-s"));
      var played = audio.play();
      if (played && played.catch) { played.catch(function () {}); }
    });
    audio.addEventListener("timeupdate", function () {
      var t = audio.currentTime, found = null;
      for (var i = 0; i < words.length; i++) {
        if (parseFloat(words[i].getAttribute("data-s")) <= t + 0.05) { found = words[i]; } else { break; }
      }
      if (found && t > parseFloat(found.getAttribute("data-e")) + 0.6) { found = null; }
      if (found !== current) {
        if (current) { current.classList.remove("now"); }
        if (found) { found.classList.add("now"); }
        current = found;
      }
    });
  });
})();
"""


def render_report(
    sessions: list[Session],
    focus: Session | None,
    data_dir: Path,
    *,
    embed_audio_files: bool = True,
    generated_at: datetime | None = None,
    target_seconds: float = 90.0,
    quiz: Sequence[dict] = (),
) -> str:
    """The report as one HTML document.

    ``sessions`` feed the progress charts; ``focus`` is the session shown in full
    (None: every session in full, newest first).  Recordings are read from
    ``data_dir`` and embedded unless ``embed_audio_files`` is False.
    """
    e = html.escape
    generated = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    shown = [focus] if focus is not None else sorted(sessions, key=lambda s: (s.started_at, s.id), reverse=True)
    progress_pool = list(sessions)
    if focus is not None and all(s.id != focus.id for s in progress_pool):
        progress_pool.append(focus)
    sizes: list[int] = []
    body = "".join(_session_html(s, data_dir, embed_audio_files, sizes, target_seconds) for s in shown)
    if not shown:
        body = '<p class="empty card">No sessions yet — start one with <code>lp-coach practice</code>.</p>'
    all_turns = [t for s in progress_pool for t in s.turns if answered(t)]
    passed = sum(summarize(s).passed for s in progress_pool)
    graded = sum(summarize(s).graded for s in progress_pool)
    within = sum(1 for t in all_turns if 0 < t.duration_seconds <= target_seconds)
    avg = sum(t.duration_seconds for t in all_turns) / len(all_turns) if all_turns else 0.0
    stats = (
        '<div class="stats">'
        f'<div class="stat"><b>{len(progress_pool)}</b><span>sessions</span></div>'
        f'<div class="stat"><b>{len(all_turns)}</b><span>answers</span></div>'
        f'<div class="stat"><b>{clock(avg)}</b><span>average length</span></div>'
        f'<div class="stat"><b>{within}/{len(all_turns)}</b><span>within {target_seconds:.0f} s</span></div>'
        f'<div class="stat"><b>{f"{passed / graded:.0%}" if graded else "—"}</b><span>checks passed</span></div>'
        "</div>"
    )
    title = f"Session {focus.id}" if focus is not None else "All sessions"
    embedded = (
        f"{len(sizes)} recording{'s' if len(sizes) != 1 else ''} embedded ({human_size(sum(sizes))})"
        if sizes
        else "no recordings embedded"
    )
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; media-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>lp-coach · {e(title)}</title><style>{CSS}</style></head><body><div class=\"wrap\">"
        f'<div class="top"><h1><span>lp-coach</span> · {e(title)}</h1>'
        f'<div class="meta">generated {e(generated)} · {e(embedded)}</div></div>'
        f"{stats}{progress_section(progress_pool, focus, target_seconds)}{quiz_section(quiz)}{_legend()}{body}"
        '<footer>Made on this machine by lp-coach. Private: it contains your recorded answers.</footer>'
        f"</div><script>{SCRIPT}</script></body></html>\n"
    )


def quiz_section(results: Sequence[dict]) -> str:
    """The self-check quiz (lp-coach quiz): each question's latest score and the points
    still missed, so the report shows what the guide's checks still need."""
    if not results:
        return ""
    e = html.escape
    latest: dict[str, dict] = {}
    for r in results:  # oldest first: the last one per question wins
        latest[str(r["id"])] = r
    rows = []
    for r in latest.values():
        missed = [p["point"] for p in r.get("points", []) if not p.get("covered")]
        tries = sum(1 for x in results if x["id"] == r["id"])
        rows.append(
            f'<tr><td>{e(str(r["question"]))}</td><td class="num">{float(r["score"]):.0%}</td><td class="num">{tries}</td>'
            f'<td>{e("; ".join(missed)) if missed else "all key points covered"}</td></tr>'
        )
    return (
        '<section class="card quiz"><h2>Self-check quiz</h2>'
        "<table><thead><tr><th>question</th><th>latest score</th><th>answers</th><th>still missed</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def write_report(path: Path, text: str) -> int:
    """Write the report privately (0600); returns its size in bytes."""
    import os

    data = text.encode("utf-8")
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise StoreError(f"cannot write the report to {path} ({exc.strerror}); choose another --out file.") from None
    return len(data)


def missing_recordings(sessions: Iterable[Session], data_dir: Path) -> list[str]:
    """Relative paths of recordings the sessions name but the data folder lacks."""
    missing = []
    for s in sessions:
        for t in s.turns:
            if t.audio:
                try:
                    if not _audio_file(data_dir, t).exists():
                        missing.append(t.audio)
                except StoreError:
                    missing.append(t.audio)
    return missing


__all__ = [
    "render_report",
    "write_report",
    "classify_words",
    "summarize",
    "SessionSummary",
    "turn_metrics",
    "lp_name",
    "check_name",
    "clock",
    "missing_recordings",
]
