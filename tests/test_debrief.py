"""The mock round's debrief, from hand-built turns."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.debrief import debrief, spoken_summary
from assistant.errors import UsageError
from assistant.questions import load_bank
from assistant.stories import AnswerRef
from assistant.types import CheckResult, Evaluation, Transcript, Turn, Word

ANSWERS = {
    a["id"]: a["text"]
    for a in tomllib.loads((Path(__file__).parent / "story_pairs" / "answers.toml").read_text())["answer"]
}
ALL_CHECKS = ("length", "i_vs_we", "quantified_result", "business_impact", "past_tense", "reflection",
              "self_driven", "star", "lp_framing", "fillers", "pace")


@pytest.fixture(scope="module")
def bank():
    return load_bank(PROJECT_ROOT / "prompts")


def make_turn(index, lp, text, kind="question", question=None, fail=(), passes=None, evidence=None,
              status="complete", extra=()):
    """A scored turn: every rubric check passes unless named in ``fail``."""
    evidence = evidence or {}
    transcript = Transcript(tuple(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(text.split())), 80.0)
    checks = {}
    for cid in ALL_CHECKS + tuple(extra):
        status_ = "fail" if cid in fail else "pass"
        checks[cid] = CheckResult(cid, status_, f"{cid} {status_}", tuple(evidence.get(cid, ())))
    q = question or f"Question {index} for {lp}"
    evaluation = Evaluation(lp, q, 80.0, len(text.split()), checks) if status == "complete" else None
    return Turn(index, kind, lp, q, transcript=transcript if status == "complete" else None,
                evaluation=evaluation, status=status)


def test_shape_is_exactly_the_contract(bank):
    turns = [make_turn(1, "customer-obsession", ANSWERS["checkout-co"], evidence={"quantified_result": ["$4.2M"]}),
             make_turn(2, "ownership", ANSWERS["rollback-own"])]
    result = debrief(turns, ["customer-obsession", "ownership"], bank)
    assert set(result) == {"principles", "bar_raiser", "flags"}
    assert list(result["principles"]) == ["customer-obsession", "ownership"]
    for p in result["principles"].values():
        assert set(p) == {"verdict", "evidence"}
        assert p["verdict"] in ("inclined", "not inclined")
        assert all(isinstance(e, str) for e in p["evidence"])
    assert result["bar_raiser"] in ("inclined", "not inclined")
    assert all(set(f) == {"kind", "message"} for f in result["flags"])
    json.dumps(result)  # saved as JSON in the session


def test_a_clean_round_is_inclined_with_story_evidence(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["checkout-co"], question="Tell me about a time you went above and beyond for a customer.",
                  evidence={"quantified_result": ["$4.2M", "1.1%"], "business_impact": ["annualised revenue"]}),
        make_turn(2, "have-backbone-disagree-and-commit", ANSWERS["launch-hb"], extra=("backbone",),
                  evidence={"backbone": ["I wrote a three-page doc", "I committed"]}),
    ]
    result = debrief(turns, ["Customer Obsession", "have-backbone-disagree-and-commit"], bank)
    assert result["bar_raiser"] == "inclined"
    assert result["flags"] == []
    co = result["principles"]["customer-obsession"]
    assert co["verdict"] == "inclined"
    assert 'Asked: "Tell me about a time you went above and beyond for a customer."' in co["evidence"]
    assert any("Measured result" in e and '"$4.2M"' in e for e in co["evidence"])
    hb = result["principles"]["have-backbone-disagree-and-commit"]
    assert any('"I committed"' in e for e in hb["evidence"])


def test_we_dominated_answer_is_not_inclined_and_vetoes_the_round(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["checkout-co"]),
        make_turn(2, "ownership", ANSWERS["cert-own"], question="Tell me about a time you handled a problem nobody owned.",
                  fail=("i_vs_we",), evidence={"i_vs_we": ["we decided", "we shipped"]}),
    ]
    result = debrief(turns, ["customer-obsession", "ownership"], bank)
    own = result["principles"]["ownership"]
    assert own["verdict"] == "not inclined"
    assert own["evidence"][0].startswith("Unclear individual contribution")
    assert '"we decided"' in own["evidence"][0]
    assert result["principles"]["customer-obsession"]["verdict"] == "inclined"
    assert result["bar_raiser"] == "not inclined"  # one weak round vetoes
    [flag] = [f for f in result["flags"] if f["kind"] == "we_dominated"]
    assert "Tell me about a time you handled a problem nobody owned." in flag["message"]
    assert "Ownership" in flag["message"] and '"we shipped"' in flag["message"]


@pytest.mark.parametrize("check", ["past_tense", "star", "quantified_result", "business_impact", "lp_framing"])
def test_each_decisive_check_decides(bank, check):
    turns = [make_turn(1, "dive-deep", ANSWERS["search-dd"], fail=(check,))]
    result = debrief(turns, ["dive-deep"], bank)
    assert result["principles"]["dive-deep"]["verdict"] == "not inclined"
    assert result["bar_raiser"] == "not inclined"


@pytest.mark.parametrize("check", ["length", "fillers", "pace", "reflection"])
def test_coaching_checks_do_not_decide(bank, check):
    turns = [make_turn(1, "dive-deep", ANSWERS["search-dd"], fail=(check,))]
    result = debrief(turns, ["dive-deep"], bank)
    assert result["principles"]["dive-deep"]["verdict"] == "inclined"


def test_backbone_and_real_failure_decide_where_they_apply(bank):
    trivial = make_turn(1, "have-backbone-disagree-and-commit", "I thought we should use Postgres; my manager wanted MySQL.",
                        extra=("backbone",), fail=("backbone",), evidence={"backbone": ["Postgres", "MySQL"]})
    spun = make_turn(2, "learn-and-be-curious", ANSWERS["migration-lbc"], extra=("real_failure",), fail=("real_failure",))
    result = debrief([trivial, spun], ["have-backbone-disagree-and-commit", "learn-and-be-curious"], bank)
    hb = result["principles"]["have-backbone-disagree-and-commit"]
    assert hb["verdict"] == "not inclined" and hb["evidence"][0].startswith("Backbone beats missing")
    assert result["principles"]["learn-and-be-curious"]["evidence"][0].startswith("No real failure owned")


def test_failure_story_is_judged_on_the_owned_mistake_not_business_impact(bank):
    # The guide's mock: a migration "two weeks late", its cost in engineer time, a
    # pre-mortem template now used -> "Inclined on Learn and Be Curious".
    owned = make_turn(1, "learn-and-be-curious", ANSWERS["migration-lbc"], extra=("real_failure",),
                      fail=("business_impact",), evidence={"real_failure": ["The mistake was mine"]})
    result = debrief([owned], ["learn-and-be-curious"], bank)
    assert result["principles"]["learn-and-be-curious"]["verdict"] == "inclined"
    # The same missing business framing on a success question decides.
    success = make_turn(1, "deliver-results", ANSWERS["export-dr"], fail=("business_impact",))
    assert debrief([success], ["deliver-results"], bank)["principles"]["deliver-results"]["verdict"] == "not inclined"


def test_follow_up_recovers_a_missing_measurement(bank):
    # "'How did you measure that' produces an actual measurement, not a hand-wave."
    main = make_turn(1, "deliver-results", ANSWERS["export-dr"], fail=("quantified_result",))
    probe = make_turn(2, "deliver-results", "Export tickets fell from 120 to 36 a month, and I measured it in Zendesk.",
                      kind="follow_up", question="What was the number at the start, and what was it at the end?",
                      evidence={"quantified_result": ["120 to 36 a month"]})
    result = debrief([main, probe], ["deliver-results"], bank)
    dr = result["principles"]["deliver-results"]
    assert dr["verdict"] == "inclined"
    assert any("on follow-up" in e and "120 to 36 a month" in e for e in dr["evidence"])
    # Without the follow-up the same answer is not inclined.
    assert debrief([main], ["deliver-results"], bank)["principles"]["deliver-results"]["verdict"] == "not inclined"


def test_a_vaguer_follow_up_counts_against(bank):
    main = make_turn(1, "ownership", ANSWERS["rollback-own"])
    probe = make_turn(2, "ownership", "We just sort of handled it as a team.", kind="follow_up",
                      question="Which parts did you do yourself?", fail=("i_vs_we", "star", "quantified_result"))
    result = debrief([main, probe], ["ownership"], bank)
    own = result["principles"]["ownership"]
    assert own["verdict"] == "not inclined"
    assert "Which parts did you do yourself?" in own["evidence"][0]
    # A short follow-up is not expected to be a full STAR story.
    assert not any(e.startswith("Situation, action or result missing") for e in own["evidence"])


def test_hypothetical_answer_is_flagged(bank):
    turns = [make_turn(1, "bias-for-action", "I would probably roll back first and then I would tell the team.",
                       fail=("past_tense",), evidence={"past_tense": ["I would probably roll back"]})]
    result = debrief(turns, ["bias-for-action"], bank)
    [flag] = [f for f in result["flags"] if f["kind"] == "hypothetical"]
    assert '"I would probably roll back"' in flag["message"] and "Bias for Action" in flag["message"]


def test_manager_driven_across_answers(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["export-co"], fail=("self_driven",),
                  evidence={"self_driven": ["my manager asked me to"]}),
        make_turn(2, "dive-deep", ANSWERS["k8s-dd"], fail=("self_driven",)),
        make_turn(3, "ownership", ANSWERS["cert-own"], fail=("self_driven",)),
    ]
    result = debrief(turns, ["customer-obsession", "dive-deep", "ownership"], bank)
    [flag] = [f for f in result["flags"] if f["kind"] == "manager_driven"]
    assert "3 answers" in flag["message"] and "Customer Obsession" in flag["message"]
    # Only Ownership is graded on it directly.
    assert result["principles"]["customer-obsession"]["verdict"] == "inclined"
    assert result["principles"]["ownership"]["verdict"] == "not inclined"
    # Once is not "repeated across stories".
    once = debrief(turns[:1] + [make_turn(2, "dive-deep", ANSWERS["k8s-dd"])], ["customer-obsession", "dive-deep"], bank)
    assert not [f for f in once["flags"] if f["kind"] == "manager_driven"]


def test_same_story_twice_in_a_round(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["checkout-co"], question="Tell me about a time you went above and beyond for a customer."),
        make_turn(2, "dive-deep", ANSWERS["checkout-dd"], question="Tell me about a metric you investigated when others were satisfied."),
    ]
    result = debrief(turns, ["customer-obsession", "dive-deep"], bank)
    [flag] = [f for f in result["flags"] if f["kind"] == "repeated_story"]
    assert "above and beyond" in flag["message"] and "metric you investigated" in flag["message"]
    assert not [f for f in result["flags"] if f["kind"] == "contradiction"]
    # Repeating is a flag, not a veto by itself.
    assert result["bar_raiser"] == "inclined"


def test_contradicting_retelling_vetoes(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["checkout-co"]),
        make_turn(2, "deliver-results", ANSWERS["checkout-changed"]),
    ]
    result = debrief(turns, ["customer-obsession", "deliver-results"], bank)
    [flag] = [f for f in result["flags"] if f["kind"] == "contradiction"]
    assert "1.4 seconds vs 1.8 seconds" in flag["message"] and "$4.2M vs $6M" in flag["message"]
    assert all(p["verdict"] == "inclined" for p in result["principles"].values())
    assert result["bar_raiser"] == "not inclined"


def test_follow_up_that_changes_the_headline_number(bank):
    main = make_turn(1, "dive-deep", ANSWERS["search-dd"], question="Tell me about a bug you root-caused that was not your code.")
    probe = make_turn(2, "dive-deep", "The search p99 had gone from 300 milliseconds up to about 2 seconds before I fixed the GC pauses.",
                      kind="follow_up", question="How did you measure that?")
    result = debrief([main, probe], ["dive-deep"], bank)
    [flag] = [f for f in result["flags"] if f["kind"] == "contradiction"]
    assert "900 milliseconds vs 2 seconds" in flag["message"] and "How did you measure that?" in flag["message"]
    assert result["bar_raiser"] == "not inclined"
    # the same contradiction as data: where it was told and the two quantities
    [contra] = result.contradictions
    assert (contra.kind, contra.second_question) == ("follow_up", "How did you measure that?")
    assert [(d.before.display, d.after.display) for d in contra.differences] == [("900 milliseconds", "2 seconds")]
    assert flag["message"] == contra.message()


def test_story_from_an_earlier_round(bank):
    past = [
        AnswerRef("2026-11-20T10-00-00", 2, "ownership", "Tell me about a time you handled a problem nobody owned.",
                  ANSWERS["search-own"], "2026-11-20T10:00:00Z"),
        AnswerRef("2026-11-20T10-00-00", 1, "frugality", "Tell me about a creative solution that saved cost.",
                  ANSWERS["logs-frugal"], "2026-11-20T10:00:00Z"),
    ]
    turns = [make_turn(1, "dive-deep", ANSWERS["search-changed"], question="Tell me about a bug you root-caused that was not your code.")]
    result = debrief(turns, ["dive-deep"], bank, past_answers=past)
    kinds = [f["kind"] for f in result["flags"]]
    assert kinds.count("repeated_story") == 1
    repeated = next(f for f in result["flags"] if f["kind"] == "repeated_story")
    assert "2026-11-20" in repeated["message"] and "problem nobody owned" in repeated["message"]
    contra = next(f for f in result["flags"] if f["kind"] == "contradiction")
    assert "900 milliseconds vs 1.2 seconds" in contra["message"]
    [told] = result.contradictions
    assert (told.kind, told.when, told.first_question) == ("earlier_round", "2026-11-20", past[0].question)


def test_assigned_principle_without_an_answer(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["a11y-co"]),
        make_turn(2, "earn-trust", "", question="Tell me about a time you admitted you were wrong.", status="unanswered"),
    ]
    result = debrief(turns, ["customer-obsession", "earn-trust", "dive-deep"], bank)
    et = result["principles"]["earn-trust"]
    assert et["verdict"] == "not inclined"
    assert et["evidence"][0].startswith("No answer was given")
    assert 'Asked: "Tell me about a time you admitted you were wrong."' in et["evidence"]
    assert result["principles"]["dive-deep"]["verdict"] == "not inclined"
    assert result["bar_raiser"] == "not inclined"
    assert debrief([], [], bank)["bar_raiser"] == "not inclined"


def test_unknown_assigned_principle(bank):
    with pytest.raises(UsageError, match="customer-obsession"):
        debrief([], ["kindness"], bank)


# -- spoken -----------------------------------------------------------------------

SPEECH_WPM = 175  # the default speaking rate (SpeechOptions.rate_wpm)


def seconds(text: str) -> float:
    return len(text.split()) * 60 / SPEECH_WPM


def test_spoken_summary_of_a_clean_round(bank):
    turns = [make_turn(1, "customer-obsession", ANSWERS["checkout-co"]), make_turn(2, "ownership", ANSWERS["cert-own"])]
    said = spoken_summary(debrief(turns, ["customer-obsession", "ownership"], bank), bank)
    assert "Bar Raiser would be inclined" in said
    assert "Customer Obsession and Ownership" in said
    assert seconds(said) < 40


def test_spoken_summary_says_why_and_stays_short_in_the_worst_case(bank):
    turns = [
        make_turn(1, "customer-obsession", ANSWERS["checkout-co"], fail=("i_vs_we", "self_driven")),
        make_turn(2, "ownership", ANSWERS["checkout-changed"], fail=("past_tense", "self_driven")),
        make_turn(3, "dive-deep", ANSWERS["search-dd"], fail=("quantified_result",)),
        make_turn(4, "have-backbone-disagree-and-commit", ANSWERS["launch-hb"], extra=("backbone",), fail=("backbone",)),
        make_turn(5, "earn-trust", "", status="unanswered"),
    ]
    result = debrief(turns, ["customer-obsession", "ownership", "dive-deep", "have-backbone-disagree-and-commit", "earn-trust"], bank)
    said = spoken_summary(result, bank)
    print(f"{seconds(said):.1f} s: {said}")
    assert seconds(said) < 40
    assert "not be inclined" in said
    assert "Not inclined on Customer Obsession: 'we' hid what you did." in said
    assert "the answer was hypothetical" in said
    assert "One story changed its numbers: 4.2 million dollars versus 6 million dollars." in said
    assert "$" not in said  # a speech engine reads "$4.2M" badly
    assert "Say 'I' for what you did" not in said  # already said as Customer Obsession's reason


def test_spoken_reasons_come_from_check_ids_and_the_json_shape_is_unchanged(bank):
    import json

    turns = [
        make_turn(1, "customer-obsession", ANSWERS["checkout-co"], fail=("i_vs_we",)),
        make_turn(2, "ownership", ANSWERS["checkout-changed"], fail=("past_tense",)),
    ]
    result = debrief(turns, ["customer-obsession", "ownership"], bank)
    assert result.reasons == {"customer-obsession": "i_vs_we", "ownership": "past_tense"}
    changed = result.contradictions[0].differences[0]  # the first figure told two ways, as quantities
    assert changed.before.dim == changed.after.dim == "money"
    # saved and read back it is the contract's plain shape, nothing more
    assert json.loads(json.dumps(result)) == dict(result)
    assert set(json.loads(json.dumps(result))) == {"principles", "bar_raiser", "flags"}
    # the reason is found by check id even when the evidence is worded differently
    result["principles"]["customer-obsession"]["evidence"][0] = "reworded"
    assert "Not inclined on Customer Obsession: 'we' hid what you did." in spoken_summary(result, bank)
