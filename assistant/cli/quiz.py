"""``lp-coach quiz [--list] [--id ID] [--json]``: the guide's self-check questions, asked aloud."""

from __future__ import annotations

import argparse
import json
import sys

from .common import add_voice_options, config_from_args, open_coach, running

LISTENING = "(listening — say \"that's my answer\" or stay silent to finish)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quiz",
        help="the guide's self-check questions, asked aloud and graded on their key points",
        description="Asks the self-check questions from the guide aloud, listens to your answer (or reads "
        "--input), grades it on the question's key points (the ideas, in your own words) and says the points "
        "you missed. Results are saved and show up in `lp-coach plan` (hour 1) and the report.",
    )
    p.add_argument("--list", action="store_true", help="list the questions and their ids")
    p.add_argument("--id", metavar="ID", help="ask one question (ids from --list)")
    p.add_argument("--json", action="store_true", help="print the list or the graded answers as JSON")
    add_voice_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..console import Console
    from ..quiz import grade, load_quiz, spoken_feedback

    quiz = load_quiz()
    # An unknown id fails here, before the microphone or the model is touched.
    questions = [quiz.get(args.id)] if args.id else list(quiz.questions)
    if args.list:
        if args.json:
            print(json.dumps([q.to_dict() for q in questions], indent=2, ensure_ascii=False))
        else:
            for q in questions:
                print(f"{q.id:14} {q.question}")
        return 0
    config = config_from_args(args)
    # With --json, stdout is the JSON alone; what the coach says goes to stderr.
    console = Console(out=sys.stderr) if args.json else Console()
    coach = open_coach(args, config, console)
    results = []
    with running(coach):
        for number, q in enumerate(questions, 1):
            console.info(f"\nSelf-check {number}/{len(questions)} ({q.id})")
            coach.say(q.question)
            coach.speaker.cue()
            answer = coach.listen(None, None, prompt=LISTENING)
            if answer is not None and answer.transcript is None:
                coach.say(f"I didn't hear an answer. {q.question}")
                coach.speaker.cue()
                answer = coach.listen(None, None, prompt=LISTENING)
            if answer is None or answer.transcript is None:
                coach.say("No answer heard; stopping the quiz here. Your earlier answers are saved.")
                break
            result = grade(q, answer.transcript.text)
            saved = coach.store.save_quiz_result(result.to_dict())
            results.append(saved)
            console.info(f"You said: {result.transcript}")
            for p in result.points:
                console.info(f"  {'✓' if p.covered else '✗'} {p.point}" + (f"  (\"{p.evidence}\")" if p.evidence else ""))
            coach.say(spoken_feedback(q, result))
    if args.json:
        print(json.dumps({"questions": [{k: r[k] for k in ("id", "question", "transcript", "points", "score")}
                                        for r in results]}, indent=2, ensure_ascii=False))
    if not results:
        console.warn("I didn't hear an answer, so nothing was graded; check the microphone with `lp-coach doctor`.")
        return 1
    mean = sum(r["score"] for r in results) / len(results)
    console.info(f"\nSelf-check: {len(results)} answered, {mean:.0%} of key points covered. Saved; see `lp-coach plan`.")
    return 0
