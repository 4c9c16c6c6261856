"""Where answers come from: the microphone, or one ``--input`` file per prompt;
and the Enter key, which ends an answer when a keyboard is there.

Both input kinds satisfy ``session.AnswerInputs``.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Iterator

from .audio import AudioSource, FileSource, MicrophoneSource
from .config import Config


class MicrophoneInputs:
    live = True

    def __init__(self, source: MicrophoneSource) -> None:
        self._source = source
        self._started = False

    def next_source(self) -> AudioSource:
        if not self._started:
            self._source.start()
            self._started = True
        # What the microphone heard while the coach was talking is not the answer.
        self._source.drain()
        return self._source

    def close(self) -> None:
        self._source.stop()


class FileInputs:
    """``--input A --input B``: A answers the first prompt, B the next, then none."""

    live = False

    def __init__(self, sources: list[FileSource]) -> None:
        self._sources: Iterator[FileSource] = iter(sources)

    def next_source(self) -> AudioSource | None:
        source = next(self._sources, None)
        if source is not None:
            source.start()
        return source

    def close(self) -> None:
        pass


class EnterKey:
    """Enter ends an answer when a keyboard is there (stdin is a terminal)."""

    def __init__(self, stream=None) -> None:
        self._stream = stream if stream is not None else sys.stdin
        self._presses = 0
        self._mark = 0
        self._lock = threading.Lock()
        if self._stream is not None and self._stream.isatty():
            threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        for _line in self._stream:
            with self._lock:
                self._presses += 1

    def arm(self) -> None:
        """Forget presses made before this answer started."""
        with self._lock:
            self._mark = self._presses

    def pressed(self) -> bool:
        with self._lock:
            return self._presses > self._mark


def file_inputs(paths: list[Path], config: Config) -> FileInputs:
    """Open every --input file up front so a bad one fails before anything is asked."""
    return FileInputs([FileSource(p, config.audio) for p in paths])
