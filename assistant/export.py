"""A saved session as a file to read elsewhere: JSON, WebVTT subtitles or Markdown.

Pure functions of a ``Session`` beside the store that saved it (``lp-coach export``
only calls them and writes the text): ``to_json`` is the ``sessions --json`` shape
(docs/ARCHITECTURE.md), ``to_vtt`` subtitles the recordings with the words' own
times, ``to_markdown`` is a readable transcript with the checks.  Saved text is
untrusted, so each format escapes it its own way.  ``write_private`` writes any of
them readable by the owner only, like everything in the data folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import StoreError
from .labels import check_name, clock, lp_name
from .report_metrics import summarize
from .types import Session, Turn


def export(session: Session, fmt: str, per_turn: bool = False) -> str:
    """The session as ``json``, ``vtt`` or ``md``; ``per_turn``: a one-turn session whose
    subtitle times are that turn's recording's own."""
    if fmt == "json":
        return to_json(session)
    if fmt == "vtt":
        return to_vtt(session, per_turn=per_turn)
    if fmt == "md":
        return to_markdown(session)
    raise ValueError(f"unknown export format {fmt!r}")  # argparse lets only these three through


def to_json(session: Session) -> str:
    return json.dumps(session.to_dict(), indent=2, ensure_ascii=False) + "\n"


def write_private(path: Path, text: str) -> None:
    """Write ``text`` readable by the owner only (0600): it holds what the candidate said."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise StoreError(f"cannot write {path} ({exc.strerror}); choose another --out file.") from None


def vtt_time(seconds: float) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt_text(text: str) -> str:
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())


def _note(text: str) -> str:
    return "NOTE " + " ".join(text.replace("-->", "->").split())


def cues(turn: Turn, max_words: int = 10, max_seconds: float = 4.0, gap_s: float = 1.0) -> list[tuple[float, float, str]]:
    """The turn's words grouped into subtitle cues (start, end, text)."""
    words = list(turn.transcript.words) if turn.transcript else []
    out: list[tuple[float, float, str]] = []
    group: list = []
    for w in words:
        if group and (
            len(group) >= max_words
            or w.end - group[0].start > max_seconds
            or w.start - group[-1].end > gap_s
            or group[-1].text.endswith((".", "?", "!"))
        ):
            out.append((group[0].start, group[-1].end, " ".join(g.text for g in group)))
            group = []
        group.append(w)
    if group:
        out.append((group[0].start, group[-1].end, " ".join(g.text for g in group)))
    return out


def to_vtt(session: Session, per_turn: bool = False) -> str:
    """WebVTT.  One turn: times are that recording's.  A whole session: the
    recordings are taken back to back, each turn starting where the last ended."""
    lines = ["WEBVTT", ""]
    if per_turn:
        lines += [_note(f"lp-coach session {session.id}, turn {session.turns[0].index}; times match its recording."), ""]
    else:
        lines += [_note(f"lp-coach session {session.id} ({session.mode}); the answers' recordings back to back, in turn order."), ""]
    offset = 0.0
    number = 0
    for turn in session.turns:
        kind = "follow-up" if turn.kind == "follow_up" else "question"
        lines += [_note(f"Turn {turn.index} ({kind}, {lp_name(turn.lp)}) from {vtt_time(offset)}: {turn.question}"), ""]
        for start, end, text in cues(turn):
            number += 1
            lines += [str(number), f"{vtt_time(offset + start)} --> {vtt_time(offset + max(end, start + 0.01))}", _vtt_text(text), ""]
        offset += turn.duration_seconds
    return "\n".join(lines)


def _md(text: str) -> str:
    """Saved text, safe inside Markdown (no markup, no HTML)."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def to_markdown(session: Session) -> str:
    info = summarize(session)
    rate = f"{info.pass_rate:.0%} of checks passed" if info.pass_rate is not None else "not scored"
    lines = [
        f"# lp-coach session {session.id}",
        "",
        f"{session.mode.capitalize()}, started {session.started_at} · {info.turns} turns · "
        f"{clock(info.answer_seconds)} of answers · {rate}",
        "",
    ]
    for t in session.turns:
        kind = "Follow-up" if t.kind == "follow_up" else "Question"
        lines += [f"## {kind} {t.index} — {_md(lp_name(t.lp))}", "", f"**{_md(t.question)}**", ""]
        facts = [clock(t.duration_seconds)]
        if t.status != "complete":
            facts.append(t.status)
        if t.audio:
            facts.append(f"recording: `{t.audio}`")
        lines += [" · ".join(facts), ""]
        if t.transcript and t.transcript.words:
            lines += ["> " + _md(t.transcript.text), ""]
        if t.evaluation and t.evaluation.checks:
            lines += ["| Check | Status | Message | Evidence |", "|---|---|---|---|"]
            for c in t.evaluation.checks.values():
                evidence = "; ".join(f"“{_md(e)}”" for e in c.evidence)
                lines.append(f"| {_md(check_name(c.id))} | {c.status} | {_md(c.message)} | {evidence} |")
            lines.append("")
        if t.feedback:
            lines += [f"**Feedback:** {_md(t.feedback)}", ""]
        if t.follow_up:
            lines += [f"**Follow-up:** {_md(t.follow_up)}", ""]
    if session.debrief:
        lines += ["## Debrief", "", "```json", json.dumps(session.debrief, indent=2, ensure_ascii=False).replace("`", "\\u0060"), "```", ""]
    return "\n".join(lines)
