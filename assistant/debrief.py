"""The mock round's debrief: the verdict an Amazon interviewer would write, and why.

Pure rules over the round's turns (their rubric ``evaluation.checks``), producing
docs/ARCHITECTURE.md's debrief shape exactly::

    {"principles": {slug: {"verdict": "inclined" | "not inclined", "evidence": [...]}},
     "bar_raiser": "inclined" | "not inclined",
     "flags": [{"kind": ..., "message": ...}]}

The rules, each from the guide (amazon-leadership-principles-guide.txt):

- Per principle, "inclined" when its answers pass every *decisive* check.  Decisive
  means the guide lists the failure among the "Red flags (interviewer writes 'not
  inclined')" or as a grading rule: ``i_vs_we`` ("'We' dominating the story"),
  ``past_tense`` ("Hypothetical answers ... scores against them"), ``star`` and
  ``business_impact`` ("The Result section is missing or is in engineering metrics
  only"), ``quantified_result`` ("'How did you measure that' produces an actual
  measurement, not a hand-wave"), ``lp_framing`` ("A generic 'tell me about a time'
  answer with no LP foreground is answering a different question"), ``backbone``
  ("Backbone stories where the disagreement is trivial ... or where the candidate did
  not commit"), ``real_failure`` ("A 'failure' story with no real failure"), and for
  Ownership only ``self_driven`` ("Amazon grades for ownership independent of the
  manager's instruction").  On a failure question ``real_failure`` (a real mistake,
  owned, its cost named) replaces ``quantified_result`` and ``business_impact``:
  "The score is for the ownership and the learning, not for the absence of failure".
  ``length``, ``fillers``, ``pace`` and ``reflection`` are
  coaching points, not verdicts: the guide never has an interviewer write 'not
  inclined' for them.
- A follow-up can recover a check the main answer failed: "Follow-up questions get
  more specific answers, not vaguer ones. 'How did you measure that' produces an
  actual measurement".  A follow-up answer is short by design, so only the checks
  about *how* the candidate speaks (``i_vs_we``, ``past_tense``) count against it.
- No answer for an assigned principle is "not inclined": there is no story evidence
  to cite ("every interviewer files a written debrief that cites ... specific story
  evidence").
- Bar Raiser "not inclined" when any principle is: "One weak round can end the loop,
  even if the other rounds are strong."  Also when two tellings of a story contradict
  each other: the Bar Raiser is "looking for inconsistencies between the headline
  story and the details", and contradicting stories are a red flag.
- Flags: ``repeated_story`` (two answers in the round, or one and an earlier round's,
  tell the same story: "A loop with 5 rounds requires 5 distinct stories minimum"),
  ``contradiction`` (same story, different numbers), ``we_dominated`` (``i_vs_we``
  failed, per answer), ``hypothetical`` (``past_tense`` failed, per answer),
  ``manager_driven`` (``self_driven`` failed in two or more answers: "'my manager asked
  me to', repeated across stories").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Sequence

from .language import number_words
from .language.numbers import say_amount
from .ports import QuestionSource
from .rubric import check_label
from .stories import AnswerRef
from .story_match import Difference, Quantity, differences, same_story
from .types import CheckResult, Turn

INCLINED, NOT_INCLINED = "inclined", "not inclined"

DECISIVE_CHECKS: tuple[str, ...] = (
    "i_vs_we",
    "past_tense",
    "star",
    "quantified_result",
    "business_impact",
    "lp_framing",
    "backbone",
    "real_failure",
)
# Checks decisive for one principle only.
PRINCIPLE_CHECKS: dict[str, tuple[str, ...]] = {"ownership": ("self_driven",)}
# Checks a failure question does not decide on: real_failure (cost named) stands in.
FAILURE_REPLACES: tuple[str, ...] = ("quantified_result", "business_impact")
# Checks that count against a (short) follow-up answer.
FOLLOW_UP_CHECKS: tuple[str, ...] = ("i_vs_we", "past_tense")

# What the debrief writes when a check fails / passes (a check without an entry is
# named by its rubric label, rubric.check_label).
FAIL_LABELS: dict[str, str] = {
    "i_vs_we": "Unclear individual contribution",
    "past_tense": "Hypothetical, not a real past story",
    "star": "Situation, action or result missing",
    "quantified_result": "No measured result",
    "business_impact": "Result in engineering terms only",
    "lp_framing": "Did not speak to the principle",
    "backbone": "Backbone beats missing",
    "real_failure": "No real failure owned",
    "self_driven": "Ownership came from the manager",
}
PASS_LABELS: dict[str, str] = {
    "i_vs_we": "Clear individual contribution",
    "past_tense": "A real past story",
    "star": "Situation, action and result present",
    "quantified_result": "Measured result",
    "business_impact": "Customer or business impact",
    "lp_framing": "Spoke to the principle",
    "backbone": "Disagreement, concession and commit all shown",
    "real_failure": "A real failure owned",
    "self_driven": "Acted without being asked",
}
NO_ANSWER = "No answer was given for this principle"
# How the spoken debrief says each reason: short, and what to do about it.
_SPOKEN_REASONS: dict[str, str] = {
    "i_vs_we": "'we' hid what you did",
    "past_tense": "the answer was hypothetical",
    "star": "the story was missing a situation, action or result",
    "quantified_result": "the result had no numbers",
    "business_impact": "the result was in engineering terms only",
    "lp_framing": "the story did not speak to the principle",
    "backbone": "the disagreement, concession or commit was missing",
    "real_failure": "the failure was not owned",
    "self_driven": "the ownership came from your manager",
    "no_answer": "there was no answer",
}
_SPOKEN_FLAGS: dict[str, str] = {
    "repeated_story": "You told the same story twice; bring a different one.",
    "we_dominated": "Say 'I' for what you did.",
    "hypothetical": "Tell what you did, not what you would do.",
    "manager_driven": "Show ownership your manager did not ask for.",
}
_FLAG_CHECKS = {"we_dominated": "i_vs_we", "hypothetical": "past_tense", "manager_driven": "self_driven"}
_MAX_SPOKEN_WORDS = 95  # under 35 seconds at the default 175 words per minute
_MAX_EVIDENCE = 6


@dataclass(frozen=True)
class Contradiction:
    """One story told with different numbers: which two tellings, and the quantities that changed.

    ``kind`` says where the tellings were: two answers in this round (``same_round``),
    an answer retelling an earlier round's story (``earlier_round``; ``first_question``
    is the earlier one, told on ``when``), or an answer and its own follow-up answer
    (``follow_up``).  The flag's sentence is made from these fields, never the reverse.
    """

    kind: Literal["same_round", "earlier_round", "follow_up"]
    first_question: str
    second_question: str
    differences: tuple[Difference, ...]  # each: before (first telling) and after (second)
    when: str = ""

    def message(self) -> str:
        changed = "; ".join(map(str, self.differences))
        if self.kind == "earlier_round":
            return f'Your answer to "{self.second_question}" tells the story from {self.when} with different numbers: {changed}.'
        if self.kind == "follow_up":
            return (f'Your answer to "{self.first_question}" and your follow-up answer to "{self.second_question}" give '
                    f"different numbers: {changed}.")
        return (f'Your answers to "{self.first_question}" and "{self.second_question}" tell one story with '
                f"different numbers: {changed}.")


class Debrief(dict):
    """docs/ARCHITECTURE.md's debrief shape, a plain dict to JSON, that also carries what the
    spoken summary needs as data, so nothing is read back out of the flag sentences:
    ``reasons`` (slug -> the check id a 'not inclined' rests on, or "no_answer") and
    ``contradictions`` (every story told with different numbers, in flag order)."""

    reasons: dict[str, str]
    contradictions: tuple[Contradiction, ...]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reasons = {}
        self.contradictions = ()


@dataclass
class _Answer:
    """A main question's answer with the follow-up answers that dug into it."""

    turn: Turn
    follow_ups: list[Turn] = field(default_factory=list)


def debrief(
    turns: Sequence[Turn],
    assigned: Sequence[str],
    bank: QuestionSource,
    past_answers: Sequence[AnswerRef] = (),
) -> Debrief:
    """The round's debrief in docs/ARCHITECTURE.md's shape (see the module docstring for the rules).

    ``assigned`` are the principles the round grades (slugs or names; an unknown one
    is a UsageError).  ``past_answers`` are answers from earlier rounds of the loop
    (earlier mock sessions); one retold here is flagged ``repeated_story``.
    """
    slugs: list[str] = []
    for lp in assigned:
        slug = bank.principle(lp).slug
        if slug not in slugs:
            slugs.append(slug)
    answers = _group(turns)
    for a in answers:
        if a.turn.lp not in slugs:
            slugs.append(a.turn.lp)

    verdicts = {slug: _verdict(slug, [a for a in answers if a.turn.lp == slug]) for slug in slugs}
    principles = {slug: v for slug, (v, _) in verdicts.items()}
    flags, contradictions = _flags(answers, bank, past_answers)
    vetoed = any(p["verdict"] == NOT_INCLINED for p in principles.values()) or any(
        f["kind"] == "contradiction" for f in flags
    )
    bar_raiser = NOT_INCLINED if vetoed or not principles else INCLINED
    out = Debrief({"principles": principles, "bar_raiser": bar_raiser, "flags": flags})
    out.reasons = {slug: reason for slug, (_, reason) in verdicts.items() if reason}
    out.contradictions = tuple(contradictions)
    return out


def _answered(turn: Turn) -> bool:
    return turn.status == "complete" and turn.evaluation is not None


def _group(turns: Sequence[Turn]) -> list[_Answer]:
    out: list[_Answer] = []
    for turn in sorted(turns, key=lambda t: t.index):
        if turn.kind == "question":
            out.append(_Answer(turn))
        elif out and turn.lp == out[-1].turn.lp:
            out[-1].follow_ups.append(turn)
    return out


def _text(turn: Turn) -> str:
    return turn.transcript.text.strip() if turn.transcript else ""


def _quote(check: CheckResult) -> str:
    quotes = [f'"{e}"' for e in check.evidence[:3] if e.strip()]
    detail = check.message.strip().rstrip(".")
    return ": ".join(x for x in (detail, ", ".join(quotes)) if x)


def _fail_label(cid: str) -> str:
    return FAIL_LABELS.get(cid) or f"{check_label(cid)} failed"


def _pass_label(cid: str) -> str:
    return PASS_LABELS.get(cid) or f"{check_label(cid)} passed"


def _verdict(slug: str, answers: list[_Answer]) -> tuple[dict[str, Any], str | None]:
    """The principle's verdict and evidence, and the check id its 'not inclined' rests on."""
    decisive = DECISIVE_CHECKS + PRINCIPLE_CHECKS.get(slug, ())
    answered = [a for a in answers if _answered(a.turn)]
    if not answered:
        asked = [f'Asked: "{a.turn.question}"' for a in answers]
        return {"verdict": NOT_INCLINED, "evidence": [f"{NO_ANSWER}."] + asked}, "no_answer"

    failures: list[str] = []
    failed: list[str] = []  # check ids, in the order of ``failures``
    strengths: list[str] = []
    for a in answered:
        checks = a.turn.evaluation.checks  # type: ignore[union-attr]
        follow = [t for t in a.follow_ups if _answered(t)]
        for cid in _decisive_for(decisive, checks):
            check = checks.get(cid)
            if check is None or check.status != "fail":
                continue
            rescue = next(
                (t.evaluation.checks[cid] for t in follow  # type: ignore[union-attr]
                 if cid in t.evaluation.checks and t.evaluation.checks[cid].status == "pass"),  # type: ignore[union-attr]
                None,
            )
            if rescue is not None:
                strengths.append(f"{_pass_label(cid)} on follow-up: {_quote(rescue)}")
            else:
                failures.append(f"{_fail_label(cid)}: {_quote(check)}")
                failed.append(cid)
        for t in follow:
            for cid in FOLLOW_UP_CHECKS:
                check = t.evaluation.checks.get(cid)  # type: ignore[union-attr]
                if check is not None and check.status == "fail":
                    failures.append(f"{_fail_label(cid)} (follow-up \"{t.question}\"): {_quote(check)}")
                    failed.append(cid)
        for cid in _decisive_for(decisive, checks):
            check = checks.get(cid)
            if check is not None and check.status == "pass" and check.evidence:
                strengths.append(f"{_pass_label(cid)}: {_quote(check)}")

    asked = [f'Asked: "{a.turn.question}"' for a in answered]
    verdict = NOT_INCLINED if failures else INCLINED
    # Reasons first: a reader (and spoken_summary) looks for why before what went well.
    evidence = (failures + asked + strengths) if failures else (asked + strengths)
    return {"verdict": verdict, "evidence": _dedupe(evidence)[:_MAX_EVIDENCE]}, (failed[0] if failed else None)


def _decisive_for(decisive: tuple[str, ...], checks: dict[str, CheckResult]) -> tuple[str, ...]:
    """On a failure question the owned mistake and its cost are the result.

    The guide: "The score is for the ownership and the learning, not for the absence of
    failure"; its mock round is inclined on a migration that "ran two weeks late" with
    "the cost in engineer time" named.  So when ``real_failure`` applies, it replaces
    the business-result checks instead of adding to them.
    """
    failure = checks.get("real_failure")
    if failure is None or failure.status == "n/a":
        return decisive
    return tuple(c for c in decisive if c not in FAILURE_REPLACES)


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def _flags(
    answers: list[_Answer], bank: QuestionSource, past: Sequence[AnswerRef]
) -> tuple[list[dict[str, str]], list[Contradiction]]:
    """The round's flags, and the contradictions among them as data (in flag order)."""
    repeated: list[dict[str, str]] = []
    contradictions: list[Contradiction] = []
    main = [a for a in answers if _answered(a.turn) and _text(a.turn)]

    # Two answers in this round telling one story.
    for i, a in enumerate(main):
        for b in main[i + 1 :]:
            ta, tb = _text(a.turn), _text(b.turn)
            if not same_story(ta, tb):
                continue
            repeated.append(_flag(
                "repeated_story",
                f'Your answers to "{a.turn.question}" ({_name(bank, a.turn.lp)}) and "{b.turn.question}" '
                f"({_name(bank, b.turn.lp)}) tell the same story; a loop needs a distinct story per round.",
            ))
            diffs = differences(ta, tb, assume_same=True)
            if diffs:
                contradictions.append(Contradiction("same_round", a.turn.question, b.turn.question, tuple(diffs)))

    # An answer retelling a story from an earlier round: the most recent telling is cited.
    for a in main:
        ta = _text(a.turn)
        matches = [p for p in past if p.text.strip() and same_story(ta, p.text)]
        if not matches:
            continue
        p = max(matches, key=lambda r: (r.started_at, r.session_id, r.turn_index))
        when = p.started_at[:10] or p.session_id
        repeated.append(_flag(
            "repeated_story",
            f'Your answer to "{a.turn.question}" ({_name(bank, a.turn.lp)}) retells the story you told on {when} '
            f'for "{p.question}"; the Bar Raiser looks for stories that repeat across the loop.',
        ))
        diffs = differences(p.text, ta, assume_same=True)  # then vs now
        if diffs:
            contradictions.append(Contradiction("earlier_round", p.question, a.turn.question, tuple(diffs), when))

    # The headline story against its own details.
    for a in main:
        for t in a.follow_ups:
            if not (_answered(t) and _text(t)):
                continue
            diffs = differences(_text(a.turn), _text(t), assume_same=True, by_order=False)
            if diffs:
                contradictions.append(Contradiction("follow_up", a.turn.question, t.question, tuple(diffs)))

    per_answer: list[dict[str, str]] = []
    manager_driven: list[Turn] = []
    for a in answers:
        for t in [a.turn] + a.follow_ups:
            if not _answered(t):
                continue
            checks = t.evaluation.checks  # type: ignore[union-attr]
            if _failed(checks, "i_vs_we"):
                per_answer.append(_flag(
                    "we_dominated",
                    f"'We' dominated your answer to \"{t.question}\" ({_name(bank, t.lp)})"
                    f"{_evidence(checks['i_vs_we'])}; say 'I' for the actions you took.",
                ))
            if _failed(checks, "past_tense"):
                per_answer.append(_flag(
                    "hypothetical",
                    f"Your answer to \"{t.question}\" ({_name(bank, t.lp)}) was hypothetical"
                    f"{_evidence(checks['past_tense'])}; tell what you did, not what you would do.",
                ))
            if _failed(checks, "self_driven"):
                manager_driven.append(t)

    flags = repeated + [_flag("contradiction", c.message()) for c in contradictions] + per_answer
    answered_main = sum(1 for a in answers if _answered(a.turn))
    if len(manager_driven) >= 2 or (manager_driven and answered_main == 1):
        where = ", ".join(dict.fromkeys(_name(bank, t.lp) for t in manager_driven))
        flags.append(_flag(
            "manager_driven",
            f"Your manager drove the work in {len(manager_driven)} answer{'s' if len(manager_driven) > 1 else ''} "
            f"({where}); Amazon grades ownership independent of the manager's instruction.",
        ))
    return flags, contradictions


def _failed(checks: dict[str, CheckResult], cid: str) -> bool:
    return cid in checks and checks[cid].status == "fail"


def _evidence(check: CheckResult) -> str:
    quotes = [f'"{e}"' for e in check.evidence[:3] if e.strip()]
    return f" ({', '.join(quotes)})" if quotes else ""


def _flag(kind: str, message: str) -> dict[str, str]:
    return {"kind": kind, "message": message}


def _name(bank: QuestionSource, slug: str) -> str:
    return bank.name(slug)  # the bank names principles; a slug from an older bank shows as saved


# -- spoken ---------------------------------------------------------------------


def spoken_summary(debrief: Debrief, bank: QuestionSource) -> str:
    """A short spoken debrief (under 40 seconds at the default rate).

    Leads with the Bar Raiser's verdict, then why (at most two principles), then the
    flags that matter most, then what went well; lower-priority sentences are dropped
    to stay short enough to hear in one go.
    """
    principles: dict[str, Any] = debrief.get("principles", {})
    reasons = debrief.reasons  # what each 'not inclined' rests on, as check ids
    changed = debrief.contradictions[0].differences[0] if debrief.contradictions else None
    inclined = [_name(bank, s) for s, p in principles.items() if p.get("verdict") == INCLINED]
    weak = [(s, p) for s, p in principles.items() if p.get("verdict") != INCLINED]

    sentences: list[tuple[int, str]] = []  # (priority: lower is kept first, text)
    verdict = debrief.get("bar_raiser", NOT_INCLINED)
    if verdict == INCLINED:
        sentences.append((0, "Debrief: the Bar Raiser would be inclined."))
    else:
        sentences.append((0, "Debrief: the Bar Raiser would not be inclined; one weak round is enough to end a loop."))
    for k, (slug, _p) in enumerate(weak):
        if k == 2:
            rest = len(weak) - 2
            sentences.append((1, f"And {rest} more principle{'s' if rest > 1 else ''} not inclined."))
            break
        sentences.append((1, f"Not inclined on {_name(bank, slug)}: {_spoken_reason(reasons.get(slug))}."))
    flags = debrief.get("flags", [])
    # A flag already said as a principle's reason is not said twice.
    said_reasons = {reasons.get(slug) for slug, _ in weak[:2]}
    spoken_kinds: set[str] = {k for k, cid in _FLAG_CHECKS.items() if cid in said_reasons}
    for flag in flags:
        kind = flag.get("kind", "")
        if kind in spoken_kinds:
            continue
        spoken_kinds.add(kind)
        if kind == "contradiction":
            first = f"{_say(changed.before)} versus {_say(changed.after)}" if changed else ""
            sentences.append((2, f"One story changed its numbers: {first}." if first else "One story changed its numbers."))
        elif kind in _SPOKEN_FLAGS:
            sentences.append((3, _SPOKEN_FLAGS[kind]))
    if inclined:
        sentences.append((4, f"Inclined on {_join(inclined)}."))

    kept = list(sentences)
    while sum(len(text.split()) for _, text in kept) > _MAX_SPOKEN_WORDS and len(kept) > 1:
        drop = max(range(len(kept)), key=lambda i: (kept[i][0], i))
        del kept[drop]
    return " ".join(text for _, text in kept)


def _spoken_reason(cid: str | None) -> str:
    return _SPOKEN_REASONS.get(cid or "", "the answer did not clear the bar")


def _say(q: Quantity) -> str:
    """A quantity as a speech engine should say it: "$4.2M" -> "4.2 million dollars"."""
    if q.dim == "money":
        return f"{say_amount(q.value, number_words())} dollars"
    return q.display


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
