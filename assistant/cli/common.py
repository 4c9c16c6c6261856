"""Options every voice command shares, and turning parsed flags into a Config."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import Config, load_config


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be greater than zero")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be greater than zero")
    return value


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="PATH|NAME",
        help="faster-whisper model folder (e.g. models/small.en) or model name; "
        "default: the bundled tiny.en (config key: model)",
    )


def add_voice_options(parser: argparse.ArgumentParser, listens: bool = True) -> None:
    """--model, --voice, --rate, --no-speak and (where the command listens) --input."""
    add_model_option(parser)
    parser.add_argument("--voice", help="speech-output voice, e.g. en-us (config key: voice)")
    parser.add_argument(
        "--rate", type=positive_int, metavar="WPM", help="speaking rate in words per minute, default 175 (config key: rate_wpm)"
    )
    parser.add_argument("--no-speak", action="store_true", help="print what would be said instead of speaking it")
    if listens:
        parser.add_argument(
            "--input",
            action="append",
            metavar="AUDIO",
            type=Path,
            help="answer from this audio file instead of the microphone; repeat to answer the "
            "question, then the follow-up, in order (the microphone is never opened)",
        )
        parser.add_argument(
            "--silence",
            type=positive_float,
            metavar="SECONDS",
            help="silence that ends an answer, default 3 (config key: silence_timeout_s)",
        )
        parser.add_argument(
            "--cap",
            type=positive_float,
            metavar="SECONDS",
            help="hard cap on one answer, default 180 (config key: answer_cap_s)",
        )
        parser.add_argument(
            "--target",
            type=positive_float,
            metavar="SECONDS",
            help="answer length target, default 90 (config key: target_seconds)",
        )


def config_from_args(args: argparse.Namespace) -> Config:
    """Defaults < <data folder>/config.toml < flags given on this command line."""
    overrides = {
        "model": getattr(args, "model", None),
        "voice": getattr(args, "voice", None),
        "rate_wpm": getattr(args, "rate", None),
        "silence_timeout_s": getattr(args, "silence", None),
        "answer_cap_s": getattr(args, "cap", None),
        "target_seconds": getattr(args, "target", None),
    }
    if getattr(args, "no_speak", False):
        overrides["speak"] = False
    return load_config(overrides=overrides)
