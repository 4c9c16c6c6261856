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


# --------------------------------------------------------------------------- memory

_BURST = """
import ctypes, sys, numpy as np
sys.path.insert(0, {root!r})
if {tuned}:
    from assistant.model import keep_big_buffers_returnable
    assert keep_big_buffers_returnable()
def rss_mb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) // 1024
big = np.ones(16 << 20, np.uint8); del big  # one large buffer freed (glibc then raises its threshold)
base = rss_mb()
blocks = [np.ones(2 << 20, np.uint8) for _ in range(40)]  # a burst of 2 MB buffers, as a decode makes
last = blocks.pop()
del blocks  # all freed but the newest, which is still in use
print(rss_mb() - base)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists() or __import__("platform").libc_ver()[0] != "glibc",
                    reason="glibc's malloc only")
def test_freed_model_buffers_go_back_to_the_system(tmp_path):
    # A live answer's model buffers change size with every chunk and probe: kept in the heap,
    # the stream alone grew by 200 MB over a 75 s answer
    import subprocess
    import sys

    root = str(Path(__file__).resolve().parent.parent)
    held = {}
    for tuned in (False, True):
        out = subprocess.run([sys.executable, "-c", _BURST.format(root=root, tuned=tuned)], capture_output=True, text=True, check=True)
        held[tuned] = int(out.stdout.split()[-1])
    assert held[False] >= 60, held  # glibc's default keeps the freed 78 MB (the test shows the problem)
    assert held[True] <= 8, held
