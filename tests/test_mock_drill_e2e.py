"""The mock round and the drill, hands-free through the virtual microphone.

Everything the candidate does is spoken: answers, probe replies, and the
drill's voice commands.  No keyboard from start to end (stdin is /dev/null).
"""

from __future__ import annotations

import pytest

from driver import Program, saved_sessions
from rig import synth_speech

pytestmark = pytest.mark.e2e

STORY = (
    "Last year I noticed our mobile checkout latency had drifted from six hundred milliseconds to "
    "one point four seconds and nobody owned it. I traced it to a fraud scoring call at MerchantCo, "
    "rewrote it to run in parallel, and shipped it behind a feature flag. Mobile conversion went up "
    "one point one percent, worth four million dollars a year. I now segment latency by device. "
    "That's my answer."
)
# The same story told again with different numbers: the Bar Raiser's red flag.
RETOLD = (
    "At MerchantCo I saw that mobile checkout latency had drifted to two point five seconds. "
    "I traced it to the fraud scoring call, rewrote it to run in parallel and shipped it behind a "
    "feature flag. Mobile conversion went up three percent, worth nine million dollars a year. "
    "I now segment latency by device. That's my answer."
)
PROBE_REPLY = (
    "I measured it with an A B test over two weeks and I checked the revenue with the finance team. I'm done."
)


def test_mock_round_hands_free_flags_a_retold_story_with_changed_numbers(audio_rig, speech_dir, run_env):
    story = synth_speech(STORY, speech_dir / "story.wav")
    retold = synth_speech(RETOLD, speech_dir / "retold.wav")
    probe = synth_speech(PROBE_REPLY, speech_dir / "probe.wav")
    env = {**audio_rig.env, "LP_COACH_HOME": run_env["LP_COACH_HOME"]}
    program = Program(["mock", "--questions", "2", "--seed", "7"], env)
    questions_answered = 0
    seen = -1
    while True:
        seen, kind = program.next_prompt(seen, timeout_s=200)
        if kind == "exited":
            break
        if kind == "question":
            audio_rig.play_into_mic(story if questions_answered == 0 else retold, lead_silence_s=0.6)
            questions_answered += 1
        else:
            audio_rig.play_into_mic(probe, lead_silence_s=0.6)
    code = program.finish()
    assert code == 0, program.output() + program.stderr()
    assert questions_answered == 2

    session = saved_sessions(env)[0]
    assert session["mode"] == "mock"
    kinds = [t["kind"] for t in session["turns"]]
    assert kinds.count("question") == 2 and 2 <= kinds.count("follow_up") <= 4
    debrief = session["debrief"]
    assert set(debrief["principles"]) == {t["lp"] for t in session["turns"] if t["kind"] == "question"}
    flags = {f["kind"]: f["message"] for f in debrief["flags"]}
    print("\ndebrief:", debrief)
    assert "repeated_story" in flags or "contradiction" in flags
    assert "contradiction" in flags, flags
    assert debrief["bar_raiser"] == "not inclined"  # contradicting stories veto
    assert "Bar Raiser" in program.output()


def test_drill_driven_only_by_spoken_commands(audio_rig, speech_dir, run_env):
    answer = synth_speech(STORY, speech_dir / "drill-answer.wav")
    commands = {w: synth_speech(w.capitalize() + ".", speech_dir / f"cmd-{w}.wav") for w in ("repeat", "next")}
    env = {**audio_rig.env, "LP_COACH_HOME": run_env["LP_COACH_HOME"]}
    program = Program(["drill", "--openers", "--rounds", "2"], env)
    # The candidate first asks to hear the question again, then answers; at the
    # command prompt says "next" (and says it again if the coach didn't catch it).
    said_repeat = False
    seen = -1
    while True:
        seen, kind = program.next_prompt(seen, timeout_s=200)
        if kind == "exited":
            break
        if kind == "command":
            audio_rig.play_into_mic(commands["next"], lead_silence_s=0.6)
        elif not said_repeat:
            said_repeat = True
            audio_rig.play_into_mic(commands["repeat"], lead_silence_s=0.6)
        else:
            audio_rig.play_into_mic(answer, lead_silence_s=0.6)
    code = program.finish()
    assert code == 0, program.output() + program.stderr()
    out = program.output()
    # (Each assertion shows what the coach heard: a misheard command is the likely failure.)
    assert "(heard: repeat)" in out and "(heard: next)" in out, out

    from assistant.questions import load_bank

    openers = load_bank().openers()
    session = saved_sessions(env)[0]
    assert session["mode"] == "drill"
    answered = [t for t in session["turns"] if t["status"] == "complete"]
    assert [t["question"] for t in answered] == [openers[0].text, openers[1].text], out
    # "repeat" read the first question aloud a second time.
    assert out.count(f"Coach: {openers[0].text}") == 2, out
    assert "Drill over: 2 answered" in out, out
