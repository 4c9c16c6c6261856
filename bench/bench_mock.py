"""How long a hands-free mock round takes end to end (run by hand, not in CI).

Runs `lp-coach mock --questions N` through the virtual microphone and speaker,
answering every question with a synthesized answer of about --seconds and every
probe with a short reply, and prints the wall time, turns and debrief verdict.

Usage: .venv/bin/python bench/bench_mock.py [--questions 4] [--seconds 60]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_e2e import answer_text  # noqa: E402

from driver import Program, saved_sessions  # noqa: E402
from rig import AudioRig, synth_speech  # noqa: E402

PROBE_REPLY = (
    "I measured it with an experiment that ran for two weeks, and the finance team confirmed the revenue. "
    "I'm done."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    rig = AudioRig()
    work = Path(tempfile.mkdtemp(prefix="lp-coach-mock-"))
    answer = synth_speech(answer_text(args.seconds), work / "answer.wav")
    probe = synth_speech(PROBE_REPLY, work / "probe.wav")
    env = {**rig.env, "LP_COACH_HOME": str(work / "home")}
    try:
        started = time.monotonic()
        program = Program(["mock", "--questions", str(args.questions), "--seed", "1"], env)
        seen = -1
        while True:
            seen, kind = program.next_prompt(seen, timeout_s=args.seconds + 200)
            if kind == "exited":
                break
            rig.play_into_mic(answer if kind == "question" else probe, lead_silence_s=0.6)
        code = program.finish()
        elapsed = time.monotonic() - started
    finally:
        rig.close()
    session = saved_sessions(env)[0]
    kinds = [t["kind"] for t in session["turns"]]
    print(f"exit {code}; {args.questions}-question mock with ~{args.seconds:.0f} s answers: "
          f"{elapsed / 60:.1f} minutes end to end")
    print(f"turns: {kinds.count('question')} questions, {kinds.count('follow_up')} probes; "
          f"bar raiser: {session['debrief']['bar_raiser']}; flags: {[f['kind'] for f in session['debrief']['flags']]}")


if __name__ == "__main__":
    main()
