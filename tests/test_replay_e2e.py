"""`lp-coach replay` through the real stack: PortAudio -> PulseAudio's virtual speaker.

A saved answer with two tone bursts (at 0.5 s and 2.5 s) and a word at the start of
each is replayed; the virtual speaker's monitor is recorded.  What a user notices: the
answer is heard, whole, and each word appears on screen when its sound plays.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.store import Store
from assistant.types import Transcript, Turn, Word

from rig import RATE_HZ, sound_spans

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent


def bursts() -> np.ndarray:
    audio = np.zeros(int(4.0 * RATE_HZ), np.float32)
    t = np.arange(RATE_HZ) / RATE_HZ
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    for start_s in (0.5, 2.5):
        audio[int(start_s * RATE_HZ) : int(start_s * RATE_HZ) + RATE_HZ] = tone
    return audio


class TimedStdout:
    """A child's stdout, each byte stamped with when it arrived (words come without newlines)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self._fd = proc.stdout.fileno()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while chunk := os.read(self._fd, 64):
            self.chunks.append((time.monotonic(), chunk))

    def when(self, text: str) -> float:
        seen = b""
        for t, chunk in self.chunks:
            seen += chunk
            if text.encode() in seen:
                return t
        raise AssertionError(f"{text!r} never printed; output:\n{self.text()}")

    def text(self) -> str:
        return b"".join(c for _, c in self.chunks).decode(errors="replace")

    def join(self) -> None:
        self._thread.join(timeout=10)


class StampedSpeaker:
    """Records the virtual speaker like the rig does, stamping each 20 ms chunk with
    its arrival time, so a sound can be placed on the same clock as the screen.
    (PulseAudio's monitor only delivers while something plays, so the position in
    the recording alone says nothing about wall-clock time.)"""

    CHUNK = int(0.02 * RATE_HZ) * 2

    def __init__(self, env: dict[str, str]) -> None:
        self._proc = subprocess.Popen(
            ["parec", "-d", "speaker.monitor", "--format=s16le", f"--rate={RATE_HZ}", "--channels=1", "--latency-msec=20"],
            stdout=subprocess.PIPE, env=env,
        )  # fmt: skip
        self.chunks: list[tuple[float, bytes]] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while chunk := self._proc.stdout.read(self.CHUNK):
            self.chunks.append((time.monotonic(), chunk))

    def stop(self) -> np.ndarray:
        self._proc.terminate()
        self._proc.wait(timeout=5)
        self._thread.join(timeout=5)
        return np.frombuffer(b"".join(c for _, c in self.chunks), dtype="<i2").astype(np.float32) / 32768.0

    def wall_time(self, seconds_into_recording: float) -> float:
        """When the sample at ``seconds_into_recording`` arrived."""
        target = int(seconds_into_recording * RATE_HZ) * 2
        seen = 0
        for t, chunk in self.chunks:
            seen += len(chunk)
            if seen > target:
                return t - (seen - target) / 2 / RATE_HZ
        raise AssertionError("that moment was never recorded")


def test_replay_plays_the_answer_with_the_words_in_step(audio_rig, run_env, lp_coach_home: Path) -> None:
    store = Store(lp_coach_home)
    session = store.new_session("practice")
    turn = Turn(1, "question", "dive-deep", "Tell me about a bug you root-caused.")
    with store.begin_turn(session, turn) as writer:
        writer.write(bursts())
    turn.transcript = Transcript((Word("Firstword", 0.5, 1.5), Word("Secondword", 2.5, 3.5)), 4.0)
    turn.duration_seconds = 4.0
    turn.status = "complete"
    turn.feedback = "Name the root cause first."
    store.save_turn(session, turn)
    store.close()

    env = {**audio_rig.env, "LP_COACH_HOME": run_env["LP_COACH_HOME"]}
    speaker = StampedSpeaker(audio_rig.env)
    time.sleep(0.3)
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "replay", session.id, "--no-speak"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out = TimedStdout(proc)
    code = proc.wait(timeout=60)
    out.join()
    time.sleep(0.5)
    heard = speaker.stop()
    assert code == 0, out.text() + proc.stderr.read().decode()

    # The whole answer was heard: two one-second bursts, two seconds apart.
    spans = sound_spans(heard, threshold=0.05)
    assert len(spans) == 2, spans
    (a0, a1), (b0, b1) = spans
    assert a1 - a0 == pytest.approx(1.0, abs=0.15) and b1 - b0 == pytest.approx(1.0, abs=0.15)
    assert b0 - a0 == pytest.approx(2.0, abs=0.1)

    # Each word appeared on screen when its sound came out of the speaker.
    print(f"\nscreen minus speaker: {out.when('Firstword') - speaker.wall_time(a0):+.3f} s, "
          f"{out.when('Secondword') - speaker.wall_time(b0):+.3f} s")
    assert out.when("Firstword") - speaker.wall_time(a0) == pytest.approx(0.0, abs=0.3)
    assert out.when("Secondword") - speaker.wall_time(b0) == pytest.approx(0.0, abs=0.3)

    text = out.text()
    assert "Tell me about a bug you root-caused." in text
    assert "Feedback: Name the root cause first." in text


def test_keys_in_a_terminal_pause_and_quit(audio_rig, run_env, lp_coach_home: Path) -> None:
    """Space pauses (the words stop coming), q quits, and the terminal is left as it was."""
    import pty
    import select
    import termios

    store = Store(lp_coach_home)
    session = store.new_session("practice")
    turn = Turn(1, "question", "ownership", "Tell me about a time you owned a problem.")
    words = tuple(Word(f"word{k}", 0.3 + 0.4 * k, 0.6 + 0.4 * k) for k in range(20))
    with store.begin_turn(session, turn) as writer:
        writer.write(np.tile(bursts(), 2))  # 8 s
    turn.transcript, turn.duration_seconds, turn.status = Transcript(words, 8.0), 8.0, "complete"
    store.save_turn(session, turn)
    store.close()

    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    env = {**audio_rig.env, "LP_COACH_HOME": run_env["LP_COACH_HOME"]}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "replay", session.id, "--no-speak"],
                            cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave)  # fmt: skip
    screen = b""

    def read_until(text: bytes, timeout_s: float = 20) -> None:
        nonlocal screen
        deadline = time.monotonic() + timeout_s
        while text not in screen and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                screen += os.read(master, 4096)
        assert text in screen, screen.decode(errors="replace")

    def read_for(seconds: float) -> bytes:
        nonlocal screen
        start = len(screen)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                screen += os.read(master, 4096)
        return screen[start:]

    try:
        read_until(b"(space: pause/resume")
        read_until(b"word2")
        os.write(master, b" ")
        read_for(0.3)  # a word already due may still arrive
        assert b"word" not in read_for(1.5)  # paused: nothing new for 1.5 s
        os.write(master, b" ")
        read_until(b"word6", timeout_s=5)
        os.write(master, b"q")
        read_until(b"Stopped.", timeout_s=5)
        assert proc.wait(timeout=10) == 0
        assert b"word19" not in screen
        assert termios.tcgetattr(slave)[3] == before[3]  # echo/canonical mode restored
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
        os.close(slave)
