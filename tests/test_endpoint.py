"""When an answer is over: pure rules over what the listener knows (no audio, no model)."""

from __future__ import annotations

import pytest

from assistant.config import EndpointOptions
from assistant.endpoint import (
    PENDING_MARK,
    Endpointer,
    EndReason,
    ListenState,
    ends_with_phrase,
    strip_end_phrase,
)
from assistant.types import Transcript, Word

OPTIONS = EndpointOptions()  # 3 s silence, 180 s cap, 10 s before the first word
PHRASES = OPTIONS.end_phrases


def decide(**state) -> EndReason | None:
    base = dict(elapsed_s=30.0, heard_speech=True, silence_s=0.2, partial_text="I shipped it.")
    base.update(state)
    return Endpointer(OPTIONS).decide(ListenState(**base))


def words(text: str, start: float = 0.0, step: float = 0.3) -> tuple[Word, ...]:
    return tuple(Word(w, start + i * step, start + i * step + 0.25) for i, w in enumerate(text.split()))


# ---- Endpointer.decide


def test_talking_does_not_end_the_answer():
    assert decide() is None


def test_enter_ends_at_once_even_mid_sentence():
    assert decide(enter_pressed=True, silence_s=0.0) is EndReason.ENTER


def test_enter_before_any_speech_still_ends():
    assert decide(enter_pressed=True, heard_speech=False, elapsed_s=1.0) is EndReason.ENTER


def test_the_cap_ends_a_long_answer_while_talking():
    assert decide(elapsed_s=180.0, silence_s=0.0) is EndReason.CAP
    assert decide(elapsed_s=179.9, silence_s=0.0) is None


def test_silence_window_ends_after_speech():
    assert decide(silence_s=3.0) is EndReason.SILENCE


def test_a_thinking_pause_shorter_than_the_window_does_not_end():
    assert decide(silence_s=2.9) is None


def test_before_the_first_word_the_longer_no_speech_window_applies():
    assert decide(heard_speech=False, silence_s=5.0, elapsed_s=5.0, partial_text="") is None
    assert decide(heard_speech=False, silence_s=10.0, elapsed_s=10.0, partial_text="") is EndReason.NO_SPEECH


def test_end_phrase_as_last_words_ends_at_once():
    assert decide(partial_text="Latency fell by 40%. That's my answer.", silence_s=0.3) is EndReason.PHRASE
    assert decide(partial_text="so yeah, I'm done", silence_s=0.3) is EndReason.PHRASE


def test_end_phrase_needs_speech_heard():
    assert decide(partial_text="That's my answer.", heard_speech=False, elapsed_s=2.0) is None


def test_end_phrase_followed_by_untranscribed_speech_does_not_end():
    # The speaker went on after "I'm done"; the stream marks the rest as pending.
    assert decide(partial_text=f"when the migration was, I'm done {PENDING_MARK}") is None


# ---- ends_with_phrase


@pytest.mark.parametrize(
    "text",
    [
        "That's my answer.",
        "that's my answer",
        "THAT'S MY ANSWER!",
        "So, that\u2019s my answer.",  # curly apostrophe
        f"{PENDING_MARK} That's my answer.",  # a probe of the last utterance
        "We shipped it. I'm done...",
        "That is my answer.",
        "I am done.",
    ],
)
def test_phrases_are_recognised_whatever_the_case_and_punctuation(text):
    assert ends_with_phrase(text, PHRASES)


@pytest.mark.parametrize(
    "text",
    [
        "That's my answer to the first part, and then",  # not the last words
        "When I'm done",  # a clause, not the end
        "once I'm done",
        "until I'm done.",
        "I'm not done",
        "That's my answer \u2026",  # speech after it, not transcribed yet
        "",
        "answer",
        "what's my answer",  # not the phrase ('what's' is one word)
    ],
)
def test_not_an_end(text):
    assert ends_with_phrase(text, PHRASES) is None


# ---- strip_end_phrase


def test_strip_drops_the_phrase_and_its_time():
    t = Transcript(words("We cut costs by 30%. That's my answer."), 12.0)
    out = strip_end_phrase(t, PHRASES)
    assert out.text == "We cut costs by 30%."
    assert out.duration_seconds == pytest.approx(out.words[-1].end)


def test_strip_prefers_the_longest_phrase():
    t = Transcript(words("I fixed it. That is my answer."), 10.0)
    assert strip_end_phrase(t, PHRASES).text == "I fixed it."


def test_strip_im_done():
    t = Transcript(words("I own the rollback plan now. I'm done."), 10.0)
    assert strip_end_phrase(t, PHRASES).text == "I own the rollback plan now."


def test_strip_leaves_an_answer_without_the_phrase_alone():
    t = Transcript(words("I'm done with blaming other teams, I fix it."), 10.0)
    assert strip_end_phrase(t, PHRASES) == t


def test_strip_of_only_the_phrase_leaves_nothing():
    out = strip_end_phrase(Transcript(words("That's my answer."), 2.0), PHRASES)
    assert out.words == () and out.duration_seconds == 0.0


# ---- "My answer." on its own: tiny.en dropped the "That's"


@pytest.mark.parametrize(
    "text",
    [
        "I shipped. My answer.",
        "I shipped. my answer",
        "My answer.",
        # ...or with the "That's" misheard as another short word (the natural-voice benchmark)
        "I shipped. Yes, my answer.",
        "I shipped. Next my answer.",
    ],
)
def test_my_answer_as_a_sentence_of_its_own_ends_the_answer(text):
    assert ends_with_phrase(text, PHRASES) == "my answer"
    t = Transcript(words(text), 10.0, voiced_seconds=8.0)
    out = strip_end_phrase(t, PHRASES)
    assert out.text == ("I shipped." if text.startswith("I shipped") else "")
    assert out.voiced_seconds == 8.0


@pytest.mark.parametrize(
    "text",
    ["Then I gave my answer", "That became my answer.", "I shipped. \u2026 my answer", "I shipped. I gave my answer."],
)
def test_my_answer_inside_a_sentence_or_after_unheard_speech_does_not(text):
    assert ends_with_phrase(text, PHRASES) is None
    assert strip_end_phrase(Transcript(words(text), 10.0), PHRASES).text == Transcript(words(text), 10.0).text


def test_my_answer_alone_is_not_an_end_phrase_where_none_are_listened_for():
    assert ends_with_phrase("I shipped. My answer.", ()) is None


@pytest.mark.parametrize(
    ("text", "phrase", "only"),
    [
        ("That's my answer.", "that's my answer", True),
        ("Yes, my answer.", "my answer", True),
        ("My answer.", "my answer", True),
        ("I shipped. That's my answer.", "that's my answer", False),
        ("", "my answer", False),
    ],
)
def test_a_probe_that_heard_only_the_end_phrase_is_told_apart(text, phrase, only):
    from assistant.endpoint import is_only_phrase

    assert is_only_phrase(text, phrase) is only
