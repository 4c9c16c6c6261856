"""The model's work queue while an answer is spoken: jobs, and one worker thread per lane.

A ``Job`` is a piece of the answer's audio (a probe, a closed chunk or a preview
of the open one) and, once the worker is done with it, its words.  Which jobs
exist and when is ``chunking.ChunkCutter``'s business; here they are queued,
served in order of urgency and decoded by ``ChunkDecoder.decode_chunk``
(``transcribe.WhisperTranscriber``, or a test's stand-in).
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from typing import Callable, Protocol, Sequence

import numpy as np

from .types import Word

# Two CTranslate2 replicas, each run by one thread: the *urgent* lane (probes, the
# last utterance, the answer's tail) never waits behind the *background* lane (closed
# chunks, previews of the open chunk).  With one replica, the end phrase waited for
# whatever long chunk was being decoded: a 3 s probe took 1.15 s instead of 0.26 s
# while a 17 s chunk ran (0.37 s with two replicas), about 1-2 s of every reply on a
# busy laptop.  The second replica costs ~40 MB.
LANES = 2


class ChunkDecoder(Protocol):
    """What a worker needs from the transcriber: one piece of audio decoded."""

    def decode_chunk(
        self,
        audio: np.ndarray,
        start_s: float,
        voiced_s: Sequence[tuple[float, float]] = (),
        lead: int = 0,
        fallback: bool = True,
    ) -> tuple[list[Word], list[tuple[float, float]]]: ...


# Job kinds, in the order the worker serves them.
PROBE = "probe"  # the last utterance, to hear an end phrase at once
CHUNK = "chunk"  # a closed chunk: its words are the transcript
PREVIEW = "preview"  # the open chunk so far: becomes its CHUNK if nobody speaks again


class Job:
    """One piece of audio for the worker, and what came of it."""

    __slots__ = (
        "kind", "urgent", "start", "end", "audio", "started", "cancelled", "words", "error", "busy_s", "done",
        "resumed_at", "lead", "voiced", "inaudible", "queued_at", "started_at",
    )  # fmt: skip

    def __init__(
        self, kind: str, start: int, end: int, audio: np.ndarray, urgent: bool = False, lead: int = 0
    ) -> None:
        self.kind = kind
        self.lead = lead  # samples of silence to put before the audio (Whisper wants a lead-in)
        self.urgent = urgent or kind == PROBE  # served before queued chunks: it may end the answer
        self.start = start  # sample index of audio[0] in the answer
        self.end = end
        self.audio: np.ndarray | None = audio
        self.started = False
        self.cancelled = False
        self.words: list[Word] | None = None
        self.error: BaseException | None = None
        self.busy_s = 0.0
        self.done = threading.Event()
        self.resumed_at: int | None = None  # a preview: where speech went on after its pause
        self.voiced: list[tuple[float, float]] = []  # the VAD's speech runs inside it (s): holes are looked for
        self.inaudible: list[tuple[float, float]] = []
        self.queued_at = 0.0  # perf_counter() when submitted, and when the worker took it
        self.started_at = 0.0

    @property
    def ok(self) -> bool:
        return self.done.is_set() and self.words is not None


# Every worker thread alive, so the interpreter never exits while one is inside
# CTranslate2 (a daemon thread killed there aborts the process: "terminate called
# without an active exception").
_LIVE_WORKERS: "weakref.WeakSet[Worker]" = weakref.WeakSet()


@atexit.register
def _join_workers() -> None:
    for worker in list(_LIVE_WORKERS):
        worker.stop(abandon=True)  # exiting: queued work is of no use, the running job ends soon
        worker.join(timeout_s=30)


# The two lanes (see LANES).
URGENT = "urgent"  # probes, a short open chunk's preview, the answer's tail at the end
BACKGROUND = "background"  # closed chunks in order, then the newest preview


class Worker:
    """One thread that runs the model for one lane: the newest urgent job (a probe,
    or a preview short enough to be its own probe), then chunks in order, then the
    newest preview."""

    FIRST_SPEED = 10.0

    def __init__(self, transcriber: ChunkDecoder, sample_rate_hz: int, lane: str = BACKGROUND) -> None:
        self._transcriber = transcriber
        self._rate = sample_rate_hz
        self._cond = threading.Condition()
        self._jobs: list[Job] = []
        self._stopping = False
        self.busy_s = 0.0
        self.audio_s = 0.0
        # Seconds of audio per second of work, as measured on this lane (a guess
        # until the first job: tiny.en on 2 idle cores is ~14x real time).
        self.speed = self.FIRST_SPEED
        self.last_probe_s = 0.0
        self._running: Job | None = None
        self._running_since = 0.0
        self._thread = threading.Thread(target=self._run, name=f"lp-coach-transcriber-{lane}", daemon=True)
        self._thread.start()
        _LIVE_WORKERS.add(self)

    def submit(self, job: Job, first: bool = False) -> None:
        """Queue ``job``; a newer probe or preview replaces a queued one of its kind.

        ``first`` (the final tail) goes ahead of everything and drops queued
        probes and previews: nothing else is worth waiting for any more.
        """
        job.queued_at = time.perf_counter()
        with self._cond:
            if first:
                self._cancel(lambda j: j.kind != CHUNK)
                self._jobs.insert(0, job)
            else:
                if job.kind != CHUNK:
                    self._cancel(lambda j: j.kind == job.kind)
                self._jobs.append(job)
            self._cond.notify()

    def cancel_unstarted(self, kinds: tuple[str, ...]) -> None:
        with self._cond:
            self._cancel(lambda j: j.kind in kinds)

    def _cancel(self, which: Callable[[Job], bool]) -> None:
        keep = []
        for job in self._jobs:
            if which(job):
                job.cancelled = True
                job.audio = None
                job.done.set()
            else:
                keep.append(job)
        self._jobs = keep

    def backlog_s(self) -> float:
        """Seconds of model work queued or still running on this lane (estimated
        from the lane's measured speed): how far the transcriber is behind."""
        with self._cond:
            queued = sum(j.end - j.start for j in self._jobs) / self._rate
            running, since = self._running, self._running_since
        work = queued / self.speed
        if running is not None:
            work += max(0.0, (running.end - running.start) / self._rate / self.speed - (time.perf_counter() - since))
        return work

    @property
    def running(self) -> bool:
        """Is the model busy with a job of this lane right now?"""
        with self._cond:
            return self._running is not None

    def _next(self) -> Job | None:
        with self._cond:
            while True:
                jobs = self._jobs
                job = next((j for j in reversed(jobs) if j.urgent and j.kind != CHUNK), None)
                job = job or next((j for j in jobs if j.kind == CHUNK), None)
                job = job or next((j for j in reversed(jobs) if j.kind == PREVIEW), None)
                if job is not None:
                    jobs.remove(job)
                    job.started = True
                    job.started_at = time.perf_counter()
                    self._running, self._running_since = job, job.started_at
                    return job
                if self._stopping:
                    return None
                self._cond.wait()

    def _run(self) -> None:
        while (job := self._next()) is not None:
            t0 = time.perf_counter()
            try:
                assert job.audio is not None
                # A probe only listens for the end phrase, at once: no second
                # look, no beam re-decode.  Chunks and previews (a preview may
                # become its chunk) get the full guarded decode.
                full = job.kind != PROBE
                voiced = job.voiced if full else []
                start_s = job.start / self._rate
                job.words, job.inaudible = self._transcriber.decode_chunk(job.audio, start_s, voiced, job.lead, full)
            except BaseException as exc:  # reported by finish() on the caller's thread
                job.error = exc
            job.busy_s = time.perf_counter() - t0
            self.busy_s += job.busy_s
            seconds = (job.end - job.start) / self._rate
            self.audio_s += seconds
            if job.kind == PROBE:
                self.last_probe_s = job.busy_s
            elif job.busy_s > 0 and seconds > 1.0:
                self.speed = 0.5 * self.speed + 0.5 * seconds / job.busy_s
            with self._cond:
                self._running = None
            job.audio = None  # the recorder keeps the audio; we need only the words
            job.done.set()

    def stop(self, abandon: bool = False) -> None:
        """Finish the chunks already queued (or with ``abandon`` drop them too),
        drop probes and previews, then end the thread."""
        with self._cond:
            self._cancel(lambda j: abandon or j.kind != CHUNK)
            self._stopping = True
            self._cond.notify()

    def join(self, timeout_s: float | None = None) -> None:
        self._thread.join(timeout_s)
