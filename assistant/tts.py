"""Speech output behind a tiny interface.

The real speaker synthesises with pyttsx3 (espeak-ng on Linux) into memory and
plays the samples through PortAudio itself, rather than letting pyttsx3 shell
out to ``aplay``: that keeps one audio path (PortAudio -> ALSA/PulseAudio) for
everything the coach says, and lets us time the first sample of feedback.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
import weakref
from pathlib import Path
from typing import Protocol

import numpy as np

from .audio import play, tone
from .config import AudioOptions, SpeechOptions
from .errors import DeviceError, SpeechError


class Speaker(Protocol):
    def say(self, text: str) -> float | None:
        """Speak ``text``, blocking until done.  Returns the monotonic time the
        first sample went to the output device (None when nothing was played)."""

    def cue(self) -> None:
        """A short beep: 'your turn to speak'."""

    def notify(self, text: str) -> None:
        """Speak ``text`` without blocking (the 90-second 'time' cue)."""


class SilentSpeaker:
    """--no-speak: the session prints everything anyway, so speaking is a no-op."""

    def say(self, text: str) -> float | None:
        return None

    def cue(self) -> None:
        pass

    def notify(self, text: str) -> None:
        pass


def _silence_driver_prints() -> None:
    """pyttsx3's espeak driver prints "Audio saved to ..." from its synthesis
    callback, on whatever thread and at whatever moment; shadow ``print`` in that
    module so stdout stays clean (``--json`` users parse it)."""
    import sys

    driver = sys.modules.get("pyttsx3.drivers.espeak")
    if driver is not None:
        driver.print = lambda *args, **kwargs: None


class Pyttsx3Speaker:
    def __init__(self, speech: SpeechOptions, audio: AudioOptions) -> None:
        self._audio = audio
        try:
            import pyttsx3
        except ImportError:
            raise SpeechError("no speech engine (the pyttsx3 package is missing); install it with: pip install pyttsx3") from None
        try:
            self._engine = pyttsx3.init()
            _silence_driver_prints()
        except Exception as exc:  # pyttsx3 raises bare Exceptions when espeak-ng is missing
            raise SpeechError(
                f"no speech engine ({(str(exc).splitlines() or [''])[0][:80] or type(exc).__name__}); "
                "install it with: sudo apt-get install espeak-ng"
            ) from None
        self._engine.setProperty("rate", speech.rate_wpm)
        voice = self._find_voice(speech.voice or "en-us")
        if voice:
            self._engine.setProperty("voice", voice)
        elif speech.voice:
            raise SpeechError(f"unknown voice '{speech.voice}'; `espeak-ng --voices=en` lists English voices.")
        self._tmp = Path(tempfile.mkdtemp(prefix="lp-coach-tts-"))
        # Removed when the speaker goes away or the program exits, even if nobody calls close().
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._tmp, True)
        self._count = 0
        self.rate_hz = 22050

    def _find_voice(self, wanted: str) -> str | None:
        wanted = wanted.lower()
        voices = self._engine.getProperty("voices") or []
        for v in voices:
            vid = str(v.id).lower()
            if vid == wanted or vid.endswith("/" + wanted) or str(v.name).lower() == wanted:
                return v.id
        return None

    def synthesize(self, text: str) -> np.ndarray:
        """Speech for ``text`` as float32 samples at ``rate_hz``."""
        self._count += 1
        path = self._tmp / f"say-{self._count}.wav"
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()
        data = self._wait_for_wav(path)
        with contextlib.suppress(OSError):
            path.unlink()
        return data

    def _wait_for_wav(self, path: Path, timeout_s: float = 10.0) -> np.ndarray:
        """pyttsx3's espeak driver can return from runAndWait before its
        synthesis callback has written the file (seen when another thread is
        busy, e.g. the model loading), so wait for a complete file."""
        import soundfile as sf

        deadline = time.monotonic() + timeout_s
        while True:
            try:
                data, rate = sf.read(path, dtype="float32")
                self.rate_hz = rate
                return data
            except (sf.LibsndfileError, RuntimeError, OSError):
                if time.monotonic() > deadline:
                    raise SpeechError(
                        "the speech engine produced no audio; reinstall it with: sudo apt-get install espeak-ng"
                    ) from None
                time.sleep(0.005)

    def say(self, text: str) -> float | None:
        samples = self.synthesize(text)
        if samples.size == 0:
            return None
        first = time.monotonic()
        play(samples, self.rate_hz, self._audio)
        return first

    def cue(self) -> None:
        play(tone(sample_rate_hz=self.rate_hz), self.rate_hz, self._audio)

    def notify(self, text: str) -> None:
        play(self.synthesize(text), self.rate_hz, self._audio, blocking=False)

    def close(self) -> None:
        self._cleanup()


def open_speaker(speech: SpeechOptions, audio: AudioOptions, warn) -> Speaker:
    """The real speaker, or — when speech is off or impossible — a silent one.

    A missing speech engine or output device is not fatal: the coach prints
    everything it says anyway, so it warns once and carries on.
    """
    if not speech.enabled:
        return SilentSpeaker()
    try:
        from .audio import check_output_device

        check_output_device(audio)
        return Pyttsx3Speaker(speech, audio)
    except (SpeechError, DeviceError) as exc:
        if "unknown voice" in str(exc):
            raise
        warn(f"{exc} — printing instead of speaking.")
        return SilentSpeaker()
