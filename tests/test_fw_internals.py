"""The faster-whisper internals ``assistant/fw_internals.py`` depends on are still there.

An upgrade that moves them would not fail loudly on its own: a renamed
``encode`` would silently stop skipping the padding (replies ~0.4 s slower), a
moved VAD session would only fail deep inside a live answer.  Each test names
what changed, so the fix starts from the message.
"""

from __future__ import annotations

import inspect
import tomllib
from importlib.metadata import version
from pathlib import Path

import numpy as np

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def pinned_version() -> str:
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = [d.split("==", 1)[1].strip() for d in deps if d.replace(" ", "").startswith("faster-whisper==")]
    assert pins, f"{PYPROJECT}: faster-whisper must be pinned to one version (faster-whisper==X.Y.Z): fw_internals.py depends on its internals"
    return pins[0]


def test_the_installed_faster_whisper_is_the_pinned_one():
    installed = version("faster-whisper")
    assert installed == pinned_version(), (
        f"faster-whisper {installed} is installed but pyproject.toml pins {pinned_version()}: "
        "check WhisperModel.encode and faster_whisper.vad.get_vad_model().session against assistant/fw_internals.py, "
        "then move the pin"
    )


def test_whisper_model_encode_takes_the_features_we_override_it_with():
    from faster_whisper import WhisperModel

    encode = getattr(WhisperModel, "encode", None)
    assert callable(encode), "faster-whisper's WhisperModel has no encode() any more: AdaptiveContextWhisper overrides nothing"
    params = list(inspect.signature(encode).parameters)
    assert params == ["self", "features"], (
        f"WhisperModel.encode{inspect.signature(encode)} changed: AdaptiveContextWhisper.encode(self, features) "
        "no longer matches what transcribe() calls"
    )
    source = inspect.getsource(WhisperModel)
    assert "self.encode(" in source, (
        "WhisperModel no longer calls self.encode(): the adaptive encoder (padding skipped) would never run"
    )


def test_the_adaptive_model_is_a_whisper_model_overriding_encode():
    from faster_whisper import WhisperModel

    from assistant.fw_internals import adaptive_model_class

    cls = adaptive_model_class()
    assert issubclass(cls, WhisperModel)
    assert cls.encode is not WhisperModel.encode and hasattr(cls, "lane")
    init = inspect.signature(WhisperModel.__init__).parameters
    missing = {"device", "compute_type", "cpu_threads", "num_workers", "local_files_only"} - set(init)
    assert not missing, f"WhisperModel() no longer takes {sorted(missing)}: model.load_transcriber passes them"


def test_the_vad_session_runs_one_window_with_its_state():
    import faster_whisper.vad as fw_vad

    assert callable(getattr(fw_vad, "get_vad_model", None)), (
        "faster_whisper.vad.get_vad_model() is gone: fw_internals.vad_session() reaches through it"
    )
    model = fw_vad.get_vad_model()
    assert hasattr(model, "session"), "get_vad_model() has no .session (the Silero ONNX session) any more"

    from assistant.fw_internals import vad_session
    from assistant.vad import SileroStream

    session = vad_session()
    inputs = {i.name: i.shape for i in session.get_inputs()}
    assert set(inputs) == {"input", "h", "c"}, f"the Silero ONNX graph's inputs changed: {inputs}; SileroStream feeds input, h, c"
    assert inputs["h"] == inputs["c"] == [1, 1, 128], f"the Silero LSTM state is no longer (1, 1, 128): {inputs}"
    assert inputs["input"][-1] == SileroStream.CONTEXT + SileroStream.WINDOW, (
        f"a Silero window is no longer {SileroStream.CONTEXT} + {SileroStream.WINDOW} samples: {inputs['input']}"
    )
    state = np.zeros((1, 1, 128), np.float32)
    batch = np.zeros((2, SileroStream.CONTEXT + SileroStream.WINDOW), np.float32)
    probs, h, c = session.run(None, {"input": batch, "h": state, "c": state})
    assert np.asarray(probs).size == 2 and h.shape == c.shape == (1, 1, 128), (
        "the Silero ONNX session no longer returns (one probability per window, h, c)"
    )

