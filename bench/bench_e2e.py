"""End-to-end timings measured outside the program, through the virtual
microphone and speaker (run by hand, not in CI):

- start-up: from launching `lp-coach practice` to the first sound of the question;
- end phrase -> feedback: from the last sample of "... that's my answer" written
  into the microphone to the first sound of feedback on the speaker;
- the saved turn's own timings (answer end -> transcript -> evaluation -> first
  feedback sample) and the transcript's word error rate.

Usage: .venv/bin/python bench/bench_e2e.py [--runs N] [--seconds 30|90]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from driver import Program, saved_sessions  # noqa: E402
from rig import AudioRig, synth_speech  # noqa: E402
from wer import word_error_rate  # noqa: E402

SENTENCES = [
    "Last year I noticed that our mobile checkout had become slow and nobody owned the problem.",
    "Customers were abandoning their carts, and the support team was getting more tickets every week.",
    "I pulled the abandonment data by device and confirmed the drop matched the latency drift.",
    "I traced the delay to a fraud scoring call that ran in sequence with the payment authorisation.",
    "I designed a parallel execution path and validated it against six months of replayed traffic.",
    "I shipped it behind a feature flag and watched the error rates for a week.",
    "Mobile conversion went up by one point one percent, worth about four million dollars a year.",
    "Since then I always look at latency by device when I review a funnel.",
]


def answer_text(seconds: float) -> str:
    words_per_second = 160 / 60
    out: list[str] = []
    while len(" ".join(out).split()) < seconds * words_per_second:
        out.extend(SENTENCES)
    text = " ".join(out)
    words = text.split()[: int(seconds * words_per_second)]
    return " ".join(words).rstrip(".,") + ". That's my answer."


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--voice", help="passed to lp-coach practice --voice (e.g. natural)")
    args = parser.parse_args()

    rig = AudioRig()
    work = Path(tempfile.mkdtemp(prefix="lp-coach-bench-"))
    text = answer_text(args.seconds)
    wav = synth_speech(text, work / "answer.wav")
    startup, phrase_to_feedback, saved_latency, wers, peak_rss = [], [], [], [], []
    try:
        for run in range(args.runs):
            env = {**rig.env, "LP_COACH_HOME": str(work / f"home-{run}")}
            speaker = rig.record_speaker()
            launched = time.monotonic()
            voice = ["--voice", args.voice] if args.voice else []
            program = Program(["practice", "--lp", "customer-obsession", "--seed", str(run), *voice], env)
            program.wait_for("(listening", timeout_s=60)
            answer_end = rig.play_into_mic(wav, lead_silence_s=0.5)
            program.wait_for("(listening", count=2, timeout_s=args.seconds + 120)
            speaker.stop()
            peak_rss.append(_peak_rss_mb(program.proc.pid))
            program.proc.terminate()
            program.proc.wait(timeout=30)
            startup.append(speaker.first_sound_after(launched) - launched)
            phrase_to_feedback.append(speaker.first_sound_after(answer_end) - answer_end)
            turn = saved_sessions(env)[0]["turns"][0]
            saved_latency.append(turn["timings"].get("answer_end_to_feedback_s", float("nan")))
            wers.append(word_error_rate(text.removesuffix(" That's my answer."), turn["transcript"]))
            print(f"run {run + 1}: start-up {startup[-1]:.2f} s, end phrase -> feedback sound "
                  f"{phrase_to_feedback[-1]:.2f} s, saved timings {turn['timings']}, WER {wers[-1]:.1%}")
    finally:
        rig.close()
    print()
    print(f"answer length ~{args.seconds:.0f} s, {args.runs} runs")
    print(f"{'measure':44} {'p50':>7} {'p95':>7}")
    for name, values in (
        ("start-up: launch -> first question sound (s)", startup),
        ("end phrase -> first feedback sound (s)", phrase_to_feedback),
        ("answer end -> first feedback sample (s)", saved_latency),
    ):
        print(f"{name:44} {statistics.median(values):7.2f} {percentile(values, 0.95):7.2f}")
    print(f"{'word error rate':44} {statistics.median(wers):7.1%} {max(wers):7.1%}")
    print(f"{'peak resident memory (MB)':44} {statistics.median(peak_rss):7.0f} {max(peak_rss):7.0f}")


def _peak_rss_mb(pid: int) -> float:
    """The program's peak resident set (VmHWM), read while it still runs."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


if __name__ == "__main__":
    main()
