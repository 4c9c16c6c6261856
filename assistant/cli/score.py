"""``lp-coach score FILE``: the rubric for a transcript (.txt) or an audio file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..config import RubricOptions
from ..errors import UsageError
from ..types import Question
from .common import add_model_option, config_from_args, positive_float

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="score a written (.txt) or recorded (audio) answer against the rubric",
        description="Run the rubric on an answer: a .txt transcript or an audio file (transcribed first).",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a .txt transcript or an audio file (WAV, FLAC, OGG, MP3)")
    p.add_argument("--lp", metavar="SLUG", help="the principle the question probes, e.g. dive-deep")
    p.add_argument("--question", metavar="TEXT", help="the question that was asked")
    p.add_argument(
        "--seconds", type=positive_float, metavar="S", help="how long the answer took (a .txt has no timing: estimated otherwise)"
    )
    p.add_argument("--target", type=positive_float, metavar="SECONDS", help="answer length target, default 90")
    p.add_argument("--json", action="store_true", help="print one JSON object (the contract's shape)")
    add_model_option(p)
    p.set_defaults(func=run)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist; give the path of a .txt transcript or an audio file.") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path} ({exc.strerror}); check the path and its permissions.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text; save the transcript as UTF-8 (or give an audio file).") from None
    if not text.strip():
        raise UsageError(f"{path} is empty; put the answer's words in it.")
    return text


def _transcript(args, config):
    from .. import rubric

    path: Path = args.file
    if path.suffix.lower() in TEXT_SUFFIXES:
        return rubric.transcript_from_text(_read_text(path), args.seconds)
    if not path.exists():
        raise UsageError(f"{path} does not exist; give the path of a .txt transcript or an audio file.")
    from ..model import load_transcriber

    # The same stream as the microphone and practice --input: the same words for the same audio.
    transcript = load_transcriber(config.model).transcribe_file(path)
    if not transcript.words:
        raise UsageError(f"no speech heard in {path}; check the recording (or score a .txt transcript).")
    from dataclasses import replace

    from ..audiofile import read_audio_file
    from ..prosody import analyse
    from ..wav import SAMPLE_RATE_HZ

    # how it sounded (the intonation check), from the same audio the words came from
    transcript = replace(transcript, prosody=analyse(read_audio_file(path, SAMPLE_RATE_HZ), SAMPLE_RATE_HZ))
    if args.seconds:
        transcript = replace(transcript, duration_seconds=args.seconds)  # keeps inaudible marks and voiced time
    return transcript


def run(args: argparse.Namespace) -> int:
    from .. import feedback, rubric
    from ..questions import load_bank

    config = config_from_args(args)
    bank = load_bank()
    lp = bank.principle(args.lp).slug if args.lp else None
    asked = bank.find_text(args.question) if args.question else None
    if lp is None and asked is not None:
        lp = asked.lp
    transcript = _transcript(args, config)
    if lp is None:
        lp = rubric.closest_principle(transcript, bank.slugs)
    text = args.question or (asked.text if asked else "")
    question = Question(text=text, lp=lp, tags=asked.tags if asked else (), id=asked.id if asked else "")
    options = RubricOptions(target_seconds=args.target or config.rubric.target_seconds)
    evaluation = rubric.evaluate(transcript, question, options)
    principle = bank.principle(lp)
    fb = feedback.compose(evaluation, question, principle.name, bank.probes(lp))
    if args.json:
        out = {
            "lp": lp,
            "question": text,
            "duration_seconds": round(evaluation.duration_seconds, 2),
            "duration_estimated": evaluation.duration_estimated,
            "word_count": evaluation.word_count,
            "checks": {k: c.to_dict() for k, c in evaluation.checks.items()},
            "metrics": {k: round(v, 3) for k, v in evaluation.metrics.items()},
            "feedback": fb.spoken,
            "follow_up": fb.follow_up.text if fb.follow_up else "",
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    marks = {"pass": "✓", "warn": "!", "fail": "✗", "n/a": "·"}
    how_long = f"{evaluation.duration_seconds:.0f} s" + (" (estimated)" if evaluation.duration_estimated else "")
    print(f"{principle.name} — {evaluation.word_count} words, {how_long}")
    if text:
        print(f"Question: {text}")
    for check in evaluation.checks.values():
        line = f"  {marks.get(check.status, '?')} {check.id:18} {check.message}"
        if check.evidence:
            line += "  [" + "; ".join(f'"{e}"' for e in check.evidence[:3]) + "]"
        print(line)
    print(f"\nFeedback: {fb.spoken}")
    if fb.follow_up:
        print(f"Follow-up: {fb.follow_up.text}")
    return 0
