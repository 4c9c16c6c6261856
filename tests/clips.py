"""Answers built from the short espeak-ng clips in tests/fixtures, for the
transcriber's and the stream's tests.

Each WAV has its expected text in a .txt beside it.  Answers are built by
joining clips with silences, so the pauses are known exactly.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

from assistant.audiofile import read_audio_file
from assistant.config import EndpointOptions
from assistant.endpoint import Endpointer, ListenState
from assistant.wav import SAMPLE_RATE_HZ

FIXTURES = Path(__file__).parent / "fixtures"
RATE = SAMPLE_RATE_HZ
BLOCK = RATE // 10  # the microphone's 100 ms blocks
ENDPOINT = EndpointOptions()  # 3 s silence window

def clip(name: str) -> np.ndarray:
    return read_audio_file(FIXTURES / f"{name}.wav", RATE)


def expected(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text().strip()


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), np.float32)


def build(*parts: str | float) -> np.ndarray:
    """Clips (by fixture name) and silences (seconds), in order."""
    return np.concatenate([silence(p) if isinstance(p, (int, float)) else clip(p) for p in parts])


def norm(text: str) -> str:
    """Lower case, no punctuation, number words as digits (Whisper writes "40%")."""
    from text_to_num import alpha2digit

    text = text.lower().replace("%", " percent").replace("\u2019", "'")
    text = alpha2digit(text, "en")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def wer(reference: str, hypothesis: str) -> float:
    import jiwer

    return jiwer.wer(norm(reference), norm(hypothesis))


def feed_all(stream, audio: np.ndarray) -> None:
    for i in range(0, audio.size, BLOCK):
        stream.feed(audio[i : i + BLOCK])


def listen(stream, audio: np.ndarray, realtime: bool = False):
    """Feed blocks and ask the Endpointer after each, as the session loop does.

    Returns (reason, seconds of audio fed when it decided).  ``realtime`` paces
    the blocks like a microphone, so the worker transcribes while we feed.
    """
    endpointer = Endpointer(ENDPOINT)
    t0 = time.monotonic()
    for i in range(0, audio.size, BLOCK):
        if realtime:
            wait = t0 + (i + BLOCK) / RATE - time.monotonic()  # pacing, not an assertion
            if wait > 0:
                time.sleep(wait)
        stream.feed(audio[i : i + BLOCK])
        state = ListenState(stream.elapsed_s, stream.heard_speech, stream.silence_s, stream.partial_text())
        reason = endpointer.decide(state)
        if reason is not None:
            return reason, stream.elapsed_s
    return None, stream.elapsed_s


def white_noise(seconds: float, amplitude: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(int(seconds * RATE)) * amplitude).astype(np.float32)


def pink_noise(seconds: float, rms: float, seed: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(int(seconds * RATE)))
    spectrum /= np.sqrt(np.arange(1, spectrum.size + 1))  # 1/f power
    noise = np.fft.irfft(spectrum, int(seconds * RATE))
    return (noise / noise.std() * rms).astype(np.float32)

SENTENCES = ("owned_service", "shipped_fix", "wrote_plan", "cut_errors", "customers_happy")
ANSWER = ("owned_service", 0.9, "shipped_fix", 0.6, "wrote_plan", 1.3, "cut_errors", 0.7, "customers_happy")


def long_answer(seed: int = 0) -> tuple:
    """Each sentence twice, shuffled, with 0.3-1.2 s pauses: ~34 s and 70 words."""
    rng = np.random.default_rng(seed)
    parts: list = []
    for name in [*rng.permutation(SENTENCES), *rng.permutation(SENTENCES)]:
        parts += [str(name), float(rng.uniform(0.3, 1.2))]
    return tuple(parts)
