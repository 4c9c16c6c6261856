"""``lp-coach mock``: a behavioral round with follow-up probes and a Bar Raiser debrief."""

from __future__ import annotations

import argparse

from .common import add_voice_options, config_from_args, finish, open_coach, positive_int, running


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "mock",
        help="a behavioral round: N questions on assigned principles, probes, a Bar Raiser debrief",
        description="A hands-free mock behavioral round. Principles are assigned by how often the guide "
        "says they are asked; each answer gets one or two follow-up probes on its weak spots; at the end "
        "the coach speaks and saves a debrief: inclined / not inclined per principle, the Bar Raiser's "
        "verdict, and flags such as a story told twice or told with different numbers.",
    )
    p.add_argument("--questions", type=positive_int, default=4, metavar="N", help="questions in the round, default 4")
    p.add_argument("--seed", type=int, help="repeatable choice of principles and questions")
    add_voice_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    coach = open_coach(args, config)
    with running(coach):
        session = coach.mock(args.questions)
    return finish(coach, session, f"Report: lp-coach report {session.id} --out mock.html")
