"""Play a saved answer back while its transcript scrolls in step with the audio.

Each word is printed when playback reaches its start time, then the turn's checks
and feedback are shown and (unless speech is off) the feedback is spoken again.
With a keyboard on stdin: space pauses and resumes, ``n`` skips to the next turn,
``q`` quits.

Two tiny interfaces keep the outside world swappable: ``Playback`` (the speakers;
the real one is a sounddevice OutputStream whose callback only copies samples) and
``Keys`` (the keyboard; the real one puts the terminal in cbreak mode).
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from typing import Protocol, TextIO

import numpy as np

from .config import AudioOptions
from .errors import DeviceError, UsageError
from .labels import check_name, clock, lp_name
from .types import Session, Turn
from .wav import SAMPLE_RATE_HZ

POLL_S = 0.02


# ------------------------------------------------------------- interfaces


class Playback(Protocol):
    def start(self, samples: np.ndarray, sample_rate_hz: int) -> None:
        """Begin playing; returns at once."""

    def position_s(self) -> float:
        """Seconds of the recording heard so far."""

    @property
    def finished(self) -> bool:
        """True once the last sample has been played (or after ``stop``)."""

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def stop(self) -> None: ...


class Keys(Protocol):
    def read(self, timeout_s: float) -> str | None:
        """A key pressed within ``timeout_s``, or None."""

    def close(self) -> None: ...


class Speaker(Protocol):
    def say(self, text: str) -> float | None: ...


# ------------------------------------------------------------ real ones


def _sounddevice():
    try:
        import sounddevice
    except OSError:
        raise DeviceError(
            "PortAudio is missing, so recordings cannot be played; install it with: sudo apt-get install libportaudio2"
        ) from None
    return sounddevice


class SoundDevicePlayback:
    """The default (or configured) output device, at the recording's own rate."""

    def __init__(self, options: AudioOptions | None = None) -> None:
        self._options = options or AudioOptions()
        self._stream = None
        self._samples = np.zeros(0, np.float32)
        self._pos = 0
        self._rate = SAMPLE_RATE_HZ
        self._paused = False
        self._done = threading.Event()

    def _callback(self, outdata, frames, time_info, status) -> None:
        # PortAudio's thread: copy the next samples out, nothing else.
        if self._paused:
            outdata.fill(0)
            return
        chunk = self._samples[self._pos : self._pos + frames]
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk) :] = 0
        self._pos += len(chunk)
        if len(chunk) < frames:
            raise self._sd.CallbackStop

    def start(self, samples: np.ndarray, sample_rate_hz: int) -> None:
        sd = self._sd = _sounddevice()
        self._samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        self._rate = int(sample_rate_hz)
        self._pos = 0
        self._paused = False
        self._done.clear()
        device = self._options.output_device
        try:
            stream = sd.OutputStream(
                samplerate=self._rate,
                channels=1,
                dtype="float32",
                device=int(device) if device and device.isdigit() else device,
                callback=self._callback,
                finished_callback=self._done.set,
            )
            stream.start()
            self._stream = stream
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            raise DeviceError(f"cannot play the recording ({exc}); check the speaker, or read it with `lp-coach report`.") from None

    def position_s(self) -> float:
        latency = float(self._stream.latency) if self._stream is not None else 0.0
        return max(0.0, self._pos / self._rate - (0.0 if self.finished else latency))

    @property
    def finished(self) -> bool:
        return self._stream is None or self._done.is_set()

    def pause(self) -> None:
        self._paused = True

    def resume(self) -> None:
        self._paused = False

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                if not self._done.is_set():
                    stream.abort()
                stream.close()
            except Exception:  # closing a dead stream must not hide the real outcome
                pass
        self._done.set()

    def wait(self) -> None:
        self._done.wait()


class NoKeys:
    """stdin is not a terminal: no key handling, just wait."""

    def read(self, timeout_s: float) -> str | None:
        time.sleep(timeout_s)
        return None

    def close(self) -> None:
        pass


class TerminalKeys:
    """Single key presses from a terminal (cbreak mode, restored on close)."""

    def __init__(self, stream: TextIO = sys.stdin) -> None:
        import termios
        import tty

        self._fd = stream.fileno()
        self._termios = termios
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)

    def read(self, timeout_s: float) -> str | None:
        import select

        ready, _, _ = select.select([self._fd], [], [], timeout_s)
        if not ready:
            return None
        data = os.read(self._fd, 1)
        return data.decode("utf-8", "replace") if data else None

    def close(self) -> None:
        self._termios.tcsetattr(self._fd, self._termios.TCSADRAIN, self._saved)


def open_keys(stream: TextIO = sys.stdin) -> Keys:
    try:
        if stream.isatty():
            return TerminalKeys(stream)
    except (OSError, ValueError, ImportError, AttributeError):
        pass
    return NoKeys()


# ------------------------------------------------------------------ text


class WordPrinter:
    """Prints words one at a time, wrapping at the terminal width."""

    def __init__(self, out: TextIO, width: int | None = None, indent: str = "  ") -> None:
        self.out = out
        self.width = width or min(100, shutil.get_terminal_size((88, 24)).columns)
        self.indent = indent
        self.column = 0

    def word(self, text: str) -> None:
        text = " ".join(text.split())  # a saved word never moves the cursor elsewhere
        text = "".join(ch for ch in text if ch.isprintable())
        if self.column == 0:
            piece = self.indent + text
        elif self.column + 1 + len(text) > self.width:
            piece = "\n" + self.indent + text
            self.column = 0
        else:
            piece = " " + text
        self.out.write(piece)
        self.out.flush()
        self.column += len(piece.lstrip("\n"))

    def end(self) -> None:
        if self.column:
            self.out.write("\n")
            self.out.flush()
        self.column = 0


def _clean(text: str) -> str:
    """Saved text for a terminal: no escape sequences or control characters."""
    return "".join(ch for ch in text if ch.isprintable() or ch == "\n")


# ---------------------------------------------------------------- replay

SKIP, QUIT, DONE = "skip", "quit", "done"


class Replayer:
    """Replays the turns of one session.  Give it the store and the interfaces."""

    def __init__(
        self,
        store,
        playback: Playback,
        speaker: Speaker | None = None,
        keys: Keys | None = None,
        out: TextIO = sys.stdout,
        poll_s: float = POLL_S,
    ) -> None:
        self.store = store
        self.playback = playback
        self.speaker = speaker
        self.keys = keys or NoKeys()
        self.out = out
        self.poll_s = poll_s

    def replay(self, session: Session, turn_index: int | None = None) -> None:
        turns = session.turns
        if turn_index is not None:
            turns = [t for t in session.turns if t.index == turn_index]
            if not turns:
                have = ", ".join(str(t.index) for t in session.turns) or "none"
                raise UsageError(f"session {session.id} has no turn {turn_index}; its turns are: {have}.")
        # Every recording is checked before anything plays: a missing file is one
        # sentence up front, not a surprise halfway through.
        audio = {t.index: self.store.read_audio(t) for t in turns if t.audio}
        self._line(f"Session {session.id} · {session.mode} · started {session.started_at}")
        if not isinstance(self.keys, NoKeys):
            self._line("(space: pause/resume · n: next turn · q: quit)")
        for turn in turns:
            outcome = self._turn(turn, audio.get(turn.index))
            if outcome == QUIT:
                self._line("Stopped.")
                return

    # ---- one turn

    def _turn(self, turn: Turn, recording: tuple[np.ndarray, int] | None) -> str:
        kind = "Follow-up" if turn.kind == "follow_up" else "Question"
        self._line("")
        self._line(f"{kind} {turn.index} · {lp_name(turn.lp)} · {clock(turn.duration_seconds)}"
                   + ("" if turn.status == "complete" else f" · {turn.status}"))
        self._line(f"  {_clean(turn.question)}")
        self._line("")
        words = list(turn.transcript.words) if turn.transcript else []
        printer = WordPrinter(self.out)
        outcome = DONE
        if recording is None:
            if turn.status == "unanswered" or not words:
                self._line("  (no answer recorded)")
            for w in words:
                printer.word(w.text)
        else:
            outcome = self._play(recording, words, printer)
            if outcome == QUIT:
                printer.end()
                return QUIT
            if not words:
                self._line("  (no words were heard)")
        printer.end()
        self._checks(turn)
        if outcome == DONE and self.speaker is not None and turn.feedback:
            self.speaker.say(turn.feedback)
        return outcome

    def _play(self, recording: tuple[np.ndarray, int], words, printer: WordPrinter) -> str:
        samples, rate = recording
        self.playback.start(samples, rate)
        i = 0
        paused = False
        try:
            while True:
                heard = self.playback.position_s()
                while i < len(words) and words[i].start <= heard:
                    printer.word(words[i].text)
                    i += 1
                if self.playback.finished:
                    break
                key = self.keys.read(self.poll_s)
                if key == " ":
                    paused = not paused
                    self.playback.resume() if not paused else self.playback.pause()
                elif key in ("n", "N"):
                    for w in words[i:]:
                        printer.word(w.text)
                    return SKIP
                elif key in ("q", "Q"):
                    return QUIT
        finally:
            self.playback.stop()
        for w in words[i:]:  # words timed past the recording's end
            printer.word(w.text)
        return DONE

    def _checks(self, turn: Turn) -> None:
        if turn.evaluation and turn.evaluation.checks:
            self._line("")
            order = {"fail": 0, "warn": 1, "pass": 2}
            for c in sorted(turn.evaluation.checks.values(), key=lambda c: order.get(c.status, 3)):
                evidence = "; ".join(f'"{_clean(e)}"' for e in c.evidence)
                line = f"  {c.status.upper():<5} {check_name(c.id)}: {_clean(c.message)}"
                self._line(line + (f" ({evidence})" if evidence else ""))
        if turn.feedback:
            self._line("")
            self._line(f"  Feedback: {_clean(turn.feedback)}")
        if turn.follow_up:
            self._line(f"  Follow-up: {_clean(turn.follow_up)}")

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def default_speaker(config, warn) -> Speaker | None:
    """The coach's speaker, or None (feedback is printed anyway) when speech is off
    or the speech module is not available."""
    if not config.speech.enabled:
        return None
    try:
        from .tts import open_speaker
    except ImportError:
        return None
    return open_speaker(config.speech, config.audio, warn)
