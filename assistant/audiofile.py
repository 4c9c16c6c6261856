"""Audio files: read any common format as 16 kHz mono float32, and resample.

WAV, FLAC and OGG through soundfile; anything else (MP3, M4A, ...) through
PyAV, which faster-whisper installs.  ``audio.FileSource`` (``--input``), the
``transcribe`` and ``score`` commands and the transcriber read files here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from .errors import UsageError
from .wav import SAMPLE_RATE_HZ


def read_audio_file(path: Path | str, sample_rate_hz: int = SAMPLE_RATE_HZ) -> np.ndarray:
    """Mono float32 samples of an audio file, resampled to ``sample_rate_hz``.

    WAV, FLAC and OGG are read with soundfile; anything soundfile cannot read
    (MP3, M4A, ...) is decoded with PyAV, which faster-whisper installs.
    """
    path = Path(path)
    hint = "give a WAV, FLAC, OGG or MP3 file."
    if not path.is_file():
        reason = "no such file" if not path.exists() else "not a file"
        raise UsageError(f"cannot read {path}: {reason}; {hint}")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or 'permission denied'}; {hint}") from None
    try:
        import soundfile as sf

        data, rate = sf.read(str(path), dtype="float32", always_2d=True)
        audio = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
        return resample(audio, rate, sample_rate_hz)
    except Exception:  # soundfile raises LibsndfileError/RuntimeError for unknown formats
        try:
            from faster_whisper.audio import decode_audio

            audio = decode_audio(str(path), sampling_rate=sample_rate_hz)
        except Exception:
            # Neither decoder knows it; their own messages name internals, not the fix.
            raise UsageError(f"cannot read {path}: not audio, or damaged audio; {hint}") from None
        if audio.size == 0:
            raise UsageError(f"cannot read {path}: it holds no audio; {hint}") from None
        return np.asarray(audio, dtype=np.float32)


def resample(audio: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Resample with numpy: a windowed-sinc low-pass (when downsampling), then
    linear interpolation.  Good enough for speech recognition, no SciPy needed."""
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    if rate_in == rate_out or audio.size == 0:
        return audio
    if rate_out < rate_in:
        # Cut just below the new Nyquist frequency so nothing aliases into the speech band.
        cutoff = 0.45 * rate_out / rate_in  # cycles per input sample
        taps = 8 * int(math.ceil(rate_in / rate_out)) + 1
        n = np.arange(taps) - taps // 2
        kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
        kernel /= kernel.sum()
        audio = np.convolve(audio, kernel.astype(np.float32), mode="same")
    n_out = int(round(audio.size * rate_out / rate_in))
    t = np.arange(n_out, dtype=np.float64) * (rate_in / rate_out)
    return np.interp(t, np.arange(audio.size), audio).astype(np.float32)
