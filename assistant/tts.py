"""Speech output behind a tiny interface.

The real speaker synthesises with pyttsx3 (espeak-ng on Linux) into memory and
plays the samples through PortAudio itself, rather than letting pyttsx3 shell
out to ``aplay``: that keeps one audio path (PortAudio -> ALSA/PulseAudio) for
everything the coach says, and lets us time the first sample of feedback.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
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


class Pyttsx3Speaker:
    def __init__(self, speech: SpeechOptions, audio: AudioOptions) -> None:
        self._audio = audio
        try:
            import pyttsx3

            self._engine = pyttsx3.init()
        except Exception as exc:  # pyttsx3 raises bare Exceptions when espeak-ng is missing
            raise SpeechError(
                f"no speech engine ({str(exc).splitlines()[0][:80] or type(exc).__name__}); "
                "install it with: sudo apt-get install espeak-ng"
            ) from None
        self._engine.setProperty("rate", speech.rate_wpm)
        voice = self._find_voice(speech.voice or "en-us")
        if voice:
            self._engine.setProperty("voice", voice)
        elif speech.voice:
            raise SpeechError(f"unknown voice '{speech.voice}'; `espeak-ng --voices=en` lists English voices.")
        self._tmp = Path(tempfile.mkdtemp(prefix="lp-coach-tts-"))
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
        import soundfile as sf

        path = self._tmp / "say.wav"
        # pyttsx3's espeak driver prints "Audio saved to ..." on stdout; keep
        # stdout clean for --json users.
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
        data, rate = sf.read(path, dtype="float32")
        self.rate_hz = rate
        return data

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
        for f in self._tmp.glob("*"):
            with contextlib.suppress(OSError):
                f.unlink()
        with contextlib.suppress(OSError):
            os.rmdir(self._tmp)


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
