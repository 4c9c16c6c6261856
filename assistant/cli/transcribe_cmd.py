"""``lp-coach transcribe AUDIO [--json]``: an audio file's words, with their times."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, TextIO

from .common import add_model_option, config_from_args

# Below this a bar would only flicker: the model is done before it is read.
PROGRESS_MIN_SECONDS = 5.0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "transcribe",
        help="transcribe an audio file with word timings",
        description="Transcribe an audio file on this machine (faster-whisper); prints the text, "
        "or with --json the words and their times.",
    )
    p.add_argument("audio", type=Path, metavar="AUDIO", help="a WAV, FLAC, OGG or MP3 file")
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"text", "duration_seconds", "words": [{"w", "start", "end"}], "inaudible": [[start, end]], "model"}',
    )
    add_model_option(p)
    p.set_defaults(func=run)


def progress_bar(stream: TextIO, width: int = 30) -> Callable[[float], None]:
    """A one-line bar redrawn in place; on stderr, so stdout stays clean for --json."""
    shown = [-1]

    def update(fraction: float) -> None:
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        if percent == shown[0]:
            return
        shown[0] = percent
        filled = width * percent // 100
        stream.write(f"\rtranscribing [{'#' * filled}{'.' * (width - filled)}] {percent:3d}%")
        if percent == 100:
            stream.write("\n")
        stream.flush()

    return update


def readable_text(transcript) -> str:
    """The words, with "[inaudible 1.2 s]" where speech was heard but could not be read."""
    pieces: list[tuple[float, str]] = [(w.start, w.text) for w in transcript.words]
    pieces += [(a, f"[inaudible {b - a:.1f} s]") for a, b in transcript.inaudible]
    return " ".join(text for _at, text in sorted(pieces, key=lambda p: p[0]))


def run(args: argparse.Namespace) -> int:
    from ..audiofile import read_audio_file
    from ..model import load_transcriber
    from ..wav import SAMPLE_RATE_HZ

    config = config_from_args(args)
    audio = read_audio_file(args.audio, SAMPLE_RATE_HZ)  # a bad file fails before the model loads
    transcriber = load_transcriber(config.model)
    seconds = audio.size / SAMPLE_RATE_HZ
    progress = None
    if seconds >= PROGRESS_MIN_SECONDS and sys.stderr.isatty():
        progress = progress_bar(sys.stderr)
    transcript = transcriber.transcribe(audio, progress=progress)
    if args.json:
        out = {
            "text": transcript.text,
            "duration_seconds": round(transcript.duration_seconds, 2),
            "words": [w.to_dict() for w in transcript.words],
            # speech heard but not transcribable even on a second try (seconds)
            "inaudible": [[round(a, 2), round(b, 2)] for a, b in transcript.inaudible],
            "model": transcriber.model_name,
        }
        print(json.dumps(out, ensure_ascii=False))
    elif transcript.words or transcript.inaudible:
        print(readable_text(transcript))
    else:
        print(f"(no speech heard in {args.audio})", file=sys.stderr)
    return 0
