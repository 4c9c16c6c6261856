"""``lp-coach stories``: the story bank built from saved answers, and its coverage."""

from __future__ import annotations

import argparse
import json

from ..config import load_config


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stories",
        help="your story bank: stories found in saved answers, the principles each covers, what is missing",
        description="Groups your saved answers into stories (the same story told twice is recognised), "
        "shows which principles each covers (2-3 is ideal) and which of the top 10 principles still "
        "have no story, most frequently asked first.",
    )
    p.add_argument("--json", action="store_true", help="print the bank and coverage as JSON")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    r = actions.add_parser("rename", help="name a story")
    r.add_argument("story", metavar="STORY", help="story id or current name")
    r.add_argument("name", metavar="NAME")
    m = actions.add_parser("merge", help="merge two stories the coach kept apart")
    m.add_argument("into", metavar="STORY")
    m.add_argument("other", metavar="OTHER")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..questions import load_bank
    from ..store import Store
    from ..stories import (
        answers_from_sessions,
        apply_overlay,
        build_bank,
        coverage,
        load_overlay,
        merge,
        rename,
        with_conflicts,
    )

    config = load_config()
    bank = load_bank()
    store = Store(config.data_dir)
    sessions = store.sessions()
    stories = apply_overlay(build_bank(answers_from_sessions(sessions)), load_overlay(config.data_dir))
    if args.action == "rename":
        stories = rename(config.data_dir, stories, args.story, args.name)
    elif args.action == "merge":
        stories = merge(config.data_dir, stories, args.into, args.other)
    # Computed after rename/merge so a merge shows the conflicts between its parts.
    stories = with_conflicts(stories, sessions)
    cover = coverage(stories, bank.principles)
    if args.json:
        print(json.dumps({"stories": [s.to_dict() for s in stories], "coverage": cover.to_dict()}, indent=2))
        return 0
    if not stories:
        print("No stories yet: answer a few questions with `lp-coach practice` and they will appear here.")
    for story in stories:
        names = ", ".join(bank.principle(lp).name for lp in story.principles)
        told = len(story.answers)
        hint = "" if 2 <= len(story.principles) <= 3 else ("  (frame it for 1-2 more principles)" if len(story.principles) < 2 else "")
        print(f"{story.name}  [{story.id}]")
        print(f"    told {told}x — covers: {names}{hint}")
        for conflict in story.conflicts:
            state = f"settled: {conflict.settled}" if conflict.settled else "which is right? `lp-coach practice` will ask"
            print(f"    ! told two ways — {conflict.summary()} ({state})")
    top = [p for p in bank.principles if p.rank <= 10]
    print(f"\nCoverage of the top 10 principles: {len(cover.covered)}/{len(top)}")
    if cover.missing:
        print("Still missing a story (most often asked first):")
        for slug in cover.missing:
            p = bank.principle(slug)
            print(f"    {p.rank:2}. {p.name}")
    return 0
