"""``lp-coach drill``: hands-free drilling with voice commands between turns."""

from __future__ import annotations

import argparse

from .common import add_voice_options, config_from_args, open_coach, positive_int, running


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
    p.add_argument("--rounds", type=positive_int, default=5, metavar="N", help="answers to give, default 5")
    p.add_argument("--seed", type=int, help="repeatable question choice")
    add_voice_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
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
