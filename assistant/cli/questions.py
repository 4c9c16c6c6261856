"""``lp-coach questions [--lp SLUG] [--json]``: show the question bank."""

from __future__ import annotations

import argparse
import json
import textwrap

from ..questions import check_tags, load_bank


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "questions",
        help="list the question bank: principles by frequency, their prompts and follow-up probes",
        description="List the Leadership Principles in the order they come up in IC loops, "
        "with each principle's questions and Bar-Raiser follow-up probes.",
    )
    parser.add_argument("--lp", metavar="SLUG", help="only this principle (slug or full name)")
    parser.add_argument("--json", action="store_true", help="print the bank as a JSON list")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bank = load_bank()
    # Resolve --lp first so an unknown principle fails before anything is printed.
    slugs = [bank.principle(args.lp).slug] if args.lp else list(bank.slugs)
    if args.json:
        print(json.dumps(bank.to_list(args.lp), indent=2, ensure_ascii=False))
        return 0
    blocks = []
    for slug in slugs:
        p = bank.principle(slug)
        lines = [f"{p.rank}. {p.name} ({p.slug})", f"   How often: {p.frequency_note}"]
        lines.append("   Listens for:")
        lines += [_wrap(item, "     - ") for item in p.listens_for]
        lines.append("   Questions:")
        for q in bank.questions(slug):
            marks = f"  [{', '.join(q.tags)}]" if q.tags else ""
            lines.append(_wrap(f"{q.text}{marks}  ({q.id})", "     - "))
        lines.append("   Follow-up probes:")
        for q in bank.probes(slug):
            lines.append(_wrap(f"{q.text}  [probes {', '.join(check_tags(q))}]  ({q.id})", "     - "))
        blocks.append("\n".join(lines))
    print("\n\n".join(blocks))
    return 0


def _wrap(text: str, bullet: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=bullet, subsequent_indent=" " * len(bullet), break_on_hyphens=False)
