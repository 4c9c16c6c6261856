"""The turn: ask, listen, transcribe, check, give feedback, follow up, save.

The loop gets its collaborators passed in (``Coach``) and never constructs a
device, a model or a database itself; the CLI does that.  Each step takes one
type and returns one: Question -> (spoken) ; audio blocks -> Answer ;
Transcript + Question -> Evaluation -> Feedback ; everything -> Turn -> Store.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from . import debrief as debrief_mod
from . import feedback as feedback_mod
from . import prosody, rubric
from .audio import AudioSource
from .commands import COMMAND_PROMPT, DRILL_COMMANDS, IN_ANSWER_COMMANDS, parse_command
from .config import Config, EndpointOptions
from .console import Console
from .endpoint import Endpointer, EndReason, ListenState, ends_with_phrase, strip_end_phrase
from .errors import DeviceError, Interrupted, StoreError
from .inputs import EnterKey
from .ports import QuestionSource, SessionStore, Transcriber
from .stories import answers_from_sessions
from .types import Evaluation, Feedback, Question, Session, Transcript, Turn

if TYPE_CHECKING:
    from .tts import Speaker

TIME_CUE_TEXT = "Ninety seconds."
# The transcriber's figures on how the end of a live answer was heard, saved with the turn.
HEARING_TIMINGS = (
    "probe_after_voice_s", "probe_wait_s", "probe_decode_s", "background_busy_at_end", "heard_after_close",
    "chunks_undecoded_at_end_s", "backlog_at_end_s",
)
NO_SPEECH_TEXT = "I didn't hear an answer."


class _NoRecording:
    """Stands in for the audio writer while listening for a voice command."""

    seconds_written = 0.0

    def write(self, block) -> None:
        pass

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- inputs


class AnswerInputs(Protocol):
    """Where answers come from: the microphone, or one --input file per prompt
    (``inputs.MicrophoneInputs``, ``inputs.FileInputs``)."""

    live: bool  # True for a microphone: real-time cues make sense

    def next_source(self) -> AudioSource | None:
        """The source for the next answer, or None when the inputs ran out."""

    def close(self) -> None: ...


# --------------------------------------------------------------------------- the coach


@dataclass
class Answer:
    """One listened answer: the transcript (end phrase dropped) and how it ended."""

    transcript: Transcript | None
    reason: EndReason
    ended_at: float  # monotonic time the end of the answer was declared
    timings: dict[str, float] = field(default_factory=dict)
    opening: str = ""  # the reply's opening, begun on the speaker as the answer ended


@dataclass
class Coach:
    """The collaborators one session needs.  All of them are interfaces."""

    config: Config
    speaker: Speaker
    transcriber: Transcriber
    store: SessionStore
    bank: QuestionSource
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

    def listen(self, session: Session | None, turn: Turn | None, options: EndpointOptions | None = None,
               prompt: str | None = None, open_reply: bool = False) -> Answer | None:
        """Record one answer into ``turn``'s audio file while transcribing it.

        With ``turn`` None (a voice command between turns, a quiz answer) nothing is
        recorded; ``prompt`` replaces the "(listening ...)" line a live microphone shows.
        ``open_reply``: feedback follows at once, so its opening (the answer's
        length) is begun on the speaker the moment the answer ends, and the last
        sentence is transcribed and graded while it plays.
        Returns None when the inputs ran out before this prompt.  Ctrl-C keeps
        the audio so far and marks the turn incomplete.
        """
        source = self.inputs.next_source()
        if source is None:
            return None
        options = options or self.config.endpoint
        endpointer = Endpointer(options)
        stream = self.transcriber.stream(source.sample_rate_hz)
        # how it sounded, analysed in pieces while the candidate talks (off the reply path)
        voice = prosody.Tracker(source.sample_rate_hz, enabled=turn is not None)
        if turn is not None:
            turn.attempts += 1
            writer = self.store.begin_turn(session, turn, source.sample_rate_hz, attempt=turn.attempts)
        else:
            writer = _NoRecording()
        self.keys.arm()
        if self.inputs.live and prompt:
            self.console.info(prompt)
        elif self.inputs.live and turn is None:
            self.console.info("(listening for a command)")
        elif self.inputs.live:
            self.console.info(
                f"(listening — about {self.config.rubric.target_seconds:.0f} s; say \"that's my answer\" "
                f"or stay silent {options.silence_timeout_s:.0f} s to finish, or press Enter)"
            )
        cued = False
        reason: EndReason | None = None
        block_at = time.monotonic()  # when the newest block arrived
        state: ListenState | None = None
        try:
            while reason is None:
                block = source.read(0.2)
                if block is not None:
                    block_at = time.monotonic()
                    writer.write(block)
                    stream.feed(block)
                    voice.feed(block)
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
                if self.inputs.live and turn is not None and not cued and state.elapsed_s >= options.time_cue_s:
                    cued = True
                    self.speaker.notify(TIME_CUE_TEXT)
                reason = endpointer.decide(state)
        except KeyboardInterrupt:
            writer.close()
            if turn is None:
                where = f"in session {session.id}" if session is not None else "already"
                raise Interrupted(f"stopped; everything answered so far is saved {where}.") from None
            turn.duration_seconds = writer.seconds_written
            turn.status = "incomplete"
            self.store.save_turn(session, turn)
            raise Interrupted(
                f"stopped; the {turn.duration_seconds:.0f} s recorded so far are saved as an incomplete turn "
                f"of session {session.id}."
            ) from None
        except (StoreError, DeviceError):
            # Disk full, or the microphone stopped sending: keep what was
            # written (close flushes the last second), mark the turn, stop.
            writer.close()
            if turn is not None:
                turn.status = "incomplete"
                turn.duration_seconds = writer.seconds_written
                self._save_quietly(session, turn)
            raise
        ended_at = time.monotonic()
        # The last voiced sample arrived silence_s of audio before the newest block:
        # how long the end took to hear, from the candidate's last word (bench/).
        heard_s = ended_at - (block_at - state.silence_s) if state is not None and state.heard_speech else None
        writer.close()
        if turn is not None:
            turn.duration_seconds = writer.seconds_written
        if reason is EndReason.NO_SPEECH or (reason is EndReason.INPUT_END and not stream.heard_speech):
            stream.finish()
            return Answer(None, EndReason.NO_SPEECH, ended_at)
        phrase = ends_with_phrase(state.partial_text, options.end_phrases) if reason is EndReason.PHRASE else None
        opening = ""
        if open_reply and turn is not None:
            spoken_s = stream.spoken_until_s(options.end_phrases if phrase else ())
            opening = feedback_mod.opening(spoken_s)
            if opening:
                self.speaker.begin(opening)
        voice.flush()  # the last piece is analysed while the transcriber finishes
        transcript = strip_end_phrase(stream.finish(end_phrase=phrase), options.end_phrases)
        transcript = replace(transcript, prosody=voice.result())
        timings = {"answer_end_to_transcript_s": time.monotonic() - ended_at}
        if opening:
            timings["opening_spoken_s"] = spoken_s  # the length the opening said, before rounding
        if heard_s is not None and self.inputs.live:
            timings["last_voice_to_answer_end_s"] = heard_s
            # how hearing the end split (bench/ prints it): only what a live answer has
            split = stream.timings
            timings.update({k: split[k] for k in HEARING_TIMINGS if k in split})
        if not transcript.words:
            return Answer(None, EndReason.NO_SPEECH, ended_at, timings, opening)
        return Answer(transcript, reason, ended_at, timings, opening)

    def _save_quietly(self, session: Session, turn: Turn) -> None:
        try:
            self.store.save_turn(session, turn)
        except StoreError:
            pass

    # ---- one prompt, answered and scored

    def ask_and_listen(self, session: Session, question: Question, open_reply: bool = False) -> tuple[Turn, Answer | None]:
        """Ask ``question``; on silence say so and ask once more.  The turn is saved
        either way: scored, or ``unanswered`` with its audio.  ``open_reply``: see ``listen``."""
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
        answer = self.listen(session, turn, open_reply=open_reply)
        if answer is not None and answer.transcript is None:
            self.say(f"{NO_SPEECH_TEXT} {question.text}")
            self.speaker.cue()
            retry = self.listen(session, turn, open_reply=open_reply)
            answer = retry if retry is not None else answer
        if answer is None or answer.transcript is None:
            turn.status = "unanswered"
            self.store.save_turn(session, turn)
            return turn, None
        return turn, answer

    def score(self, turn: Turn, answer: Answer, question: Question) -> tuple[Evaluation, Feedback]:
        evaluation = rubric.evaluate(answer.transcript, question, self.config.rubric)
        principle = self.bank.principle(question.lp)
        fb = feedback_mod.compose(evaluation, question, principle.name, self.bank.probes(question.lp), answer.opening)
        answer.timings["answer_end_to_evaluation_s"] = time.monotonic() - answer.ended_at
        turn.transcript = answer.transcript
        turn.evaluation = evaluation
        turn.feedback = fb.spoken
        turn.follow_up = fb.follow_up.text if fb.follow_up else ""
        turn.status = "complete"
        turn.ended_by = answer.reason.value
        turn.timings = dict(answer.timings)
        return evaluation, fb

    def speak_timed(self, session: Session, turn: Turn, answer: Answer, text: str) -> None:
        """Speak the feedback (after its opening, when one was begun) and record
        when its first sample played."""
        self.store.save_turn(session, turn)  # scored and safe before we talk
        if answer.opening and text.startswith(answer.opening):
            self.console.coach(text)
            first = self.speaker.say(text[len(answer.opening):].lstrip())
            continued, gap = self.speaker.continued_at, self.speaker.opening_gap_s
            if first is not None and continued is not None and gap is not None:
                # when the graded part began to play, and any silence before it
                turn.timings["answer_end_to_verdict_s"] = continued - answer.ended_at
                turn.timings["opening_gap_s"] = gap
        else:
            first = self.say(text)
        if first is not None:
            turn.timings["answer_end_to_feedback_s"] = first - answer.ended_at
            turn.timings["output_latency_s"] = self.speaker.output_latency_s  # the output path's own delay
        else:
            turn.timings["answer_end_to_feedback_text_s"] = time.monotonic() - answer.ended_at
        self.store.save_turn(session, turn)

    # ---- the practice command

    def practice(self, lp: str | None) -> Session:
        """One question, feedback, one follow-up, a wrap-up.  Returns the saved session."""
        session = self.store.new_session("practice")
        question = self.bank.pick(self.rng, lp=lp)
        self.console.info(f"Session {session.id}")
        turn, answer = self.ask_and_listen(session, question, open_reply=True)
        if answer is None:
            self.say("Let's stop here. Run practice again when you're ready.")
            return session
        _evaluation, fb = self.score(turn, answer, question)
        self.print_checks(turn)
        self.speak_timed(session, turn, answer, fb.spoken)
        # A story told with a figure that changed since another day: settling it comes
        # before any rubric probe (the Bar Raiser would ask exactly this).
        follow_up = self.conflict_question(session, turn) or fb.follow_up
        if follow_up is None:
            return session
        follow_turn, follow_answer = self.ask_and_listen(session, follow_up)
        if follow_answer is None:
            self.say("No answer to the follow-up; your first answer is saved. Good work today.")
            return session
        follow_eval, _fb = self.score(follow_turn, follow_answer, follow_up)
        wrap = feedback_mod.wrap_up(follow_eval)
        follow_turn.feedback = wrap
        follow_turn.follow_up = ""
        self.print_checks(follow_turn)
        self.speak_timed(session, follow_turn, follow_answer, wrap)
        return session

    def conflict_question(self, session: Session, turn: Turn) -> Question | None:
        """"Which figure is right?" when the story this answer tells has a figure told two ways."""
        from .stories import (
            CONFLICT_QUESTION_ID,
            apply_overlay,
            build_bank,
            load_overlay,
            open_conflicts,
            with_conflicts,
        )

        try:
            sessions = self.store.sessions()
            stories = apply_overlay(build_bank(answers_from_sessions(sessions)), load_overlay(self.store.data_dir))
        except StoreError:
            return None  # the answer is saved; a probe is not worth failing the session over
        key = f"{session.id}-t{turn.index}"
        for story in with_conflicts(stories, sessions):
            if any(a.key == key for a in story.answers):
                conflicts = open_conflicts(story)
                if conflicts:
                    return Question(text=conflicts[0].question(story.name), lp=turn.lp, kind="follow_up",
                                    id=CONFLICT_QUESTION_ID)
        return None

    # ---- voice commands between turns (drill)

    def listen_command(self, session: Session, allowed: tuple[str, ...] = DRILL_COMMANDS) -> str | None:
        """Ask for a command and listen; an unclear or silent reply gets one
        reminder, then None (the caller ends cleanly)."""
        options = replace(
            self.config.endpoint,
            silence_timeout_s=1.2,
            answer_cap_s=8.0,
            no_speech_timeout_s=min(8.0, self.config.endpoint.no_speech_timeout_s),
            end_phrases=(),
        )
        for attempt in range(2):
            answer = self.listen(session, None, options)
            if answer is None:
                return None
            if answer.transcript is not None:
                command = parse_command(answer.transcript.text, allowed)
                if command:
                    self.console.info(f"(heard: {command})")
                    return command
                self.console.info(f'(heard "{answer.transcript.text}", not a command)')
            if attempt == 0:
                self.say(f"Sorry? {COMMAND_PROMPT}")
                self.speaker.cue()
        return None

    def drill(self, questions: list[Question], rounds: int) -> Session:
        """Hands-free drilling: answer, hear feedback, then say what comes next."""
        session = self.store.new_session("drill")
        self.console.info(f"Session {session.id}")
        self.say(f"Drill: {rounds} answers. After each, {COMMAND_PROMPT[0].lower()}{COMMAND_PROMPT[1:]}")
        position = 0
        answered = 0
        question = questions[0]
        while answered < rounds:
            turn, answer = self._answer_or_command(session, question)
            if answer == "stop" or answer is None:
                break
            if answer == "skip":
                position += 1
                question = questions[position % len(questions)]
                continue
            _evaluation, fb = self.score(turn, answer, question)
            self.print_checks(turn)
            self.speak_timed(session, turn, answer, fb.spoken)
            answered += 1
            if answered >= rounds:
                break
            self.say(COMMAND_PROMPT)
            self.speaker.cue()
            command = self.listen_command(session)
            if command in (None, "stop"):
                break
            if command in ("next", "skip"):
                position += 1
                question = questions[position % len(questions)]
            # "again" and "repeat": the same question is asked again.
        self.say(f"Drill over: {answered} answered. Everything is saved.")
        return session

    def reframe(self, story, questions: list[Question]) -> Session:
        """The reframing drill: the same story told for two principles, then whether the framing moved."""
        from .reframe import Telling, judge, spoken_verdict

        session = self.store.new_session("drill")
        names = {q.lp: self.bank.principle(q.lp).name for q in questions}
        self.console.info(f"Session {session.id}")
        self.say(
            f"Reframing drill: tell your {story.name} story twice, for {' and then '.join(names.values())}. "
            "Keep the facts; open and close on the principle asked."
        )
        tellings = []
        for question in questions:
            turn, answer = self.ask_and_listen(session, question, open_reply=True)
            if answer is None:
                break
            _evaluation, fb = self.score(turn, answer, question)
            self.print_checks(turn)
            self.speak_timed(session, turn, answer, fb.spoken)
            tellings.append(Telling(question.lp, answer.transcript.text))
        if len(tellings) == len(questions):
            verdict = spoken_verdict(judge(story, tellings), names, story.name)
            self.console.info("\nReframe")
            self.say(verdict)
        return session

    def _answer_or_command(self, session: Session, question: Question):
        """Ask and listen; an answer that is only "repeat", "skip" or "stop" is a
        command, not an answer.  Returns (turn, Answer | command | None).
        (A command is too short to get the reply's opening: ``feedback.opening``.)"""
        turn, answer = self.ask_and_listen(session, question, open_reply=True)
        while answer is not None:
            command = parse_command(answer.transcript.text, IN_ANSWER_COMMANDS)
            if command is None:
                return turn, answer
            self.console.info(f"(heard: {command})")
            if command != "repeat":
                turn.status = "unanswered"
                self.store.save_turn(session, turn)
                return turn, command
            self.say(question.text)
            self.speaker.cue()
            answer = self.listen(session, turn, open_reply=True)
            if answer is not None and answer.transcript is None:
                answer = None
        if turn.status != "unanswered":
            turn.status = "unanswered"
            self.store.save_turn(session, turn)
        return turn, None

    # ---- the mock round

    def assign_principles(self, count: int) -> list[str]:
        """Principles for the round, drawn without replacement, weighted by how
        often the guide says each is asked."""
        weights = dict(self.bank.weights)
        assigned: list[str] = []
        while len(assigned) < count:
            pool = [slug for slug in weights if slug not in assigned] or list(weights)
            slug = self.rng.choices(pool, weights=[weights[p] for p in pool])[0]
            assigned.append(slug)
        return assigned

    def mock(self, questions: int, max_probes: int = 2) -> Session:
        """A behavioral round: N questions with 1–2 probes each, a debrief at the end.

        Like a real interviewer, the coach gives no feedback mid-round; the
        feedback is saved with each turn and the debrief is spoken at the end.
        """
        session = self.store.new_session("mock")
        assigned = self.assign_principles(questions)
        self.console.info(f"Session {session.id} — principles: {', '.join(assigned)}")
        self.say(
            f"This is a mock behavioral round: {questions} questions, each grounded in a Leadership Principle, "
            "with follow-up probes. The debrief comes at the end."
        )
        asked: list[str] = []
        stopped = False
        for number, lp in enumerate(assigned, 1):
            question = self.bank.pick(self.rng, lp=lp, exclude_ids=asked)
            asked.append(question.id)
            turn, answer = self.ask_and_listen(session, question)
            if answer is None:
                stopped = True
                break
            _evaluation, fb = self.score(turn, answer, question)
            self.store.save_turn(session, turn)
            probe, probes, seen = fb.follow_up, 0, {question.text}
            while probe is not None and probes < max_probes and probe.text not in seen:
                seen.add(probe.text)
                follow_turn, follow_answer = self.ask_and_listen(session, probe)
                if follow_answer is None:
                    stopped = True
                    break
                follow_eval, follow_fb = self.score(follow_turn, follow_answer, probe)
                follow_turn.feedback = feedback_mod.wrap_up(follow_eval, probe)
                self.store.save_turn(session, follow_turn)
                probes += 1
                # A second probe only where the reply left a weak spot.
                weak = [c for c in follow_eval.checks.values() if c.status == "fail"]
                probe = follow_fb.follow_up if weak else None
            if stopped:
                break
            if number < len(assigned):
                self.say("Thanks. Next question.")
        past = answers_from_sessions(s for s in self.store.sessions() if s.id != session.id and s.mode == "mock")
        result = debrief_mod.debrief(session.turns, assigned, self.bank, past)
        session.debrief = result
        self.store.save_debrief(session, result)
        self.print_debrief(result)
        if stopped:
            self.say("We'll stop here; everything you said is saved.")
        self.say(debrief_mod.spoken_summary(result, self.bank))
        return session

    def print_debrief(self, result: dict) -> None:
        self.console.info("\nDebrief")
        for slug, verdict in result["principles"].items():
            self.console.info(f"  {self.bank.principle(slug).name}: {verdict['verdict']}")
            for line in verdict["evidence"][:3]:
                self.console.info(f"      - {line}")
        self.console.info(f"  Bar Raiser: {result['bar_raiser']}")
        for flag in result["flags"]:
            self.console.info(f"  ! {flag['kind']}: {flag['message']}")
        self.console.info("")

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
