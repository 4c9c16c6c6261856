"""``lp-coach practice``: one question, feedback, a follow-up, saved."""

from __future__ import annotations

import argparse

from .common import add_voice_options, config_from_args, finish, open_coach, running


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "practice",
        help="one question -> your spoken answer -> feedback -> a follow-up, saved",
        description="Ask one Leadership Principle question aloud, listen to your answer, check it "
        "against what Amazon interviewers grade, speak feedback and a Bar-Raiser follow-up, "
        "listen to that answer too, and save the turn. End an answer by saying \"that's my answer\" "
        "(or \"I'm done\"), by staying silent for the silence window, or by pressing Enter. "
        "Settings come from config.toml in the data folder; flags override them.",
    )
    p.add_argument(
        "--lp",
        metavar="SLUG",
        help="principle to practise, e.g. dive-deep (default: picked by how often the guide says it is asked)",
    )
    p.add_argument("--seed", type=int, help="repeatable question choice")
    add_voice_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    coach = open_coach(args, config)
    with running(coach):
        session = coach.practice(args.lp)
    return finish(coach, session, f"Replay it with: lp-coach replay {session.id}")
