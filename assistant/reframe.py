"""The reframing drill's verdict: the same story, told for two principles, with its framing moved.

The guide's self-check: "The underlying story (situation, actions, result) stays the
same, but the foreground shifts. For Customer Obsession, the opening sentence and
the reflection emphasise the customer impact ... For Dive Deep, the same story
foregrounds the diagnostic depth."  So two checks, as pure functions over text:

- same story: each telling is recognised as the chosen story by the story bank's
  identity measure (``stories.similarity`` against its saved tellings);
- framing moved: in each telling the opening sentence and the closing sentence (the
  reflection) carry more of the asked principle's beats (the rubric's framing
  keywords, rubric.toml) than of the other principle's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .language import analyse
from .rubric import load_rules
from .stories import SAME_STORY_THRESHOLD, Story, similarity


@dataclass(frozen=True)
class Telling:
    lp: str
    text: str


@dataclass(frozen=True)
class TellingVerdict:
    lp: str
    same_story: bool
    similarity: float
    own_beats: int  # the asked principle's beats in the opening and closing sentences
    other_beats: int  # the other principle's beats there

    @property
    def foregrounded(self) -> bool:
        return self.own_beats > self.other_beats


@dataclass(frozen=True)
class ReframeVerdict:
    tellings: tuple[TellingVerdict, ...]

    @property
    def same_story(self) -> bool:
        return all(t.same_story for t in self.tellings)

    @property
    def moved(self) -> bool:
        return len(self.tellings) == 2 and all(t.foregrounded for t in self.tellings)


def _edges(text: str) -> list[tuple[int, int]]:
    """Token spans of the opening and the closing sentence."""
    a = analyse(text.split())
    toks = a.tokens
    if not a.sentences:
        return [(0, len(toks))]
    ft = toks.first_token

    def span(w0: int, w1: int) -> tuple[int, int]:
        return ft[w0] if w0 < len(ft) else len(toks), ft[w1] if w1 < len(ft) else len(toks)

    first, last = a.sentences[0], a.sentences[-1]
    return [span(*first)] if first == last else [span(*first), span(*last)]


def _beats(text: str, lp: str) -> int:
    lexicon = load_rules().framing.get(lp)
    if lexicon is None:
        return 0
    toks = analyse(text.split()).tokens
    return sum(len(toks.hits(lexicon, lo, hi)) for lo, hi in _edges(text))


def judge(story: Story, tellings: Sequence[Telling]) -> ReframeVerdict:
    """Whether each telling is ``story`` and foregrounds its own principle over the other's."""
    lps = [t.lp for t in tellings]
    out = []
    for t in tellings:
        other = next((lp for lp in lps if lp != t.lp), "")
        sim = max((similarity(t.text, a.text) for a in story.answers), default=0.0)
        out.append(TellingVerdict(t.lp, sim >= SAME_STORY_THRESHOLD, sim, _beats(t.text, t.lp),
                                  _beats(t.text, other) if other else 0))
    return ReframeVerdict(tuple(out))


def spoken_verdict(verdict: ReframeVerdict, names: dict[str, str], story_name: str) -> str:
    """What the coach says at the end of the drill: brief, the fix first."""
    if not verdict.same_story:
        off = [names.get(t.lp, t.lp) for t in verdict.tellings if not t.same_story]
        return (f"That did not sound like your {story_name} story when told for {', '.join(off)}: "
                "keep the same situation, actions and numbers, and move only the foreground.")
    if verdict.moved:
        return ("Same story, and the framing moved: each telling opened and closed on the principle asked. "
                "Both framings are honest because both beats are true.")
    flat = [names.get(t.lp, t.lp) for t in verdict.tellings if not t.foregrounded]
    return (f"Same story, but for {', '.join(flat)} the opening and the reflection did not lead with that principle: "
            "change the first sentence and the lesson, not the facts.")
