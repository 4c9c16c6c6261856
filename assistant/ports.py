"""What the turn loop needs from its collaborators, as ``typing.Protocol``s.

``session.Coach`` is handed every collaborator (docs/ARCHITECTURE.md, "The seams")
and calls only the methods listed here; the real classes (``transcribe``, ``store``,
``questions``) and the tests' hand-written fakes both satisfy them structurally, and
so do the CLI's wrappers (``cli.common.BackgroundTranscriber``, ``CommandStore``).
Each protocol lists exactly what is called through it, so a reader sees the whole
interface a fake has to provide, and nothing more.

This module imports no device, model or database library: only our own types.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Protocol

from .types import Principle, Question, Session, Transcript, Turn

if TYPE_CHECKING:
    import numpy as np


class TranscriptStream(Protocol):
    """One answer being transcribed while it is spoken (``streaming.StreamingTranscript``)."""

    @property
    def elapsed_s(self) -> float:
        """Seconds of audio fed so far."""

    @property
    def heard_speech(self) -> bool:
        """True once voice activity has been detected."""

    @property
    def silence_s(self) -> float:
        """Seconds since the last voiced audio."""

    def feed(self, block: np.ndarray) -> None:
        """One block of float32 mono samples at the stream's rate."""

    def partial_text(self) -> str:
        """What has been transcribed so far (for the end phrase)."""

    def spoken_until_s(self, end_phrases: tuple[str, ...] = ()) -> float:
        """Where the answer's words end (before a trailing end phrase), in seconds
        of audio, as far as is known before ``finish``."""

    def finish(self, end_phrase: str | None = None) -> Transcript:
        """Transcribe what is left and return the whole answer."""

    @property
    def timings(self) -> dict[str, float]:
        """After ``finish``: seconds and counts saying where the time went."""


class Transcriber(Protocol):
    """Speech to text as the turn loop uses it: one stream per answer."""

    def stream(self, sample_rate_hz: int) -> TranscriptStream: ...


class RecordingWriter(Protocol):
    """One answer's recording being written (``wav.AudioWriter``)."""

    @property
    def seconds_written(self) -> float: ...

    def write(self, block: np.ndarray) -> None: ...

    def close(self) -> None: ...


class SessionStore(Protocol):
    """The data folder as the turn loop uses it (``store.Store``)."""

    @property
    def data_dir(self) -> Path:
        """Where ``stories.toml`` (the candidate's story names) lives."""

    def new_session(self, mode: str) -> Session: ...

    def begin_turn(self, session: Session, turn: Turn, sample_rate_hz: int = ..., attempt: int = 1) -> RecordingWriter:
        """Save the turn as incomplete and open its recording."""

    def save_turn(self, session: Session, turn: Turn) -> None: ...

    def save_debrief(self, session: Session, debrief: dict[str, Any]) -> None: ...

    def sessions(self) -> list[Session]:
        """Every saved session, newest first (the story bank and the debrief read them)."""


class QuestionSource(Protocol):
    """The question bank as the turn loop and the debrief use it (``questions.QuestionBank``)."""

    @property
    def weights(self) -> dict[str, float]:
        """Relative pick weight per principle slug."""

    def principle(self, slug_or_name: str) -> Principle: ...

    def name(self, slug_or_name: str) -> str:
        """A principle's full name; an unknown slug as it was saved."""

    def probes(self, lp: str | None = None) -> list[Question]: ...

    def pick(self, rng: random.Random, lp: str | None = None, exclude_ids: Collection[str] = ()) -> Question: ...
