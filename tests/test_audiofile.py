"""Audio files: any common format read as 16 kHz mono float32, resampled cleanly."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from clips import RATE, clip

from assistant.audiofile import read_audio_file
from assistant.errors import UsageError

# --------------------------------------------------------------------------- reading audio files


def test_fixture_wav_reads_as_16k_mono_float():
    audio = clip("owned_service")
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert 2.0 < audio.size / RATE < 3.5
    assert 0.05 < np.abs(audio).max() <= 1.0


def test_other_rates_and_stereo_are_resampled_and_mixed_down(tmp_path):
    t = np.arange(44100) / 44100
    tone = 0.5 * np.sin(2 * np.pi * 440 * t)
    path = tmp_path / "tone.flac"
    sf.write(path, np.stack([tone, tone], axis=1), 44100)  # 1 s of stereo FLAC at 44.1 kHz
    audio = read_audio_file(path, RATE)
    assert abs(audio.size - RATE) <= 1
    peak_hz = np.argmax(np.abs(np.fft.rfft(audio))) * RATE / audio.size
    assert abs(peak_hz - 440) < 3
    assert 0.45 < np.abs(audio[1000:-1000]).max() < 0.55  # the low-pass keeps the tone's level


def test_resampling_does_not_alias_high_frequencies_into_speech(tmp_path):
    t = np.arange(48000) / 48000
    path = tmp_path / "whistle.wav"
    sf.write(path, 0.5 * np.sin(2 * np.pi * 12000 * t), 48000)  # above 16 kHz audio's 8 kHz Nyquist
    audio = read_audio_file(path, RATE)
    assert np.abs(audio[1000:-1000]).max() < 0.05


def test_a_text_file_is_a_usage_error_in_one_sentence(tmp_path):
    path = tmp_path / "answer.wav"
    path.write_text("this is not audio")
    with pytest.raises(UsageError) as err:
        read_audio_file(path, RATE)
    message = str(err.value)
    assert message.startswith(f"cannot read {path}: ")
    assert message.endswith("give a WAV, FLAC, OGG or MP3 file.") and "\n" not in message


def test_a_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        read_audio_file(tmp_path / "nope.wav", RATE)
