"""The practice loop's logic with hand-written fakes for the microphone, the
speaker and the model (real store, real question bank, real rubric).  The real
devices and model are exercised in test_practice_e2e.py."""

from __future__ import annotations

import random

import numpy as np
import pytest

from assistant.config import Config
from assistant.console import Console
from assistant.errors import Interrupted
from assistant.inputs import EnterKey
from assistant.questions import load_bank
from assistant.session import NO_SPEECH_TEXT, Coach
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
        self.timings: dict[str, float] = {}

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

    def spoken_until_s(self, end_phrases=()):
        return (self.last_voice or 0) / RATE

    def finish(self, end_phrase=None):
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
    output_latency_s = 0.0
    continued_at = None
    opening_gap_s = None

    def __init__(self):
        self.said: list[str] = []
        self.begun: list[str] = []
        self.cues = 0

    def say(self, text):
        self.said.append(text)
        return None

    def begin(self, text):
        self.begun.append(text)

    def cue(self):
        self.cues += 1

    def notify(self, text):
        self.said.append(text)

    def close(self):
        pass


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
    # The reply opened with the answer's length the moment it ended, and carried on
    # with the graded part; what is saved is all of it, said once.
    assert speaker.begun == ["All right, that ran about 30 seconds."]
    assert question.feedback == f"{speaker.begun[0]} {speaker.said[1]}"
    assert "30 seconds" not in speaker.said[1] and "26 seconds" not in speaker.said[1]
    assert follow.question in speaker.said
    assert follow.kind == "follow_up" and follow.question == question.follow_up
    # the follow-up reply is short and gets no opening
    assert follow.status == "complete" and follow.feedback in speaker.said and len(speaker.begun) == 1
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


# --------------------------------------------------------------------------- drill


def command(word: str) -> Transcript:
    return words_of(word)


def test_drill_runs_on_voice_commands_alone(tmp_path):
    from assistant.commands import COMMAND_PROMPT

    bank = load_bank()
    openers = bank.openers()
    # answer, "again", answer (same question), "next", answer -> 3 rounds done
    sources = [BlockSource(30, 34), BlockSource(1, 3), BlockSource(30, 34), BlockSource(1, 3), BlockSource(30, 34)]
    transcripts = [words_of(GOOD_ANSWER), command("again"), words_of(GOOD_ANSWER), command("next"), words_of(GOOD_ANSWER)]
    coach, speaker = make_coach(tmp_path, sources, transcripts)
    session = coach.drill(openers, rounds=3)
    asked = [t.question for t in session.turns]
    assert asked == [openers[0].text, openers[0].text, openers[1].text]
    assert all(t.status == "complete" for t in session.turns)
    assert speaker.said.count(COMMAND_PROMPT) == 2
    assert speaker.said[-1].startswith("Drill over: 3 answered")
    # each answer's reply opened with its length as it ended; the spoken commands got none
    assert speaker.begun == ["All right, that ran about 30 seconds."] * 3
    assert all(t.feedback.startswith("All right, that ran about 30 seconds. ") for t in session.turns)


def test_drill_repeat_and_skip_said_instead_of_an_answer(tmp_path):
    bank = load_bank()
    openers = bank.openers()
    sources = [BlockSource(1, 3), BlockSource(1, 3), BlockSource(30, 34)]
    transcripts = [command("repeat"), command("skip"), words_of(GOOD_ANSWER)]
    coach, speaker = make_coach(tmp_path, sources, transcripts)
    session = coach.drill(openers, rounds=1)
    # "repeat" read the first question again; "skip" moved to the second, which was answered.
    assert speaker.said.count(openers[0].text) == 2
    assert [t.status for t in session.turns] == ["unanswered", "complete"]
    assert session.turns[1].question == openers[1].text


def test_drill_silence_after_the_command_prompt_gets_one_reminder_then_ends(tmp_path):
    bank = load_bank()
    sources = [BlockSource(30, 34), BlockSource(0, 10), BlockSource(0, 10)]
    coach, speaker = make_coach(tmp_path, sources, [words_of(GOOD_ANSWER), None, None])
    session = coach.drill(bank.openers(), rounds=3)
    assert [t.status for t in session.turns] == ["complete"]
    assert sum(s.startswith("Sorry?") for s in speaker.said) == 1
    assert speaker.said[-1].startswith("Drill over: 1 answered")
    assert Store(tmp_path / "data").session(session.id).turns[0].status == "complete"


# --------------------------------------------------------------------------- mock


WE_ANSWER = (
    "we noticed the dashboard was slow and we decided to fix it we rewrote the queries and we shipped "
    "the change and we improved things a lot we were all happy with it"
)


def test_mock_probes_weak_answers_and_saves_a_debrief(tmp_path):
    sources = [BlockSource(30, 34), BlockSource(8, 12), BlockSource(8, 12), BlockSource(30, 34), BlockSource(8, 12), BlockSource(8, 12)]
    probe_reply = "we measured it and we saw it was better"
    transcripts = [words_of(WE_ANSWER), words_of(probe_reply), words_of(probe_reply)] * 2
    coach, speaker = make_coach(tmp_path, sources, transcripts)
    session = coach.mock(2)
    kinds = [t.kind for t in session.turns]
    assert kinds.count("question") == 2 and kinds.count("follow_up") >= 2
    assert session.debrief is not None
    assert session.debrief["bar_raiser"] == "not inclined"  # "we"-dominated answers veto
    assert any(f["kind"] == "we_dominated" for f in session.debrief["flags"])
    saved = Store(tmp_path / "data").session(session.id)
    assert saved.debrief == session.debrief
    # Like a real interviewer: no coaching mid-round, the debrief is spoken at the end.
    assert not any(t.feedback == s for t in session.turns if t.kind == "question" for s in speaker.said)
    assert speaker.begun == []  # nor an opening of feedback that is not given
    assert "Bar Raiser" in speaker.said[-1] or "bar raiser" in speaker.said[-1].lower()


def test_mock_assigns_distinct_principles_weighted_by_frequency(tmp_path):
    coach, _ = make_coach(tmp_path, [], [])
    counts: dict[str, int] = {}
    for seed in range(300):
        coach.rng = random.Random(seed)
        assigned = coach.assign_principles(4)
        assert len(set(assigned)) == 4
        for slug in assigned:
            counts[slug] = counts.get(slug, 0) + 1
    assert counts["customer-obsession"] > 2 * counts.get("frugality", 0)
