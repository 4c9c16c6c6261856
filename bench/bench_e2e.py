"""Reply time as the candidate feels it, measured outside the program through the
virtual microphone and speaker (run by hand, never in CI).

Every clock here starts at the candidate's last *voiced* sample: the synthesized
answer is cut where its energy ends (no synthesizer silence after it), and the
time is when the rig actually wrote the block holding that sample into the
microphone.  It stops at the first *audible* chunk the speaker's monitor
delivers (``parec``, 20 ms latency: if anything, this overstates the delay).

Each run launches ``lp-coach practice`` as a user would, answers the question
with a synthesized answer of the length asked that ends in "that's my answer",
then answers the follow-up with a ~5 s reply.  Measured per run:

- reply after the answer, and after the follow-up reply (outside the program);
- how the answer's reply splits, from the program's saved ``timings``:
  hearing the end (last voiced sample -> end declared), deciding (-> transcript,
  rubric and feedback ready), synthesizing (-> first sample handed to the output),
  the output path (PortAudio's reported latency of the open stream) and the rest
  (the input path: microphone -> program, plus the monitor's 20 ms blocks);
- how the answer ended (``end_phrase`` unless the phrase was missed), start-up
  (launch -> first sound of the question), word error rate, peak memory.

``--busy`` keeps one core busy with another process (a spinning Python) for the
whole run, as a browser or a video call would.

Usage: .venv/bin/python bench/bench_e2e.py [--runs 10] [--seconds 30 75 150] [--busy] [--voice natural]
       [--json bench/results/reply-idle.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from driver import Program, saved_sessions  # noqa: E402
from rig import RATE_HZ, AudioRig, load_16k, synth_speech  # noqa: E402
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
END = "That's my answer."
REPLY = "I compared the two weeks after the launch with a control group that kept the old path. " + END


def answer_text(seconds: float) -> str:
    words_per_second = 160 / 60
    out: list[str] = []
    while len(" ".join(out).split()) < seconds * words_per_second:
        out.extend(SENTENCES)
    words = " ".join(out).split()[: int(seconds * words_per_second)]
    return " ".join(words).rstrip(".,") + ". " + END


def last_voiced(audio: np.ndarray, rel_db: float = -40.0) -> int:
    """The sample after the last 10 ms frame within ``rel_db`` of the loudest frame."""
    win = RATE_HZ // 100
    n = len(audio) // win
    rms = np.sqrt(np.mean(audio[: n * win].reshape(n, win) ** 2, axis=1))
    loud = np.flatnonzero(rms > rms.max() * 10 ** (rel_db / 20))
    return int(loud[-1] + 1) * win


def spoken(text: str, path: Path) -> np.ndarray:
    """espeak-ng speech for ``text`` at 16 kHz, cut at its last voiced sample."""
    audio = load_16k(synth_speech(text, path))
    return audio[: last_voiced(audio)]


def percentile(values: list[float], q: float) -> float:
    values = sorted(v for v in values if v == v)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(np.ceil(q * len(values))) - 1)] if q < 1 else values[-1]


def _peak_rss_mb(pid: int) -> float:
    """The program's peak resident set (VmHWM), read while it still runs."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def one_run(rig: AudioRig, work: Path, run: int, seconds: float, answer: np.ndarray, text: str,
            reply: np.ndarray | None, voice: str | None) -> dict:
    env = {**rig.env, "LP_COACH_HOME": str(work / f"home-{seconds:.0f}-{run}")}
    speaker = rig.record_speaker()
    launched = time.monotonic()
    extra = ["--voice", voice] if voice else []
    lps = ["customer-obsession", "ownership", "bias-for-action", "deliver-results", "dive-deep"]
    program = Program(["practice", "--lp", lps[run % len(lps)], "--seed", str(run), *extra], env)
    out: dict = {"seconds": seconds, "run": run}
    try:
        program.wait_for("(listening", timeout_s=90)
        mark = rig.play_marked(answer, lead_silence_s=0.5)
        voiced_end = mark.wait(seconds + 60)
        program.wait_for("Follow-up", timeout_s=120)
        out["reply_s"] = (speaker.first_sound_after(voiced_end) or float("nan")) - voiced_end
        out["follow_up_reply_s"] = float("nan")
        if reply is None:
            # The feedback has been spoken and its timings saved: the follow-up is not measured.
            out["peak_rss_mb"] = _peak_rss_mb(program.proc.pid)
            program.proc.terminate()
            program.finish(timeout_s=60)
            out["startup_s"] = (speaker.first_sound_after(launched) or float("nan")) - launched
            raise _Done
        try:
            program.wait_for("(listening", count=2, timeout_s=120)
            mark = rig.play_marked(reply, lead_silence_s=0.3)
            reply_end = mark.wait(60)
            deadline = time.monotonic() + 30
            heard = None
            while heard is None and time.monotonic() < deadline:
                time.sleep(0.2)
                heard = speaker.first_sound_after(reply_end)
            out["follow_up_reply_s"] = (heard or float("nan")) - reply_end
        except AssertionError:
            out["follow_up_reply_s"] = float("nan")  # no follow-up asked
        out["peak_rss_mb"] = _peak_rss_mb(program.proc.pid)
        program.finish(timeout_s=120)
        out["startup_s"] = (speaker.first_sound_after(launched) or float("nan")) - launched
    except _Done:
        pass
    finally:
        speaker.stop()
        program.kill()
    turns = saved_sessions(env)[0]["turns"]
    timings = turns[0].get("timings", {})
    out["ended_by"] = turns[0].get("ended_by")
    out["follow_up_ended_by"] = turns[1].get("ended_by") if len(turns) > 1 else None
    out["timings"] = timings
    out["wer"] = word_error_rate(text.removesuffix(" " + END), turns[0]["transcript"])
    words = turns[0].get("words") or []
    if "opening_spoken_s" in timings and words:
        # the length the opening said against the graded one (the last scored word's end)
        out["opening_length_error_s"] = timings["opening_spoken_s"] - float(words[-1]["end"])
    return out


class _Done(Exception):
    pass


def split(result: dict) -> dict:
    """Where the reply's first sound came from.  With an opening (the answer's
    length, begun as the answer ends), deciding runs while the opening plays: it
    is not on the way to the first sound, and synthesizing counts from the end."""
    t = result["timings"]
    hearing = t.get("last_voice_to_answer_end_s", float("nan"))
    deciding = t.get("answer_end_to_evaluation_s", float("nan"))
    first = t.get("answer_end_to_feedback_s", float("nan"))
    output = t.get("output_latency_s", float("nan"))
    opened = "answer_end_to_verdict_s" in t
    return {
        "hearing": hearing,
        "deciding": deciding,
        "synthesizing": first if opened else first - deciding,
        "output path": output,  # as PortAudio reports it for the open stream
        "input path": result["reply_s"] - hearing - first - output,  # mic -> program, and the monitor's 20 ms
    }


def verdict(result: dict) -> tuple[float, float]:
    """After an opening: when the graded part of the reply began to play, from the
    last voiced sample (the outside clock's first sound plus the program's own
    interval from the opening's first sample to it), and the silence before it."""
    t = result["timings"]
    if "answer_end_to_verdict_s" not in t:
        return float("nan"), float("nan")
    later = t["answer_end_to_verdict_s"] - t.get("answer_end_to_feedback_s", float("nan"))
    return result["reply_s"] + later, t.get("opening_gap_s", float("nan"))


def hearing_split(result: dict) -> str:
    """Where hearing the end went: the quiet waited before the last probe was sent
    (audio seconds), its wait in the queue, its decode, and whether the background
    lane was still decoding when the answer ended."""
    t = result["timings"]
    if "probe_after_voice_s" not in t:
        return ""
    return (f" [probe sent {t['probe_after_voice_s']:.2f} s after the voice, queued {t.get('probe_wait_s', float('nan')):.2f},"
            f" decoded {t.get('probe_decode_s', float('nan')):.2f}; background busy at end:"
            f" {'yes' if t.get('background_busy_at_end') else 'no'}"
            f"{'; heard from the probe after its chunk closed' if t.get('heard_after_close') else ''}"
            f"; closed chunks not decoded at end: {t.get('chunks_undecoded_at_end_s', float('nan')):.1f} s of audio,"
            f" background backlog {t.get('backlog_at_end_s', float('nan')):.1f} s]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, nargs="+", default=[30, 75, 150])
    parser.add_argument("--busy", action="store_true", help="keep one core busy with another process")
    parser.add_argument("--voice", help="passed to lp-coach practice --voice (e.g. natural)")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    parser.add_argument("--no-follow-up", action="store_true",
                        help="stop after the feedback (saves ~20 s a run; the follow-up reply is not measured)")
    args = parser.parse_args()

    rig = AudioRig()
    work = Path(tempfile.mkdtemp(prefix="lp-coach-bench-"))
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    results: list[dict] = []
    try:
        reply = spoken(REPLY, work / "reply.wav")
        for seconds in args.seconds:
            text = answer_text(seconds)
            answer = spoken(text, work / f"answer-{seconds:.0f}.wav")
            print(f"answer {seconds:.0f} s: {len(answer) / RATE_HZ:.1f} s of audio to its last voiced sample", flush=True)
            for run in range(args.runs):
                r = one_run(rig, work, run, seconds, answer, text, None if args.no_follow_up else reply, args.voice)
                results.append(r)
                parts = ", ".join(f"{k} {v:.2f}" for k, v in split(r).items())
                graded, gap = verdict(r)
                opened = (f" graded part at {graded:.2f} s (gap {gap:.2f}, length said off by "
                          f"{r.get('opening_length_error_s', float('nan')):+.2f} s);") if graded == graded else ""
                print(f"  run {run + 1}: reply {r['reply_s']:.2f} s ({parts}; ended by {r['ended_by']}),{opened} "
                      f"follow-up reply {r['follow_up_reply_s']:.2f} s ({r['follow_up_ended_by']}), "
                      f"start-up {r['startup_s']:.2f} s, WER {r['wer']:.1%}{hearing_split(r)}", flush=True)
    finally:
        if hog is not None:
            hog.kill()
        rig.close()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"busy": args.busy, "voice": args.voice, "runs": results}, indent=1))
    print()
    print(f"{'busy' if args.busy else 'idle'} machine, voice {args.voice or 'default'}, {args.runs} runs per length;"
          " seconds from the last voiced sample to the first audible sample")
    print(f"{'answer':>7} {'reply p50':>10} {'p95':>6} {'max':>6} | {'follow-up p50':>13} {'p95':>6} | "
          f"{'hearing':>7} {'deciding':>8} {'synth':>6} {'out':>5} {'in':>5} (p50) | ended by phrase | start-up p95 | WER p50")
    for seconds in args.seconds:
        rs = [r for r in results if r["seconds"] == seconds]
        reply_s = [r["reply_s"] for r in rs]
        follow = [r["follow_up_reply_s"] for r in rs]
        parts = {k: percentile([split(r)[k] for r in rs], 0.5)
                 for k in ("hearing", "deciding", "synthesizing", "output path", "input path")}
        answered = [r["follow_up_ended_by"] for r in rs if r["follow_up_ended_by"]] + [r["ended_by"] for r in rs]
        phrase = sum(e == "end_phrase" for e in answered)
        print(f"{seconds:>6.0f}s {percentile(reply_s, 0.5):>10.2f} {percentile(reply_s, 0.95):>6.2f} {max(reply_s):>6.2f} | "
              f"{percentile(follow, 0.5):>13.2f} {percentile(follow, 0.95):>6.2f} | "
              f"{parts['hearing']:>7.2f} {parts['deciding']:>8.2f} {parts['synthesizing']:>6.2f} "
              f"{parts['output path']:>5.2f} {parts['input path']:>5.2f} | "
              f"{phrase}/{len(answered)} | {percentile([r['startup_s'] for r in rs], 0.95):.2f} s | "
              f"{percentile([r['wer'] for r in rs], 0.5):.1%}")
    for seconds in args.seconds:
        rs = [r for r in results if r["seconds"] == seconds and verdict(r)[0] == verdict(r)[0]]
        if rs:
            graded = [verdict(r)[0] for r in rs]
            gaps = [verdict(r)[1] for r in rs]
            errors = [abs(r.get("opening_length_error_s", float("nan"))) for r in rs]
            print(f"{seconds:>6.0f}s graded part after the opening: p50 {percentile(graded, 0.5):.2f} s, p95 "
                  f"{percentile(graded, 0.95):.2f} s; a silence before it in {sum(g > 0.05 for g in gaps)}/{len(rs)} runs "
                  f"(max {max(gaps):.2f} s); length said off by at most {max(errors):.2f} s")
    print(f"peak resident memory: {max(r['peak_rss_mb'] for r in results):.0f} MB")


if __name__ == "__main__":
    main()
