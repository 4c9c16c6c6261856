#!/usr/bin/env python3
"""How far the rubric agrees with the human labels.

Two sets: tests/rubric_devset/ (the rules are tuned on it) and tests/rubric_heldout/
(written and labeled blind before the rules changed, never tuned on; its
disagreements are not listed unless asked, so nobody tunes on them by accident).
Prints agreement per check, problems caught (a label of warn/fail the rubric also
flags), false alarms (a label of pass the rubric flags), and the dev set's
disagreements.  tests/test_rubric.py and bench/bench_rubric.py load the sets
through ``load_devset`` here, so all three read them the same way.

    .venv/bin/python scripts/rubric_report.py [--set dev|heldout] [--file NAME] [--per-file] [--check ID] [--id ANSWER_ID] [--show]
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
HELDOUT = ROOT / "tests" / "rubric_heldout"
_FLAGGED = ("warn", "fail")


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
    problems: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0] for c in CHECK_IDS})  # [caught, labeled warn/fail]
    fine: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0] for c in CHECK_IDS})  # [flagged, labeled pass]

    @property
    def caught(self) -> tuple[int, int]:
        return sum(a for a, _ in self.problems.values()), sum(t for _, t in self.problems.values())

    @property
    def false_alarms(self) -> tuple[int, int]:
        return sum(a for a, _ in self.fine.values()), sum(t for _, t in self.fine.values())

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
            if check not in ev.checks:
                continue
            got = ev.checks[check]
            agreement.per_check[check][1] += 1
            if want in _FLAGGED:
                agreement.problems[check][1] += 1
                agreement.problems[check][0] += got.status in _FLAGGED
            if want == "pass":
                agreement.fine[check][1] += 1
                agreement.fine[check][0] += got.status in _FLAGGED
            if got.status == want or (check == "pauses" and want == "pass" and got.status == "n/a"):
                # A text carries no pause information: the labeling rules write "pass" (nothing
                # wrong was heard), the rubric "n/a" (nothing could be measured); neither flags.
                agreement.per_check[check][0] += 1
            else:
                agreement.disagreements.append((item.id, check, want, got.status, got.message))
    return agreement, evaluations


def _pct(a: int, t: int) -> str:
    return f"{a:3d}/{t:<3d} {a / t:6.1%}" if t else f"{'-':>14}"


def render(agreement: Agreement, show_disagreements: bool = True) -> str:
    lines = [f"{'check':18} {'agreement':>14}  {'problems caught':>14}  {'false alarms':>14}"]
    for check in CHECK_IDS:
        a, t = agreement.per_check[check]
        if t:
            lines.append(f"{check:18} {_pct(a, t)}  {_pct(*agreement.problems[check])}  {_pct(*agreement.fine[check])}")
    lines.append(f"{'overall':18} {_pct(agreement.agree, agreement.total)}  {_pct(*agreement.caught)}  {_pct(*agreement.false_alarms)}")
    if agreement.disagreements and show_disagreements:
        lines.append("\ndisagreements (answer, check: expected -> got, rubric's message):")
        for answer_id, check, want, got, message in sorted(agreement.disagreements, key=lambda d: (d[1], d[0])):
            lines.append(f"  {answer_id:38} {check:17} {want:>4} -> {got:<4}  {message}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", help="show every answer's verdict for this check")
    p.add_argument("--id", help="show every check's verdict for this answer")
    p.add_argument("--set", choices=("dev", "heldout"), default="dev", help="which labeled set (default: dev)")
    p.add_argument("--show", action="store_true", help="list the held-out set's disagreements too")
    p.add_argument("--file", help="only the answers of this file of the set (e.g. fresh.toml)")
    p.add_argument("--per-file", action="store_true", help="one line of overall figures per file of the set")
    args = p.parse_args(argv)
    items = load_devset(HELDOUT if args.set == "heldout" else DEVSET)
    if args.file:
        items = [i for i in items if i.file == args.file]
        if not items:
            p.error(f"no answers in {args.file}")
    if args.per_file:
        print(f"{'file':28} {'answers':>7} {'agreement':>14}  {'problems caught':>14}  {'false alarms':>14}")
        for name in sorted({i.file for i in items}):
            a, _ = compare([i for i in items if i.file == name])
            print(f"{name:28} {sum(i.file == name for i in items):7d} {_pct(a.agree, a.total)}  {_pct(*a.caught)}  {_pct(*a.false_alarms)}")
        print()
    agreement, evaluations = compare(items)
    print(f"{args.set} set: {len(items)} answers, {len({i.question.lp for i in items})} principles\n")
    print(render(agreement, show_disagreements=args.set == "dev" or args.show))
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
