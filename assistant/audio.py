"""The microphone and the speakers, behind two small interfaces.

``AudioSource`` yields 16 kHz mono float32 blocks.  The real one wraps a
sounddevice InputStream whose callback only copies the block into a queue: no
work happens on the audio thread, so a slow transcriber can never make the
device drop samples.  ``FileSource`` answers from an audio file (for ``--input``
and for tests).  ``Player`` sends what the coach says to the output device
through one stream kept open.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import queue
import threading
import time
import weakref
from collections import deque
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import AudioOptions
from .errors import DeviceError


class AudioSource(Protocol):
    sample_rate_hz: int

    def start(self) -> None: ...

    def read(self, timeout_s: float) -> np.ndarray | None:
        """The next block, or None when none arrived within ``timeout_s``."""

    @property
    def exhausted(self) -> bool:
        """True once a finite source has delivered its last block."""

    def stop(self) -> None: ...


_alsa_quieted = False
_ALSA_ERROR_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
_alsa_handler = None  # kept referenced: ALSA holds a pointer to it


def _quiet_alsa() -> None:
    """Stop libasound printing its own diagnostics on stderr.

    Under load ALSA writes lines such as "ALSA lib pcm.c:8570:(snd_pcm_recover)
    underrun occurred" straight to stderr, between the program's own messages;
    they mean nothing to a candidate and break the promise that a problem is one
    sentence.  Problems that matter still surface as PortAudio errors, which
    become DeviceError sentences.
    """
    global _alsa_quieted, _alsa_handler
    if _alsa_quieted:
        return
    _alsa_quieted = True
    try:
        asound = ctypes.CDLL("libasound.so.2")
    except OSError:
        return  # no ALSA (not Linux, or PortAudio built without it): nothing to quiet
    _alsa_handler = _ALSA_ERROR_HANDLER(lambda file, line, function, err, fmt: None)
    asound.snd_lib_error_set_handler(_alsa_handler)


def _sounddevice():
    """Import sounddevice, turning a missing PortAudio into one clear sentence."""
    _quiet_alsa()
    try:
        import sounddevice
    except OSError:
        raise DeviceError(
            "PortAudio is missing, so there is no microphone or speaker access; "
            "install it with: sudo apt-get install libportaudio2"
        ) from None
    except ImportError:
        raise DeviceError(
            "the sounddevice package is missing, so there is no microphone or speaker access; "
            "install it with: pip install sounddevice"
        ) from None
    return sounddevice


def _device_arg(name: str | None):
    if name is None:
        return None
    return int(name) if name.isdigit() else name


def check_input_device(options: AudioOptions) -> str:
    """Name of the microphone that would be used, or DeviceError with the fix."""
    sd = _sounddevice()
    try:
        info = sd.query_devices(_device_arg(options.input_device), kind="input")
    except (ValueError, sd.PortAudioError):
        raise DeviceError(
            "no microphone found; plug one in, check that the sound server is running and lists it "
            "(`pactl list short sources`), or answer from a file with --input FILE"
        ) from None
    return str(info["name"])


def check_output_device(options: AudioOptions) -> str:
    sd = _sounddevice()
    try:
        info = sd.query_devices(_device_arg(options.output_device), kind="output")
    except (ValueError, sd.PortAudioError):
        raise DeviceError("no speaker found; connect one, or use --no-speak to print instead") from None
    return str(info["name"])


class MicrophoneSource:
    """The default (or configured) microphone through PortAudio."""

    def __init__(self, options: AudioOptions) -> None:
        self.sample_rate_hz = options.sample_rate_hz
        self._options = options
        self._queue: queue.Queue[np.ndarray] = queue.Queue()
        self._stream = None
        self.overflows = 0
        self._starved_s = 0.0  # time spent in read() since the last block arrived

    def _callback(self, indata, frames, time_info, status) -> None:
        # Runs on PortAudio's thread: copy and queue, nothing else.
        if status.input_overflow:
            self.overflows += 1
        self._queue.put_nowait(indata[:, 0].copy())

    def start(self) -> None:
        sd = _sounddevice()
        check_input_device(self._options)
        try:
            self._stream = sd.InputStream(
                samplerate=self.sample_rate_hz,
                channels=1,
                dtype="float32",
                blocksize=int(self.sample_rate_hz * self._options.block_ms / 1000),
                device=_device_arg(self._options.input_device),
                callback=self._callback,
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            raise DeviceError(f"cannot open the microphone ({exc}); check it is connected and not in use") from None
        self._starved_s = 0.0

    def read(self, timeout_s: float) -> np.ndarray | None:
        """The next block, None when none came within ``timeout_s``, or DeviceError
        once the microphone has sent nothing for ``stall_timeout_s`` of waiting
        (a stalled device would otherwise leave the answer open forever: no
        audio, so no silence to end it)."""
        waited_from = time.monotonic()
        try:
            block = self._queue.get(timeout=timeout_s)
        except queue.Empty:
            self._starved_s += time.monotonic() - waited_from
            if self._starved_s >= self._options.stall_timeout_s:
                raise DeviceError(
                    f"the microphone stopped sending sound for {self._starved_s:.0f} s (unplugged, suspended "
                    "or taken by another program); check it with `lp-coach doctor`, then run again"
                ) from None
            return None
        self._starved_s = 0.0
        return block

    def drain(self) -> None:
        """Drop blocks heard while the coach was speaking."""
        self._starved_s = 0.0
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return

    @property
    def exhausted(self) -> bool:
        return False

    def stop(self) -> None:
        if self._stream is not None:
            # abort, not stop: stop() waits for pending buffers, which never
            # arrive from a stalled device, and would hang the program.
            self._stream.abort()
            self._stream.close()
            self._stream = None


class FileSource:
    """An answer from an audio file, in blocks, as fast as it is read or in real time."""

    def __init__(self, path: Path, options: AudioOptions, realtime: bool = False) -> None:
        from .audiofile import read_audio_file

        self.sample_rate_hz = options.sample_rate_hz
        self.path = Path(path)
        self._audio = read_audio_file(self.path, self.sample_rate_hz)
        self._block = int(self.sample_rate_hz * options.block_ms / 1000)
        self._pos = 0
        self._realtime = realtime
        self._t0 = 0.0

    @property
    def duration_s(self) -> float:
        return len(self._audio) / self.sample_rate_hz

    def start(self) -> None:
        self._t0 = time.monotonic()

    def read(self, timeout_s: float) -> np.ndarray | None:
        if self.exhausted:
            return None
        if self._realtime:
            due = self._t0 + (self._pos + self._block) / self.sample_rate_hz
            wait = due - time.monotonic()
            if wait > timeout_s:
                time.sleep(timeout_s)
                return None
            if wait > 0:
                time.sleep(wait)
        block = self._audio[self._pos : self._pos + self._block]
        self._pos += self._block
        return block

    def drain(self) -> None:
        pass

    @property
    def exhausted(self) -> bool:
        return self._pos >= len(self._audio)

    def stop(self) -> None:
        pass


# Every Player with an open stream, closed at exit, so no PortAudio callback runs
# into a finalizing interpreter (the command exits through cli.run, which runs
# these exit functions and then leaves with os._exit).
_OPEN_PLAYERS: "weakref.WeakSet[Player]" = weakref.WeakSet()


@atexit.register
def _close_players() -> None:
    for player in list(_OPEN_PLAYERS):
        player.close()


class Player:
    """Everything the coach says goes out through one output stream, opened once
    (before it is needed) and kept open, with PortAudio's low-latency setting.

    Opening a stream per sound cost 0.4 s for the first one on the test rig, and a
    fresh stream per utterance is what ``sd.play`` does.  ``play`` only queues
    samples, so a speaker can queue the first sentence and synthesize the next
    while it plays; the callback, on PortAudio's thread, only copies queued
    samples out (silence when there are none).
    """

    def __init__(self, options: AudioOptions) -> None:
        self._options = options
        self._stream = None
        self._rate_hz: int | None = None
        self._lock = threading.Lock()
        self._queue: deque[np.ndarray] = deque()
        self._offset = 0  # samples of the queue's first array already played
        self._drained = threading.Event()
        self._drained.set()

    def open(self, rate_hz: int) -> None:
        """Open the stream at ``rate_hz`` now (a no-op when it already is)."""
        if self._stream is not None and self._rate_hz == rate_hz:
            return
        self.close()
        sd = _sounddevice()
        try:
            stream = sd.OutputStream(
                samplerate=rate_hz,
                channels=1,
                dtype="float32",
                latency="low",
                device=_device_arg(self._options.output_device),
                callback=self._callback,
            )
            stream.start()
        except sd.PortAudioError as exc:
            raise DeviceError(f"cannot play sound ({exc}); check the speaker, or use --no-speak") from None
        self._stream, self._rate_hz = stream, rate_hz
        _OPEN_PLAYERS.add(self)

    @property
    def latency_s(self) -> float:
        """The output path's own delay as PortAudio reports it (0 when closed)."""
        return float(self._stream.latency) if self._stream is not None else 0.0

    def _callback(self, outdata, frames, time_info, status) -> None:
        # PortAudio's thread: copy queued samples out, nothing else.
        out = outdata[:, 0]
        filled = 0
        with self._lock:
            while filled < frames and self._queue:
                head = self._queue[0]
                n = min(frames - filled, head.size - self._offset)
                out[filled : filled + n] = head[self._offset : self._offset + n]
                filled += n
                self._offset += n
                if self._offset >= head.size:
                    self._queue.popleft()
                    self._offset = 0
            if not self._queue:
                self._drained.set()
        out[filled:] = 0.0

    def play(self, samples: np.ndarray, rate_hz: int) -> None:
        """Queue mono float32 samples; returns at once."""
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        if samples.size == 0:
            return
        self.open(rate_hz)
        with self._lock:
            self._queue.append(samples)
            self._drained.clear()

    def wait(self) -> None:
        """Until everything queued has been played out (and heard: the device's
        buffer too), or the stream has stopped."""
        while not self._drained.wait(0.5):
            if self._stream is None or not self._stream.active:
                break
        time.sleep(self.latency_s)

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.abort()
                stream.close()
        with self._lock:
            self._queue.clear()
            self._offset = 0
            self._drained.set()


def tone(freq_hz: float = 880.0, seconds: float = 0.15, sample_rate_hz: int = 22050, volume: float = 0.3) -> np.ndarray:
    """A short sine beep with soft edges (no click): the 'your turn' cue."""
    t = np.arange(int(seconds * sample_rate_hz)) / sample_rate_hz
    wave = np.sin(2 * np.pi * freq_hz * t) * volume
    ramp = min(len(t) // 4, int(0.01 * sample_rate_hz))
    if ramp:
        env = np.ones_like(wave)
        env[:ramp] = np.linspace(0, 1, ramp)
        env[-ramp:] = np.linspace(1, 0, ramp)
        wave *= env
    return wave.astype(np.float32)
