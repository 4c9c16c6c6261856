"""The numbers the report shows, computed from saved sessions: pure, no HTML.

Per answer: duration, words and fillers per minute, pitch range and sentence-end
fade (``turn_metrics``), each word's kind as the rubric reads it (``word_spans``).
Per session: turns, answers, checks passed (``summarize``, ``pass_rates_by_check``).
Across sessions: every answered turn oldest first (``progress``), the series the
progress charts draw, and the totals at the top of the page (``totals``).

The thresholds come from the rubric's data (``data/rubric.toml``) through
``rubric.load_rules``, and the words are read by the language layer, so the report
counts what the rubric counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from . import delivery
from .language import analyse, is_word, language_data, tokenise
from .rubric import hypothetical_clauses, load_rules
from .types import Session, Turn


def comfortable_wpm() -> tuple[float, float]:
    """The pace band the rubric passes (data/rubric.toml [pace] comfortable_wpm), drawn on the chart."""
    low, high = load_rules().raw["pace"]["comfortable_wpm"]
    return float(low), float(high)


# ----------------------------------------------------------- word kinds


def word_spans(words: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first word, end word, kind) for every coloured stretch of the answer, as the
    rubric reads it: fillers by its lexicon (and its not-after context), hypotheticals
    by the language layer's "would" clauses and the rubric's markers, numbers by the
    language layer's quantities (a number with its unit: "two days", "$2 million"),
    "I" and "we" by the language data's actors."""
    a = analyse(list(words))
    toks = a.tokens
    if not len(toks):
        return []
    rules = load_rules()
    kinds: list[str | None] = [None] * len(toks)

    def mark(t0: int, t1: int, kind: str) -> None:
        for k in range(t0, t1):
            if kinds[k] is None:
                kinds[k] = kind

    fillers = delivery.fillers(toks, rules.raw, rules.lex["fillers.words"], rules.not_after)
    for t0, t1 in fillers:
        mark(t0, t1, "filler")
    for c in hypothetical_clauses(a, rules):
        t0, v = a.clause_span(c)[0], a.verb_token(c)
        t0 = min(t0, v)
        # the subject and modal ("I would"), not the verb; a filler in between ends it
        t0 = max([t0] + [k + 1 for k in range(t0, v) if kinds[k] == "filler"])
        mark(t0, max(v, t0 + 1), "hypothetical")
    for t0, t1 in toks.hits(rules.lex["hypothetical.markers"]):
        mark(t0, t1, "hypothetical")
    for q in a.quantities:
        mark(q.t0, q.t1, "number")
    actors = language_data()["actors"]
    own, team = frozenset(actors["self"]), frozenset(actors["team"])
    for k, tok in enumerate(toks.tokens):
        pronoun = tok.split("'")[0]  # "i'm", "we've"
        if pronoun in own:
            mark(k, k + 1, "i")
        elif pronoun in team:
            mark(k, k + 1, "we")
    spans: list[tuple[int, int, str]] = []
    for k, kind in enumerate(kinds):
        if kind is None:
            continue
        w = toks.word_of[k]
        if not (spans and spans[-1][1] > w):  # a word split into tokens takes its first token's kind
            spans.append((w, w + 1, kind))
    return spans


def classify_words(words: Sequence[str]) -> list[str | None]:
    """The kind of each word (a key of ``WORD_KINDS``) or None."""
    kinds: list[str | None] = [None] * len(words)
    for start, end, kind in word_spans(words):
        for k in range(start, end):
            kinds[k] = kind
    return kinds


def _filler_count(words: Sequence[str]) -> int:
    rules = load_rules()
    return len(delivery.fillers(tokenise(list(words)), rules.raw, rules.lex["fillers.words"], rules.not_after))


# ---------------------------------------------------------- per answer


def answered(turn: Turn) -> bool:
    return bool(turn.transcript and turn.transcript.words) or bool(turn.evaluation)


def turn_metrics(turn: Turn) -> dict[str, float | None]:
    """Duration, words per minute and fillers per minute of one answer.

    The rubric's own numbers (``turn.evaluation.metrics``) win; otherwise they are
    computed from the words.
    """
    metrics = dict(turn.evaluation.metrics) if turn.evaluation else {}
    words = [w.text for w in turn.transcript.words if is_word(w.text)] if turn.transcript else []
    minutes = turn.duration_seconds / 60.0
    wpm = metrics.get("words_per_minute")
    if wpm is None and words and minutes > 0:
        wpm = len(words) / minutes  # a turn saved without the rubric's figure; guarded below
    if wpm is not None and wpm > float(load_rules().raw["pace"]["fault_wpm"]):
        wpm = None  # a turn saved before the guard: a recognition fault, not the candidate's pace
    fpm = metrics.get("fillers_per_minute")
    if fpm is None and words and minutes > 0:
        fpm = _filler_count(words) / minutes
    p = turn.transcript.prosody if turn.transcript else None
    return {
        "duration_seconds": turn.duration_seconds,
        "words_per_minute": wpm,
        "fillers_per_minute": fpm,
        # how it sounded (assistant/prosody.py); None for answers typed or saved before it was measured
        "pitch_range_st": p.pitch_range_st if p else None,
        "end_fade_db": max(0.0, p.end_fade_db) if p and p.end_fade_db is not None else None,
    }


@dataclass(frozen=True)
class SessionSummary:
    turns: int
    answered: int
    incomplete: int
    principles: tuple[str, ...]
    answer_seconds: float
    passed: int
    graded: int  # checks with a verdict (pass/warn/fail; n/a excluded)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None


def summarize(session: Session) -> SessionSummary:
    principles: list[str] = []
    for t in session.turns:
        if t.lp and t.lp not in principles:
            principles.append(t.lp)
    passed = graded = 0
    for t in session.turns:
        if t.evaluation:
            for c in t.evaluation.checks.values():
                if c.status != "n/a":
                    graded += 1
                    passed += c.status == "pass"
    return SessionSummary(
        turns=len(session.turns),
        answered=sum(answered(t) for t in session.turns),
        incomplete=sum(t.status == "incomplete" for t in session.turns),
        principles=tuple(principles),
        answer_seconds=sum(t.duration_seconds for t in session.turns),
        passed=passed,
        graded=graded,
    )


def pass_rates_by_check(session: Session) -> dict[str, float]:
    tally: dict[str, list[int]] = {}
    for t in session.turns:
        if t.evaluation:
            for cid, c in t.evaluation.checks.items():
                if c.status != "n/a":
                    got = tally.setdefault(cid, [0, 0])
                    got[0] += c.status == "pass"
                    got[1] += 1
    return {cid: p / n for cid, (p, n) in tally.items()}


# ------------------------------------------------------ across sessions


@dataclass(frozen=True)
class ProgressEntry:
    """One answered turn on the progress charts."""

    session: Session
    turn: Turn
    metrics: dict[str, float | None]  # turn_metrics(turn)
    first_in_session: bool  # the chart labels a session's first answer with its day
    focus: bool  # in the session the report is about


def progress(sessions: Sequence[Session], focus: Session | None) -> list[ProgressEntry]:
    """Every answered turn of ``sessions``, oldest session first, in turn order."""
    entries: list[ProgressEntry] = []
    for s in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        first = True
        for t in s.turns:
            if not answered(t):
                continue
            entries.append(ProgressEntry(s, t, turn_metrics(t), first, focus is not None and s.id == focus.id))
            first = False
    return entries


@dataclass(frozen=True)
class Totals:
    """The figures at the top of the report, over every session it charts."""

    sessions: int
    answers: int
    average_seconds: float
    within_target: int  # answers no longer than the target (and not empty)
    passed: int
    graded: int

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None


def totals(sessions: Sequence[Session], target_seconds: float) -> Totals:
    turns = [t for s in sessions for t in s.turns if answered(t)]
    summaries = [summarize(s) for s in sessions]
    return Totals(
        sessions=len(sessions),
        answers=len(turns),
        average_seconds=sum(t.duration_seconds for t in turns) / len(turns) if turns else 0.0,
        within_target=sum(1 for t in turns if 0 < t.duration_seconds <= target_seconds),
        passed=sum(s.passed for s in summaries),
        graded=sum(s.graded for s in summaries),
    )
