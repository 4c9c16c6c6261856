"""Self-check quiz grading (pure) and ``lp-coach quiz`` through the CLI, without audio."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.quiz import grade, load_quiz, spoken_feedback

BACKBONE_BEATS = (
    "First you disagree with evidence, like a doc or the numbers from a load test. Second, you have to be willing "
    "to be wrong and concede a point when they push back. Third, once the decision is made you commit and do what "
    "it takes to make the plan succeed."
)
# The same three beats in other words: no "evidence", "concede" or "commit".
BACKBONE_PARAPHRASE = (
    "You push back with data, say a benchmark you ran. You admit you were wrong about part of it when they "
    "challenge you. And after the call goes the other way you get behind the decision and execute it fully."
)
BACKBONE_MISSED = "You need to be confident, hold your opinion firmly and speak up loudly so that people hear you."


def question(qid: str):
    return load_quiz().get(qid)


def test_naming_the_three_backbone_beats_scores_at_least_two_thirds():
    assert grade(question("backbone"), BACKBONE_BEATS).score >= 2 / 3


def test_the_beats_in_other_words_still_count():
    result = grade(question("backbone"), BACKBONE_PARAPHRASE)
    assert result.score >= 2 / 3, [(p.point, p.covered) for p in result.points]


def test_an_answer_that_misses_the_beats_scores_at_most_a_third():
    assert grade(question("backbone"), BACKBONE_MISSED).score <= 1 / 3
    assert grade(question("backbone"), "Disagree and commit.").score <= 1 / 3


@pytest.mark.parametrize("said", ["about eight to ten stories", "8-10 stories", "nine stories", "ten stories"])
def test_spoken_numbers_match_the_guide_figures(said):
    result = grade(question("story-bank"), f"I would bank {said} in total.")
    assert result.points[0].covered


def test_every_question_has_an_answer_that_covers_it():
    model = {
        "bar-raiser": "The Bar Raiser is an interviewer from outside the hiring team with veto power, and you can't "
                      "tell which round is theirs, so you prepare every round as if it were.",
        "hypothetical": "Hypothetical answers are easy to game, while what you actually did in the past shows how "
                        "you behave, and the details hold up under follow-up questions.",
        "i-vs-we": "They want your individual contribution. If everything is we, it's unclear what you did. "
                   "Use I for your own actions and we for the team's collective work.",
        "reframe": "The underlying story stays the same, but you change what you lead with and the reflection: "
                   "customer impact for Customer Obsession, the diagnostic depth below the dashboard for Dive Deep. "
                   "Both are honest because both are true.",
        "backbone": BACKBONE_BEATS,
        "story-bank": "Eight to ten stories that together cover the top ten principles, each framed for two or "
                      "three principles.",
    }
    assert {q.id for q in load_quiz().questions} == set(model)
    for qid, text in model.items():
        assert grade(question(qid), text).score == 1.0, qid
        assert grade(question(qid), "I am not sure, I never thought about it.").score == 0.0, qid


def test_missed_points_are_named_back_briefly():
    q = question("backbone")
    said = spoken_feedback(q, grade(q, BACKBONE_MISSED))
    assert said.startswith("0 of 3 key points.") and "concede" in said and "commit" in said


def test_list_json_prints_ids_and_questions(capsys):
    assert main(["quiz", "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0] == {"id": "bar-raiser", "question": load_quiz().questions[0].question}
    assert all(set(q) == {"id", "question"} for q in listed)


def test_an_unknown_quiz_id_is_one_sentence_and_nothing_is_asked(capsys):
    assert main(["quiz", "--id", "no-such-question"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("lp-coach: no self-check question")
    assert "backbone" in captured.err


def test_an_unreadable_input_fails_before_anything_is_asked(capsys, tmp_path):
    code = main(["quiz", "--id", "backbone", "--input", str(tmp_path / "missing.wav"), "--no-speak"])
    captured = capsys.readouterr()
    assert code != 0 and "Coach:" not in captured.out
    assert captured.err.startswith("lp-coach: ") and captured.err.count("\n") == 1
