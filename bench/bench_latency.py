"""Feedback latency, streaming vs batch, on synthesized answers (run by hand, not in CI).

    .venv/bin/python bench/bench_latency.py            # 30, 90, 180 s answers, 3 runs each
    .venv/bin/python bench/bench_latency.py --quick    # 30 and 90 s, 1 run, no start-up probe

Each answer is espeak-ng speech (sentences from a STAR story bank, natural
pauses between them, one 1.5 s thinking pause) ending with "That's my answer."
and 3.5 s of silence.  A thread plays it into a StreamingTranscript in the
microphone's blocks on a real-time clock while the session's decision loop runs (Endpointer
on every block), exactly as the microphone would.  Measured:

- latency, every clock from the same instant: the last voiced sample of "That's my
  answer" (the phrase is cut where its energy ends) -> final transcript (+
  rubric.evaluate): streaming (hearing the phrase, then finishing), against a batch
  baseline that starts transcribing the whole answer at that very instant (its best
  case: it knows at once the answer is over); p50/p95 and their ratio;
- its parts: last voiced sample -> end declared, and end declared -> transcript;
- model real-time factor (batch, and the streaming worker's);
- start-up: a fresh interpreter from exec to model loaded;
- peak RSS of this process after the streaming runs (ru_maxrss) - 3-minute answer included.

Targets (docs/ARCHITECTURE.md): <= 0.5 s p95 streaming at 90 s, >= 10x better than batch,
RSS <= 600 MB.  Synthesized audio is cached in bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.audiofile import read_audio_file  # noqa: E402
from assistant.config import AudioOptions, EndpointOptions, ModelOptions  # noqa: E402
from assistant.endpoint import Endpointer, EndReason, ListenState, ends_with_phrase, strip_end_phrase  # noqa: E402
from assistant.model import load_transcriber  # noqa: E402
from assistant.types import Question, Transcript  # noqa: E402
from assistant.wav import SAMPLE_RATE_HZ  # noqa: E402

OUT = ROOT / "bench" / "out"
BLOCK = SAMPLE_RATE_HZ * AudioOptions().block_ms // 1000  # as the microphone delivers

SENTENCES = (
    "Our team owned the payments platform that handled every order on the website.",
    "One Friday the error rate on card authorizations jumped from one percent to six percent.",
    "Nobody on call could explain it, so I pulled the logs for the failing requests myself.",
    "I noticed that every failure came from a single region and a single card network.",
    "I called the network's support line and learned they had rotated a certificate overnight.",
    "I updated our trust store, tested it in staging, and pushed the change within two hours.",
    "Failed payments went back to normal and we recovered about eighty thousand dollars in orders.",
    "Afterwards I wrote a runbook and added an alarm that pages us when a certificate is about to expire.",
    "A customer in Germany told us that our invoices were impossible to read.",
    "I read through a hundred support tickets and found the same complaint in almost half of them.",
    "I proposed a simpler layout with the total and the due date at the top of the page.",
    "My manager was not convinced, so I ran a small test with five hundred customers.",
    "The new invoice cut payment questions by thirty percent in the first month.",
    "I had promised a partner team that our search service would be ready in March.",
    "In February I realized the indexing job would not scale to their data volume.",
    "I told them about the risk the same day instead of waiting for the deadline.",
    "Then I split the index into shards and ran the jobs in parallel overnight.",
    "We delivered one week late, but the partner had time to adjust their own launch plan.",
    "A senior engineer wanted to rewrite our scheduler in a new language.",
    "I disagreed because the rewrite would take six months and fix none of our real outages.",
    "I brought data showing that most incidents came from configuration mistakes, not the code.",
    "We agreed to fix the configuration tooling first and revisit the rewrite in a year.",
    "Our warehouse robots were stopping for no reason several times a day.",
    "I found that a firmware update made the sensors too sensitive to dust.",
    "Unplanned stops fell by ninety percent, and the site shipped its peak volume on time.",
)
END_PHRASE = "That's my answer."
QUESTION = Question(text="Tell me about a time you dove deep to find the root cause of a problem.", lp="dive-deep")


# --------------------------------------------------------------------------- audio


def synth(text: str) -> np.ndarray:
    """espeak-ng at 160 wpm, converted to 16 kHz mono (cached)."""
    OUT.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1(text.encode()).hexdigest()[:16]
    path = OUT / f"s-{key}.wav"
    if not path.exists():
        raw = OUT / f"raw-{key}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path)], check=True)
        raw.unlink()
    return read_audio_file(path, SAMPLE_RATE_HZ)


def build_answer(seconds: float, seed: int = 7) -> tuple[np.ndarray, float, str]:
    """Sentences with pauses until ``seconds``, then the end phrase and 3.5 s of silence.

    Returns the audio, the time the end phrase's last sample is played, and the text.
    """
    rng = np.random.default_rng(seed)
    parts: list[np.ndarray] = [np.zeros(int(0.5 * SAMPLE_RATE_HZ), np.float32)]
    texts: list[str] = []
    total = parts[0].size
    i = 0
    thought = False
    end = synth(END_PHRASE)
    nz = np.flatnonzero(np.abs(end) > 1e-3)
    end = end[: nz[-1] + 1] if nz.size else end  # the phrase's last sample is its last word's end
    limit = (seconds - 0.5) * SAMPLE_RATE_HZ  # ends inside the length asked for (180 s = the cap)
    while True:
        s = SENTENCES[i % len(SENTENCES)]
        clip = synth(s)
        pause = rng.uniform(0.35, 0.9)
        if not thought and total / SAMPLE_RATE_HZ > seconds / 2:
            pause, thought = 1.5, True  # one thinking pause mid-answer
        gap = np.zeros(int(pause * SAMPLE_RATE_HZ), np.float32)
        if total + clip.size + gap.size + end.size > limit:
            break
        i += 1
        parts += [clip, gap]
        texts.append(s)
        total += clip.size + gap.size
    parts.append(end)
    phrase_end_s = (total + end.size) / SAMPLE_RATE_HZ
    parts.append(np.zeros(int(3.5 * SAMPLE_RATE_HZ), np.float32))
    return np.concatenate(parts), phrase_end_s, " ".join(texts + [END_PHRASE])


# --------------------------------------------------------------------------- measuring


def evaluator():
    try:
        from assistant import rubric  # written by another engineer; optional here
    except Exception:
        return None, "transcript only (assistant.rubric not importable)"

    def run(t: Transcript) -> None:
        rubric.evaluate(t, QUESTION)

    return run, "transcript + rubric.evaluate"


def stream_run(transcriber, audio: np.ndarray, phrase_end_s: float, evaluate) -> dict:
    """Play ``audio`` in real time into a stream; the loop decides like the session does."""
    options = EndpointOptions()
    endpointer = Endpointer(options)
    stream = transcriber.stream(SAMPLE_RATE_HZ)
    t0 = time.monotonic()
    feed_max = 0.0
    reason = None
    ended_at = 0.0
    pos = 0
    while pos < audio.size:
        due = t0 + (pos + BLOCK) / SAMPLE_RATE_HZ  # the block exists once it has been "spoken"
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        block = audio[pos : pos + BLOCK]
        pos += BLOCK
        f0 = time.perf_counter()
        stream.feed(block)
        feed_max = max(feed_max, time.perf_counter() - f0)
        reason = endpointer.decide(
            ListenState(stream.elapsed_s, stream.heard_speech, stream.silence_s, stream.partial_text())
        )
        if reason is not None:
            ended_at = time.monotonic()
            break
    if reason is None:
        reason, ended_at = EndReason.INPUT_END, time.monotonic()
    phrase = ends_with_phrase(stream.partial_text(), options.end_phrases) if reason is EndReason.PHRASE else None
    transcript = strip_end_phrase(stream.finish(end_phrase=phrase), options.end_phrases)
    if evaluate:
        evaluate(transcript)
    latency = time.monotonic() - ended_at
    phrase_to_end = ended_at - (t0 + phrase_end_s)
    return {
        "latency": phrase_to_end + latency,  # from the last voiced sample
        "finish": latency,
        "phrase_to_end": phrase_to_end,
        "reason": reason.value,
        "feed_max": feed_max,
        "rtf": stream.timings.get("model_realtime_factor", 0.0),
        "text": transcript.text,
    }


def batch_run(transcriber, audio: np.ndarray, phrase_end_s: float, evaluate) -> dict:
    """The baseline: nothing happens until the answer is over, then transcribe it all."""
    spoken = audio[: int((phrase_end_s + 0.5) * SAMPLE_RATE_HZ)]
    t = time.monotonic()
    transcript = strip_end_phrase(transcriber.transcribe(spoken), EndpointOptions().end_phrases)
    model_s = time.monotonic() - t
    if evaluate:
        evaluate(transcript)
    return {"latency": time.monotonic() - t, "rtf": (spoken.size / SAMPLE_RATE_HZ) / model_s, "text": transcript.text}


def startup_s() -> float:
    """A fresh interpreter, from exec to the model loaded (the session adds the first spoken word)."""
    code = (
        "import time;t=time.monotonic()\n"
        "from assistant.config import ModelOptions\n"
        "from assistant.model import load_transcriber\n"
        "load_transcriber(ModelOptions())\n"
        "print('loaded', flush=True)\n"
    )
    t = time.monotonic()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return time.monotonic() - t


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="30 and 90 s answers, one run each")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--durations", type=float, nargs="+", default=[30.0, 90.0, 180.0])
    ap.add_argument("--model", default=None, help="model folder or name (default: bundled tiny.en)")
    args = ap.parse_args()
    durations = [30.0, 90.0] if args.quick else args.durations
    runs = 1 if args.quick else args.runs

    evaluate, what = evaluator()
    if evaluate:
        # The rubric loads and compiles its rules on first use; the session pays that
        # once per process, not per answer, so it stays out of the measured turns.
        evaluate(Transcript((), 0.0))
    t = time.monotonic()
    transcriber = load_transcriber(ModelOptions(model=args.model))
    load_in_process = time.monotonic() - t
    answers = {d: build_answer(d) for d in durations}
    print(f"model: {transcriber.model_name}; latency = last voiced sample -> {what}")
    print("answers: " + ", ".join(f"{d:.0f} s -> {a[1]:.1f} s spoken" for d, a in answers.items()))

    stream_res: dict[float, list[dict]] = {d: [] for d in durations}
    for r in range(runs):
        for d in durations:
            res = stream_run(transcriber, *answers[d][:2], evaluate)
            stream_res[d].append(res)
            print(
                f"  stream {d:>4.0f} s run {r + 1}: latency {res['latency']:.3f} s, end phrase -> end "
                f"{res['phrase_to_end']:.2f} s ({res['reason']}), max feed {res['feed_max'] * 1000:.1f} ms",
                flush=True,
            )
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    batch_res: dict[float, list[dict]] = {d: [] for d in durations}
    for r in range(runs):
        for d in durations:
            res = batch_run(transcriber, *answers[d][:2], evaluate)
            batch_res[d].append(res)
            print(f"  batch  {d:>4.0f} s run {r + 1}: latency {res['latency']:.3f} s", flush=True)

    startup = None if args.quick else statistics.median(startup_s() for _ in range(3))

    print()
    head = f"{'answer':>7} | {'stream p50':>10} {'p95':>6} | {'batch p50':>9} {'p95':>6} | {'p95 ratio':>9} | {'phrase->end p50':>15} {'p95':>5} | {'RTF batch':>9} {'stream':>6}"
    print(head)
    print("-" * len(head))
    for d in durations:
        s = [x["latency"] for x in stream_res[d]]
        b = [x["latency"] for x in batch_res[d]]
        p = [x["phrase_to_end"] for x in stream_res[d]]
        rb = statistics.median(x["rtf"] for x in batch_res[d])
        rs = statistics.median(x["rtf"] for x in stream_res[d])
        print(
            f"{d:>6.0f}s | {pct(s, 50):>10.3f} {pct(s, 95):>6.3f} | {pct(b, 50):>9.3f} {pct(b, 95):>6.3f} | "
            f"{pct(b, 95) / max(pct(s, 95), 1e-3):>8.1f}x | {pct(p, 50):>15.2f} {pct(p, 95):>5.2f} | {rb:>8.1f}x {rs:>5.1f}x"
        )
    reasons = sorted({x["reason"] for v in stream_res.values() for x in v})
    print()
    print(f"end reasons (streaming): {', '.join(reasons)}")
    print(f"max feed() call: {max(x['feed_max'] for v in stream_res.values() for x in v) * 1000:.1f} ms")
    print(f"model load in this process: {load_in_process:.2f} s")
    if startup is not None:
        print(f"start-up, fresh interpreter -> model loaded (median of 3): {startup:.2f} s")
    print(f"peak RSS after the streaming runs ({max(durations):.0f} s answer included): {peak_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
