"""How an answer sounded: pitch variation and sentence-end loudness, from its audio.

Praat (through praat-parselmouth, the field's standard pitch tracker) measures F0
every 10 ms with its autocorrelation method and intensity in dB; the rest is
plain numpy into a ``types.Prosody``.  The rubric never imports this module: it
reads ``Transcript.prosody`` (docs/ARCHITECTURE.md, "Style": the rubric imports
no audio library).

Cost: Praat's pitch on 90 s of 16 kHz audio took 0.4-0.6 s on this 2-core
machine under load, too much for the reply path (<= 0.6 s end to feedback).  So
``Tracker`` analyses the answer in 3-second pieces on one worker thread while the
candidate talks, and at the end only the last piece is left (~20 ms).  Pieces
are analysed independently: a frame straddling a cut may be lost, which moves
percentiles over thousands of frames by nothing measurable.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from .types import Prosody

STEP_S = 0.01  # one pitch/intensity frame
PITCH_FLOOR_HZ = 75.0  # Praat's default floor; below it is creak, not intonation
PITCH_CEILING_HZ = 500.0  # above any speaking voice's F0; keeps octave jumps out
PIECE_S = 3.0  # audio analysed at a time during the answer
PHRASE_GAP_S = 0.3  # unvoiced this long ends a phrase (sentence and clause breaks; a consonant is < 0.15 s)
MIN_PHRASE_S = 1.0  # voiced speech a phrase needs before its end can be said to fade
END_S = 0.3  # a phrase's end: its last 0.3 s of voicing, about the final syllable
MIN_PHRASES = 3  # fewer phrases than this and a median fade says nothing
CONTOUR_STEP_S = 0.25  # the report's contour resolution: 720 points for a 3-minute answer

# One worker for every tracker: analysis is a background chore, never parallel work.
_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lp-coach-prosody")
        return _POOL


def available() -> bool:
    """True when praat-parselmouth is installed (without it prosody is None and the check n/a)."""
    try:
        import parselmouth  # noqa: F401
    except ImportError:
        return False
    return True


def frames(samples: np.ndarray, sample_rate_hz: int) -> tuple[np.ndarray, np.ndarray]:
    """(F0 in Hz, 0 where unvoiced; intensity in dB) every ``STEP_S`` over ``samples``."""
    import parselmouth

    x = np.asarray(samples, dtype=np.float64)
    n = int(len(x) / sample_rate_hz / STEP_S)
    # Praat needs a few pitch periods of signal for one frame; a shorter piece has none.
    if len(x) < int(3 / PITCH_FLOOR_HZ * sample_rate_hz) + 1 or n == 0:
        return np.zeros(n), np.full(n, -np.inf)
    sound = parselmouth.Sound(x, sampling_frequency=sample_rate_hz)
    pitch = sound.to_pitch_ac(time_step=STEP_S, pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ)
    intensity = sound.to_intensity(minimum_pitch=PITCH_FLOOR_HZ, time_step=STEP_S)
    grid = (np.arange(n) + 0.5) * STEP_S
    f0 = np.interp(grid, pitch.xs(), pitch.selected_array["frequency"], left=0.0, right=0.0)
    # interpolation between a voiced and an unvoiced frame is neither: keep only frames both sides voiced
    voiced = np.interp(grid, pitch.xs(), (pitch.selected_array["frequency"] > 0).astype(float), left=0, right=0) >= 0.999
    f0 = np.where(voiced, f0, 0.0)
    if intensity.get_number_of_frames() > 0:
        db = np.interp(grid, intensity.xs(), intensity.values[0])
    else:
        db = np.full(n, -np.inf)
    return f0, db


def summarize(f0: np.ndarray, db: np.ndarray) -> Prosody | None:
    """A Prosody from per-frame F0 (0 = unvoiced) and dB; None with no voiced speech."""
    voiced = f0 > 0
    if voiced.sum() < 10:
        return None
    median = float(np.median(f0[voiced]))
    st = np.zeros_like(f0)
    st[voiced] = 12.0 * np.log2(f0[voiced] / median)
    v = st[voiced]
    return Prosody(
        pitch_range_st=float(np.percentile(v, 95) - np.percentile(v, 5)),
        pitch_sd_st=float(np.std(v)),
        voiced_s=float(voiced.sum() * STEP_S),
        median_hz=median,
        end_fade_db=_end_fade(voiced, db),
        contour=_contour(st, voiced),
    )


def _phrases(voiced: np.ndarray) -> list[np.ndarray]:
    """Indices of the voiced frames of each phrase: voicing separated by >= PHRASE_GAP_S of none."""
    idx = np.flatnonzero(voiced)
    if idx.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) * STEP_S >= PHRASE_GAP_S) + 1
    return np.split(idx, breaks)


def _end_fade(voiced: np.ndarray, db: np.ndarray) -> float | None:
    """Median over phrases of (body level - end level) in dB; positive when sentences trail off."""
    end_n = int(END_S / STEP_S)
    fades = []
    for phrase in _phrases(voiced):
        if phrase.size * STEP_S < MIN_PHRASE_S:
            continue
        body, end = db[phrase[:-end_n]], db[phrase[-end_n:]]
        if np.isfinite(body).all() and np.isfinite(end).all():
            fades.append(float(np.median(body) - np.mean(end)))
    return float(np.median(fades)) if len(fades) >= MIN_PHRASES else None


def _contour(st: np.ndarray, voiced: np.ndarray) -> tuple[tuple[float, float], ...]:
    """The median semitone of each CONTOUR_STEP_S window that has voicing in it."""
    per = int(CONTOUR_STEP_S / STEP_S)
    out = []
    for k in range(0, len(st), per):
        v = voiced[k : k + per]
        if v.sum() >= per // 4:  # a window mostly unvoiced is a gap in the drawing, not a point
            out.append((round((k + per / 2) * STEP_S, 2), round(float(np.median(st[k : k + per][v])), 2)))
    return tuple(out)


def analyse(samples: np.ndarray, sample_rate_hz: int) -> Prosody | None:
    """Prosody of a whole recording (``score AUDIO``); None when it cannot be measured."""
    tracker = Tracker(sample_rate_hz, background=False)
    try:
        tracker.feed(samples)
    except Exception:  # noqa: BLE001 - as Tracker.result: unmeasurable is None, not an error
        return None
    return tracker.result()


class Tracker:
    """Prosody measured while the answer is recorded (see the module docstring).

    ``feed`` takes the same 16 kHz float32 blocks the recorder gets and queues a
    piece for the worker every ``PIECE_S``; ``result`` analyses what is left and
    summarizes.  Never raises: prosody is a bonus, so a missing parselmouth or a
    failed analysis gives None (the check then says n/a), never a lost answer.
    """

    def __init__(self, sample_rate_hz: int, enabled: bool = True, background: bool = True) -> None:
        self.rate = int(sample_rate_hz)
        self.enabled = enabled and available()
        self._background = background
        self._pending: list[np.ndarray] = []
        self._pending_n = 0
        self._pieces: list[Future | tuple[np.ndarray, np.ndarray]] = []

    def feed(self, block: np.ndarray) -> None:
        if not self.enabled:
            return
        self._pending.append(np.asarray(block, dtype=np.float32).reshape(-1))
        self._pending_n += self._pending[-1].size
        piece_n = int(PIECE_S * self.rate)
        while self._pending_n >= piece_n:
            audio = np.concatenate(self._pending)
            self._submit(audio[:piece_n])
            rest = audio[piece_n:]
            self._pending, self._pending_n = ([rest] if rest.size else []), rest.size

    def _submit(self, audio: np.ndarray) -> None:
        if self._background:
            self._pieces.append(_pool().submit(frames, audio, self.rate))
        else:
            self._pieces.append(frames(audio, self.rate))

    def flush(self) -> None:
        """Queue what is left (the answer is over); ``result`` then only waits."""
        if self.enabled and self._pending_n:
            self._submit(np.concatenate(self._pending))
            self._pending, self._pending_n = [], 0

    def result(self) -> Prosody | None:
        if not self.enabled:
            return None
        try:
            self.flush()
            parts = [p.result() if isinstance(p, Future) else p for p in self._pieces]
            if not parts:
                return None
            return summarize(np.concatenate([f for f, _ in parts]), np.concatenate([d for _, d in parts]))
        except Exception:  # noqa: BLE001 - a bonus measure never costs the candidate their answer
            return None
