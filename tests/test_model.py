"""The model: finding its folder, and a bad one refused in one sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import ModelOptions
from assistant.errors import ModelError
from assistant.model import default_model_path, load_transcriber, resolve_model

# --------------------------------------------------------------------------- model errors


def test_an_empty_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no model.bin") as err:
        load_transcriber(ModelOptions(model=str(tmp_path)))
    assert "models/README.md" in str(err.value) and "\n" not in str(err.value)


def test_a_corrupt_model_bin_is_a_model_error(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\x00garbage" * 1000)
    bundled = default_model_path()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(bundled / name, folder / name)
    with pytest.raises(ModelError) as err:
        load_transcriber(ModelOptions(model=str(folder)))
    message = str(err.value)
    assert message.startswith(f"cannot load the transcription model {folder}") and "\n" not in message
    assert "--model" in message  # says how to get back to a working model


def test_a_model_folder_without_tokenizer_is_refused_rather_than_downloading(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"x")
    with pytest.raises(ModelError, match="no tokenizer.json"):
        resolve_model(str(tmp_path))


def test_a_missing_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        resolve_model(str(tmp_path / "models" / "small.en"))


def test_a_relative_model_folder_resolves_from_the_current_directory(tmp_path, monkeypatch):
    folder = tmp_path / "models" / "mine"
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"x")
    (folder / "tokenizer.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    assert Path(resolve_model("models/mine")).resolve() == folder.resolve()


def test_no_model_means_the_bundled_tiny_en():
    assert Path(resolve_model(None)) == default_model_path()


# --------------------------------------------------------------------------- the same audio, the same numbers


@pytest.mark.model
def test_grading_on_another_thread_never_changes_what_the_model_hears():
    # The rubric parses (it warms up while the candidate answers) while chunks are
    # decoded.  The parser once set numpy's BLAS to one thread around each parse, and
    # the spectrogram of a chunk computed meanwhile came out a bit different: the same
    # audio gave two transcripts ("Our own fulfilling service" for "I owned the billing
    # service").  The model's front end must see the same numbers whatever runs beside it.
    import sys
    import threading

    import numpy as np

    sys.path.insert(0, str(Path(__file__).parent))
    from clips import build, long_answer

    from assistant.language.clauses import parse

    transcriber = load_transcriber(ModelOptions())
    features = transcriber._model.feature_extractor  # what decode_chunk feeds the encoder
    audio = build(0.5, *long_answer()[:8], 0.5)
    alone = features(audio)
    stop = threading.Event()

    def grade() -> None:
        while not stop.is_set():
            parse("I wrote the plan, my team agreed, and I shipped the fix the next morning.")

    grader = threading.Thread(target=grade, daemon=True)
    grader.start()
    try:
        differ = sum(not np.array_equal(features(audio), alone) for _ in range(100))
    finally:
        stop.set()
        grader.join(timeout=30)
    assert differ == 0, f"{differ} of 100 spectrograms of the same audio differed while an answer was parsed"


# --------------------------------------------------------------------------- memory


@pytest.mark.model
def test_the_models_library_loads_with_its_buffer_pools_off_and_two_arenas():
    # MKL's pools kept every freed decoding buffer (see assistant/allocator.py): the setting
    # must be in the environment before ctranslate2 loads, in a fresh process as a user's is
    import subprocess
    import sys

    code = (
        "import os, sys\n"
        "seen = []\n"
        "class Hook:\n"  # what the environment held when ctranslate2 was first imported
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'ctranslate2':\n"
        "            seen.append(os.environ.get('MKL_DISABLE_FAST_MM'))\n"
        "sys.meta_path.insert(0, Hook())\n"
        "from assistant.config import ModelOptions\n"
        "from assistant.model import load_transcriber\n"
        "load_transcriber(ModelOptions())\n"
        "print(seen[0], 'ctranslate2' in sys.modules)\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("MKL_DISABLE_FAST_MM", "MALLOC_ARENA_MAX")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert out.stdout.split() == ["1", "True"]
