"""An answer transcribed while it is spoken: ``StreamingTranscript``.

``chunking.ChunkCutter`` decides which audio goes to the model when; this adds
what the turn loop reads back while listening (voice heard, silence, the
partial text the end phrase is looked for in) and the finished transcript.
``transcribe.py``'s module docstring has how streaming works, and why.
"""

from __future__ import annotations

import time
from typing import Callable

from .chunking import ChunkCutter
from .endpoint import PENDING_MARK, is_only_phrase, strip_end_phrase
from .errors import ModelError
from .lanes import BACKGROUND, CHUNK, PREVIEW, PROBE, Job
from .types import Transcript, Word


class StreamingTranscript(ChunkCutter):
    """Collects an answer as it is spoken, transcribing it chunk by chunk.

    Thread model: ``feed`` and every property run on the caller's thread (the
    session's main loop); only the model runs on the worker thread.  ``feed``
    does VAD and bookkeeping only (about a millisecond per 100 ms block).

    The open chunk (speech since the last cut) is covered, best first, by:
    its latest *preview* if nobody spoke since; else an earlier preview that
    stops at a pause (the *base*) plus a *probe* of what was said after it;
    else a transcription of the uncovered part, made when it is needed.
    """

    # ---- what the main loop asks

    @property
    def elapsed_s(self) -> float:
        return self._samples / self._rate

    @property
    def heard_speech(self) -> bool:
        return self._last_voice is not None

    @property
    def silence_s(self) -> float:
        """Seconds since the last voice activity (since the start if none yet).

        Voice is what Silero VAD calls speech, so a fan, keyboard hiss or room
        noise does not hold the turn open the way an energy threshold would.
        """
        return (self._samples - (self._last_voice or 0)) / self._rate

    @property
    def buffered_s(self) -> float:
        """Seconds of audio held for transcription (bounded: about one chunk)."""
        return sum(b.size for b in self._buf) / self._rate

    @property
    def tail_pending(self) -> bool:
        """True while the last speech heard is not transcribed yet (``partial_text`` ends with …)."""
        return self._compose()[1]

    def wait_for_tail(self, timeout_s: float) -> bool:
        """Wait until the last speech heard is transcribed (or ``timeout_s`` passes)
        by a decode whose words become the transcript: a preview or a chunk.

        The live loop never needs this (it polls ``partial_text`` every block);
        it is for feeding a file faster than real time and still hearing the end
        phrase, and for tests.  False if nothing in flight will cover the tail
        (the speaker has not paused yet).
        """
        deadline = time.monotonic() + timeout_s
        # A probe is only a quick listen (greedy, 3 s of context: it heard "I'm done"
        # as "I don't" at 7 of 16 sample offsets of one answer, where the preview and
        # the chunk heard it at all 16), so here the decode that becomes the transcript
        # is waited for.
        while self._compose_words(probes=False)[1]:
            with self._lock:
                jobs = (*self._chunks, self._probe, self._preview, self._base)
                waiting = [j for j in jobs if j is not None and not j.done.is_set()]
            if not waiting:
                if not self._preview_shed_pause():
                    return False
                continue
            left = deadline - time.monotonic()
            if left <= 0 or not waiting[0].done.wait(left):
                return False
        return True

    def _preview_shed_pause(self) -> bool:
        """The answer is at a pause whose preview was shed (the model was behind, as
        it is with a file fed at once): preview it now, since someone waits for it."""
        if not (self._chunk_voice and self._previews_shed and self._last_voice is not None):
            return False
        if self._vad_pos - self._last_voice < self._tail_pause or self._preview is not None:
            return False
        self._serve_pause(shed_ok=False)
        return self._preview is not None

    def partial_text(self) -> str:
        """What has been transcribed so far.

        Speech not yet transcribed shows as "…"; when it is the last thing, no
        end phrase can be the last words, so an "I'm done" said mid-answer
        ("... I'm done with that part, then ...") never ends the answer once the
        speaker goes on.
        """
        pieces, _pending = self._compose()
        out: list[str] = []
        for piece in pieces:
            if not (piece == PENDING_MARK and out and out[-1] == PENDING_MARK):
                out.append(piece)
        return " ".join(out)

    def _compose(self) -> tuple[list[str], bool]:
        """The words so far, with PENDING_MARK for speech not transcribed yet, and
        whether the last speech heard is such speech."""
        items, pending = self._compose_words()
        return [PENDING_MARK if w is None else w.text for w in items], pending

    def _compose_words(self, probes: bool = True) -> tuple[list[Word | None], bool]:
        """``_compose`` with the words' times: None where speech is not transcribed yet.
        ``probes`` False: no words from probes, only from decodes that become the transcript."""
        with self._lock:
            if probes:
                self._heard_after_close = False
            pieces: list[Word | None] = []
            for job in self._chunks:
                if job.ok:
                    pieces.extend(job.words or ())
                else:
                    pieces.append(None)
            pending = bool(pieces) and pieces[-1] is None
            if not self._chunk_voice:
                probe = self._last_probe
                if probes and pending and probe is not None and probe.ok and self._chunks[-1].start <= probe.start and self._reaches_end(probe):
                    # The chunk closed (at the 0.5 s pause) while the probe of its last
                    # words was still being decoded; the chunk's own words come seconds
                    # later.  What the probe heard is still the last thing said, so the
                    # end phrase is heard from it, as before the close.  (Dropped, the
                    # reply waited 2.66 s after the last word in 1 of 10 answers of 75 s.)
                    # Only what is heard changes: the chunk and its transcript do not.
                    pieces.extend(probe.words or ())
                    self._heard_after_close = True
                    return pieces, False
                return pieces, pending
            preview, base, probe = self._preview, self._base, self._probe
            if preview is not None and preview.ok and self._reaches_end(preview):
                pieces.extend(preview.words or ())
                return pieces, False
            stale = preview if preview is not None and preview.ok else base if base is not None and base.ok else None
            if probes and probe is not None and probe.ok and self._reaches_end(probe):
                cut = probe.start / self._rate
                before: list[Word | None] = [w for w in stale.words or () if w.end <= cut] if stale is not None else []
                if not (base is not None and base.ok and self._joins(base, probe)):
                    before.append(None)  # (words between them are not transcribed yet)
                pieces.extend(before)
                pieces.extend(probe.words or ())
                return pieces, False
            if stale is not None:
                pieces.extend(stale.words or ())
            pieces.append(None)
            return pieces, True

    def spoken_until_s(self, end_phrases: tuple[str, ...] = ()) -> float:
        """Where the answer's words end, in seconds of audio, as far as is known now
        (when the end is declared, before ``finish``): the end of the word before a
        trailing end phrase, else the end of the voice before the phrase, else the
        last voice heard.  The final transcript's length is its last word's end,
        so this is that figure, known a transcription earlier (to within the
        timing of one word)."""
        items, _pending = self._compose_words()
        tail: list[Word] = []
        for item in reversed(items):
            if item is None:
                break
            tail.append(item)
        tail.reverse()
        last_voice = (self._last_voice or 0) / self._rate
        if not tail or not end_phrases:
            return last_voice
        kept = strip_end_phrase(Transcript(tuple(tail), last_voice), end_phrases).words
        if len(kept) == len(tail):
            return last_voice  # no end phrase heard
        if kept:
            return kept[-1].end
        # Only the phrase is timed: the answer ended where the voice before it did,
        # or, said without a pause, where the phrase starts.
        phrase_at = int(tail[0].start * self._rate)
        ends = [b for _a, b in self._runs if b <= phrase_at]
        running = [a for a, b in self._runs if a <= phrase_at < b]
        if ends and not (running and phrase_at - running[0] > self._rate // 2):
            return max(ends) / self._rate
        return tail[0].start

    # ---- the end

    def _tail_jobs(self, end_phrase: str | None = None) -> tuple[list[Job], float]:
        """The jobs that cover the open chunk at the end, quickest first, and the
        seconds of audio that had to be sent to the model for it now."""
        preview, base, probe = self._preview, self._base, self._probe
        whole = self._usable(preview) and preview.start == self._chunk_start and self._reaches_end(preview)
        if whole and preview.done.is_set():
            return [preview], 0.0  # nobody spoke since this preview
        if whole and preview.started:
            return [preview], 0.0  # running: its words are the whole open chunk's, decoded whole
        if (
            self._usable(preview) and preview.start == self._chunk_start and preview.resumed_at is not None
            and preview.end - preview.start >= self._min_chunk
        ):
            # The latest pause's preview, after which the speaker went on: as much
            # context as a closed chunk has, so its words are as good as the chunk's.
            # (A shorter one decoded alone garbled the answer's last sentence: 18.5 %
            # word error on the hands-free test; the tail is decoded whole instead.)
            base = preview
        joined = self._usable(base) and base.start == self._chunk_start and base.resumed_at is not None
        if end_phrase and probe is not None and probe.ok and self._reaches_end(probe):
            # The answer ended with its end phrase, heard by this probe, and the probe
            # holds nothing else after what is transcribed: the phrase is not scored,
            # so nothing is left to decode.  (A probe's words are never the transcript
            # otherwise: see below.)
            if is_only_phrase(" ".join(w.text for w in probe.words or ()), end_phrase):
                if not any(a < probe.start and b > self._chunk_start for a, b in self._runs):
                    return [probe], 0.0  # no speech in the open chunk before the probe
                if joined and self._joins(base, probe):
                    return [base, probe], 0.0
        end = self._samples
        if self._last_voice is not None:
            end = min(end, self._last_voice + self._after_voice)  # the audio a preview would have held
        end = max(end, self._chunk_start + 1)
        if self._fed_fast():
            # A file: nobody is waiting, so the open chunk is decoded whole, as
            # a preview or a closed chunk would have been, never in pieces.
            tail = self._job(CHUNK, self._chunk_start, end)
            self._submit(tail, first=True)
            return [tail], (end - self._chunk_start) / self._rate
        # No probe is ever the transcript, here either: a probe is decoded quickly
        # (greedy, no second look, 3 s of context) to hear the end phrase, and its
        # words for the answer's last sentence were measurably worse (18% word error
        # on the hands-free test against 3% for the same audio decoded whole).  The
        # tail after the base's pause is decoded properly instead: a few seconds of
        # audio, a few hundred milliseconds.
        start = min(base.end, base.resumed_at) if joined else self._chunk_start  # in the base's pause
        tail = self._job(CHUNK, start, end)
        self._submit(tail, first=True)
        return ([base, tail] if joined else [tail]), (end - start) / self._rate

    def _fed_fast(self) -> bool:
        """Was the audio fed faster than it plays (a file), so no one waits on the tail?"""
        if not self._live:
            return True
        wall = time.monotonic() - (self._first_feed_at or time.monotonic())
        return self.elapsed_s > 2.0 * wall + 1.0

    def finish(self, progress: Callable[[float], None] | None = None, end_phrase: str | None = None) -> Transcript:
        """The whole answer's transcript.  Usually waits for nothing, at most the last seconds.

        ``end_phrase``: the phrase the answer ended with (it is dropped from the
        scored transcript), so a tail that holds only it needs no decoding.

        Afterwards ``timings`` holds ``answer_end_to_transcript_s`` (this call's
        duration), ``tail_transcribed_at_end_s`` (audio it had to send to the
        model), ``chunks``, ``model_busy_s`` and ``model_realtime_factor``.
        """
        if self._final is not None:
            return self._final
        t0 = time.perf_counter()
        tail_s = 0.0
        hearing = self._hearing_split()
        if self._chunk_voice:
            jobs, tail_s = self._tail_jobs(end_phrase)
            with self._lock:
                for job in jobs:
                    job.kind = CHUNK
                self._chunks.extend(jobs)
                self._reset_open()
            for worker in self._workers.values():
                worker.cancel_unstarted((PROBE, PREVIEW))  # the answer is over: only its chunks matter
        words: list[Word] = []
        inaudible: list[tuple[float, float]] = []
        try:
            for job in self._chunks:
                job.done.wait()
                if job.error is not None:
                    detail = (str(job.error).splitlines() or [type(job.error).__name__])[0][:120]
                    raise ModelError(f"the transcription model failed on this answer ({detail}); run: lp-coach doctor.")
                words.extend(job.words or ())
                inaudible.extend(job.inaudible)
                if progress is not None and self._samples:
                    progress(min(1.0, job.end / self._samples))
        finally:
            for worker in self._workers.values():
                worker.stop()  # a preview may still be running: not worth waiting for
        self._buf = []
        voiced = sum(min(b, self._samples) - a for a, b in self._runs) / self._rate
        self._final = Transcript(
            tuple(_monotonic(words)), self.elapsed_s, inaudible=tuple(inaudible), voiced_seconds=voiced
        )
        busy = sum(w.busy_s for w in self._workers.values())
        audio_s = sum(w.audio_s for w in self._workers.values())
        self.timings = {
            "answer_end_to_transcript_s": time.perf_counter() - t0,
            "tail_transcribed_at_end_s": tail_s,
            "chunks": float(len(self._chunks)),
            "model_busy_s": busy,
            "model_realtime_factor": (audio_s / busy) if busy > 0 else 0.0,
            "max_backlog_s": self._max_backlog_s,
            "previews_shed": float(self._previews_shed),
            **hearing,
        }
        return self._final

    def _hearing_split(self) -> dict[str, float]:
        """How the end was heard, for bench/: the quiet waited before the last probe
        was sent (audio seconds after the last voice), how long it queued and was
        decoded, and whether the background lane was still busy when the answer ended
        (then the reply shares the cores with it)."""
        out: dict[str, float] = {}
        background = self._workers.get(BACKGROUND)
        out["background_busy_at_end"] = float(background is not None and background.running)
        # 1: when the end was last looked for, its words came from the probe of a chunk
        # that had closed before the probe was decoded (the chunk's own words not yet in).
        out["heard_after_close"] = float(self._heard_after_close)
        # Closed chunks whose words were not in yet, in seconds of audio: what the
        # transcript waits for besides the open chunk's tail.
        with self._lock:
            out["chunks_undecoded_at_end_s"] = sum(j.end - j.start for j in self._chunks if not j.done.is_set()) / self._rate
        out["backlog_at_end_s"] = self._backlog_s()
        probe, last = self._last_probe, self._last_voice
        if probe is None or last is None or not probe.started:
            return out
        out["probe_after_voice_s"] = (probe.end - last) / self._rate
        out["probe_wait_s"] = probe.started_at - probe.queued_at
        if probe.done.is_set():
            out["probe_decode_s"] = probe.busy_s
        return out

    def close(self) -> None:
        """Stop the worker thread and wait for it (idempotent).  ``finish`` does
        not wait for a preview still running; this does."""
        for worker in self._workers.values():
            worker.stop()
            worker.join(timeout_s=30)

    def __enter__(self) -> "StreamingTranscript":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _monotonic(words: list[Word]) -> list[Word]:
    """Word times never go backwards across chunk boundaries."""
    out: list[Word] = []
    last = 0.0
    for w in words:
        start = max(w.start, last)
        end = max(w.end, start)
        out.append(w if (start, end) == (w.start, w.end) else Word(w.text, start, end))
        last = end
    return out
