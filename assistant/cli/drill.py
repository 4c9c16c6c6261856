"""``lp-coach drill``: hands-free drilling with voice commands between turns."""

from __future__ import annotations

import argparse

from .common import add_voice_options, config_from_args, finish, open_coach, positive_int, running


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "drill",
        help="hands-free loop of questions; say next, again, repeat, skip or stop between turns",
        description="Drill questions without touching the keyboard. After each answer's feedback say "
        "\"next\", \"again\" (answer the same question again), \"repeat\" (hear it again), \"skip\" or "
        "\"stop\". Right after a question you may also say \"repeat\", \"skip\" or \"stop\" instead of answering.",
    )
    p.add_argument(
        "--openers",
        action="store_true",
        help="drill the likely opening questions: Customer Obsession, Ownership, then the next most frequent",
    )
    p.add_argument("--lp", metavar="SLUG", help="drill one principle's questions")
    p.add_argument(
        "--reframe",
        metavar="STORY",
        help="tell one story from your story bank (id or name, see `lp-coach stories`) for two principles "
        "and check that the framing moved",
    )
    p.add_argument("--rounds", type=positive_int, default=5, metavar="N", help="answers to give, default 5")
    p.add_argument("--seed", type=int, help="repeatable question choice")
    add_voice_options(p)
    p.set_defaults(func=run)


def reframe_plan(config, story_ref: str):
    """The story and the two principles to tell it for; fails (one sentence) before any device opens.

    The first principle is the one the story was first told for; the second the most
    frequently asked principle it has not been told for yet, so the drill widens its
    coverage the way the guide's story bank advice asks (2 to 3 principles a story).
    """
    from ..errors import UsageError
    from ..questions import load_bank
    from ..store import Store
    from ..stories import answers_from_sessions, apply_overlay, build_bank, find_story, load_overlay

    bank = load_bank()
    stories = apply_overlay(build_bank(answers_from_sessions(Store(config.data_dir).sessions())),
                            load_overlay(config.data_dir))
    if not stories:
        raise UsageError("no stories yet to reframe; tell one first with `lp-coach practice`.")
    story = find_story(stories, story_ref)
    first = story.principles[0] if story.principles else bank.principles[0].slug
    second = next(p.slug for p in sorted(bank.principles, key=lambda p: p.rank)
                  if p.slug != first and p.slug not in story.principles)
    return story, [first, second]


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    if args.reframe:
        story, lps = reframe_plan(config, args.reframe)
        coach = open_coach(args, config)
        questions = [coach.bank.pick(coach.rng, lp=lp) for lp in lps]
        with running(coach):
            session = coach.reframe(story, questions)
        return finish(coach, session, "See `lp-coach stories`.")
    coach = open_coach(args, config)
    bank = coach.bank
    if args.openers:
        questions = bank.openers()
        if args.lp:
            questions = [q for q in questions if q.lp == args.lp] or bank.questions(args.lp)
    else:
        questions = []
        for _ in range(max(args.rounds, 5)):
            questions.append(bank.pick(coach.rng, lp=args.lp, exclude_ids=[q.id for q in questions]))
    with running(coach):
        session = coach.drill(questions, args.rounds)
    answered = sum(t.status == "complete" for t in session.turns)
    coach.console.info(f"Saved session {session.id}: {answered} answered.")
    return 0
