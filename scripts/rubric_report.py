#!/usr/bin/env python3
"""How far the rubric agrees with the human labels in tests/rubric_devset/.

Prints agreement per check and every disagreement (answer, expected, got, the
rubric's message).  tests/test_rubric.py and bench/bench_rubric.py load the
development set through ``load_devset`` here, so all three read it the same way.

    .venv/bin/python scripts/rubric_report.py [--check ID] [--id ANSWER_ID]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.rubric import CHECK_IDS, evaluate, transcript_from_text  # noqa: E402
from assistant.types import STATUSES, Evaluation, Question, Transcript  # noqa: E402

DEVSET = ROOT / "tests" / "rubric_devset"


@dataclass(frozen=True)
class Item:
    id: str
    file: str
    question: Question
    transcript: Transcript
    expected: dict[str, str]
    note: str = ""


@dataclass
class Agreement:
    per_check: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0] for c in CHECK_IDS})  # [agree, total]
    disagreements: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # id, check, expected, got, message

    @property
    def agree(self) -> int:
        return sum(a for a, _ in self.per_check.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.per_check.values())

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 1.0


def load_devset(folder: Path = DEVSET) -> list[Item]:
    items: list[Item] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for d in data.get("answer", []):
            if d["id"] in seen:
                raise ValueError(f"{path.name}: duplicate answer id {d['id']}")
            seen.add(d["id"])
            bad = {k: v for k, v in d["expected"].items() if k not in CHECK_IDS or v not in STATUSES}
            if bad:
                raise ValueError(f"{path.name}: {d['id']}: unknown check ids or statuses {bad}")
            q = Question(text=d["question"], lp=d["lp"], tags=tuple(d.get("tags", ())), id=d["id"])
            items.append(Item(d["id"], path.name, q, transcript_from_text(d["text"], d.get("seconds")), dict(d["expected"]), d.get("note", "")))
    return items


def compare(items: list[Item]) -> tuple[Agreement, dict[str, Evaluation]]:
    agreement, evaluations = Agreement(), {}
    for item in items:
        ev = evaluate(item.transcript, item.question)
        evaluations[item.id] = ev
        for check, want in item.expected.items():
            got = ev.checks[check]
            agreement.per_check[check][1] += 1
            if got.status == want:
                agreement.per_check[check][0] += 1
            else:
                agreement.disagreements.append((item.id, check, want, got.status, got.message))
    return agreement, evaluations


def render(agreement: Agreement) -> str:
    lines = [f"{'check':18} {'agree':>5} / {'total':<5} {'rate':>6}"]
    for check in CHECK_IDS:
        a, t = agreement.per_check[check]
        if t:
            lines.append(f"{check:18} {a:5d} / {t:<5d} {a / t:6.1%}")
    lines.append(f"{'overall':18} {agreement.agree:5d} / {agreement.total:<5d} {agreement.rate:6.1%}")
    if agreement.disagreements:
        lines.append("\ndisagreements (answer, check: expected -> got, rubric's message):")
        for answer_id, check, want, got, message in sorted(agreement.disagreements, key=lambda d: (d[1], d[0])):
            lines.append(f"  {answer_id:38} {check:17} {want:>4} -> {got:<4}  {message}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", help="show every answer's verdict for this check")
    p.add_argument("--id", help="show every check's verdict for this answer")
    args = p.parse_args(argv)
    items = load_devset()
    agreement, evaluations = compare(items)
    print(f"{len(items)} answers, {len({i.question.lp for i in items})} principles\n")
    print(render(agreement))
    if args.check:
        print(f"\n{args.check} on every answer:")
        for item in items:
            c = evaluations[item.id].checks[args.check]
            print(f"  {item.id:38} want {item.expected.get(args.check, '-'):>4}  got {c.status:<4} {c.message}  {list(c.evidence)}")
    if args.id:
        ev = evaluations[args.id]
        item = next(i for i in items if i.id == args.id)
        print(f"\n{args.id}: {ev.metrics}")
        for check, c in ev.checks.items():
            print(f"  {check:18} want {item.expected.get(check, '-'):>4}  got {c.status:<4} {c.message}  {list(c.evidence)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
