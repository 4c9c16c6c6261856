"""A practice turn through the real stack: PortAudio -> PulseAudio virtual
microphone and speaker, the real tiny.en model, real pyttsx3/espeak-ng speech,
real SQLite.  The candidate's answers are synthesised speech written into the
microphone in real time; what the coach says is recorded from the speaker.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import soundfile as sf

from driver import Program, saved_sessions
from rig import RATE_HZ, sound_spans, synth_speech
from wer import recall_of_words, word_error_rate

pytestmark = pytest.mark.e2e

ANSWER = (
    "Last year I noticed that our mobile checkout had become slow and nobody owned the problem. "
    "Customers were abandoning their carts. I traced the delay to a fraud scoring call, "
    "and I designed a parallel fix and shipped it behind a feature flag. "
    "Mobile conversion went up by one point one percent, worth about four million dollars a year. "
    "Since then I always look at latency by device. That's my answer."
)
FOLLOW_UP_ANSWER = (
    "I measured it with an experiment that ran for two weeks. Half of the mobile customers got the new "
    "checkout, and the finance team confirmed the revenue number. I'm done."
)


@pytest.mark.parametrize("voice", ["default", "natural"])
def test_practice_turn_hands_free_through_virtual_microphone_and_speaker(
    voice, audio_rig, speech_dir, run_env, lp_coach_home
):
    answer_wav = synth_speech(ANSWER, speech_dir / "answer.wav")
    follow_wav = synth_speech(FOLLOW_UP_ANSWER, speech_dir / "follow.wav")
    env = {**audio_rig.env, "LP_COACH_HOME": run_env["LP_COACH_HOME"]}

    speaker = audio_rig.record_speaker()
    # The natural voice (piper) speaks the question as soon as it has loaded; the
    # model loads after it, while the question is spoken.
    program = Program(["practice", "--lp", "customer-obsession", "--seed", "3"]
                      + (["--voice", "natural"] if voice == "natural" else []), env)
    program.wait_for("(listening")
    # The candidate starts speaking a moment after the beep.
    answer_end = audio_rig.play_into_mic(answer_wav, lead_silence_s=0.8)
    program.wait_for("(listening", count=2, timeout_s=150)
    audio_rig.play_into_mic(follow_wav, lead_silence_s=0.8)
    code = program.finish()
    speaker.stop()
    assert code == 0, program.output() + program.stderr()

    sessions = saved_sessions(env)
    assert len(sessions) == 1
    session = sessions[0]
    assert session["mode"] == "practice"
    first, second = session["turns"]
    assert first["kind"] == "question" and first["lp"] == "customer-obsession"
    assert second["kind"] == "follow_up" and second["question"] == first["follow_up"]

    # The transcript is what was said (the end phrase is not part of it).
    spoken = ANSWER.removesuffix(" That's my answer.")
    wer = word_error_rate(spoken, first["transcript"])
    print(f"\nword error rate of the saved transcript: {wer:.1%}")
    assert wer <= 0.15, first["transcript"]
    assert "that's my answer" not in first["transcript"].lower()
    # Hands-free: the end phrase ended both answers, not the silence window.
    assert first["ended_by"] == "end_phrase" and second["ended_by"] == "end_phrase"
    # The follow-up reply was heard and saved: most of its words are in the
    # transcript.  (A word-error bound on one short sentence measured tiny.en's
    # noise on espeak speech, 13-29% across runs, not the coach.)
    assert recall_of_words(FOLLOW_UP_ANSWER.removesuffix(" I'm done."), second["transcript"]) >= 0.6

    # The saved audio holds the whole answer.
    audio_file = lp_coach_home / first["audio"]
    info = sf.info(audio_file)
    spoken_s = sf.info(answer_wav).duration
    assert info.samplerate == RATE_HZ
    assert info.duration >= spoken_s * 0.95

    # The checks a reader of the guide expects for this answer.
    checks = first["checks"]
    for check_id in ("length", "i_vs_we", "quantified_result", "past_tense", "reflection", "fillers", "pace"):
        assert check_id in checks
    assert checks["i_vs_we"]["status"] == "pass"
    assert checks["quantified_result"]["status"] == "pass"
    assert checks["past_tense"]["status"] == "pass"
    assert checks["reflection"]["status"] in ("pass", "warn")
    assert checks["length"]["status"] != "pass"  # ~25 s is well short of the 90-second target
    assert first["feedback"] and first["follow_up"]

    # Feedback and the follow-up question were heard on the speaker: transcribe
    # what the speaker played after the answer ended.
    from assistant.config import ModelOptions
    from assistant.model import load_transcriber

    after = speaker.audio_after(answer_end)
    assert sound_spans(after), "nothing was played after the answer"
    said = load_transcriber(ModelOptions()).transcribe(after).text
    print(f"speaker after the answer: {said[:300]}")
    assert recall_of_words(first["follow_up"], said) >= 0.6, said
    assert recall_of_words(first["feedback"], said) >= 0.5, said

    # From the end of the spoken answer to the first sound of feedback, measured
    # outside the program by the clock (reported, not asserted: timing tests flake).
    first_sound = speaker.first_sound_after(answer_end)
    assert first_sound is not None
    print(f"end of answer audio -> first feedback sound: {first_sound - answer_end:.2f} s")
    print(f"timings saved: {first['timings']}")
    assert "answer_end_to_feedback_s" in first["timings"]
    # The reply opened with the answer's length as it ended, the figure the length
    # check graded (to the 5 s it is rounded to), and went on once the rest was ready.
    opened = re.match(r"All right, that ran about (\d+) seconds\. ", first["feedback"])
    assert opened, first["feedback"]
    graded_s = float(re.match(r"(\d+) s", checks["length"]["message"]).group(1))
    assert abs(int(opened.group(1)) - graded_s) <= 3.5, (first["feedback"], checks["length"])
    assert first["timings"]["answer_end_to_verdict_s"] >= first["timings"]["answer_end_to_feedback_s"]
    print(f"opening: {opened.group(0)!r}; graded part began {first['timings']['answer_end_to_verdict_s']:.2f} s "
          f"after the end, silence before it {first['timings']['opening_gap_s']:.2f} s")
    # How the end was heard is saved with the turn (bench/bench_e2e.py reports it).
    assert {"last_voice_to_answer_end_s", "probe_after_voice_s", "probe_decode_s"} <= set(first["timings"])
    if voice == "natural":
        assert "speaking with the system voice instead" not in program.stderr(), program.stderr()


def test_practice_from_input_files_without_speaking(speech_dir, run_env, tmp_path):
    answer_wav = synth_speech(ANSWER, speech_dir / "answer-file.wav")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "practice", "--lp", "ownership", "--no-speak", "--input", str(answer_wav)],
        env=run_env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Coach:" in result.stdout  # what would be said is printed
    session = saved_sessions(run_env)[0]
    first, second = session["turns"]
    assert first["status"] == "complete" and first["checks"]["quantified_result"]["status"] == "pass"
    # One file for two prompts: the follow-up is asked and saved unanswered.
    assert second["kind"] == "follow_up" and second["status"] == "unanswered"
    assert second["question"] == first["follow_up"]
