"""Does a transcript hold what was said, and only that, on every path?  (issue 15)

Runs the regression set (tests/regression_speech.py: answers that stop
mid-sentence, trail off, end in a cough or a breath, or hold a long silence,
in espeak-ng, flite and piper voices, each followed by room silence) through
the paths a user has, with the real default model:

- ``transcribe``: what ``lp-coach transcribe AUDIO`` prints (the command, in-process, --json);
- ``score``: the transcript ``lp-coach score AUDIO`` grades (its audio path);
- ``practice-input``: ``practice --input AUDIO``'s answer (Coach.listen on the file, fed fast);
- ``live`` (with --live): the same file played in real time as a microphone
  would deliver it (Coach.listen on a real-time source; slow: one answer's length each).

Per path it reports the issue's "Done when" figures: tokens with no letter or
digit counted as words, the longest stretch of spoken words missing from the
transcript, mean word error rate, and the highest words-per-minute figure
(words over the span from the first word's start to the last word's end, as
the rubric's pace check computes it).  Results are written as JSON.

Usage: .venv/bin/python bench/bench_transcripts.py [--label after] [--paths transcribe,score,practice-input]
       [--live] [--limit-per-voice N] [--out bench/results/transcripts-after.json]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import jiwer  # noqa: E402

import regression_speech  # noqa: E402
from wer import normalise, word_error_rate  # noqa: E402

PATHS = ("transcribe", "score", "practice-input", "live")


def longest_missing(reference: str, hypothesis: str) -> int:
    """The longest run of consecutive spoken words with no match in the transcript."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return 0
    if not hyp:
        return len(ref.split())
    out = jiwer.process_words(ref, hyp)
    best = run = 0
    for chunk in out.alignments[0]:
        n = chunk.ref_end_idx - chunk.ref_start_idx
        if chunk.type in ("delete", "substitute"):
            run += n
            best = max(best, run)
        elif chunk.type == "equal":
            run = 0
    return best


def pace_wpm(words) -> float:
    if len(words) < 2:
        return 0.0
    span = words[-1].end - words[0].start
    return len(words) / span * 60.0 if span > 0 else float("inf")


# --------------------------------------------------------------------------- the paths


def via_transcribe(path: Path, _ctx):
    """``lp-coach transcribe AUDIO --json``, run in-process; its words as our Word objects."""
    from assistant.cli import main
    from assistant.types import Word

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["transcribe", str(path), "--json"])
    if code not in (0, None):
        raise RuntimeError(f"transcribe exited {code}")
    data = json.loads(out.getvalue())
    return [Word.from_dict(w) for w in data["words"]], data.get("inaudible", [])


def via_score(path: Path, ctx):
    from assistant.cli import score

    args = argparse.Namespace(file=path, seconds=None, model=None)
    t = score._transcript(args, ctx["config"])
    return list(t.words), list(getattr(t, "inaudible", ()))


def _listen(path: Path, ctx, realtime: bool):
    from assistant.audio import FileSource
    from assistant.console import Console
    from assistant.inputs import EnterKey, FileInputs
    from assistant.session import Coach

    class LiveFile(FileInputs):
        live = realtime  # a real-time file stands in for the microphone (no cues: turn is None)

    inputs = LiveFile([FileSource(path, ctx["config"].audio, realtime=realtime)])
    coach = Coach(
        config=ctx["config"], speaker=None, transcriber=ctx["transcriber"], store=None, bank=None,
        inputs=inputs, console=Console(out=io.StringIO()), keys=EnterKey(stream=io.StringIO()),
    )  # fmt: skip
    answer = coach.listen(None, None)
    if answer is None or answer.transcript is None:
        return [], []
    return list(answer.transcript.words), list(getattr(answer.transcript, "inaudible", ()))


def via_practice_input(path: Path, ctx):
    return _listen(path, ctx, realtime=False)


def via_live(path: Path, ctx):
    return _listen(path, ctx, realtime=True)


RUNNERS = {"transcribe": via_transcribe, "score": via_score, "practice-input": via_practice_input, "live": via_live}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--label", default="after")
    p.add_argument("--paths", default="transcribe,score,practice-input")
    p.add_argument("--live", action="store_true", help="also the real-time path (slow)")
    p.add_argument("--limit-per-voice", type=int, default=None)
    p.add_argument("--cache", type=Path, default=Path("/tmp/lp-coach-regression-audio"))
    p.add_argument("--out", type=Path)
    args = p.parse_args()

    # Everything a path uses is imported now, so the code measured is the code at start.
    import assistant.cli.score  # noqa: F401
    import assistant.cli.transcribe_cmd  # noqa: F401
    import assistant.session  # noqa: F401
    from assistant.config import Config
    from assistant.model import load_transcriber

    paths = [x for x in args.paths.split(",") if x] + (["live"] if args.live else [])
    answers = regression_speech.build(args.cache, args.limit_per_voice)
    config = Config()
    ctx = {"config": config, "transcriber": load_transcriber(config.model)}
    print(f"{len(answers)} answers, {sum(a.seconds for a in answers) / 60:.1f} min of audio, "
          f"voices {', '.join(regression_speech.VOICES)}; label {args.label}", flush=True)  # fmt: skip
    results: dict[str, list[dict]] = {}
    for name in paths:
        rows = []
        t0 = time.perf_counter()
        for a in answers:
            words, inaudible = RUNNERS[name](a.path, ctx)
            text = " ".join(w.text for w in words)
            rows.append({
                "key": a.key, "voice": a.voice, "ending": a.ending, "seconds": round(a.seconds, 2),
                "said": a.said, "heard": text,
                "no_alnum_words": sum(not any(c.isalnum() for c in w.text) for w in words),
                "word_count": len(words),
                "longest_missing": longest_missing(a.said, text),
                "wer": round(word_error_rate(a.said, text), 4),
                "wpm": round(pace_wpm(words), 1),
                "inaudible": [[round(x, 2), round(y, 2)] for x, y in inaudible],
            })  # fmt: skip
        took = time.perf_counter() - t0
        results[name] = rows
        summary = summarise(rows)
        summary["seconds"] = round(took, 1)
        print(f"{name:15} {fmt(summary)}  ({took:.0f} s)", flush=True)
        for r in rows:
            if r["longest_missing"] >= 8 or r["wpm"] > 260 or r["no_alnum_words"] or r["wer"] > 0.3:
                print(f"    {r['key']:22} wer {r['wer']:.2f} miss {r['longest_missing']} wpm {r['wpm']} "
                      f"punct {r['no_alnum_words']}: {r['heard'][-120:]!r}")  # fmt: skip
    out = args.out or ROOT / "bench" / "results" / f"transcripts-{args.label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    summaries = {name: summarise(rows) for name, rows in results.items()}
    out.write_text(json.dumps({"label": args.label, "summary": summaries, "answers": results}, indent=1))
    print(f"written {out}")
    return 0


def summarise(rows: list[dict]) -> dict:
    return {
        "answers": len(rows),
        "no_alnum_words": sum(r["no_alnum_words"] for r in rows),
        "answers_with_no_alnum_words": sum(1 for r in rows if r["no_alnum_words"]),
        "longest_missing": max((r["longest_missing"] for r in rows), default=0),
        "answers_missing_8_plus": sum(1 for r in rows if r["longest_missing"] >= 8),
        "mean_wer": round(statistics.fmean(r["wer"] for r in rows), 4) if rows else 0.0,
        "max_wpm": max((r["wpm"] for r in rows), default=0.0),
        "answers_over_260_wpm": sum(1 for r in rows if r["wpm"] > 260),
        "inaudible_marks": sum(len(r.get("inaudible", ())) for r in rows),
    }


def fmt(s: dict) -> str:
    return (
        f"n={s['answers']} no-alnum words {s['no_alnum_words']} (in {s['answers_with_no_alnum_words']}), "
        f"longest missing {s['longest_missing']} ({s['answers_missing_8_plus']} with >=8), "
        f"mean WER {s['mean_wer']:.3f}, max wpm {s['max_wpm']:.0f} ({s['answers_over_260_wpm']} over 260), "
        f"inaudible marks {s['inaudible_marks']}"
    )


if __name__ == "__main__":
    sys.exit(main())
