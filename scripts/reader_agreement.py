#!/usr/bin/env python3
"""How far two human readers agree, and the rubric against what both readers say.

The labeled sets were each labeled by one reader (the writer of the batch).  For some of
them a second reader, blind to the first reader's labels and to the rubric, labeled the same
answers from the same guide and labeling rules; those labels live in
tests/rubric_second_reader/<set>/<file>.toml under the answer's id.  This prints, per check:

- readers: how often the two readers give the same status, what share of the first reader's
  problems (warn/fail) the second also flags, and what share of the first reader's fine
  checks (pass) the second flags: the ceiling any rubric can reach against one reader;
- the rubric against the first reader, against the second, and against the consensus (only the
  checks where both readers agree on flagged or fine).

For the held-out set only totals and per-check counts are printed, never an answer.

    .venv/bin/python scripts/reader_agreement.py [--set dev|heldout] [--file NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.rubric import CHECK_IDS, evaluate  # noqa: E402
from scripts.rubric_report import DEVSET, HELDOUT, Item, load_devset  # noqa: E402

SECOND = ROOT / "tests" / "rubric_second_reader"
_FLAGGED = ("warn", "fail")
# Measured from the text's duration alone; a second reading adds nothing to them.
_MECHANICAL = ("length", "fillers", "pace", "pauses")


def load_second(set_name: str) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = {}
    for path in sorted((SECOND / set_name).glob("*.toml")):
        with path.open("rb") as fh:
            for d in tomllib.load(fh).get("answer", []):
                labels[d["id"]] = dict(d["expected"])
    return labels


class Tally:
    """[hits, total] pairs per check for one comparison."""

    def __init__(self) -> None:
        self.agree = {c: [0, 0] for c in CHECK_IDS}
        self.caught = {c: [0, 0] for c in CHECK_IDS}
        self.alarms = {c: [0, 0] for c in CHECK_IDS}

    def add(self, check: str, want: str, got: str) -> None:
        self.agree[check][1] += 1
        self.agree[check][0] += want == got
        if want in _FLAGGED:
            self.caught[check][1] += 1
            self.caught[check][0] += got in _FLAGGED
        elif want == "pass":
            self.alarms[check][1] += 1
            self.alarms[check][0] += got in _FLAGGED

    def total(self, table: dict[str, list[int]], checks: tuple[str, ...]) -> tuple[int, int]:
        return sum(table[c][0] for c in checks), sum(table[c][1] for c in checks)


def _pct(pair: tuple[int, int] | list[int]) -> str:
    a, t = pair
    return f"{a:4d}/{t:<4d} {a / t:6.1%}" if t else f"{'-':>16}"


def tallies(items: list[Item], second: dict[str, dict[str, str]]) -> dict[str, Tally]:
    out = {name: Tally() for name in ("readers", "rubric vs first", "rubric vs second", "rubric vs consensus")}
    for item in items:
        other = second.get(item.id)
        if other is None:
            continue
        checks = evaluate(item.transcript, item.question).checks
        for check, first in item.expected.items():
            if check in _MECHANICAL or check not in checks or check not in other:
                continue
            got, two = checks[check].status, other[check]
            if first == "n/a" or two == "n/a":
                continue
            out["readers"].add(check, first, two)
            out["rubric vs first"].add(check, first, got)
            out["rubric vs second"].add(check, two, got)
            if (first in _FLAGGED) == (two in _FLAGGED):
                # Both readers agree the check is flagged or fine; the status (warn or fail)
                # may differ, so agreement here is on the first reader's status.
                out["rubric vs consensus"].add(check, first, got)
    return out


def render(out: dict[str, Tally], per_check: bool) -> str:
    judged = tuple(c for c in CHECK_IDS if c not in _MECHANICAL)
    lines = [f"{'comparison':22} {'same status':>16}  {'problems flagged':>16}  {'fine flagged':>16}"]
    for name, t in out.items():
        lines.append(f"{name:22} {_pct(t.total(t.agree, judged))}  {_pct(t.total(t.caught, judged))}  {_pct(t.total(t.alarms, judged))}")
    if per_check:
        for check in judged:
            if not out["readers"].agree[check][1]:
                continue
            lines.append(f"\n{check}")
            for name, t in out.items():
                lines.append(f"  {name:20} {_pct(t.agree[check])}  {_pct(t.caught[check])}  {_pct(t.alarms[check])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", choices=("dev", "heldout"), default="dev")
    p.add_argument("--file", nargs="+", help="only the answers of these files of the set (e.g. fresh23.toml)")
    args = p.parse_args(argv)
    second = load_second(args.set)
    if not second:
        p.error(f"no second reader's labels for the {args.set} set in {SECOND / args.set}")
    items = load_devset(HELDOUT if args.set == "heldout" else DEVSET)
    known = {i.id for i in items}
    unknown = sorted(set(second) - known)
    if unknown:
        p.error(f"{len(unknown)} second-reader ids are not in the {args.set} set (first: {unknown[0]})")
    items = [i for i in items if i.id in second and (not args.file or i.file in args.file)]
    if not items:
        p.error(f"no answers with a second reader's labels in {' '.join(args.file or [])}")
    print(f"{args.set} set: {len(items)} answers labeled by two readers; checks judged by reading "
          f"(length, fillers, pace and pauses are measured, and left out); n/a by either reader left out\n")
    print(render(tallies(items, second), per_check=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
