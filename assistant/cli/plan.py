"""``lp-coach plan [--json] [--speak]``: the guide's 8-hour plan, tracked from saved data."""

from __future__ import annotations

import argparse
import json

from ..config import load_config

_MARKS = {"todo": "[ ]", "in_progress": "[~]", "done": "[x]"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan",
        help="the guide's 8-hour preparation plan: what you have done, what is next",
        description="The 8-hour plan from the guide, each hour's status (todo, in progress, done) "
        "computed from your saved answers, story bank and self-check quiz results, with the evidence, "
        "then the one next thing to do.",
    )
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.add_argument("--speak", action="store_true", help="also say the next thing to do aloud")
    p.set_defaults(func=run)


def gather(config):
    """The plan's inputs from the data folder: sessions, the story bank with conflicts, quiz results."""
    from ..plan import PlanInputs, QuizQuestionRef
    from ..questions import load_bank
    from ..quiz import load_quiz
    from ..store import Store
    from ..stories import answers_from_sessions, apply_overlay, build_bank, load_overlay, with_conflicts

    bank = load_bank()
    store = Store(config.data_dir)
    sessions = store.sessions()
    stories = apply_overlay(build_bank(answers_from_sessions(sessions)), load_overlay(config.data_dir))
    stories = with_conflicts(stories, sessions)
    best: dict[str, float] = {}
    for r in store.quiz_results():
        best[r["id"]] = max(best.get(r["id"], 0.0), float(r["score"]))
    quiz = load_quiz()
    return PlanInputs(
        sessions=sessions,
        stories=stories,
        principles=bank.principles,
        quiz_questions=[QuizQuestionRef(q.id, q.question) for q in quiz.questions],
        quiz_best=best,
    )


def run(args: argparse.Namespace) -> int:
    from ..plan import compute_plan

    config = load_config()
    plan = compute_plan(gather(config))
    if args.json:
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    else:
        for h in plan.hours:
            print(f"{_MARKS[h.status]} Hour {h.hour}: {h.task}")
            for line in h.evidence:
                print(f"      {line}")
        print(f"\nNext: {plan.next}")
    if args.speak:
        from ..console import Console
        from ..tts import open_speaker

        speaker = open_speaker(config.speech, config.audio, Console().warn)
        speaker.say(plan.next)
    return 0
