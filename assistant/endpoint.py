"""When is the answer over?  Pure logic, no audio: fed what the listener knows.

The design's four ways an answer ends: the end phrase as the last words, the
silence window (measured on voice activity), Enter, and the hard cap.  Before any
speech is heard, a longer no-speech window applies instead of the silence window.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .config import EndpointOptions
from .language import normalise_text
from .types import Transcript

# What a live transcript shows where speech was heard but is not transcribed
# yet.  Trailing, it means the last words are unknown, so no end phrase counts.
PENDING_MARK = "\u2026"

# A word before the phrase that makes it part of a sentence rather than the
# end of the answer: "... once I'm done with the migration", "when I'm done".
_SUBORDINATE = frozenset(
    {"when", "whenever", "once", "until", "till", "if", "after", "before", "unless", "whether", "time"}
)


# "That's my answer" said right after a sentence: tiny.en sometimes drops the
# short "That's" and writes "I shipped. My answer." (seen in 2 of 3 runs of the
# end-to-end benchmark).  "My answer" as a sentence of its own is only ever the
# end phrase, so it counts when it follows a sentence's end (or nothing at all).
SENTENCE_PHRASES = ("my answer",)
# ...or hears the "That's" as another short word: "I shipped. Yes, my answer." (4 of
# 10 runs of the natural-voice benchmark ran on to the silence window so).  One of
# these words and the phrase, as a whole sentence, is the end phrase too.
MISHEARD_THATS = frozenset({"yes", "next", "that", "thats", "that's", "its", "it's", "this", "so"})


def _sentence_phrase_words(text: str, phrase: str) -> int:
    """How many of ``text``'s last words are ``phrase`` said as a sentence of its
    own (with a misheard "That's" before it, if so); 0 when it is not."""
    tokens = text.split()
    n = len(phrase.split())
    if len(tokens) < n or normalise_text(" ".join(tokens[-n:])) != phrase:
        return 0
    before = tokens[:-n]

    def sentence_starts(at: int) -> bool:
        return at == 0 or (before[at - 1] != PENDING_MARK and before[at - 1][-1:] in ".!?")

    if sentence_starts(len(before)):
        return n
    if normalise_text(before[-1]) in MISHEARD_THATS and sentence_starts(len(before) - 1):
        return n + 1
    return 0


def _alone_as_sentence(text: str, phrase: str) -> bool:
    return _sentence_phrase_words(text, phrase) > 0


def is_only_phrase(text: str, phrase: str) -> bool:
    """Is ``text`` nothing but the end phrase ``phrase`` (as ``ends_with_phrase`` named it)?"""
    said = normalise_text(text)
    return bool(said) and (said == normalise_text(phrase) or _sentence_phrase_words(text, phrase) == len(text.split()))


class EndReason(str, Enum):
    PHRASE = "end_phrase"
    SILENCE = "silence"
    ENTER = "enter"
    CAP = "cap"
    NO_SPEECH = "no_speech"
    INTERRUPTED = "interrupted"
    INPUT_END = "input_end"  # an --input file ran out


@dataclass(frozen=True)
class ListenState:
    """What the listener knows at one moment of the answer."""

    elapsed_s: float
    heard_speech: bool
    silence_s: float  # seconds since the last voice activity
    partial_text: str = ""
    enter_pressed: bool = False


def ends_with_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    """The end phrase ``text`` finishes with, or None.

    Not when the text ends with PENDING_MARK (the speaker went on and that part
    is not transcribed yet), nor when the phrase is part of a clause
    ("when I'm done").
    """
    tokens = text.split()
    if not tokens or tokens[-1] == PENDING_MARK:
        return None
    said = normalise_text(text)
    if phrases:
        for phrase in SENTENCE_PHRASES:
            if _alone_as_sentence(text, phrase):
                return phrase
    for phrase in phrases:
        p = normalise_text(phrase)
        if not p:
            continue
        if said == p:
            return phrase
        if said.endswith(" " + p):
            before = said[: -len(p) - 1].split()
            if before and before[-1] in _SUBORDINATE:
                continue
            return phrase
    return None


class Endpointer:
    def __init__(self, options: EndpointOptions) -> None:
        self.options = options

    def decide(self, state: ListenState) -> EndReason | None:
        o = self.options
        if state.enter_pressed:
            return EndReason.ENTER
        if state.heard_speech and ends_with_phrase(state.partial_text, o.end_phrases):
            return EndReason.PHRASE
        if state.elapsed_s >= o.answer_cap_s:
            return EndReason.CAP
        if not state.heard_speech:
            if state.elapsed_s >= o.no_speech_timeout_s:
                return EndReason.NO_SPEECH
            return None
        if state.silence_s >= o.silence_timeout_s:
            return EndReason.SILENCE
        return None


def strip_end_phrase(transcript: Transcript, phrases: tuple[str, ...]) -> Transcript:
    """Drop a trailing end phrase from the scored transcript (and its time)."""
    words = list(transcript.words)
    for phrase in SENTENCE_PHRASES if phrases else ():
        n = _sentence_phrase_words(" ".join(w.text for w in words), phrase)
        if n:
            kept = words[:-n]
            return replace(transcript, words=tuple(kept), duration_seconds=kept[-1].end if kept else 0.0)
    for phrase in sorted(phrases, key=lambda p: -len(normalise_text(p).split())):
        n = len(normalise_text(phrase).split())
        if n and len(words) >= n and ends_with_phrase(" ".join(w.text for w in words[-n:]), (phrase,)):
            if normalise_text(" ".join(w.text for w in words[-n:])) == normalise_text(phrase):
                kept = words[:-n]
                end = kept[-1].end if kept else 0.0
                # (replace keeps what else is known: voiced seconds, inaudible spans)
                return replace(transcript, words=tuple(kept), duration_seconds=end if kept else 0.0)
    return transcript
