"""Saved sessions: ``sessions``, ``replay``, ``report``, ``export``, ``delete``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..config import load_config
from ..errors import UsageError
from ..types import Session
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
    from ..export import export, write_private

    _, store = _open_store()
    with store:
        session = store.session(args.id)
    if args.turn is not None:
        turns = [t for t in session.turns if t.index == args.turn]
        if not turns:
            have = ", ".join(str(t.index) for t in session.turns) or "none"
            raise UsageError(f"session {session.id} has no turn {args.turn}; its turns are: {have}.")
        session = Session(session.id, session.mode, session.started_at, turns, session.debrief)
    text = export(session, args.format, per_turn=args.turn is not None)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    write_private(args.out, text)
    print(f"Wrote {args.out}.")
    return 0


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
