"""Answers on disk as WAV: written crash-safe while the candidate talks, read back whole.

One format for every recording lp-coach makes: 16-bit PCM mono at ``SAMPLE_RATE_HZ``
(16 kHz, the rate the transcriber's model takes; the microphone, the recordings
and the transcriber all run at it), in a plain 44-byte-header WAV file.

WAV, not FLAC: a FLAC file cut short by a crash has no sample count in its header
and libsndfile cannot read it, whereas :class:`AudioWriter` rewrites its header
about once a second, so a process killed mid-answer (even by SIGKILL) leaves a file
any reader opens with everything but the at most one second still buffered in
memory.  :func:`read_audio` trusts the file size over the header, so samples written
just before a kill, whose header update never happened, are read too.

A recording lives in the data folder, so its failures are ``StoreError``.
"""

from __future__ import annotations

import errno
import io
import os
import struct
import threading
from pathlib import Path
from typing import BinaryIO

import numpy as np

from .errors import StoreError

SAMPLE_RATE_HZ = 16000  # the one definition: microphone, recordings and transcriber
FLUSH_EVERY_S = 1.0
_WAV_HEADER_BYTES = 44


def _wav_header(data_bytes: int, sample_rate_hz: int) -> bytes:
    channels, bits = 1, 16
    block_align = channels * bits // 8
    return (
        b"RIFF"
        + struct.pack("<I", 36 + data_bytes)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, sample_rate_hz, sample_rate_hz * block_align, block_align, bits)
        + b"data"
        + struct.pack("<I", data_bytes)
    )


class AudioWriter:
    """Streams one answer to a 16-bit mono WAV file, crash-safe to about a second.

    ``write`` only converts and buffers (cheap; call it from the consumer thread,
    never from the audio callback).  About once a second the buffer is appended to
    the file and the header's sizes are rewritten, so a killed process leaves a
    valid WAV of everything but the last second.  Disk full stops the writer,
    keeps the file as far as it got (with a correct header) and raises StoreError.

    ``file`` lets tests inject the underlying binary file object.
    """

    def __init__(
        self,
        path: Path,
        sample_rate_hz: int = SAMPLE_RATE_HZ,
        flush_every_s: float = FLUSH_EVERY_S,
        file: BinaryIO | None = None,
    ) -> None:
        self.path = Path(path)
        self.sample_rate_hz = int(sample_rate_hz)
        self._flush_every = max(1, int(flush_every_s * self.sample_rate_hz))
        self._pending: list[bytes] = []
        self._pending_samples = 0
        self._data_bytes = 0  # bytes of samples on disk, covered by the header
        self._closed = False
        self._failed: StoreError | None = None
        self._lock = threading.Lock()
        if file is None:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            except OSError as exc:
                raise StoreError(f"cannot create {self.path} ({exc.strerror}); check the data folder.") from None
            file = os.fdopen(fd, "wb", buffering=0)
        self._file = file
        try:
            self._write_all(_wav_header(0, self.sample_rate_hz))
        except OSError as exc:
            self._fail(exc)
            raise self._failed from None  # type: ignore[misc]

    @property
    def seconds_written(self) -> float:
        """Seconds of audio accepted so far (on disk or about to be)."""
        return (self._data_bytes // 2 + self._pending_samples) / self.sample_rate_hz

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, block: np.ndarray) -> None:
        """Append float32 mono samples in [-1, 1]."""
        with self._lock:
            if self._failed is not None:
                raise self._failed
            if self._closed:
                raise StoreError(f"the recording {self.path.name} is already closed.")
            samples = np.asarray(block, dtype=np.float32).reshape(-1)
            pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
            self._pending.append(pcm.tobytes())
            self._pending_samples += pcm.size
            if self._pending_samples >= self._flush_every:
                self._flush_locked()

    def flush(self) -> None:
        with self._lock:
            if self._failed is None and not self._closed:
                self._flush_locked()

    def close(self) -> None:
        """Write what is buffered, fix the header, sync to disk.  Idempotent."""
        with self._lock:
            if self._closed:
                return
            try:
                if self._failed is None:
                    self._flush_locked()
                    try:
                        os.fsync(self._file.fileno())
                    except (OSError, AttributeError, ValueError):
                        pass  # injected files may have no descriptor
            finally:
                self._closed = True
                try:
                    self._file.close()
                except OSError:
                    pass

    def __enter__(self) -> "AudioWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- inner

    def _flush_locked(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        self._pending_samples = 0
        try:
            written = self._write_all(data)
        except OSError as exc:
            written = getattr(exc, "_written", 0)
            self._data_bytes += written - written % 2
            self._fail(exc)
            raise self._failed from None  # type: ignore[misc]
        self._data_bytes += written
        self._update_header()

    def _write_all(self, data: bytes) -> int:
        view = memoryview(data)
        done = 0
        while done < len(view):
            try:
                n = self._file.write(view[done:])
            except OSError as exc:
                exc._written = done  # type: ignore[attr-defined]
                raise
            if not n:
                err = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                err._written = done  # type: ignore[attr-defined]
                raise err
            done += n
        return done

    def _update_header(self) -> None:
        header = _wav_header(self._data_bytes, self.sample_rate_hz)
        self._file.seek(4)
        self._file.write(header[4:8])
        self._file.seek(40)
        self._file.write(header[40:44])
        self._file.seek(0, os.SEEK_END)

    def _fail(self, exc: OSError) -> None:
        """Stop writing: keep what reached the disk, with a header that says so."""
        self._pending.clear()
        self._pending_samples = 0
        try:
            self._update_header()
        except (OSError, ValueError):
            pass  # read_audio still recovers the samples from the file size
        try:
            self._file.close()
        except OSError:
            pass
        self._closed = True
        seconds = self._data_bytes / 2 / self.sample_rate_hz
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            self._failed = StoreError(
                f"the disk is full: the recording {self.path.name} stopped after {seconds:.1f} s "
                "(what was recorded is kept); free some space and try again."
            )
        else:
            self._failed = StoreError(
                f"cannot write the recording {self.path.name} ({exc.strerror or exc}); "
                f"kept the first {seconds:.1f} s."
            )


def _parse_our_wav(raw: bytes) -> tuple[int, int] | None:
    """(sample rate, data offset) when ``raw`` starts with AudioWriter's 44-byte header."""
    if len(raw) < _WAV_HEADER_BYTES or raw[:4] != b"RIFF" or raw[8:16] != b"WAVEfmt " or raw[36:40] != b"data":
        return None
    fmt_size, fmt, channels, rate, _, _, bits = struct.unpack("<IHHIIHH", raw[16:36])
    if fmt_size != 16 or fmt != 1 or channels != 1 or bits != 16:
        return None
    return rate, _WAV_HEADER_BYTES


def wav_seconds_on_disk(path: Path) -> float:
    """Length of a recording from its size (for answers cut short); 0 when unreadable."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_WAV_HEADER_BYTES)
        parsed = _parse_our_wav(head)
        if parsed is None:
            import soundfile as sf

            info = sf.info(str(path))
            return float(info.frames) / info.samplerate
        return max(0, path.stat().st_size - _WAV_HEADER_BYTES) // 2 / parsed[0]
    except Exception:
        return 0.0


def read_audio(path: Path) -> tuple[np.ndarray, int]:
    """Float32 mono samples and rate of a recording.

    For AudioWriter's WAV files the data length comes from the file size, not the
    header, so a recording whose writer was killed is read to its last sample.
    Other formats (FLAC, OGG, …) are read with soundfile.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"the recording {path} is missing.") from None
    except OSError as exc:
        raise StoreError(f"cannot read the recording {path} ({exc.strerror}).") from None
    parsed = _parse_our_wav(raw)
    if parsed is not None:
        rate, offset = parsed
        body = raw[offset:]
        body = body[: len(body) - len(body) % 2]
        return np.frombuffer(body, dtype="<i2").astype(np.float32) / 32768.0, rate
    import soundfile as sf

    try:
        data, rate = sf.read(io.BytesIO(raw), dtype="float32", always_2d=True)
    except Exception as exc:
        raise StoreError(f"the recording {path} cannot be decoded ({exc}).") from None
    return data.mean(axis=1).astype(np.float32), int(rate)
