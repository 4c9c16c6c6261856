"""The turn: ask, listen, transcribe, check, give feedback, follow up, save.

The loop gets its collaborators passed in (``Coach``) and never constructs a
device, a model or a database itself; the CLI does that.  Each step takes one
type and returns one: Question -> (spoken) ; audio blocks -> Answer ;
Transcript + Question -> Evaluation -> Feedback ; everything -> Turn -> Store.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Protocol

from . import feedback as feedback_mod
from . import rubric
from .audio import AudioSource, FileSource, MicrophoneSource
from .config import Config
from .endpoint import Endpointer, EndReason, ListenState, strip_end_phrase
from .errors import Interrupted, StoreError
from .types import Evaluation, Feedback, Question, Session, Transcript, Turn

TIME_CUE_TEXT = "Ninety seconds."
NO_SPEECH_TEXT = "I didn't hear an answer."


# --------------------------------------------------------------------------- inputs


class AnswerInputs(Protocol):
    """Where answers come from: the microphone, or one --input file per prompt."""

    live: bool  # True for a microphone: real-time cues make sense

    def next_source(self) -> AudioSource | None:
        """The source for the next answer, or None when the inputs ran out."""

    def close(self) -> None: ...


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


# --------------------------------------------------------------------------- output


class Console:
    """What the candidate reads on screen; everything spoken is printed too."""

    def __init__(self, out=None, err=None) -> None:
        self._out = out or sys.stdout
        self._err = err or sys.stderr

    def coach(self, text: str) -> None:
        print(f"Coach: {text}", file=self._out, flush=True)

    def info(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    def warn(self, text: str) -> None:
        print(f"lp-coach: {text}", file=self._err, flush=True)


# --------------------------------------------------------------------------- the coach


@dataclass
class Answer:
    """One listened answer: the transcript (end phrase dropped) and how it ended."""

    transcript: Transcript | None
    reason: EndReason
    ended_at: float  # monotonic time the end of the answer was declared
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Coach:
    """The collaborators one session needs.  All of them are interfaces."""

    config: Config
    speaker: object  # tts.Speaker
    transcriber: object  # transcribe.WhisperTranscriber (has .stream())
    store: object  # store.Store
    bank: object  # questions.QuestionBank
    inputs: AnswerInputs
    console: Console
    keys: EnterKey
    rng: random.Random = field(default_factory=random.Random)

    # ---- speaking

    def say(self, text: str) -> float | None:
        self.console.coach(text)
        return self.speaker.say(text)

    def ask(self, question: Question) -> None:
        name = self.bank.principle(question.lp).name
        label = "Follow-up" if question.kind == "follow_up" else f"Question ({name})"
        self.console.info(f"\n{label}")
        self.say(question.text)
        self.speaker.cue()

    # ---- listening

    def listen(self, session: Session, turn: Turn) -> Answer | None:
        """Record one answer into ``turn``'s audio file while transcribing it.

        Returns None when the inputs ran out before this prompt.  Ctrl-C keeps
        the audio so far and marks the turn incomplete.
        """
        source = self.inputs.next_source()
        if source is None:
            return None
        options = self.config.endpoint
        endpointer = Endpointer(options)
        stream = self.transcriber.stream(source.sample_rate_hz)
        writer = self.store.begin_turn(session, turn)
        self.keys.arm()
        if self.inputs.live:
            self.console.info(
                f"(listening — about {self.config.rubric.target_seconds:.0f} s; say \"that's my answer\" "
                f"or stay silent {options.silence_timeout_s:.0f} s to finish, or press Enter)"
            )
        cued = False
        reason: EndReason | None = None
        try:
            while reason is None:
                block = source.read(0.2)
                if block is not None:
                    writer.write(block)
                    stream.feed(block)
                elif source.exhausted:
                    reason = EndReason.INPUT_END
                    break
                state = ListenState(
                    elapsed_s=stream.elapsed_s,
                    heard_speech=stream.heard_speech,
                    silence_s=stream.silence_s,
                    partial_text=stream.partial_text(),
                    enter_pressed=self.keys.pressed(),
                )
                if self.inputs.live and not cued and state.elapsed_s >= options.time_cue_s:
                    cued = True
                    self.speaker.notify(TIME_CUE_TEXT)
                reason = endpointer.decide(state)
        except KeyboardInterrupt:
            writer.close()
            turn.duration_seconds = writer.seconds_written
            turn.status = "incomplete"
            self.store.save_turn(session, turn)
            raise Interrupted(
                f"stopped; the {turn.duration_seconds:.0f} s recorded so far are saved as an incomplete turn "
                f"of session {session.id}."
            ) from None
        except StoreError:
            # Disk full or similar: keep what was written, mark the turn, stop.
            turn.status = "incomplete"
            turn.duration_seconds = writer.seconds_written
            self._save_quietly(session, turn)
            raise
        ended_at = time.monotonic()
        writer.close()
        turn.duration_seconds = writer.seconds_written
        if reason is EndReason.NO_SPEECH or (reason is EndReason.INPUT_END and not stream.heard_speech):
            stream.finish()
            return Answer(None, EndReason.NO_SPEECH, ended_at)
        transcript = strip_end_phrase(stream.finish(), options.end_phrases)
        timings = {"answer_end_to_transcript_s": time.monotonic() - ended_at}
        if not transcript.words:
            return Answer(None, EndReason.NO_SPEECH, ended_at, timings)
        return Answer(transcript, reason, ended_at, timings)

    def _save_quietly(self, session: Session, turn: Turn) -> None:
        try:
            self.store.save_turn(session, turn)
        except StoreError:
            pass

    # ---- one prompt, answered and scored

    def ask_and_listen(self, session: Session, question: Question) -> tuple[Turn, Answer | None]:
        """Ask ``question``; on silence say so and ask once more.  The turn is saved
        either way: scored, or ``unanswered`` with its audio."""
        turn = Turn(
            index=len(session.turns) + 1,
            kind=question.kind,
            lp=question.lp,
            question=question.text,
            question_id=question.id,
            status="incomplete",
        )
        session.turns.append(turn)
        self.ask(question)
        answer = self.listen(session, turn)
        if answer is not None and answer.transcript is None:
            self.say(f"{NO_SPEECH_TEXT} {question.text}")
            self.speaker.cue()
            retry = self.listen(session, turn)
            answer = retry if retry is not None else answer
        if answer is None or answer.transcript is None:
            turn.status = "unanswered"
            self.store.save_turn(session, turn)
            return turn, None
        return turn, answer

    def score(self, turn: Turn, answer: Answer, question: Question) -> tuple[Evaluation, Feedback]:
        evaluation = rubric.evaluate(answer.transcript, question, self.config.rubric)
        principle = self.bank.principle(question.lp)
        fb = feedback_mod.compose(evaluation, question, principle.name, self.bank.probes(question.lp))
        answer.timings["answer_end_to_evaluation_s"] = time.monotonic() - answer.ended_at
        turn.transcript = answer.transcript
        turn.evaluation = evaluation
        turn.feedback = fb.spoken
        turn.follow_up = fb.follow_up.text if fb.follow_up else ""
        turn.status = "complete"
        turn.timings = dict(answer.timings)
        return evaluation, fb

    def speak_timed(self, session: Session, turn: Turn, answer: Answer, text: str) -> None:
        """Speak the feedback and record when its first sample played."""
        self.store.save_turn(session, turn)  # scored and safe before we talk
        first = self.say(text)
        if first is not None:
            turn.timings["answer_end_to_feedback_s"] = first - answer.ended_at
        else:
            turn.timings["answer_end_to_feedback_text_s"] = time.monotonic() - answer.ended_at
        self.store.save_turn(session, turn)

    # ---- the practice command

    def practice(self, lp: str | None) -> Session:
        """One question, feedback, one follow-up, a wrap-up.  Returns the saved session."""
        session = self.store.new_session("practice")
        question = self.bank.pick(self.rng, lp=lp)
        self.console.info(f"Session {session.id}")
        turn, answer = self.ask_and_listen(session, question)
        if answer is None:
            self.say("Let's stop here. Run practice again when you're ready.")
            return session
        _evaluation, fb = self.score(turn, answer, question)
        self.print_checks(turn)
        self.speak_timed(session, turn, answer, fb.spoken)
        if fb.follow_up is None:
            return session
        follow_turn, follow_answer = self.ask_and_listen(session, fb.follow_up)
        if follow_answer is None:
            self.say("No answer to the follow-up; your first answer is saved. Good work today.")
            return session
        follow_eval, _fb = self.score(follow_turn, follow_answer, fb.follow_up)
        wrap = feedback_mod.wrap_up(follow_eval)
        follow_turn.feedback = wrap
        follow_turn.follow_up = ""
        self.print_checks(follow_turn)
        self.speak_timed(session, follow_turn, follow_answer, wrap)
        return session

    def print_checks(self, turn: Turn) -> None:
        if not turn.evaluation:
            return
        marks = {"pass": "✓", "warn": "!", "fail": "✗", "n/a": "·"}
        self.console.info(f"\nYou said ({turn.transcript.word_count} words, {turn.transcript.duration_seconds:.0f} s):")
        self.console.info(f"  {turn.transcript.text}")
        self.console.info("Checks:")
        for check in turn.evaluation.checks.values():
            if check.status == "n/a":
                continue
            self.console.info(f"  {marks.get(check.status, '?')} {check.id:18} {check.message}")
        self.console.info("")


def file_inputs(paths: list[Path], config: Config) -> FileInputs:
    """Open every --input file up front so a bad one fails before anything is asked."""
    return FileInputs([FileSource(p, config.audio) for p in paths])
