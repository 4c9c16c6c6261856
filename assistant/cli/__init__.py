"""The command line: the only place errors are caught and turned into one sentence.

Each subcommand lives in its own module exposing ``register(subparsers)``, which adds
its parser and sets ``func`` to a ``run(args) -> int`` function.  ``main`` parses,
dispatches, and maps ``CoachError`` to its message and exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import CoachError

# Subcommand modules, in the order ``lp-coach --help`` lists them.
COMMAND_MODULES = (
    "practice",
    "drill",
    "mock",
    "score",
    "transcribe_cmd",
    "sessions",
    "questions",
    "stories",
    "plan",
    "quiz",
    "doctor",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lp-coach",
        description="A local, hands-free coach for Amazon-style behavioral interviews.",
    )
    parser.add_argument("--version", action="version", version=f"lp-coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # a command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CoachError as exc:
        print(f"lp-coach: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("lp-coach: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    """The entry point of the ``lp-coach`` command and ``python -m assistant``.

    After the exit functions have run (workers joined, the output stream closed,
    temporary files removed, logs flushed), the process leaves with ``os._exit``
    instead of tearing the interpreter down: the model's native thread pools, used
    from two threads, aborted that teardown ("terminate called without an active
    exception", exit status -6) after Ctrl-C or a stalled microphone, with
    everything already saved.  ``main`` itself returns normally, for tests.
    """
    import atexit
    import os

    from ..allocator import limit_allocator_caches

    limit_allocator_caches()  # before any thread starts and before the model's library loads
    code = main()
    rubric = sys.modules.get(f"{__package__.rpartition('.')[0]}.rubric")
    if rubric is not None:  # loaded: its warm-up may still be parsing (see wait_for_warm_up)
        rubric.wait_for_warm_up()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (lp-coach ... | head): nothing left to say
    os._exit(code)
