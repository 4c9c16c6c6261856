"""The data that flows through a turn, owned in one place.

Every stage takes one of these and returns one of these; no faster-whisper,
sounddevice or sqlite object travels past its adapter.  Each type has
``to_dict``/``from_dict`` so the JSON contract in docs/ARCHITECTURE.md is produced here and
nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

Status = Literal["pass", "warn", "fail", "n/a"]
STATUSES: tuple[str, ...] = ("pass", "warn", "fail", "n/a")

# docs/ARCHITECTURE.md's stable check ids, in the order the rubric reports them ("more may be
# added": pauses came from the word timings).  The question bank's probe tags and
# the rubric both refer to these.
CHECK_IDS: tuple[str, ...] = (
    "length",
    "i_vs_we",
    "quantified_result",
    "business_impact",
    "past_tense",
    "reflection",
    "self_driven",
    "delegation",
    "star",
    "lp_framing",
    "fillers",
    "pace",
    "pauses",
    "backbone",
    "real_failure",
    "intonation",
)

TurnKind = Literal["question", "follow_up"]
# complete: answered and scored; incomplete: interrupted (Ctrl-C, crash, disk full),
# audio kept; unanswered: asked but no speech heard, nothing scored.
TurnStatus = Literal["complete", "incomplete", "unanswered"]


@dataclass(frozen=True)
class Word:
    """One recognised word with its absolute time in the answer, in seconds.
    (Saved as ``{"w", "start", "end"}``: the JSON contract keeps its short key.)"""

    text: str
    start: float
    end: float

    def to_dict(self) -> dict[str, Any]:
        return {"w": self.text, "start": round(self.start, 2), "end": round(self.end, 2)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Word":
        return cls(str(d["w"]), float(d["start"]), float(d["end"]))


@dataclass(frozen=True)
class Prosody:
    """How the answer sounded, measured from its audio (assistant/prosody.py).

    Pitch is in semitones relative to the speaker's own median F0 over voiced
    speech, so a low and a high voice compare alike.  ``pitch_range_st`` is the
    5th-to-95th percentile span (robust to the odd octave error), ``pitch_sd_st``
    the standard deviation.  ``end_fade_db`` is the median drop in level from a
    phrase's body to its last 0.3 s of voicing (positive: the voice fades; None
    when too few phrases to say).  ``contour`` is (seconds, semitones) every
    0.25 s of voiced speech, for the report's drawing.
    """

    pitch_range_st: float
    pitch_sd_st: float
    voiced_s: float
    median_hz: float
    end_fade_db: float | None = None
    contour: tuple[tuple[float, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "pitch_range_st": round(self.pitch_range_st, 2),
            "pitch_sd_st": round(self.pitch_sd_st, 2),
            "voiced_s": round(self.voiced_s, 2),
            "median_hz": round(self.median_hz, 1),
            "end_fade_db": None if self.end_fade_db is None else round(self.end_fade_db, 1),
            "contour": [[round(t, 2), round(st, 2)] for t, st in self.contour],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Prosody":
        fade = d.get("end_fade_db")
        return cls(
            float(d.get("pitch_range_st", 0.0)),
            float(d.get("pitch_sd_st", 0.0)),
            float(d.get("voiced_s", 0.0)),
            float(d.get("median_hz", 0.0)),
            None if fade is None else float(fade),
            tuple((float(t), float(st)) for t, st in d.get("contour", ())),
        )


@dataclass(frozen=True)
class Transcript:
    """What the candidate said: words with times, and how long the answer lasted.

    ``duration_estimated`` is True when the words came from a text file and the
    times were spread at a nominal speaking rate rather than measured.

    From audio, every word has a letter or a digit (punctuation is never a
    word), repetition loops are cut, and word times are absolute seconds in
    the answer, in order.  ``inaudible`` lists (start, end) seconds of speech
    the voice detector heard but that decoded to nothing, even on a second
    try: said, but not readable.  ``voiced_seconds`` is how much of the answer
    the voice detector called speech (None when unknown: a text transcript).
    ``prosody`` is how it sounded, measured from the recording (None for a
    text transcript, or data saved before it was measured).
    """

    words: tuple[Word, ...]
    duration_seconds: float
    duration_estimated: bool = False
    inaudible: tuple[tuple[float, float], ...] = ()
    voiced_seconds: float | None = None
    prosody: Prosody | None = None

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def word_count(self) -> int:
        return len(self.words)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "words": [w.to_dict() for w in self.words],
            "duration_seconds": round(self.duration_seconds, 2),
            "duration_estimated": self.duration_estimated,
        }
        if self.inaudible:
            d["inaudible"] = [[round(a, 2), round(b, 2)] for a, b in self.inaudible]
        if self.voiced_seconds is not None:
            d["voiced_seconds"] = round(self.voiced_seconds, 2)
        if self.prosody is not None:
            d["prosody"] = self.prosody.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Transcript":
        voiced = d.get("voiced_seconds")
        return cls(
            tuple(Word.from_dict(w) for w in d.get("words", [])),
            float(d.get("duration_seconds", 0.0)),
            bool(d.get("duration_estimated", False)),
            tuple((float(a), float(b)) for a, b in d.get("inaudible", ())),
            None if voiced is None else float(voiced),
            Prosody.from_dict(d["prosody"]) if d.get("prosody") else None,
        )


@dataclass(frozen=True)
class Principle:
    """One Leadership Principle as the question bank describes it."""

    slug: str
    name: str
    rank: int  # 1 = asked most often in IC loops, per the guide's frequency list
    listens_for: tuple[str, ...] = ()
    frequency_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "rank": self.rank,
            "listens_for": list(self.listens_for),
            "frequency_note": self.frequency_note,
        }


@dataclass(frozen=True)
class Question:
    """A prompt the coach asks: an LP question or a Bar-Raiser follow-up probe.

    ``tags`` mark question families the rubric treats specially, e.g. ``failure``
    (the real_failure check applies) or ``opener``.
    """

    text: str
    lp: str  # principle slug
    kind: TurnKind = "question"
    tags: tuple[str, ...] = ()
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "lp": self.lp, "kind": self.kind, "tags": list(self.tags)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Question":
        return cls(
            text=str(d["text"]),
            lp=str(d["lp"]),
            kind=d.get("kind", "question"),
            tags=tuple(d.get("tags", ())),
            id=str(d.get("id", "")),
        )


@dataclass(frozen=True)
class CheckResult:
    """One rubric check's verdict; ``evidence`` quotes the answer's own words."""

    id: str
    status: Status
    message: str
    evidence: tuple[str, ...] = ()
    # the beats a warn/fail is missing, by name ("commit", "close", "cost"): what the
    # follow-up should ask about; runtime only, not part of the saved JSON contract
    missing: tuple[str, ...] = ()
    # the candidate's own claim behind a pass ("late deliveries dropped from 12% to 4%"),
    # for a follow-up that quotes it back; runtime only
    claim: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "message": self.message, "evidence": list(self.evidence)}

    @classmethod
    def from_dict(cls, check_id: str, d: Mapping[str, Any]) -> "CheckResult":
        return cls(check_id, d["status"], str(d.get("message", "")), tuple(d.get("evidence", ())))


@dataclass(frozen=True)
class Evaluation:
    """The rubric's output for one answer: one CheckResult per check id, in order.

    ``metrics`` holds the raw numbers the checks computed (words per minute,
    fillers per minute, I/we counts, ...) so reports can chart them.
    """

    lp: str
    question: str
    duration_seconds: float
    word_count: int
    checks: dict[str, CheckResult]
    metrics: dict[str, float] = field(default_factory=dict)
    duration_estimated: bool = False
    target_seconds: float = 90.0  # the length the answer was graded against (config)

    def failing(self) -> list[CheckResult]:
        return [c for c in self.checks.values() if c.status == "fail"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "lp": self.lp,
            "question": self.question,
            "duration_seconds": round(self.duration_seconds, 2),
            "duration_estimated": self.duration_estimated,
            "word_count": self.word_count,
            "checks": {k: c.to_dict() for k, c in self.checks.items()},
            "metrics": {k: round(v, 3) for k, v in self.metrics.items()},
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Evaluation":
        return cls(
            lp=str(d.get("lp", "")),
            question=str(d.get("question", "")),
            duration_seconds=float(d.get("duration_seconds", 0.0)),
            word_count=int(d.get("word_count", 0)),
            checks={k: CheckResult.from_dict(k, v) for k, v in d.get("checks", {}).items()},
            metrics={k: float(v) for k, v in d.get("metrics", {}).items()},
            duration_estimated=bool(d.get("duration_estimated", False)),
        )


@dataclass(frozen=True)
class Feedback:
    """What the coach says after an answer, and the probe it asks next.

    ``focus`` is the check id the feedback leads with (the one fix that matters
    most); ``strength`` the check id it praises; either may be None.
    """

    spoken: str
    follow_up: Question | None
    focus: str | None = None
    strength: str | None = None
    opening: str = ""  # the start of ``spoken`` said as the answer ended (the length)

    @property
    def after_opening(self) -> str:
        """What is left to say once the opening has been said."""
        return self.spoken[len(self.opening):].lstrip() if self.opening else self.spoken


@dataclass
class Turn:
    """One question asked and (maybe) answered, as saved."""

    index: int  # 1-based within the session
    kind: TurnKind
    lp: str
    question: str
    audio: str | None = None  # relative to the data folder
    duration_seconds: float = 0.0
    transcript: Transcript | None = None
    evaluation: Evaluation | None = None
    feedback: str = ""
    follow_up: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    status: TurnStatus = "complete"
    question_id: str = ""
    attempts: int = 0  # times this prompt was listened to (a retry records a new file)
    ended_by: str = ""  # how the answer ended: end_phrase, silence, enter, cap, input_end, ...

    def to_dict(self) -> dict[str, Any]:
        t = self.transcript
        return {
            "index": self.index,
            "kind": self.kind,
            "lp": self.lp,
            "question": self.question,
            "audio": self.audio,
            "duration_seconds": round(self.duration_seconds, 2),
            "transcript": t.text if t else "",
            "words": [w.to_dict() for w in t.words] if t else [],
            "checks": {k: c.to_dict() for k, c in self.evaluation.checks.items()} if self.evaluation else {},
            "metrics": dict(self.evaluation.metrics) if self.evaluation else {},
            "feedback": self.feedback,
            "follow_up": self.follow_up,
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "status": self.status,
            "ended_by": self.ended_by,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], lp_question: str = "") -> "Turn":
        """Rebuild a turn from ``to_dict`` output (the duration is the answer's)."""
        words = tuple(Word.from_dict(w) for w in d.get("words", []))
        duration = float(d.get("duration_seconds", 0.0))
        transcript = Transcript(words, duration) if (words or d.get("transcript")) else None
        checks = d.get("checks") or {}
        evaluation = None
        if checks:
            evaluation = Evaluation(
                lp=str(d.get("lp", "")),
                question=str(d.get("question", "")),
                duration_seconds=duration,
                word_count=len(words),
                checks={k: CheckResult.from_dict(k, v) for k, v in checks.items()},
                metrics={k: float(v) for k, v in (d.get("metrics") or {}).items()},
            )
        return cls(
            index=int(d.get("index", 0)),
            kind=d.get("kind", "question"),
            lp=str(d.get("lp", "")),
            question=str(d.get("question", "")),
            audio=d.get("audio"),
            duration_seconds=duration,
            transcript=transcript,
            evaluation=evaluation,
            feedback=str(d.get("feedback", "")),
            follow_up=str(d.get("follow_up", "")),
            timings={k: float(v) for k, v in (d.get("timings") or {}).items()},
            status=d.get("status", "complete"),
            ended_by=str(d.get("ended_by", "")),
        )


@dataclass
class Session:
    """A practice, drill or mock session: its turns and, for a mock, the debrief."""

    id: str  # e.g. 2026-11-26T18-40-01 (filesystem-safe, sortable)
    mode: str  # practice | drill | mock
    started_at: str  # ISO 8601 UTC, e.g. 2026-11-26T18:40:01Z
    turns: list[Turn] = field(default_factory=list)
    debrief: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mode": self.mode,
            "started_at": self.started_at,
            "turns": [t.to_dict() for t in self.turns],
            "debrief": self.debrief,
        }
