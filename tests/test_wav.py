"""The WAV writer and reader: a full disk stops the recording cleanly and keeps what reached it."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.errors import StoreError
from assistant.wav import AudioWriter


def tone(seconds: float, rate: int = 16000, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


class FillsUp(io.RawIOBase):
    """A real file on disk that runs out of space after ``limit`` bytes, like a full disk."""

    def __init__(self, path: Path, limit: int) -> None:
        self._f = open(path, "wb", buffering=0)
        self.limit = limit

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        pos = self._f.tell()
        room = self.limit - pos
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._f.write(data[:room])

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._f.seek(offset, whence)

    def tell(self) -> int:
        return self._f.tell()

    def close(self) -> None:
        self._f.close()
        super().close()


def test_disk_full_stops_cleanly_and_keeps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "turn-1.wav"
    limit = 44 + 2 * 16000 * 2 + 1000  # room for a little over two seconds
    writer = AudioWriter(path, file=FillsUp(path, limit))
    audio = tone(5.0)
    with pytest.raises(StoreError) as err:
        for start in range(0, len(audio), 1600):
            writer.write(audio[start : start + 1600])
    assert "disk is full" in str(err.value) and "kept" in str(err.value)
    with pytest.raises(StoreError, match="disk is full"):
        writer.write(audio[:1600])  # stays stopped
    writer.close()
    kept, rate = sf.read(path, dtype="float32")  # header matches what reached the disk
    assert len(kept) == (limit - 44) // 2
    assert np.max(np.abs(kept - audio[: len(kept)])) < 1e-3


def test_disk_already_full_fails_at_once(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(StoreError, match="disk is full"):
        AudioWriter(tmp_path / "x.wav", file=open("/dev/full", "wb", buffering=0))
