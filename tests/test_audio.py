"""audio.py: the file source (blocks, real-time pacing, the end), the cue tone,
clear device errors, and the real microphone through the PulseAudio rig."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile as sf

from assistant.audio import FileSource, MicrophoneSource, check_input_device, check_output_device, tone
from assistant.config import AudioOptions
from assistant.errors import DeviceError, UsageError

RATE = 16000
OPTIONS = AudioOptions()  # 16 kHz, 100 ms blocks
BLOCK = RATE * OPTIONS.block_ms // 1000


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    sf.write(path, samples, rate, subtype="PCM_16")
    return path


def ramp(seconds: float, rate: int = RATE) -> np.ndarray:
    """A signal whose every sample is different, so blocks can be checked for order."""
    n = int(seconds * rate)
    return (np.linspace(-0.5, 0.5, n) + 0.1 * np.sin(np.arange(n) / 7.0)).astype(np.float32)


# ------------------------------------------------------------------ FileSource


def test_file_source_gives_the_file_in_blocks_then_is_exhausted(tmp_path: Path) -> None:
    original = ramp(1.05)
    source = FileSource(write_wav(tmp_path / "a.wav", original), OPTIONS)
    assert source.sample_rate_hz == RATE
    assert source.duration_s == pytest.approx(1.05, abs=1e-3)
    source.start()
    blocks = []
    while not source.exhausted:
        block = source.read(0.5)
        assert block is not None
        blocks.append(block)
    whole, rest = divmod(len(original), BLOCK)
    assert [len(b) for b in blocks] == [BLOCK] * whole + ([rest] if rest else [])
    assert all(b.dtype == np.float32 and b.ndim == 1 for b in blocks)
    np.testing.assert_allclose(np.concatenate(blocks), original, atol=1.5 / 32768)
    # Once exhausted it stays so and gives nothing more.
    assert source.read(0.1) is None and source.exhausted


def test_file_source_makes_16k_mono_from_another_rate_and_stereo(tmp_path: Path) -> None:
    t = np.arange(44100) / 44100
    left = 0.5 * np.sin(2 * np.pi * 440 * t)
    stereo = np.stack([left, left], axis=1).astype(np.float32)
    source = FileSource(write_wav(tmp_path / "stereo.wav", stereo, 44100), OPTIONS)
    assert source.duration_s == pytest.approx(1.0, abs=0.01)
    source.start()
    audio = np.concatenate([source.read(0.1) for _ in range(10)])
    spectrum = np.abs(np.fft.rfft(audio))
    assert np.argmax(spectrum) * RATE / len(audio) == pytest.approx(440, abs=3)


def test_file_source_in_real_time_is_paced_like_a_microphone(tmp_path: Path) -> None:
    source = FileSource(write_wav(tmp_path / "a.wav", ramp(1.0)), OPTIONS, realtime=True)
    source.start()
    started = time.monotonic()
    # The first block is not there yet: a short wait returns nothing, like a quiet device.
    assert source.read(0.01) is None
    got = 0
    arrivals = []
    while not source.exhausted:
        block = source.read(0.5)
        if block is not None:
            got += len(block)
            arrivals.append(time.monotonic() - started)
    took = time.monotonic() - started
    assert got == RATE
    assert 0.95 <= took <= 1.4, took
    # Each block arrives when its last sample would have been spoken, not all at once.
    block_s = BLOCK / RATE
    assert arrivals[0] >= 0.9 * block_s and arrivals[4] >= 4.9 * block_s, arrivals


def test_file_source_fast_is_not_paced(tmp_path: Path) -> None:
    source = FileSource(write_wav(tmp_path / "a.wav", ramp(5.0)), OPTIONS)
    source.start()
    started = time.monotonic()
    while not source.exhausted:
        source.read(0.5)
    assert time.monotonic() - started < 0.5


def test_file_source_refuses_what_is_not_audio(tmp_path: Path) -> None:
    notes = tmp_path / "notes.wav"
    notes.write_text("not audio")
    for path in (notes, tmp_path / "missing.wav", tmp_path):
        with pytest.raises(UsageError) as caught:
            FileSource(path, OPTIONS)
        assert str(path) in str(caught.value)


# ------------------------------------------------------------------ tone


def test_tone_is_a_soft_edged_beep_at_its_frequency() -> None:
    beep = tone(freq_hz=880.0, seconds=0.15, sample_rate_hz=22050, volume=0.3)
    assert beep.dtype == np.float32
    assert len(beep) == int(0.15 * 22050)
    assert 0.27 <= np.max(np.abs(beep)) <= 0.3 + 1e-6
    # No click: it fades in and out.
    assert abs(beep[0]) < 0.01 and abs(beep[-1]) < 0.01
    assert np.max(np.abs(beep[:20])) < np.max(np.abs(beep[len(beep) // 2 - 100 : len(beep) // 2 + 100]))
    spectrum = np.abs(np.fft.rfft(beep))
    assert np.argmax(spectrum) * 22050 / len(beep) == pytest.approx(880, abs=8)


def test_tone_other_rates_and_lengths() -> None:
    beep = tone(freq_hz=440.0, seconds=0.5, sample_rate_hz=16000, volume=0.1)
    assert len(beep) == 8000 and np.max(np.abs(beep)) <= 0.1 + 1e-6
    spectrum = np.abs(np.fft.rfft(beep))
    assert np.argmax(spectrum) * 16000 / len(beep) == pytest.approx(440, abs=3)


# ------------------------------------------------------------------ device errors


def test_a_missing_sounddevice_package_is_a_device_error(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # as if it were not installed
    for check in (check_input_device, check_output_device):
        with pytest.raises(DeviceError) as caught:
            check(OPTIONS)
        assert "pip install sounddevice" in str(caught.value)


def test_an_unknown_microphone_name_is_a_device_error_with_the_fix() -> None:
    source = MicrophoneSource(AudioOptions(input_device="no-such-microphone-xyz"))
    with pytest.raises(DeviceError) as caught:
        source.start()
    assert "no microphone found" in str(caught.value) and "--input" in str(caught.value)
    source.stop()  # nothing was opened; stopping is harmless


def test_a_microphone_that_stops_sending_is_a_device_error_not_a_hang() -> None:
    source = MicrophoneSource(AudioOptions(stall_timeout_s=0.6))
    quiet_status = SimpleNamespace(input_overflow=False)  # what PortAudio passes with each block
    started = time.monotonic()
    # Blocks keep coming: waiting a little between them is normal.
    for _ in range(4):
        assert source.read(0.25) is None
        source._callback(np.zeros((BLOCK, 1), np.float32), BLOCK, None, quiet_status)
        assert source.read(0.25) is not None
    # Time the coach spends talking is not waiting: drain() starts the count again.
    assert source.read(0.4) is None
    source.drain()
    assert source.read(0.4) is None
    # Then nothing for longer than the stall timeout: a sentence, not an endless wait.
    with pytest.raises(DeviceError) as caught:
        while time.monotonic() - started < 10:
            source.read(0.2)
    assert "stopped sending sound" in str(caught.value) and "lp-coach doctor" in str(caught.value)
    assert time.monotonic() - started < 5


ALSA_COMPLAINS = """
import ctypes, sys
if sys.argv[1] == "through-lp-coach":
    from assistant.audio import check_output_device
    try:
        check_output_device(__import__("assistant.config").config.AudioOptions())
    except Exception:
        pass
asound = ctypes.CDLL("libasound.so.2")
pcm = ctypes.c_void_p()
print(asound.snd_pcm_open(ctypes.byref(pcm), b"no_such_pcm_lp_coach", 0, 0))
"""


def test_alsa_diagnostics_do_not_reach_stderr(run_env) -> None:
    # Without lp-coach's audio layer ALSA prints its complaint on stderr...
    raw = subprocess.run([sys.executable, "-c", ALSA_COMPLAINS, "raw"], env=run_env, capture_output=True, text=True, timeout=60)
    assert "ALSA lib" in raw.stderr and "no_such_pcm_lp_coach" in raw.stderr
    # ...once the audio layer is in use, nothing but our own sentences gets there.
    ours = subprocess.run(
        [sys.executable, "-c", ALSA_COMPLAINS, "through-lp-coach"], env=run_env, capture_output=True, text=True, timeout=60
    )
    assert ours.stdout.strip() == raw.stdout.strip() != "0"  # the same failure happened
    assert ours.stderr == ""


MIC_SCRIPT = """
import json, sys, time
import numpy as np
from assistant.audio import MicrophoneSource
from assistant.config import AudioOptions
from assistant.errors import DeviceError
source = MicrophoneSource(AudioOptions())
try:
    source.start()
except DeviceError as exc:
    print(json.dumps({"error": str(exc)}))
    sys.exit(3)
print(json.dumps({"started": True}), flush=True)
t0 = time.monotonic()
levels = []
while time.monotonic() - t0 < float(sys.argv[1]):
    block = source.read(0.5)
    if block is not None:
        levels.append([round(time.monotonic() - t0, 3), len(block), float(np.sqrt(np.mean(block ** 2)))])
source.stop()
print(json.dumps({"levels": levels}))
"""


def test_no_sound_server_means_no_microphone_in_a_fresh_process(run_env) -> None:
    env = {**run_env, "PULSE_SERVER": "unix:/nonexistent"}
    out = subprocess.run([sys.executable, "-c", MIC_SCRIPT, "1"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 3, out.stdout + out.stderr
    assert "no microphone found" in json.loads(out.stdout.splitlines()[-1])["error"]


@pytest.mark.e2e
def test_the_microphone_hears_speech_through_the_rig(audio_rig, tmp_path: Path) -> None:
    from rig import synth_speech

    speech = synth_speech("Testing the microphone, one two three.", tmp_path / "speech.wav")
    program = subprocess.Popen(
        [sys.executable, "-c", MIC_SCRIPT, "4.5"], env=audio_rig.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert json.loads(program.stdout.readline()) == {"started": True}, program.stderr.read()
        started = time.monotonic()
        audio_rig.play_into_mic(speech, lead_silence_s=1.5)
        out, err = program.communicate(timeout=60)
    finally:
        if program.poll() is None:
            program.kill()
    assert program.returncode == 0, err
    levels = json.loads(out.splitlines()[-1])["levels"]
    assert all(n == BLOCK for _, n, _ in levels)
    # A live device: a block every block_ms over the 4.5 s recorded, not a burst.
    expected = 4.5 * RATE / BLOCK
    assert 0.8 * expected <= len(levels) <= 1.12 * expected, len(levels)
    quiet = [rms for t, _, rms in levels if t < 1.2]
    loud = [rms for t, _, rms in levels if 1.8 < t < 1.5 + sf.info(speech).duration]
    print(f"\nmicrophone RMS before speech: max {max(quiet):.4f}; during speech: max {max(loud):.3f}")
    assert max(quiet) < 0.005
    assert max(loud) > 0.05
    assert time.monotonic() - started < 30
