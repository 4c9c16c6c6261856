"""The reframing drill: the same story told for two principles, the framing moved (pure), and
``drill --reframe`` bad input through the CLI (one sentence, non-zero exit, nothing started)."""

from __future__ import annotations

from assistant.cli import main
from assistant.config import default_data_dir
from assistant.reframe import Telling, judge
from assistant.store import Store
from assistant.stories import AnswerRef, build_bank
from assistant.types import Transcript, Turn, Word

BASE = (
    "At MerchantCo the mobile checkout p99 had drifted from 600 milliseconds to 1.4 seconds. I instrumented the fraud "
    "scoring call, isolated the vendor compute time, rewrote it to run in parallel and shipped it behind a feature "
    "flag. Mobile conversion went up 1.1 percent, worth 4.2 million dollars a year."
)
# The guide's example: Customer Obsession leads and closes on the customer, Dive Deep on the diagnosis.
AS_CUSTOMER_OBSESSION = (
    "Our mobile customers were abandoning checkout and no metric showed why. " + BASE + " I learned that an internal "
    "SLO had become a ceiling for the customer, so I now watch what customers feel on their own devices."
)
AS_DIVE_DEEP = (
    "The dashboard said checkout was fine, so I went two layers below it to find the real root cause. " + BASE
    + " Since then I always instrument the slowest call and dig below the dashboard before trusting it."
)
OTHER_STORY = (
    "Six weeks before the fintech launch I disagreed with our staff engineer about the reconciliation pipeline. "
    "I wrote a three page doc with the load projection and after he decided I wrote the scale-out script myself."
)


def story():
    return build_bank([AnswerRef("2026-01-05T10-00-00", 1, "customer-obsession", "q", BASE, "2026-01-05T10:00:00Z")])[0]


def test_the_same_story_with_its_opening_and_reflection_moved_passes():
    verdict = judge(story(), [Telling("customer-obsession", AS_CUSTOMER_OBSESSION), Telling("dive-deep", AS_DIVE_DEEP)])
    assert verdict.same_story and verdict.moved


def test_the_same_words_told_twice_did_not_move_the_framing():
    verdict = judge(story(), [Telling("customer-obsession", BASE), Telling("dive-deep", BASE)])
    assert verdict.same_story and not verdict.moved


def test_a_different_story_is_not_the_story_asked_for():
    verdict = judge(story(), [Telling("customer-obsession", AS_CUSTOMER_OBSESSION), Telling("dive-deep", OTHER_STORY)])
    assert not verdict.same_story


def test_reframe_on_an_empty_data_folder_is_one_sentence(capsys):
    assert main(["drill", "--reframe", "checkout", "--no-speak"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lp-coach: no stories yet") and err.count("\n") == 1


def test_reframe_of_an_unknown_story_is_one_sentence_and_starts_no_session(capsys):
    store = Store(default_data_dir())
    session = store.new_session("practice")
    words = tuple(Word(w, n * 0.4, n * 0.4 + 0.3) for n, w in enumerate(BASE.split()))
    store.save_turn(session, Turn(index=1, kind="question", lp="customer-obsession", question="q",
                                  transcript=Transcript(words, len(words) * 0.4), status="complete"))
    assert main(["drill", "--reframe", "no such story", "--no-speak"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lp-coach: no story 'no such story'") and err.count("\n") == 1
    assert [s.id for s in store.sessions()] == [session.id]  # nothing new started, nothing lost
