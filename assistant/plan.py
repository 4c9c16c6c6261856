"""The guide's 8-hour preparation plan, with each hour's status computed from saved data.

The guide "Amazon: Leadership Principles Deep Dive" ends with "How to Prepare in 8
Hours".  ``compute_plan`` turns what the candidate actually did — scored turns,
the story bank (with its conflicts), self-check quiz results — into a status per
hour (``todo``, ``in_progress``, ``done``), the evidence behind it, and the one next
thing to do.  Nothing is ticked by hand: a status only moves when the saved data
does.  What "done" means for each hour, and the thresholds, are data
(``assistant/data/plan.toml``), each citing the guide's line.  Pure code over plain
dataclasses; the CLI gathers the inputs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from .errors import BankError
from .resources import data_file, read_toml
from .stories import Story, open_conflicts
from .types import Principle, Session, Turn

STATUSES = ("todo", "in_progress", "done")
HOURS = 8  # the guide's plan has exactly eight


@dataclass(frozen=True)
class HourSpec:
    """One hour as plan.toml defines it."""

    hour: int
    task: str
    guide: str
    done: str
    in_progress: str
    next: str
    next_started: str
    check: str = ""
    next_conflict: str = ""
    principles: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanRules:
    hours: tuple[HourSpec, ...]
    min_stories: int
    top_principles: int
    min_spoken: int
    quiz_pass: float
    content_checks: tuple[str, ...]
    finished: str


@functools.lru_cache(maxsize=1)
def load_rules() -> PlanRules:
    """plan.toml, validated: a broken file is a packaging error, said in one sentence."""
    file = data_file("plan.toml")
    raw = read_toml(file)
    try:
        rules = raw["rules"]
        hours = tuple(
            HourSpec(
                hour=int(h["hour"]), task=str(h["task"]), guide=str(h["guide"]), done=str(h["done"]),
                in_progress=str(h["in_progress"]), next=str(h["next"]), next_started=str(h["next_started"]),
                check=str(h.get("check", "")), next_conflict=str(h.get("next_conflict", "")),
                principles=tuple(h.get("principles", ())),
            )
            for h in raw["hour"]
        )
        parsed = PlanRules(
            hours=hours,
            min_stories=int(rules["min_stories"]),
            top_principles=int(rules["top_principles"]),
            min_spoken=int(rules["min_spoken"]),
            quiz_pass=float(rules["quiz_pass"]),
            content_checks=tuple(str(c) for c in rules["content_checks"]),
            finished=str(raw["finished"]["next"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BankError(f"{file}: malformed plan ({exc!r}); reinstall lp-coach.") from None
    if [h.hour for h in hours] != list(range(1, HOURS + 1)):
        raise BankError(f"{file}: the plan must list hours 1 to {HOURS} in order; reinstall lp-coach.")
    return parsed


@dataclass(frozen=True)
class QuizQuestionRef:
    """What the plan needs of a self-check question: its id and a short label."""

    id: str
    label: str


@dataclass(frozen=True)
class PlanInputs:
    sessions: Sequence[Session]
    stories: Sequence[Story]  # with conflicts filled in (stories.with_conflicts)
    principles: Sequence[Principle]
    quiz_questions: Sequence[QuizQuestionRef] = ()
    quiz_best: Mapping[str, float] = field(default_factory=dict)  # question id -> best saved score, 0..1


@dataclass(frozen=True)
class HourStatus:
    hour: int
    task: str
    status: str
    evidence: tuple[str, ...]
    next: str  # what to do to move this hour on ("" once done)

    def to_dict(self) -> dict[str, Any]:
        return {"hour": self.hour, "task": self.task, "status": self.status, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class Plan:
    hours: tuple[HourStatus, ...]
    next: str

    def to_dict(self) -> dict[str, Any]:
        return {"hours": [h.to_dict() for h in self.hours], "next": self.next}


class _Fields(dict):
    """str.format_map fields; a field an hour does not fill reads as empty, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def _spoken(turn: Turn) -> bool:
    """An answer said aloud and scored: a main question, complete, with its recording."""
    return turn.kind == "question" and turn.status == "complete" and bool(turn.audio) and turn.evaluation is not None


def _spoken_turns(sessions: Sequence[Session]) -> list[tuple[Session, Turn]]:
    """Spoken answers, oldest first."""
    ordered = sorted(sessions, key=lambda s: (s.started_at, s.id))
    return [(s, t) for s in ordered for t in s.turns if _spoken(t)]


def _content_passed(turn: Turn, checks: Sequence[str]) -> bool:
    ev = turn.evaluation
    return ev is not None and not any(ev.checks[c].status == "fail" for c in checks if c in ev.checks)


def _check_passed(turn: Turn | None, check: str) -> bool:
    return turn is not None and turn.evaluation is not None and check in turn.evaluation.checks and \
        turn.evaluation.checks[check].status == "pass"


def _practised(label: str, n: int) -> str:
    """The issue's wording: "Customer Obsession practised 3 times aloud", "Ownership once"."""
    if not n:
        return f"{label} not yet practised aloud"
    return f"{label} practised {({1: 'once', 2: 'twice'}).get(n, f'{n} times')} aloud"


def _status(done: bool, started: bool) -> str:
    return "done" if done else ("in_progress" if started else "todo")


def compute_plan(inputs: PlanInputs, rules: PlanRules | None = None) -> Plan:
    """The eight hours, in the guide's order, each with its status and evidence."""
    rules = rules or load_rules()
    names = {p.slug: p.name for p in inputs.principles}
    turns = {(s.id, t.index): t for s in inputs.sessions for t in s.turns}
    hours = []
    for spec in rules.hours:
        fields = _Fields()
        status, evidence, conflict = _HOURS[spec.hour](spec, inputs, rules, names, turns, fields)
        if status == "done":
            nxt = ""
        elif conflict:
            nxt = spec.next_conflict.format_map(fields)
        else:
            nxt = (spec.next_started if status == "in_progress" else spec.next).format_map(fields)
        hours.append(HourStatus(spec.hour, spec.task, status, tuple(evidence), nxt))
    nxt = next((h.next for h in hours if h.status != "done"), rules.finished)
    return Plan(tuple(hours), nxt)


# -- each hour ------------------------------------------------------------------


def _hour_quiz(spec, inputs: PlanInputs, rules: PlanRules, names, turns, fields):
    """Hour 1, reading the principles: the guide's self-check questions answered."""
    passed = [q for q in inputs.quiz_questions if inputs.quiz_best.get(q.id, 0.0) >= rules.quiz_pass]
    answered = [q for q in inputs.quiz_questions if q.id in inputs.quiz_best]
    missing = [q for q in inputs.quiz_questions if q not in passed]
    evidence = [f"self-check: {len(passed)} of {len(inputs.quiz_questions)} questions passed"
                + (f" ({', '.join(f'{q.id} {inputs.quiz_best[q.id]:.0%}' for q in answered)})" if answered else "")]
    if missing:
        evidence.append("not passed yet: " + ", ".join(q.id for q in missing))
    told = {lp for s in inputs.stories for lp in s.principles}
    unmapped = [p.name for p in sorted(inputs.principles, key=lambda p: p.rank) if p.slug not in told]
    evidence.append(f"your stories map to {len(inputs.principles) - len(unmapped)} of {len(inputs.principles)} principles")
    fields.update(missing=", ".join(q.id for q in missing), first_missing=missing[0].id if missing else "")
    return _status(bool(inputs.quiz_questions) and not missing, bool(answered)), evidence, False


def _hour_bank(spec, inputs: PlanInputs, rules: PlanRules, names, turns, fields):
    """Hour 2: 8 to 10 stories covering the top 10 principles."""
    top = sorted((p for p in inputs.principles if p.rank <= rules.top_principles), key=lambda p: p.rank)
    told = {lp for s in inputs.stories for lp in s.principles}
    missing = [p for p in top if p.slug not in told]
    n = len(inputs.stories)
    line = f"{n} stor{'y' if n == 1 else 'ies'}, covering {len(top) - len(missing)} of the top {len(top)}"
    if missing:
        line += "; missing: " + ", ".join(p.name for p in missing)
    evidence = [line]
    if n:
        framed = sum(1 for s in inputs.stories if 2 <= len(s.principles) <= 3)
        evidence.append(f"{framed} of {n} told for 2 to 3 principles")
    if missing:
        fields.update(first_missing=missing[0].name, first_missing_slug=missing[0].slug)
    done = n >= rules.min_stories and not missing
    return _status(done, n > 0), evidence, False


def _hour_framing(spec: HourSpec, inputs: PlanInputs, rules: PlanRules, names, turns, fields):
    """Hours 3 to 5: each story has a telling where the hour's element (spec.check) passes.

    Hour 3 also asks that the story's facts stay put: a figure told two ways keeps it open.
    """
    good = [s for s in inputs.stories
            if any(_check_passed(turns.get((a.session_id, a.turn_index)), spec.check) for a in s.answers)]
    weak = [s for s in inputs.stories if s not in good]
    n = len(inputs.stories)
    evidence = [f"{len(good)} of {n} stor{'y' if n == 1 else 'ies'} pass {spec.check}"]
    if weak:
        evidence.append("not yet: " + ", ".join(f"'{s.name}'" for s in weak))
        fields.update(story=weak[0].name, lp=weak[0].principles[0] if weak[0].principles else "")
    conflicted = [(s, c) for s in inputs.stories for c in open_conflicts(s)] if spec.hour == 3 else []
    for s, c in conflicted:
        evidence.append(f"'{s.name}' told two ways — {c.summary()}")
    if conflicted:
        s, c = conflicted[0]
        fields.update(story=s.name, a=c.first, b=c.second, lp=c.second_said.lp)
    done = n > 0 and not weak and not conflicted
    return _status(done, n > 0), evidence, bool(conflicted)


def _hour_openers(spec: HourSpec, inputs: PlanInputs, rules: PlanRules, names, turns, fields):
    """Hour 6: Customer Obsession and Ownership, aloud, multiple times, latest passing."""
    spoken = _spoken_turns(inputs.sessions)
    parts, evidence, missing, started = [], [], [], False
    all_done = True
    for lp in spec.principles:
        mine = [t for _, t in spoken if t.lp == lp]
        started = started or bool(mine)
        parts.append(_practised(names.get(lp, lp), len(mine)))
        latest_ok = bool(mine) and _content_passed(mine[-1], rules.content_checks)
        if mine:
            evidence.append(f"latest {names.get(lp, lp)} answer {'passed' if latest_ok else 'did not pass'} the rubric's content checks")
        if len(mine) < rules.min_spoken or not latest_ok:
            all_done = False
            missing.append(lp)
    evidence.insert(0, ", ".join(parts))
    if missing:
        fields.update(first_missing=names.get(missing[0], missing[0]), first_missing_slug=missing[0])
    return _status(all_done, started), evidence, False


BACKBONE = "have-backbone-disagree-and-commit"


def _is_failure_turn(turn: Turn) -> bool:
    """The rubric judged it a failure question: its real_failure check applied."""
    ev = turn.evaluation
    return ev is not None and "real_failure" in ev.checks and ev.checks["real_failure"].status != "n/a"


def _hour_high_variance(spec: HourSpec, inputs: PlanInputs, rules: PlanRules, names, turns, fields):
    """Hour 7: Have Backbone and a failure story, aloud, each passing its own check."""
    spoken = [t for _, t in _spoken_turns(inputs.sessions)]
    groups = (
        ("Have Backbone", BACKBONE, "backbone", [t for t in spoken if t.lp == BACKBONE]),
        ("failure", "learn-and-be-curious", "real_failure", [t for t in spoken if _is_failure_turn(t)]),
    )
    parts, evidence, missing = [], [], []
    for label, slug, check, mine in groups:
        parts.append(_practised(label, len(mine)))
        ok = bool(mine) and _check_passed(mine[-1], check)
        if mine:
            evidence.append(f"latest {label} answer {'passed' if ok else 'did not pass'} its {check} check")
        if len(mine) < rules.min_spoken or not ok:
            missing.append((label, slug))
    evidence.insert(0, ", ".join(parts))
    if missing:
        fields.update(first_missing=missing[0][0], first_missing_slug=missing[0][1])
    started = any(g[3] for g in groups)
    return _status(not missing, started), evidence, False


def _hour_mock(spec: HourSpec, inputs: PlanInputs, rules: PlanRules, names, turns, fields):
    """Hour 8: a finished mock round, probes answered, the Bar Raiser inclined."""
    mocks = sorted((s for s in inputs.sessions if s.mode == "mock"), key=lambda s: (s.started_at, s.id))
    mocks = [s for s in mocks if any(t.status == "complete" for t in s.turns)]
    evidence = [f"{len(mocks)} mock round{'s' if len(mocks) != 1 else ''} with answers"]
    done = False
    for s in mocks:
        questions = [t for t in s.turns if t.kind == "question"]
        probes = [t for t in s.turns if t.kind == "follow_up" and t.status == "complete"]
        finished = s.debrief is not None and questions and all(t.status == "complete" for t in questions)
        inclined = bool(s.debrief) and s.debrief.get("bar_raiser") == "inclined"
        if finished and probes and inclined:
            done = True
    if mocks:
        last = mocks[-1]
        probes = sum(1 for t in last.turns if t.kind == "follow_up" and t.status == "complete")
        verdict = (last.debrief or {}).get("bar_raiser", "no debrief")
        evidence.append(f"latest round {last.id}: {probes} probe{'s' if probes != 1 else ''} answered, Bar Raiser {verdict}")
        thin = sorted({c for t in last.turns if t.evaluation for c in ("quantified_result", "reflection")
                       if c in t.evaluation.checks and t.evaluation.checks[c].status == "fail"})
        if thin:
            evidence.append("tighten: " + ", ".join(thin) + " failed in that round")
    return _status(done, bool(mocks)), evidence, False


_HOURS = {1: _hour_quiz, 2: _hour_bank, 3: _hour_framing, 4: _hour_framing, 5: _hour_framing,
          6: _hour_openers, 7: _hour_high_variance, 8: _hour_mock}
