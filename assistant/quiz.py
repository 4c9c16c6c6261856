"""The guide's self-check questions, graded on their key points through the language layer.

``load_quiz`` reads ``assistant/data/quiz.toml``: each question from "Test Your
Understanding" in the guide "Amazon: Leadership Principles Deep Dive", with the key
points of its model answer.  ``grade(question, words)`` says which points an answer
covers.  A point is a set of concepts, each a list of alternative phrasings in the
language layer's phrase syntax; it is covered when all its concepts are heard within
``window`` tokens of one another.  Matching runs on the answer as the language layer
reads it (surface words and lemmas, so "conceded" meets "concede") and again with
spoken numbers as digits (``spoken_to_digits``: "eight to ten" meets "8 to 10"), so a
candidate is graded on the idea, not on reciting the guide's wording.  Pure code over
plain dataclasses; the CLI asks, listens and saves.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Sequence

from .errors import BankError, UsageError
from .language import Lexicon, Tokens, analyse, normalise, number_words, spoken_to_digits, tokenise
from .resources import data_file, read_toml

PASS_SHARE = 2 / 3  # "at least two thirds": two of the Backbone's three beats


@dataclass(frozen=True)
class KeyPoint:
    point: str  # the guide's idea, as the report and --json show it
    say: str  # how the coach names it aloud when it was missed
    concepts: tuple[Lexicon, ...]


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    question: str
    source: str
    points: tuple[KeyPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question}


@dataclass(frozen=True)
class Quiz:
    questions: tuple[QuizQuestion, ...]
    window: int

    def get(self, question_id: str) -> QuizQuestion:
        """A question by id; an unknown id is one sentence listing the ids."""
        for q in self.questions:
            if q.id == question_id.strip().lower():
                return q
        raise UsageError(
            f"no self-check question '{question_id}'; the ids are: {', '.join(q.id for q in self.questions)}."
        )


@functools.lru_cache(maxsize=1)
def load_quiz() -> Quiz:
    file = data_file("quiz.toml")
    raw = read_toml(file)
    questions = []
    try:
        window = int(raw["window"])
        for qd in raw["question"]:
            points = []
            for n, pd in enumerate(qd["point"], 1):
                where = f"{file}: question '{qd['id']}' point {n}"
                concepts = tuple(Lexicon.of(c, where) for c in pd["concepts"])
                if not concepts:
                    raise ValueError(f"{where} has no concepts")
                points.append(KeyPoint(str(pd["point"]), str(pd["say"]), concepts))
            questions.append(QuizQuestion(str(qd["id"]), str(qd["question"]), str(qd.get("source", "")), tuple(points)))
    except (KeyError, TypeError, ValueError) as exc:
        raise BankError(f"{file}: malformed quiz ({exc}); reinstall lp-coach.") from None
    if not questions or len({q.id for q in questions}) != len(questions):
        raise BankError(f"{file}: the quiz needs questions with distinct ids; reinstall lp-coach.")
    return Quiz(tuple(questions), window)


@dataclass(frozen=True)
class PointResult:
    point: str
    covered: bool
    evidence: str = ""  # the candidate's words that covered it

    def to_dict(self) -> dict[str, Any]:
        return {"point": self.point, "covered": self.covered}


@dataclass(frozen=True)
class QuizGrade:
    question_id: str
    question: str
    transcript: str
    points: tuple[PointResult, ...]

    @property
    def score(self) -> float:
        """The covered share of key points, 0..1."""
        return sum(p.covered for p in self.points) / len(self.points) if self.points else 0.0

    @property
    def passed(self) -> bool:
        return self.score >= PASS_SHARE - 1e-9

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.question_id, "question": self.question, "transcript": self.transcript,
                "points": [p.to_dict() for p in self.points], "score": round(self.score, 3)}


def _digit_tokens(words: Sequence[str]) -> Tokens:
    """The answer with spoken numbers as digits, as the language layer reads them."""
    toks = [t for w in words for t in normalise(w)]
    return tokenise(spoken_to_digits(toks, number_words()))


def _covered(point: KeyPoint, tokens: Tokens, window: int) -> str | None:
    """The words covering ``point`` (every concept heard within ``window`` tokens), or None."""
    hits = [tokens.hits(c) for c in point.concepts]
    if any(not h for h in hits):
        return None
    for t0, t1 in hits[0]:
        spans = [(t0, t1)]
        for others in hits[1:]:
            near = [s for s in others if abs(s[0] - t0) <= window]
            if not near:
                break
            spans.append(min(near, key=lambda s: abs(s[0] - t0)))
        else:
            lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
            return tokens.quote(lo, hi)
    return None


def grade(question: QuizQuestion, text: str, window: int | None = None) -> QuizGrade:
    """Which of ``question``'s key points the answer ``text`` covers."""
    window = load_quiz().window if window is None else window
    words = text.split()
    streams = [analyse(words).tokens, _digit_tokens(words)] if words else []
    results = []
    for point in question.points:
        evidence = next((e for e in (_covered(point, s, window) for s in streams) if e is not None), None)
        results.append(PointResult(point.point, evidence is not None, evidence or ""))
    return QuizGrade(question.id, question.question, " ".join(words), tuple(results))


def spoken_feedback(question: QuizQuestion, result: QuizGrade) -> str:
    """Brief: the score, then the missed points by name."""
    covered = sum(p.covered for p in result.points)
    head = f"{covered} of {len(result.points)} key points."
    missed = [kp.say for kp, p in zip(question.points, result.points) if not p.covered]
    if not missed:
        return f"{head} All covered."
    return f"{head} You missed: " + "; ".join(missed) + "."
