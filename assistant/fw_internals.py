"""The faster-whisper internals lp-coach depends on, and nothing else.

Two things here are not faster-whisper's public interface, so its exact version
is pinned in pyproject.toml and ``tests/test_fw_internals.py`` fails, saying
what changed, when an upgrade moves them:

- ``AdaptiveContextWhisper`` overrides ``WhisperModel.encode(features)``, which
  ``WhisperModel.transcribe`` calls once per 30 s window;
- ``vad_session()`` reaches through ``faster_whisper.vad.get_vad_model()`` for
  its Silero ONNX session, whose graph ``vad.SileroStream`` runs itself
  (inputs ``input``, ``h``, ``c``; 128-wide LSTM state).
"""

from __future__ import annotations

import functools
import threading

import numpy as np


@functools.lru_cache(maxsize=1)
def adaptive_model_class():
    """faster-whisper's WhisperModel with an encoder that skips the padding.

    Whisper pads every window to 30 s, and on this 2-core CPU (no AVX2) the
    encoder spends ~0.4-0.7 s on a 30 s window whatever it holds.  A 3 s tail
    padded to 30 s is 90 % zeros, so we encode the real frames plus 5 s of the
    padding (the same trick as whisper.cpp's ``audio_ctx``): ~0.1 s instead of ~0.5 s.
    Measured on 37 synthesized sentences, word error rate is unchanged within
    noise (18.8 % with 5 s of padding vs 22.5 % with the full 30 s), for less
    than half the time.  Full windows are left alone.
    """
    from faster_whisper import WhisperModel

    class AdaptiveContextWhisper(WhisperModel):
        # With only ~1 s of padding after the audio, tiny.en sometimes "hears" more
        # and repeats the sentence; 5 s of padding stopped that on our test clips.
        # A probe (never the transcript, only listening for the end phrase) takes
        # 3 s: the encoder is most of its cost (a 2.5 s probe encodes 5.5 s of frames,
        # not 7.5 s); with 1-2 s, tiny.en heard "I'm done" as "I don't" on our clips.
        margin_frames = 500
        probe_margin_frames = 300
        min_frames = 300
        lane = threading.local()  # .probe: this thread is decoding a probe

        def encode(self, features: np.ndarray):
            padded = features if features.ndim == 3 else features[None]
            # pad_or_trim pads with exact zeros; real log-mel frames are never all zero.
            used = np.flatnonzero(np.any(padded[0] != 0.0, axis=0))
            content = int(used[-1]) + 1 if used.size else 0
            margin = self.probe_margin_frames if getattr(self.lane, "probe", False) else self.margin_frames
            keep = max(self.min_frames, content + margin)
            keep += keep % 2  # the encoder's stride is 2
            if keep < padded.shape[-1]:
                features = np.ascontiguousarray(padded[..., :keep])
            return super().encode(features)

    return AdaptiveContextWhisper


def vad_session():
    """faster-whisper's Silero VAD ONNX session (shared, one intra-op thread).

    Its own ``SileroVADModel`` scores a whole recording at once; we need the
    session to score the live audio window by window (``vad.SileroStream``).
    """
    from faster_whisper.vad import get_vad_model

    return get_vad_model().session
