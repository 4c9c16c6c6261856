"""The report's numbers, computed from hand-built sessions with no HTML in sight."""

from __future__ import annotations

import pytest

from assistant.report_metrics import (
    classify_words,
    comfortable_wpm,
    progress,
    summarize,
    totals,
    turn_metrics,
)
from assistant.types import CheckResult, Evaluation, Session, Transcript, Turn, Word

ANSWER = (
    "In 2023 I owned the checkout latency problem um we had a p99 of 900 milliseconds "
    "so I profiled it myself and I cut it by 40% which would you know save $2 million a year"
).split()


def timed(words: list[str], start: float = 0.4, step: float = 0.3) -> tuple[Word, ...]:
    return tuple(Word(w, round(start + i * step, 2), round(start + i * step + 0.22, 2)) for i, w in enumerate(words))


def evaluation(lp: str, statuses: dict[str, str], duration: float, metrics: dict[str, float] | None = None) -> Evaluation:
    checks = {cid: CheckResult(cid, st, f"{cid.replace('_', ' ')} is {st}") for cid, st in statuses.items()}
    return Evaluation(lp, "q", duration, 20, checks, metrics or {})


def scored_sessions() -> tuple[Session, Session]:
    """A drill whose answer carries the rubric's figures, and an older practice whose answer does not."""
    old = Session("2026-11-20T09-00-00", "practice", "2026-11-20T09:00:00Z")
    old.turns.append(
        Turn(1, "question", "ownership", "Tell me about a time you took on something outside your area.",
             duration_seconds=131.0, transcript=Transcript(timed(["we", "um", "we", "did", "it"] * 40), 131.0),
             evaluation=evaluation("ownership", {"length": "fail", "i_vs_we": "fail", "quantified_result": "fail", "fillers": "warn"}, 131.0))
    )  # fmt: skip
    mid = Session("2026-11-23T18-10-00", "drill", "2026-11-23T18:10:00Z")
    mid.turns.append(
        Turn(1, "question", "customer-obsession", "Tell me about a time you went above and beyond for a customer.",
             duration_seconds=104.0, transcript=Transcript(timed(ANSWER * 6), 104.0),
             evaluation=evaluation("customer-obsession", {"length": "warn", "i_vs_we": "pass", "quantified_result": "pass", "fillers": "pass"}, 104.0,
                                   {"words_per_minute": 150.0, "fillers_per_minute": 2.5}))
    )  # fmt: skip
    return mid, old


def test_word_kinds_follow_the_rubric_lexicons() -> None:
    words = "I think we um you know I would cut 40% of $2 million twice".split()
    kinds = classify_words(words)
    assert kinds[0] == "i" and kinds[2] == "we" and kinds[3] == "filler"
    assert kinds[4] == kinds[5] == "filler"  # "you know"
    assert kinds[6] == kinds[7] == "hypothetical"  # "I would"
    assert kinds[9] == kinds[11] == kinds[12] == kinds[13] == "number"
    assert kinds[1] is None and kinds[8] is None and kinds[10] is None
    assert classify_words(["I", "mean,"]) == ["filler", "filler"]
    assert classify_words(["We,"]) == ["we"]
    # Context from rubric.toml: "like" after "looks" is not a filler; "one of" is not a number.
    assert classify_words("it looks like one of them".split()) == [None, None, None, None, None, None]
    # A number is the language layer's quantity, its unit included ("two days" was "two" alone
    # when the report had its own number-word list).
    assert classify_words("it took like two days".split()) == [None, None, "filler", "number", "number"]


def test_word_kinds_come_from_the_language_layer_and_the_rubric() -> None:
    # The report used to carry built-in copies of the rubric's lexicons for a missing
    # rubric.toml; it now reads the rubric's own data (package data, like the rubric
    # itself), so the copies and their fallback test are gone.  The reading is the same.
    assert classify_words("I um would ship 3 things".split()) == ["i", "filler", "hypothetical", None, "number", None]
    # A year is not a quantity (the language layer's reading), nor is a metric's name.
    assert classify_words("In 2023 the p99 fell 40%".split()) == [None, None, None, None, None, "number"]


def test_pace_band_is_the_rubrics() -> None:
    from assistant.rubric import load_rules

    assert comfortable_wpm() == tuple(float(v) for v in load_rules().raw["pace"]["comfortable_wpm"])


def test_metrics_prefer_the_rubric_and_fall_back_to_words() -> None:
    mid, old = scored_sessions()
    assert turn_metrics(mid.turns[0])["words_per_minute"] == 150.0
    computed = turn_metrics(old.turns[0])
    assert computed["words_per_minute"] == pytest.approx(200 / (131 / 60))
    assert computed["fillers_per_minute"] == pytest.approx(40 / (131 / 60))
    s = summarize(old)
    assert (s.passed, s.graded) == (0, 4)


def test_an_impossible_pace_is_a_recognition_fault_not_a_point_on_the_chart() -> None:
    # a turn saved before the transcript guards: 283 "words" (mostly ".") in 16 s
    words = tuple(Word("I" if k < 60 else ".", k * 0.05, k * 0.05 + 0.04) for k in range(283))
    ev = Evaluation("ownership", "q", 16.0, 283, {"pace": CheckResult("pace", "fail", "1079 words a minute")}, {"words_per_minute": 1079.0})
    turn = Turn(1, "question", "ownership", "q", duration_seconds=16.0, transcript=Transcript(words, 16.0), evaluation=ev)
    assert turn_metrics(turn)["words_per_minute"] is None
    # without the rubric's figure, only real words count, and the guard still applies
    bare = Turn(1, "question", "ownership", "q", duration_seconds=16.0, transcript=Transcript(words, 16.0))
    assert turn_metrics(bare)["words_per_minute"] == pytest.approx(60 / (16 / 60))


def test_progress_runs_oldest_first_over_answered_turns_and_marks_the_focus() -> None:
    mid, old = scored_sessions()
    mid.turns.append(Turn(2, "follow_up", "customer-obsession", "And then?", status="unanswered"))
    entries = progress([mid, old], focus=mid)
    assert [(a.session.id, a.turn.index) for a in entries] == [(old.id, 1), (mid.id, 1)]  # the unanswered one is left out
    assert [a.focus for a in entries] == [False, True] and all(a.first_in_session for a in entries)
    assert entries[1].metrics["words_per_minute"] == 150.0


def test_totals_count_answers_within_the_target_and_checks_passed() -> None:
    mid, old = scored_sessions()
    t = totals([mid, old], target_seconds=110.0)
    assert (t.sessions, t.answers, t.within_target) == (2, 2, 1)  # 104 s is within 110 s, 131 s is not
    assert t.average_seconds == pytest.approx((104 + 131) / 2)
    assert (t.passed, t.graded) == (3, 8) and t.pass_rate == pytest.approx(3 / 8)
    assert totals([], 90.0).pass_rate is None
