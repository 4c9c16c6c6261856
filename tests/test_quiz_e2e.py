"""The self-check quiz by voice: the question spoken on the virtual speaker, the answer spoken
into the virtual microphone, graded, the missed points spoken back, the result saved and shown
in ``plan``.  One short question, to keep the real-model run brief."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from driver import Program
from rig import sound_spans, synth_speech
from wer import recall_of_words

pytestmark = pytest.mark.e2e

# Two of the three Backbone beats (no commit), so the spoken reply names one missed point.
ANSWER = (
    "First you disagree with evidence, like a document or the numbers. "
    "Second, you are willing to be wrong and concede a point under pushback. That's my answer."
)


def test_quiz_question_answered_aloud_is_graded_spoken_back_and_saved(audio_rig, speech_dir, run_env):
    answer_wav = synth_speech(ANSWER, speech_dir / "quiz-backbone.wav")
    env = {**audio_rig.env, "LP_COACH_HOME": run_env["LP_COACH_HOME"]}
    speaker = audio_rig.record_speaker()
    program = Program(["quiz", "--id", "backbone"], env)
    program.wait_for("(listening")
    answer_end = audio_rig.play_into_mic(answer_wav, lead_silence_s=0.8)
    code = program.finish()
    speaker.stop()
    out = program.output()
    assert code == 0, out + program.stderr()
    assert "Coach: What three beats does a Have Backbone" in out
    assert "✓ evidence-based disagreement" in out and "✓ willingness to be wrong" in out
    assert "✗ an explicit commit after the decision" in out
    assert "Coach: 2 of 3 key points. You missed: commit after the decision" in out

    # The missed point was heard on the speaker, after the answer ended.
    from assistant.config import ModelOptions
    from assistant.model import load_transcriber

    after = speaker.audio_after(answer_end)
    assert sound_spans(after), "nothing was played after the answer"
    said = load_transcriber(ModelOptions()).transcribe(after).text
    assert recall_of_words("You missed commit after the decision", said) >= 0.6, said

    # Saved, and counted by the plan's hour 1.
    plan = json.loads(subprocess.run([sys.executable, "-m", "assistant", "plan", "--json"], env=env,
                                     capture_output=True, text=True, check=True).stdout)
    hour1 = plan["hours"][0]
    assert hour1["status"] == "in_progress"
    assert "backbone 67%" in hour1["evidence"][0]
