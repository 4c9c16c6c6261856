"""Replay: words appear when the audio reaches them; keys pause, skip and quit.

The speakers and keyboard are replaced by honest fakes: a playback that advances
with the real clock (sped up), a key source that presses keys at given moments of
the recording, and a speaker that notes what it was asked to say.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import StoreError, UsageError
from assistant.replay import Replayer
from assistant.store import Store
from assistant.types import CheckResult, Evaluation, Transcript, Turn, Word

SPEED = 10.0  # the fake speakers play ten times faster than real time


class ClockPlayback:
    """Plays by the clock, SPEED times faster, and remembers what it was given."""

    def __init__(self) -> None:
        self.played: list[tuple[int, int]] = []
        self.stops = 0
        self._t0 = 0.0
        self._paused_at: float | None = None
        self._length = 0.0
        self._stopped = False

    def start(self, samples, rate) -> None:
        self.played.append((len(samples), rate))
        self._length = len(samples) / rate
        self._t0 = time.monotonic()
        self._paused_at = None
        self._stopped = False

    def position_s(self) -> float:
        now = self._paused_at if self._paused_at is not None else time.monotonic()
        return min(self._length, (now - self._t0) * SPEED)

    @property
    def finished(self) -> bool:
        return self._stopped or self.position_s() >= self._length

    def pause(self) -> None:
        self._paused_at = time.monotonic()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._t0 += time.monotonic() - self._paused_at
            self._paused_at = None

    def stop(self) -> None:
        self._stopped = True
        self.stops += 1


class ScriptedKeys:
    """Presses ``key`` when the playback reaches ``at_s`` (recording time)."""

    def __init__(self, playback: ClockPlayback, presses: list[tuple[float, str]]) -> None:
        self.playback = playback
        self.presses = list(presses)
        self.pressed: list[tuple[float, str]] = []

    def read(self, timeout_s: float) -> str | None:
        time.sleep(timeout_s)
        if self.presses and self.playback.position_s() >= self.presses[0][0]:
            at, key = self.presses.pop(0)
            self.pressed.append((self.playback.position_s(), key))
            return key
        return None

    def close(self) -> None:
        pass


class NotingSpeaker:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> float | None:
        self.said.append(text)
        return None


class TimedOutput(io.StringIO):
    """Remembers when each piece of text was written."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[float, str]] = []

    def write(self, s: str) -> int:
        self.writes.append((time.monotonic(), s))
        return super().write(s)


WORDS_1 = [("I", 0.2), ("rewrote", 0.6), ("the", 1.0), ("parser", 1.4), ("and", 2.2), ("cut", 2.6), ("errors", 3.0), ("by", 3.4), ("90%.", 3.8)]
WORDS_2 = [("We", 0.3), ("measured", 0.8), ("p99", 1.5), ("latency.", 2.0)]


def make_turn(index: int, words, seconds: float, feedback: str) -> Turn:
    ws = tuple(Word(w, s, s + 0.3) for w, s in words)
    checks = {"length": CheckResult("length", "fail", "4 s is far too short", ()),
              "i_vs_we": CheckResult("i_vs_we", "pass", "mostly I", ("I rewrote",))}  # fmt: skip
    return Turn(index, "question" if index == 1 else "follow_up", "dive-deep", f"Question {index}?",
                duration_seconds=seconds, transcript=Transcript(ws, seconds),
                evaluation=Evaluation("dive-deep", "q", seconds, len(ws), checks), feedback=feedback,
                follow_up="What would you do next time?")  # fmt: skip


@pytest.fixture
def store_and_session(tmp_path: Path):
    store = Store(tmp_path / "data")
    session = store.new_session("practice")
    for turn, seconds in ((make_turn(1, WORDS_1, 4.5, "Lead with the result."), 4.5), (make_turn(2, WORDS_2, 2.5, "Name the metric."), 2.5)):
        with store.begin_turn(session, turn) as w:
            w.write(np.zeros(int(seconds * 16000), np.float32))
        turn.status = "complete"
        store.save_turn(session, turn)
    yield store, store.session(session.id)
    store.close()


def test_words_appear_in_step_with_the_audio(store_and_session) -> None:
    store, session = store_and_session
    playback, speaker, out = ClockPlayback(), NotingSpeaker(), TimedOutput()
    Replayer(store, playback, speaker=speaker, out=out).replay(session)

    assert playback.played == [(72000, 16000), (40000, 16000)]  # each recording, at its own rate
    # Each word was written when the playback reached its start (recording time / SPEED).
    first_word_at = next(t for t, s in out.writes if s.strip() == "I")
    for word, start in WORDS_1[1:]:
        written = next(t for t, s in out.writes if s.strip() == word)
        assert (written - first_word_at) * SPEED == pytest.approx(start - WORDS_1[0][1], abs=0.6)
    text = out.getvalue()
    assert "  I rewrote the parser and cut errors by 90%." in text
    # Check labels come from the rubric's data (rubric.toml [labels]), no longer a copy in report.py.
    assert "FAIL  Length: 4 s is far too short" in text and 'PASS  I vs we: mostly I ("I rewrote")' in text
    assert "Feedback: Lead with the result." in text and "Follow-up: What would you do next time?" in text
    assert text.index("90%.") < text.index("FAIL  Length") < text.index("Question 2?")
    assert speaker.said == ["Lead with the result.", "Name the metric."]


def test_space_pauses_and_resumes(store_and_session) -> None:
    store, session = store_and_session
    playback = ClockPlayback()
    keys = ScriptedKeys(playback, [(1.0, " "), (1.0, " ")])
    out = TimedOutput()
    Replayer(store, playback, keys=keys, out=out).replay(session, turn_index=1)
    paused = [t for t, _ in keys.pressed]
    assert len(paused) == 2 and paused[1] == pytest.approx(paused[0], abs=0.05)  # no progress while paused
    assert "90%." in out.getvalue()


def test_n_skips_to_the_next_turn_and_q_quits(store_and_session) -> None:
    store, session = store_and_session
    playback, speaker = ClockPlayback(), NotingSpeaker()
    keys = ScriptedKeys(playback, [(1.5, "n")])
    out = io.StringIO()
    Replayer(store, playback, speaker=speaker, keys=keys, out=out).replay(session)
    text = out.getvalue()
    assert "90%." in text and "Question 2?" in text  # the rest of the words shown at once, then on
    assert speaker.said == ["Name the metric."]  # the skipped turn's feedback is not spoken

    playback, speaker = ClockPlayback(), NotingSpeaker()
    keys = ScriptedKeys(playback, [(1.5, "q")])
    out = io.StringIO()
    Replayer(store, playback, speaker=speaker, keys=keys, out=out).replay(session)
    text = out.getvalue()
    assert "Stopped." in text and "Question 2?" not in text and "FAIL" not in text
    assert speaker.said == [] and len(playback.played) == 1


def test_missing_recording_fails_before_playing(store_and_session) -> None:
    store, session = store_and_session
    store.audio_path(session.turns[1]).unlink()
    playback, out = ClockPlayback(), io.StringIO()
    with pytest.raises(StoreError, match="recording for turn 2 .* is missing"):
        Replayer(store, playback, out=out).replay(session)
    assert playback.played == [] and out.getvalue() == ""


def test_unknown_turn(store_and_session) -> None:
    store, session = store_and_session
    with pytest.raises(UsageError, match="has no turn 7; its turns are: 1, 2"):
        Replayer(store, ClockPlayback(), out=io.StringIO()).replay(session, turn_index=7)


def test_saved_text_cannot_drive_the_terminal(store_and_session) -> None:
    store, session = store_and_session
    turn = session.turns[0]
    turn.feedback = "ok\x1b[2J\x1b]0;owned\x07"
    turn.transcript = Transcript((Word("\x1b[31mred", 0.1, 0.2),), 4.5)
    out = io.StringIO()
    Replayer(store, ClockPlayback(), out=out).replay(session, turn_index=1)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
