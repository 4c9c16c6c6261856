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
