"""The practice loop's logic with hand-written fakes for the microphone, the
speaker and the model (real store, real question bank, real rubric).  The real
devices and model are exercised in test_practice_e2e.py."""

from __future__ import annotations

import random

import numpy as np
import pytest

from assistant.config import Config
from assistant.errors import Interrupted
from assistant.questions import load_bank
from assistant.session import NO_SPEECH_TEXT, Coach, Console, EnterKey
from assistant.store import Store
from assistant.types import Transcript, Word

RATE = 16000
BLOCK = 1600

GOOD_ANSWER = (
    "last year i noticed our checkout page was slow for mobile customers and nobody owned it "
    "i traced the delay to a fraud scoring call and i rewrote it to run in parallel "
    "i shipped it behind a flag and mobile conversion went up one point one percent "
    "worth about four million dollars a year since then i always segment latency by device"
)


def words_of(text: str, start_s: float = 0.5, wps: float = 2.5) -> Transcript:
    words = []
    t = start_s
    for w in text.split():
        words.append(Word(w, t, t + 0.3))
        t += 1 / wps
    return Transcript(tuple(words), t)


class ScriptedStream:
    """Treats loud blocks as speech; returns the scripted transcript at finish."""

    def __init__(self, transcript: Transcript | None) -> None:
        self._transcript = transcript
        self.samples = 0
        self.last_voice = None

    def feed(self, block):
        if np.abs(block).max() > 0.1:
            self.last_voice = self.samples + len(block)
        self.samples += len(block)

    @property
    def elapsed_s(self):
        return self.samples / RATE

    @property
    def heard_speech(self):
        return self.last_voice is not None

    @property
    def silence_s(self):
        return (self.samples - (self.last_voice or 0)) / RATE

    def partial_text(self):
        return ""

    def finish(self):
        return self._transcript if self.heard_speech else Transcript((), self.elapsed_s)


class ScriptedTranscriber:
    def __init__(self, transcripts):
        self._transcripts = list(transcripts)

    def stream(self, sample_rate_hz):
        return ScriptedStream(self._transcripts.pop(0) if self._transcripts else None)


class BlockSource:
    """``speech_s`` of loud audio then silence, delivered instantly."""

    sample_rate_hz = RATE

    def __init__(self, speech_s: float, total_s: float, interrupt_after_s: float | None = None):
        self._blocks = int(total_s * RATE / BLOCK)
        self._speech_blocks = int(speech_s * RATE / BLOCK)
        self._interrupt = None if interrupt_after_s is None else int(interrupt_after_s * RATE / BLOCK)
        self._i = 0

    def start(self):
        pass

    def read(self, timeout_s):
        if self._interrupt is not None and self._i >= self._interrupt:
            raise KeyboardInterrupt
        if self._i >= self._blocks:
            return None
        self._i += 1
        return np.full(BLOCK, 0.5 if self._i <= self._speech_blocks else 0.0, np.float32)

    @property
    def exhausted(self):
        return self._i >= self._blocks

    def stop(self):
        pass


class ListInputs:
    live = False

    def __init__(self, sources):
        self._sources = list(sources)

    def next_source(self):
        return self._sources.pop(0) if self._sources else None

    def close(self):
        pass


class RecordingSpeaker:
    def __init__(self):
        self.said: list[str] = []
        self.cues = 0

    def say(self, text):
        self.said.append(text)
        return None

    def cue(self):
        self.cues += 1

    def notify(self, text):
        self.said.append(text)


class NoKeyboard(EnterKey):
    def __init__(self):
        super().__init__(stream=_NotATty())


class _NotATty:
    def isatty(self):
        return False


def make_coach(tmp_path, sources, transcripts, capsys=None):
    config = Config(data_dir=tmp_path / "data")
    speaker = RecordingSpeaker()
    coach = Coach(
        config=config,
        speaker=speaker,
        transcriber=ScriptedTranscriber(transcripts),
        store=Store(config.data_dir),
        bank=load_bank(),
        inputs=ListInputs(sources),
        console=Console(),
        keys=NoKeyboard(),
        rng=random.Random(1),
    )
    return coach, speaker


def test_practice_asks_scores_follows_up_and_saves(tmp_path):
    follow_text = "i measured it with an ab test over two weeks and the finance team confirmed the revenue"
    coach, speaker = make_coach(
        tmp_path,
        [BlockSource(30, 34), BlockSource(8, 12)],
        [words_of(GOOD_ANSWER), words_of(follow_text)],
    )
    session = coach.practice("dive-deep")
    question, follow = session.turns
    assert question.lp == "dive-deep" and question.status == "complete"
    assert speaker.said[0] == question.question  # the question was spoken first
    assert question.feedback in speaker.said and follow.question in speaker.said
    assert follow.kind == "follow_up" and follow.question == question.follow_up
    assert follow.status == "complete" and follow.feedback in speaker.said
    assert speaker.cues == 2  # a beep before each answer

    saved = Store(tmp_path / "data").session(session.id)
    assert [t.status for t in saved.turns] == ["complete", "complete"]
    assert saved.turns[0].transcript.text == GOOD_ANSWER
    assert saved.turns[0].evaluation.checks["quantified_result"].status == "pass"
    assert "answer_end_to_transcript_s" in saved.turns[0].timings
    # The 3 s silence window ended the answer: 30 s of speech + 3 s recorded.
    assert 32.5 <= saved.turns[0].duration_seconds <= 33.5


def test_no_speech_asks_once_more_then_ends_without_scoring(tmp_path):
    coach, speaker = make_coach(tmp_path, [BlockSource(0, 15), BlockSource(0, 15)], [None, None])
    session = coach.practice("ownership")
    assert len(session.turns) == 1
    turn = session.turns[0]
    assert turn.status == "unanswered" and turn.evaluation is None
    assert sum(NO_SPEECH_TEXT in s for s in speaker.said) == 1  # asked once more, only once
    saved = Store(tmp_path / "data").session(session.id)
    assert saved.turns[0].status == "unanswered"


def test_ctrl_c_keeps_audio_and_marks_turn_incomplete(tmp_path):
    coach, _ = make_coach(tmp_path, [BlockSource(30, 60, interrupt_after_s=5)], [words_of(GOOD_ANSWER)])
    with pytest.raises(Interrupted) as err:
        coach.practice("ownership")
    assert "incomplete" in str(err.value)
    store = Store(tmp_path / "data")
    session = store.sessions()[0]
    turn = session.turns[0]
    assert turn.status == "incomplete"
    samples, rate = store.read_audio(turn)
    assert len(samples) / rate == pytest.approx(5.0, abs=0.2)


def test_inputs_running_out_leave_the_follow_up_unanswered(tmp_path):
    coach, speaker = make_coach(tmp_path, [BlockSource(30, 34)], [words_of(GOOD_ANSWER)])
    session = coach.practice("customer-obsession")
    first, second = session.turns
    assert first.status == "complete"
    assert second.status == "unanswered" and second.question == first.follow_up
    assert second.question in speaker.said  # the last prompt is still asked
