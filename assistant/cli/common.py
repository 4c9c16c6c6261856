"""Options every voice command shares, and turning parsed flags into a Config."""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..config import Config, ModelOptions, load_config
from ..wav import SAMPLE_RATE_HZ

if TYPE_CHECKING:
    from ..chunking import StreamOptions
    from ..ports import RecordingWriter, TranscriptStream
    from ..session import AnswerInputs
    from ..store import Store
    from ..transcribe import WhisperTranscriber
    from ..types import Session, Turn


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be greater than zero")
    return value


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be greater than zero")
    return value


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="PATH|NAME",
        help="faster-whisper model folder (e.g. models/small.en) or model name; "
        "default: the bundled tiny.en (config key: model)",
    )


def add_voice_options(parser: argparse.ArgumentParser, listens: bool = True) -> None:
    """--model, --voice, --rate, --no-speak and (where the command listens) --input."""
    add_model_option(parser)
    parser.add_argument("--voice", help="speech-output voice, e.g. en-us (config key: voice)")
    parser.add_argument(
        "--rate", type=positive_int, metavar="WPM", help="speaking rate in words per minute, default 175 (config key: rate_wpm)"
    )
    parser.add_argument("--no-speak", action="store_true", help="print what would be said instead of speaking it")
    if listens:
        parser.add_argument(
            "--input",
            action="append",
            metavar="AUDIO",
            type=Path,
            help="answer from this audio file instead of the microphone; repeat to answer the "
            "question, then the follow-up, in order (the microphone is never opened)",
        )
        parser.add_argument(
            "--silence",
            type=positive_float,
            metavar="SECONDS",
            help="silence that ends an answer, default 3 (config key: silence_timeout_s)",
        )
        parser.add_argument(
            "--cap",
            type=positive_float,
            metavar="SECONDS",
            help="hard cap on one answer, default 180 (config key: answer_cap_s)",
        )
        parser.add_argument(
            "--target",
            type=positive_float,
            metavar="SECONDS",
            help="answer length target, default 90 (config key: target_seconds)",
        )


def model_flag(value: str | None) -> str | None:
    """``--model`` as given, with a path made absolute against the current folder.

    A user types a path relative to where they stand; an installed lp-coach has no
    project root to look in, so ``--model models/base.en`` means ``./models/base.en``.
    A bare name (``small.en``) is left for the model loader to look up.
    """
    if not value:
        return value
    if any(sep in value for sep in ("/", "\\")) or value.startswith((".", "~")):
        return str(Path.cwd() / Path(value).expanduser())
    return value


def config_from_args(args: argparse.Namespace) -> Config:
    """Defaults < <data folder>/config.toml < flags given on this command line."""
    overrides = {
        "model": model_flag(getattr(args, "model", None)),
        "voice": getattr(args, "voice", None),
        "rate_wpm": getattr(args, "rate", None),
        "silence_timeout_s": getattr(args, "silence", None),
        "answer_cap_s": getattr(args, "cap", None),
        "target_seconds": getattr(args, "target", None),
    }
    if getattr(args, "no_speak", False):
        overrides["speak"] = False
    return load_config(overrides=overrides)


class BackgroundTranscriber:
    """Loads the model on a thread so the question is spoken while it loads.

    Start-up (command -> first word of the question) must stay under 2 s; the
    model is first needed only when the answer starts, so loading it in
    parallel with speaking the question hides most of its cost.  A missing
    model folder is still reported at once (``resolve_model`` is cheap).

    It is a ``ports.Transcriber``: ``stream`` waits for the model, then opens the
    stream on it.
    """

    def __init__(self, options: ModelOptions, after: Callable[[], object] | None = None) -> None:
        import threading

        from ..model import resolve_model

        resolve_model(options.model)
        self._options = options
        self._after = after
        self._result: WhisperTranscriber | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, daemon=True)
        self._thread.start()

    def _load(self) -> None:
        from ..model import load_transcriber

        if self._after is not None:
            self._after()  # e.g. the natural voice loading: the question waits for it, not for us
        try:
            self._result = load_transcriber(self._options)
        except BaseException as exc:  # re-raised on the caller's thread
            self._error = exc
            return
        # The language parser and the rubric's lexicons (1-2 s) are first needed when
        # the answer ends; load them after the model, while the candidate answers, so
        # they never compete with start-up or sit on the reply path.
        from ..rubric import warm_up

        warm_up()

    def get(self) -> WhisperTranscriber:
        """The loaded model, waiting for it; a load that failed raises here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None  # the thread either loaded it or recorded an error
        return self._result

    def stream(
        self, sample_rate_hz: int = SAMPLE_RATE_HZ, options: StreamOptions | None = None, live: bool = True
    ) -> TranscriptStream:
        return self.get().stream(sample_rate_hz, options, live=live)


class CommandStore:
    """The data folder as one command uses it: remembers the sessions it started.

    A command that fails before anything is recorded (the model will not load,
    the microphone cannot be opened, Ctrl-C during the question) must not leave
    an empty session behind for ``sessions`` to list; ``discard_empty`` removes
    exactly the sessions this command started that hold no turn.

    It is a ``ports.SessionStore`` (what the turn loop calls), plus what the
    commands call themselves (``save_quiz_result``, ``discard_empty``); every other
    call goes to ``store.Store`` unchanged.
    """

    def __init__(self, data_dir: Path) -> None:
        from ..store import Store

        self._store: Store = Store(data_dir)
        self.started: list[str] = []

    @property
    def data_dir(self) -> Path:
        return self._store.data_dir

    def new_session(self, mode: str) -> Session:
        session = self._store.new_session(mode)
        self.started.append(session.id)
        return session

    def begin_turn(self, session: Session, turn: Turn, sample_rate_hz: int = SAMPLE_RATE_HZ, attempt: int = 1) -> RecordingWriter:
        return self._store.begin_turn(session, turn, sample_rate_hz, attempt=attempt)

    def save_turn(self, session: Session, turn: Turn) -> None:
        self._store.save_turn(session, turn)

    def save_debrief(self, session: Session, debrief: dict[str, Any]) -> None:
        self._store.save_debrief(session, debrief)

    def sessions(self) -> list[Session]:
        return self._store.sessions()

    def save_quiz_result(self, result: dict[str, Any]) -> dict[str, Any]:
        return self._store.save_quiz_result(result)

    def discard_empty(self) -> list[str]:
        """Delete the sessions this command started that hold no turn; return
        the ids of those it started that are kept (they hold something)."""
        from ..errors import StoreError

        kept = []
        for session_id in self.started:
            try:
                if self._store.session(session_id).turns:
                    kept.append(session_id)
                else:
                    self._store.delete(session_id)
            except StoreError:
                pass  # the error being reported is the one that matters
        return kept


@contextmanager
def running(coach):
    """Run a session: always release the microphone; on failure keep what was
    recorded (turns are saved as they go) and drop a session left empty.

    Ctrl-C anywhere outside an answer (while a question or feedback is spoken,
    while the model loads) says what is kept; inside an answer the session
    loop says it itself (``Interrupted``).
    """
    from ..errors import Interrupted

    try:
        yield
    except KeyboardInterrupt:
        kept = coach.store.discard_empty()
        if kept:
            raise Interrupted(f"stopped; everything answered so far is saved in session {kept[-1]}.") from None
        raise Interrupted("stopped before an answer was recorded; nothing was saved.") from None
    except BaseException:
        coach.store.discard_empty()
        raise
    finally:
        coach.inputs.close()
        coach.speaker.close()  # its output stream, before the interpreter shuts down


def open_coach(args: argparse.Namespace, config: Config, console=None):
    """Build the session's collaborators from flags and settings.

    Order matters: anything that can fail because of the user's input or the
    machine (an unreadable --input file, an unknown principle, a bad bank file,
    no microphone, a missing model folder) fails before a word is spoken and
    before the model starts loading.
    """
    import random

    from ..audio import MicrophoneSource, check_input_device
    from ..console import Console
    from ..inputs import EnterKey, MicrophoneInputs, file_inputs
    from ..questions import load_bank
    from ..session import Coach
    from ..tts import open_speaker

    console = console or Console()
    bank = load_bank()
    if getattr(args, "lp", None):
        args.lp = bank.principle(args.lp).slug
    inputs: AnswerInputs
    if getattr(args, "input", None):
        inputs = file_inputs(args.input, config)
    else:
        check_input_device(config.audio)
        inputs = MicrophoneInputs(MicrophoneSource(config.audio))
    store = CommandStore(config.data_dir)
    speaker = open_speaker(config.speech, config.audio, console.warn)
    # The question is spoken before the model is needed: a voice that loads (the
    # natural one, ~1 s of imports and ONNX set-up) and synthesizes the question's
    # first clause goes first, rather than the loads sharing the two cores and the
    # interpreter while the candidate waits.
    transcriber = BackgroundTranscriber(config.model, after=getattr(speaker, "wait_until_speaking", None))
    seed = getattr(args, "seed", None)
    return Coach(
        config=config,
        speaker=speaker,
        transcriber=transcriber,
        store=store,
        bank=bank,
        inputs=inputs,
        console=console,
        keys=EnterKey(),
        rng=random.Random(seed),
    )


def finish(coach, session, next_step: str) -> int:
    """How a voice command ends: exit 1 with the fix when nothing was scored."""
    answered = sum(t.status == "complete" for t in session.turns)
    if not answered:
        coach.console.warn("I didn't hear an answer, so nothing was scored; check the microphone with `lp-coach doctor`.")
        return 1
    coach.console.info(f"Saved session {session.id} ({len(session.turns)} turns, {answered} scored). {next_step}")
    return 0
