"""Speech to text on this machine with faster-whisper (CTranslate2).

With ``model`` and ``fw_internals``, the only modules that import faster_whisper.  Everything it returns is our own
``Transcript``; no faster-whisper object leaks out.

Interface the rest of the program relies on:

- ``model.load_transcriber(options, decode=None) -> WhisperTranscriber`` (raises ModelError)
- ``WhisperTranscriber.transcribe(audio, offset_s=0.0) -> Transcript``  (a whole recording)
- ``WhisperTranscriber.transcribe_file(path, progress=None) -> Transcript``
- ``WhisperTranscriber.stream(sample_rate_hz, live=True) -> StreamingTranscript``
- ``StreamingTranscript.feed(block)``: cheap, called for every audio block
- ``StreamingTranscript.heard_speech`` / ``silence_s`` / ``partial_text()``
- ``StreamingTranscript.finish() -> Transcript``; then ``.timings``
- ``audiofile.read_audio_file(path, sample_rate_hz) -> np.ndarray`` (raises UsageError)

Where each part lives: this module decodes (``DecodeOptions``, the guards against
invented text, ``WhisperTranscriber``); ``model`` finds and loads the model;
``vad`` scores voice activity; ``chunking`` cuts the live answer into pieces and
``lanes`` runs the model on them; ``streaming`` puts the answer back together;
``fw_internals`` holds the two faster-whisper internals we depend on.

How streaming works.  ``feed`` runs Silero VAD (the ONNX model that ships
with faster-whisper, ~0.1 ms per 32 ms window) on the live audio, keeping its
recurrent state between blocks, so ``silence_s`` is measured on voice, not
loudness.  Voice activity cuts the answer into chunks at pauses (at least 8 s
long, for Whisper's accuracy; at most 20 s); one worker thread transcribes
each closed chunk while the candidate keeps talking.  At every short pause
(0.25 s) the worker also transcribes the last utterance (a *probe*: an end
phrase is heard about half a second after it is said) and the open chunk so
far (a *preview*: if nobody speaks again it is that chunk's text).  So when the
answer ends, ``finish`` usually has nothing left to transcribe.

One decoding path.  A recording (``transcribe``, ``score AUDIO``, ``practice
--input``) goes through this same stream, fed as fast as it is read; the chunks
are cut by the same VAD at the same samples and decoded with the same
``DecodeOptions``, so the same audio gives the same words on every path.  Live,
when the model is behind at the end of an answer, the open chunk may be finished
from an earlier preview plus a proper decode of what was said after its pause;
a probe's quick words are never part of the transcript.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .audiofile import read_audio_file
from .chunking import StreamOptions
from .config import ModelOptions
from .streaming import StreamingTranscript
from .types import Transcript, Word
from .wav import SAMPLE_RATE_HZ

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodeOptions:
    """How every piece of audio is decoded, on every path (files and microphone).

    Whisper's known ways of writing what nobody said are what the rubric cannot
    survive (it counts words, numbers and "I"), so each has a guard here:

    - it continues the previous window's text: ``condition_on_previous_text``
      is off, each chunk is decoded on its own audio only;
    - it loops (the same token or sentence again and again, typically over
      trailing silence) or guesses: a segment with a compression ratio above
      ``compression_ratio_threshold`` or an average log-probability below
      ``log_prob_threshold`` has its chunk decoded again with beam search
      (``fallback_beam_size``), and the better-scored decode is kept; and
      ``cut_repeats`` trims what still gets through (a token said more than
      ``max_token_repeats`` times in a row, a phrase more than
      ``max_phrase_repeats`` times);
    - it fills long silences with text: ``hallucination_silence_threshold_s``
      (faster-whisper skips silent stretches around a doubtful segment) and
      ``no_speech_threshold`` (a window Whisper itself thinks is silence);
    - punctuation comes out as tokens of its own (" ." x 200): a token with no
      letter or digit is never a word;
    - speech the VAD heard but that decoded to nothing (a skipped window, a
      fading voice) longer than ``inaudible_min_s`` is decoded once more on its
      own; if it is still empty it is marked inaudible, not dropped silently.

    The fallback is beam search, not faster-whisper's re-decoding at rising
    temperatures: sampling draws from CTranslate2's own threads' random
    generators, which no seed reaches, so the same audio gave different words
    on different runs (measured: 3 of 87 answers differed between two paths).
    Beam search is deterministic, and it costs a second decode only for a
    chunk that failed the checks (about one in four on the regression set);
    clean speech is decoded once, greedily.

    ``no_repeat_ngram_size`` stays off: a 3-5 token limit would forbid real
    repetitions ("we test it first, we test it first") and the loops it would
    stop are cut by ``cut_repeats`` with the loop's first occurrence kept.
    """

    condition_on_previous_text: bool = False
    compression_ratio_threshold: float = 2.4  # Whisper's own default: above it, text is a loop
    log_prob_threshold: float = -1.0  # Whisper's own default: below it, the decoder is guessing
    no_speech_threshold: float = 0.6
    fallback_beam_size: int = 5
    hallucination_silence_threshold_s: float | None = 2.0  # chunks only: see _run
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    max_token_repeats: int = 3  # "no, no, no" is speech; a fourth "no" in a row is a loop
    max_phrase_repeats: int = 2  # a 2-8 word phrase said twice in a row is speech; three times, a loop
    max_phrase_words: int = 8
    inaudible_min_s: float = 0.5  # voiced speech with no word in it at least this long is looked at again
    word_slack_s: float = 0.3  # Whisper's word times are this rough: a word covers its time +- this


def is_word(text: str) -> bool:
    """A spoken word has a letter or a digit; "." "," "-" "..." alone are not words."""
    return any(ch.isalnum() for ch in text)


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch == "'")


def cut_repeats(words: list[Word], options: DecodeOptions) -> list[Word]:
    """Cut repetition loops: a token repeated past ``max_token_repeats`` in a
    row, or a phrase (2..max_phrase_words words) past ``max_phrase_repeats``,
    keeps only its first occurrences; every cut is logged."""
    keys = [_key(w.text) for w in words]
    out_idx: list[int] = []
    i = 0
    n = len(words)
    while i < n:
        cut = False
        for size in range(1, options.max_phrase_words + 1):
            if i + size > n:
                break
            unit = keys[i : i + size]
            reps = 1
            while keys[i + reps * size : i + (reps + 1) * size] == unit:
                reps += 1
            limit = options.max_token_repeats if size == 1 else options.max_phrase_repeats
            if reps > limit:
                keep = 1  # a loop: the first occurrence is what was said
                out_idx.extend(range(i, i + keep * size))
                log.info("cut a repetition loop: %r x %d at %.1f s", " ".join(w.text for w in words[i : i + size]),
                         reps, words[i].start)  # fmt: skip
                i += reps * size
                cut = True
                break
        if not cut:
            out_idx.append(i)
            i += 1
    return [words[k] for k in out_idx]


class WhisperTranscriber:
    """The model and the one set of decoding options every path uses.

    There is one way audio becomes words: the streaming chunker
    (``StreamingTranscript``: Silero VAD, chunks cut at pauses, one worker
    thread) and ``decode_chunk`` with ``DecodeOptions``.  The microphone feeds it in
    real time; a file (``transcribe``, ``transcribe_file``: the ``transcribe``
    and ``score`` commands, ``practice --input``) is fed through the same
    stream as fast as it is read, so the same audio gives the same transcript
    whichever way it came in.
    """

    def __init__(self, model, options: ModelOptions, decode: DecodeOptions | None = None) -> None:
        self._model = model
        self._options = options
        self.decode = decode or DecodeOptions()

    @property
    def options(self) -> ModelOptions:
        return self._options

    @property
    def model_name(self) -> str:
        # model.py builds transcribers, so it imports this module, not the other way round.
        from .model import describe_model

        return describe_model(self._options)

    def _words(self, audio: np.ndarray, offset_s: float, fallback: bool = True) -> list[Word]:
        """Words of ``audio`` (one chunk) with times shifted by ``offset_s``, guarded
        against invented text (see DecodeOptions).  ``fallback`` False skips the
        beam-search re-decode (a probe: it must be quick, and is never the transcript)."""
        d = self.decode
        words, doubtful, score = self._run(audio, offset_s, self._options.beam_size, fallback)
        if fallback and doubtful and d.fallback_beam_size > self._options.beam_size:
            again, doubtful_again, score_again = self._run(audio, offset_s, d.fallback_beam_size, True)
            log.info("doubtful decode at %.1f s decoded again with beam search: %s", offset_s,
                     "kept" if (doubtful_again, -score_again) < (doubtful, -score) else "not better")  # fmt: skip
            if (doubtful_again, -score_again) < (doubtful, -score):
                words = again
        dropped = [w.text for w in words if not is_word(w.text)]
        if dropped:
            log.info("dropped %d tokens with no letter or digit: %r", len(dropped), "".join(dropped)[:40])
        return cut_repeats([w for w in words if is_word(w.text)], d)

    def _run(self, audio: np.ndarray, offset_s: float, beam_size: int, whole: bool) -> tuple[list[Word], int, float]:
        """One decode: its words, how many segments failed the compression-ratio or
        log-probability check, and the mean log-probability of its segments.

        ``whole`` False is a probe (the last utterance, padded with silence):
        there the hallucination-silence check dropped the end phrase itself, a
        short segment between silences, and the answer ran on to the silence
        window (the hands-free end-to-end test, 3 runs of 3).  A probe is never
        the transcript, so it goes without that check."""
        d = self.decode
        duration = len(audio) / SAMPLE_RATE_HZ
        words: list[Word] = []
        doubtful = 0
        logprobs: list[float] = []
        lane = getattr(self._model, "lane", None)
        if lane is not None:
            lane.probe = not whole
        segments, _info = self._model.transcribe(
            audio,
            language=self._options.language,
            beam_size=beam_size,
            word_timestamps=True,
            condition_on_previous_text=d.condition_on_previous_text,
            # Our own VAD already cut the chunk; a second VAD pass inside
            # faster-whisper would drop audio ours called speech.
            vad_filter=False,
            temperature=[0.0],  # deterministic: see DecodeOptions
            compression_ratio_threshold=d.compression_ratio_threshold,
            log_prob_threshold=d.log_prob_threshold,
            no_speech_threshold=d.no_speech_threshold,
            hallucination_silence_threshold=d.hallucination_silence_threshold_s if whole else None,
            no_repeat_ngram_size=d.no_repeat_ngram_size,
            repetition_penalty=d.repetition_penalty,
        )
        previous = ""
        for seg in segments:  # a lazy generator: the work happens while iterating
            logprobs.append(seg.avg_logprob)
            if seg.compression_ratio > d.compression_ratio_threshold or seg.avg_logprob < d.log_prob_threshold:
                doubtful += 1
            said = " ".join(seg.text.lower().split())
            if said == previous and len(said.split()) >= 3:
                log.info("dropped a repeated segment: %r", said)
                continue  # Whisper's known loop: the same sentence again, squeezed in at the end
            previous = said
            first_in_segment = len(words)
            for w in seg.words or ():
                text = w.word.strip()
                if text:
                    start = min(max(w.start, 0.0), duration)
                    end = min(max(w.end, start), duration)
                    if not w.word[:1].isspace() and len(words) > first_in_segment:
                        # Whisper starts every new word with a space; a piece without
                        # one continues the last word ("1" + ".1%" is "1.1%", not "1 .1%").
                        prev = words[-1]
                        words[-1] = Word(prev.text + text, prev.start, offset_s + end)
                        continue
                    words.append(Word(text, offset_s + start, offset_s + end))
        return words, doubtful, (sum(logprobs) / len(logprobs)) if logprobs else 0.0

    def decode_chunk(
        self,
        audio: np.ndarray,
        start_s: float,
        voiced_s: list[tuple[float, float]] = (),
        lead: int = 0,
        fallback: bool = True,
    ) -> tuple[list[Word], list[tuple[float, float]]]:
        """A chunk's words (times in the answer) and the stretches of voiced speech
        in it that stayed empty even when decoded again on their own.

        ``audio`` starts at ``start_s``, after ``lead`` samples of silence put
        before it; ``voiced_s`` are the VAD's speech runs inside it (seconds).
        """
        if audio.size == 0:
            return [], []
        if lead:
            audio = np.concatenate([np.zeros(lead, np.float32), audio])
        words = self._words(audio, start_s - lead / SAMPLE_RATE_HZ, fallback)
        words = [w if w.start >= start_s else Word(w.text, start_s, max(w.end, start_s)) for w in words]
        inaudible: list[tuple[float, float]] = []
        end_s = start_s + (len(audio) - lead) / SAMPLE_RATE_HZ
        for lo, hi in _holes(voiced_s, words, self.decode):
            # Decode the hole again on its own, with a little audio either side.
            pad = 0.3
            a = max(start_s, lo - pad)
            b = min(end_s, hi + pad)
            piece = audio[lead + int((a - start_s) * SAMPLE_RATE_HZ) : lead + int((b - start_s) * SAMPLE_RATE_HZ)]
            piece = np.concatenate([np.zeros(int(0.3 * SAMPLE_RATE_HZ), np.float32), piece])
            again = self._words(piece, a - 0.3)
            # Only words inside the hole: the neighbours are already in the transcript.
            found = [w for w in again if lo - 0.1 <= (w.start + w.end) / 2 <= hi + 0.1]
            if found:
                log.info("re-decoded %.1f-%.1f s: %r", lo, hi, " ".join(w.text for w in found))
                words = sorted(words + found, key=lambda w: w.start)
            else:
                log.info("voiced speech at %.1f-%.1f s decoded to nothing twice: marked inaudible", lo, hi)
                inaudible.append((round(lo, 2), round(hi, 2)))
        return words, inaudible

    def transcribe(
        self,
        audio: np.ndarray,
        offset_s: float = 0.0,
        progress: Callable[[float], None] | None = None,
        options: "StreamOptions | None" = None,
    ) -> Transcript:
        """Transcribe 16 kHz mono float32 audio; word times shifted by ``offset_s``.

        The audio goes through the same stream as the microphone, fed as fast
        as it can be read.  ``progress`` gets the fraction done (0..1).
        """
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        with self.stream(SAMPLE_RATE_HZ, options, live=False) as stream:
            block = SAMPLE_RATE_HZ // 10  # the microphone's 100 ms blocks (the result does not depend on it)
            for i in range(0, audio.size, block):
                stream.feed(audio[i : i + block])
            transcript = stream.finish(progress=progress)
        if progress is not None:
            progress(1.0)
        if not offset_s:
            return transcript
        return Transcript(
            tuple(Word(w.text, w.start + offset_s, w.end + offset_s) for w in transcript.words),
            transcript.duration_seconds + offset_s,
            inaudible=tuple((a + offset_s, b + offset_s) for a, b in transcript.inaudible),
            voiced_seconds=transcript.voiced_seconds,
        )

    def transcribe_file(self, path: Path, progress: Callable[[float], None] | None = None) -> Transcript:
        """Transcribe an audio file (raises UsageError if it cannot be read)."""
        return self.transcribe(read_audio_file(path, SAMPLE_RATE_HZ), progress=progress)

    def stream(
        self, sample_rate_hz: int = SAMPLE_RATE_HZ, options: "StreamOptions | None" = None, live: bool = True
    ) -> "StreamingTranscript":
        return StreamingTranscript(self, sample_rate_hz, options, live=live)

def _holes(
    voiced_s: list[tuple[float, float]], words: list[Word], d: DecodeOptions
) -> list[tuple[float, float]]:
    """Stretches of voiced speech, at least ``inaudible_min_s`` long, that no word covers."""
    covered = sorted((w.start - d.word_slack_s, w.end + d.word_slack_s) for w in words)
    holes = []
    for lo, hi in voiced_s:
        at = lo
        for a, b in covered:
            if b <= at or a >= hi:
                continue
            if a - at >= d.inaudible_min_s:
                holes.append((at, a))
            at = max(at, b)
        if hi - at >= d.inaudible_min_s:
            holes.append((at, hi))
    return holes
