"""Saved sessions: ``sessions``, ``replay``, ``report``, ``export``, ``delete``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..config import load_config
from ..errors import StoreError, UsageError
from ..types import Session, Turn
from .common import positive_int


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sessions",
        help="list saved sessions, newest first",
        description="List every saved session, newest first: turns, principles, answer time, "
        "share of rubric checks passed, and whether a turn was cut short.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array of sessions (the documented contract)")
    p.set_defaults(func=run_sessions)

    p = sub.add_parser(
        "replay",
        help="play a saved session back with its transcript, checks and feedback",
        description="Play each recorded answer through the speakers while its transcript scrolls "
        "in step, then show the checks and speak the feedback. Keys (in a terminal): "
        "space pause/resume, n next turn, q quit.",
    )
    p.add_argument("id", metavar="ID", help="session id, as `lp-coach sessions` lists it")
    p.add_argument("--turn", type=positive_int, metavar="N", help="replay only turn N")
    p.add_argument("--no-speak", action="store_true", help="print the feedback without speaking it")
    p.add_argument("--voice", help="speech-output voice, e.g. en-us (config key: voice)")
    p.add_argument("--rate", type=positive_int, metavar="WPM", help="speaking rate in words per minute (config key: rate_wpm)")
    p.set_defaults(func=run_replay)

    p = sub.add_parser(
        "report",
        help="write a self-contained HTML report of a session (or all) with progress charts",
        description="Write one HTML file that opens in any browser with no network: each answer's "
        "recording, its transcript (click a word to hear it), checks, feedback, and progress "
        "charts across every saved session.",
    )
    p.add_argument("id", metavar="ID", nargs="?", help="the session to show in full")
    p.add_argument("--all", action="store_true", help="show every session in full instead of one")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="where to write the report")
    p.add_argument("--no-audio", action="store_true", help="leave the recordings out (a much smaller file)")
    p.set_defaults(func=run_report)

    p = sub.add_parser(
        "export",
        help="export a session as JSON, WebVTT subtitles or Markdown",
        description="Export a session: json (the sessions --json shape), vtt (subtitles for the "
        "recordings, times from each turn's audio) or md (a readable transcript with checks).",
    )
    p.add_argument("id", metavar="ID", help="session id")
    p.add_argument("--format", choices=("json", "vtt", "md"), required=True, help="output format")
    p.add_argument("--turn", type=positive_int, metavar="N", help="only turn N (for vtt: times match that recording)")
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of printing")
    p.set_defaults(func=run_export)

    p = sub.add_parser(
        "delete",
        help="delete a saved session and its recordings",
        description="Delete a session's rows and recordings. Asks first when run in a terminal; "
        "otherwise --yes is required.",
    )
    p.add_argument("id", metavar="ID", help="session id")
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(func=run_delete)


def _open_store():
    from ..store import Store

    config = load_config()
    return config, Store(config.data_dir)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


# ---------------------------------------------------------------- sessions


def run_sessions(args: argparse.Namespace) -> int:
    config, store = _open_store()
    with store:
        sessions = store.sessions()
    if args.json:
        print(json.dumps([s.to_dict() for s in sessions], indent=2, ensure_ascii=False))
        return 0
    if not sessions:
        print(f"No sessions yet in {config.data_dir}; start one with `lp-coach practice`.")
        return 0
    print(format_table(sessions))
    return 0


def format_table(sessions: list[Session]) -> str:
    from ..labels import clock, lp_name
    from ..report_metrics import summarize

    header = ("ID", "MODE", "TURNS", "PRINCIPLES", "ANSWERS", "PASSED", "")
    rows = []
    for s in sessions:
        info = summarize(s)
        names = ", ".join(lp_name(p) for p in info.principles) or "-"
        if len(names) > 40:
            names = names[:37] + "..."
        rate = f"{info.pass_rate:.0%}" if info.pass_rate is not None else "-"
        note = f"{info.incomplete} incomplete" if info.incomplete else ""
        rows.append((s.id, s.mode, str(info.turns), names, clock(info.answer_seconds), rate, note))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {2, 4, 5}
    lines = []
    for r in [header, *rows]:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(r)]
        lines.append("  ".join(cells).rstrip())
    total = len(sessions)
    lines.append(f"\n{total} session{'s' if total != 1 else ''}. Replay one: lp-coach replay ID · report: lp-coach report ID --out report.html")
    return "\n".join(lines)


# ------------------------------------------------------------------ replay


def run_replay(args: argparse.Namespace) -> int:
    from ..replay import Replayer, SoundDevicePlayback, default_speaker, open_keys
    from .common import config_from_args

    config = config_from_args(args)
    from ..store import Store

    with Store(config.data_dir) as store:
        session = store.session(args.id)
        speaker = default_speaker(config, lambda m: _say(f"lp-coach: {m}"))
        keys = open_keys()
        try:
            Replayer(store, SoundDevicePlayback(config.audio), speaker=speaker, keys=keys).replay(session, args.turn)
        finally:
            keys.close()
            close = getattr(speaker, "close", None)
            if close:
                close()
    return 0


# ------------------------------------------------------------------ report


def run_report(args: argparse.Namespace) -> int:
    from ..labels import human_size
    from ..report import missing_recordings, render_report, write_report

    if args.all and args.id:
        raise UsageError("give a session ID or --all, not both.")
    if not args.all and not args.id:
        raise UsageError("say which session to report (an ID from `lp-coach sessions`) or use --all.")
    config, store = _open_store()
    with store:
        focus = store.session(args.id) if args.id else None
        sessions = store.sessions()
        quiz = store.quiz_results()
    shown = [focus] if focus else sessions
    embed = not args.no_audio
    if embed:
        missing = missing_recordings(shown, config.data_dir)
        if missing:
            _say(
                f"lp-coach: {len(missing)} recording{'s are' if len(missing) != 1 else ' is'} missing from "
                f"{config.data_dir} ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}); the report says so where they belong."
            )
    size = write_report(args.out, render_report(sessions, focus, config.data_dir, embed_audio_files=embed, target_seconds=config.rubric.target_seconds, quiz=quiz))
    count = sum(1 for s in shown for t in s.turns if t.audio) if embed else 0
    what = f"{count} recording{'s' if count != 1 else ''} embedded" if embed else "no recordings"
    print(f"Wrote {args.out} ({human_size(size)}, {what}).")
    if size > 25 * 1024 * 1024:
        print("That is large because of the embedded recordings; --no-audio makes a small report.")
    return 0


# ------------------------------------------------------------------ export


def run_export(args: argparse.Namespace) -> int:
    _, store = _open_store()
    with store:
        session = store.session(args.id)
    if args.turn is not None:
        turns = [t for t in session.turns if t.index == args.turn]
        if not turns:
            have = ", ".join(str(t.index) for t in session.turns) or "none"
            raise UsageError(f"session {session.id} has no turn {args.turn}; its turns are: {have}.")
        session = Session(session.id, session.mode, session.started_at, turns, session.debrief)
    if args.format == "json":
        text = json.dumps(session.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "vtt":
        text = to_vtt(session, per_turn=args.turn is not None)
    else:
        text = to_markdown(session)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise StoreError(f"cannot write {args.out} ({exc.strerror}); choose another --out file.") from None
    print(f"Wrote {args.out}.")
    return 0


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
            or group[-1].w.endswith((".", "?", "!"))
        ):
            out.append((group[0].start, group[-1].end, " ".join(g.w for g in group)))
            group = []
        group.append(w)
    if group:
        out.append((group[0].start, group[-1].end, " ".join(g.w for g in group)))
    return out


def to_vtt(session: Session, per_turn: bool = False) -> str:
    """WebVTT.  One turn: times are that recording's.  A whole session: the
    recordings are taken back to back, each turn starting where the last ended."""
    from ..labels import lp_name

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
    from ..labels import check_name, clock, lp_name
    from ..report_metrics import summarize

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


# ------------------------------------------------------------------ delete


def run_delete(args: argparse.Namespace) -> int:
    _, store = _open_store()
    with store:
        session = store.session(args.id)
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(f"not deleting session {session.id} without --yes (no terminal to ask on).")
            n = len(session.turns)
            try:
                answer = input(f"Delete session {session.id} ({n} turn{'s' if n != 1 else ''} and their recordings)? [y/N] ")
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes"):
                print(f"Kept session {session.id}.")
                return 0
        store.delete(session.id)
    print(f"Deleted session {session.id} and its recordings.")
    return 0
