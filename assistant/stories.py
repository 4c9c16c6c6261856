"""The story bank: the candidate's saved answers grouped into stories, on disk and off.

``build_bank`` clusters saved answers into stories (average linkage at
``SAME_STORY_THRESHOLD``, so a story is not chained together through one ambiguous answer), names
each by its most salient shared phrase, and lists the principles it has been told
for.  A story's id is the key of its oldest answer (``<session id>-t<turn>``), so it
stays put as new answers join.  The candidate's renames and merges live in
``stories.toml`` in the data folder (written 0600, like everything there).

Whether two answers tell one story, and which numbers they disagree on, is
``story_match.py`` (pure, over transcripts); this module groups, names and counts
stories and lists each figure told two ways (``story_conflicts``).  ``load_overlay``,
``save_overlay``, ``rename`` and ``merge`` are the only functions that touch the disk.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import StoreError, UsageError
from .story_match import SAME_STORY_THRESHOLD, Quantity, differences, features, similarity
from .types import Principle, Session

OVERLAY_FILE = "stories.toml"


# -- the story bank -----------------------------------------------------------


@dataclass(frozen=True)
class AnswerRef:
    """One saved answer, as the story bank sees it."""

    session_id: str
    turn_index: int
    lp: str
    question: str
    text: str
    started_at: str = ""

    @property
    def key(self) -> str:
        """Stable identity of the answer, e.g. ``2026-11-26T18-40-01-t1``."""
        return f"{self.session_id}-t{self.turn_index}"


@dataclass(frozen=True)
class Story:
    """A cluster of answers telling one underlying story."""

    id: str  # the key of its oldest answer
    name: str
    answers: tuple[AnswerRef, ...]  # oldest first
    principles: tuple[str, ...]  # slugs it has been told for, in the order first told
    named: bool = False  # True once the candidate has named it
    conflicts: tuple["Conflict", ...] = ()  # filled by ``with_conflicts``

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "named": self.named,
            "principles": list(self.principles),
            "answers": [
                {"session_id": a.session_id, "turn": a.turn_index, "lp": a.lp, "question": a.question,
                 "started_at": a.started_at}
                for a in self.answers
            ],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


def answers_from_sessions(sessions: Iterable[Session]) -> list[AnswerRef]:
    """Every answered main question in saved sessions, its follow-up answers appended.

    A follow-up answer continues the same story with more detail, so it is folded into
    the answer it follows instead of standing as a (short, hard to match) story of its own.
    """
    out: list[AnswerRef] = []
    for session in sessions:
        current: dict[str, Any] | None = None
        for turn in session.turns:
            text = turn.transcript.text.strip() if turn.transcript else ""
            if turn.kind == "question":
                if current and current["text"]:
                    out.append(AnswerRef(**current))
                current = {"session_id": session.id, "turn_index": turn.index, "lp": turn.lp,
                           "question": turn.question, "text": text, "started_at": session.started_at}
            elif current is not None and text:
                current["text"] = f"{current['text']} {text}".strip()
        if current and current["text"]:
            out.append(AnswerRef(**current))
    return out


def _order_key(a: AnswerRef) -> tuple[str, str, int]:
    return (a.started_at, a.session_id, a.turn_index)


def build_bank(answers: Sequence[AnswerRef], threshold: float = SAME_STORY_THRESHOLD) -> list[Story]:
    """Cluster answers into stories, oldest story first.

    Average linkage: two groups merge while the mean similarity between their answers
    is at least ``threshold``, so one answer that happens to resemble two stories
    cannot glue them together.
    """
    items = sorted((a for a in answers if a.text.strip()), key=_order_key)
    clusters: list[list[int]] = [[i] for i in range(len(items))]
    sims = {(i, j): similarity(items[i].text, items[j].text) for i in range(len(items)) for j in range(i + 1, len(items))}

    def link(c1: list[int], c2: list[int]) -> float:
        return sum(sims[(min(i, j), max(i, j))] for i in c1 for j in c2) / (len(c1) * len(c2))

    while len(clusters) > 1:
        best, pair = -1.0, (0, 0)
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                s = link(clusters[x], clusters[y])
                if s > best:
                    best, pair = s, (x, y)
        if best < threshold:
            break
        x, y = pair
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]
    stories = []
    for c in clusters:
        members = tuple(items[i] for i in c)
        others = [items[i].text for i in range(len(items)) if i not in c]
        stories.append(_story(members, name=story_name([a.text for a in sorted(members, key=_order_key)], others)))
    return sorted(stories, key=lambda s: _order_key(s.answers[0]))


def _story(members: tuple[AnswerRef, ...], name: str | None = None, named: bool = False) -> Story:
    members = tuple(sorted(members, key=_order_key))
    principles: list[str] = []
    for a in members:
        if a.lp and a.lp not in principles:
            principles.append(a.lp)
    return Story(
        id=members[0].key,
        name=name if name is not None else story_name([a.text for a in members]),
        answers=members,
        principles=tuple(principles),
        named=named,
    )


def story_name(texts: Sequence[str], others: Sequence[str] = ()) -> str:
    """The most salient phrase the tellings share, as the candidate said it.

    Ranks the two-word phrases of the first telling by: how many tellings use it, how
    few *other* stories (``others``) use it, how distinctive its words are, how often
    it is said, and how early it comes.  "fraud scoring" names the checkout story
    better than "mobile checkout", which another checkout story may share.
    """
    feats = [features(t) for t in texts if t.strip()]
    if not feats:
        return "untitled story"
    other_feats = [features(t) for t in others if t.strip()]
    first = feats[0]
    ranked = []
    for term, w in first.terms.items():
        if " " not in term:
            continue
        members = sum(1 for f in feats if term in f.terms)
        elsewhere = sum(1 for f in other_feats if term in f.terms)
        said = sum(f.counts.get(term, 0) for f in feats)
        ranked.append(((members, -elsewhere, w, said, -first.order[term]), first.surface[term]))
    if not ranked:  # a one-word answer: its most distinctive word
        word = max(first.terms, key=lambda t: (first.terms[t], -first.order[t]), default=None)
        return first.surface[word] if word else "untitled story"
    return max(ranked, key=lambda r: r[0])[1]


@dataclass(frozen=True)
class Coverage:
    """Which of the most frequent principles have a story, per the guide's story-bank advice."""

    covered: dict[str, tuple[str, ...]]  # slug -> ids of stories told for it, rank order
    missing: tuple[str, ...]  # slugs with no story yet, most frequent first

    def to_dict(self) -> dict[str, Any]:
        return {"covered": {k: list(v) for k, v in self.covered.items()}, "missing": list(self.missing)}


def coverage(stories: Sequence[Story], principles: Sequence[Principle], top: int = 10) -> Coverage:
    """Coverage of the ``top`` principles by frequency rank.

    The guide: "target your story bank at roughly 8 to 10 stories that collectively
    cover the top 10 principles"; the missing ones come most frequent first, because
    that is the order in which a gap is likely to be probed.
    """
    ranked = sorted((p for p in principles if p.rank <= top), key=lambda p: p.rank)
    covered: dict[str, tuple[str, ...]] = {}
    missing: list[str] = []
    for p in ranked:
        ids = tuple(s.id for s in stories if p.slug in s.principles)
        if ids:
            covered[p.slug] = ids
        else:
            missing.append(p.slug)
    return Coverage(covered, tuple(missing))


# -- the candidate's renames and merges ---------------------------------------


@dataclass(frozen=True)
class Overlay:
    """Renames and merges, keyed by answer keys (a story id is its oldest answer's key)."""

    names: dict[str, str] = field(default_factory=dict)
    merges: tuple[tuple[str, str], ...] = ()  # (into, from)


def load_overlay(data_dir: Path) -> Overlay:
    path = Path(data_dir) / OVERLAY_FILE
    if not path.exists():
        return Overlay()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: not valid TOML ({exc}); fix it or delete it to drop your story names.") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror}); check its permissions.") from None
    names = data.get("names", {})
    merges = data.get("merge", [])
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
        raise StoreError(f"{path}: [names] must map story ids to names; fix it or delete it.")
    if not isinstance(merges, list) or not all(
        isinstance(m, dict) and isinstance(m.get("into"), str) and isinstance(m.get("from"), str) for m in merges
    ):
        raise StoreError(f"{path}: every [[merge]] needs 'into' and 'from' story ids; fix it or delete it.")
    return Overlay(dict(names), tuple((m["into"], m["from"]) for m in merges))


def save_overlay(data_dir: Path, overlay: Overlay) -> Path:
    """Write ``stories.toml`` atomically, readable by the owner only (recordings are private)."""
    folder = Path(data_dir)
    path = folder / OVERLAY_FILE
    lines = ["# lp-coach story bank: your names for stories and the stories you merged.", ""]
    lines.append("[names]")
    lines += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in sorted(overlay.names.items())]
    for into, frm in overlay.merges:
        lines += ["", "[[merge]]", f"into = {json.dumps(into)}", f"from = {json.dumps(frm)}"]
    tmp = path.with_name(path.name + ".tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be written ({exc.strerror}); check the data folder's permissions.") from None
    return path


def apply_overlay(stories: Sequence[Story], overlay: Overlay) -> list[Story]:
    """Stories with the candidate's merges, then names, applied.

    An overlay entry refers to a story through any answer key it contains, so a name
    survives the story gaining newer answers.
    """
    groups: list[list[Story]] = [[s] for s in stories]

    def find(key: str) -> int | None:
        for g, group in enumerate(groups):
            if any(key == s.id or key in {a.key for a in s.answers} for s in group):
                return g
        return None

    for into, frm in overlay.merges:
        gi, gf = find(into), find(frm)
        if gi is None or gf is None or gi == gf:
            continue  # an answer that was deleted: the merge has nothing left to do
        groups[gi] = groups[gi] + groups[gf]
        del groups[gf]

    out: list[Story] = []
    for group in groups:
        head = group[0]
        members = tuple(a for s in group for a in s.answers)
        story = _story(members, name=head.name if len(group) == 1 else None)
        # The merged story keeps the id the candidate merged into, so later commands can use it.
        story = replace(story, id=head.id)
        keys = {a.key for a in members} | {s.id for s in group}
        name = overlay.names.get(story.id) or next((v for k, v in overlay.names.items() if k in keys), None)
        if name is not None:
            story = replace(story, name=name, named=True)
        out.append(story)
    return sorted(out, key=lambda s: _order_key(s.answers[0]))


def find_story(stories: Sequence[Story], id_or_name: str) -> Story:
    """A story by id, by the key of any of its answers, or by (case-insensitive) name.

    Unknown -> UsageError listing the ids.  Answer keys work so an id from before a
    merge still finds the merged story.
    """
    for s in stories:
        if s.id == id_or_name:
            return s
    for s in stories:
        if any(a.key == id_or_name for a in s.answers):
            return s
    matches = [s for s in stories if s.name.lower() == id_or_name.strip().lower()]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(f"{s.id} ({s.name})" for s in stories) or "none yet"
    raise UsageError(f"no story '{id_or_name}'; the stories are: {known}.")


def rename(data_dir: Path, stories: Sequence[Story], story: str, name: str) -> list[Story]:
    """Name a story (by id or current name), save the overlay, return the renamed stories."""
    name = " ".join(name.split())
    if not name:
        raise UsageError("a story name cannot be empty; give it a few words, e.g. 'checkout latency'.")
    target = find_story(stories, story)
    overlay = load_overlay(data_dir)
    names = {k: v for k, v in overlay.names.items() if k not in {a.key for a in target.answers}}
    names[target.id] = name
    overlay = Overlay(names, overlay.merges)
    save_overlay(data_dir, overlay)
    return [replace(s, name=name, named=True) if s.id == target.id else s for s in stories]


def merge(data_dir: Path, stories: Sequence[Story], into: str, other: str) -> list[Story]:
    """Merge story ``other`` into story ``into`` (ids or names), save, return the new list."""
    a, b = find_story(stories, into), find_story(stories, other)
    if a.id == b.id:
        raise UsageError(f"'{into}' and '{other}' are already the same story.")
    overlay = load_overlay(data_dir)
    overlay = Overlay(overlay.names, overlay.merges + ((a.id, b.id),))
    save_overlay(data_dir, overlay)
    return apply_overlay(stories, Overlay(overlay.names, ((a.id, b.id),)))


# -- conflicts across tellings --------------------------------------------------
#
# The guide: the Bar Raiser "specifically looks for stories that contradict each
# other".  A mock round flags it on the spot (debrief.py); the story bank keeps the
# candidate honest across days: every pair of tellings of one story is compared with
# ``differences`` and each figure told two ways is listed with where each was said,
# until the candidate answers the practice question "which figure is right?".

CONFLICT_QUESTION_ID = "conflict"  # question_id of the practice turn that asks which figure is right


@dataclass(frozen=True)
class Conflict:
    """One fact of a story stated as two different figures, each with where it was said."""

    topic: str
    first: str  # the figure as first said ("30%")
    first_said: AnswerRef
    second: str
    second_said: AnswerRef
    settled: str | None = None  # the figure the candidate said is right, once asked

    def question(self, story_name: str) -> str:
        """The practice turn's question: both figures, when each was said."""
        about = f" ({self.topic})" if self.topic else ""
        return (
            f"About your {story_name} story: on {_day(self.first_said)} you said {self.first}{about}, "
            f"and on {_day(self.second_said)} {self.second}. Which figure is right, and how did you measure it?"
        )

    def summary(self) -> str:
        """One line for ``stories`` and ``plan``: both figures and where each was said."""
        about = f"{self.topic}: " if self.topic else ""
        return (f"{about}{self.first} ({_day(self.first_said)}, {self.first_said.lp}) vs "
                f"{self.second} ({_day(self.second_said)}, {self.second_said.lp})")

    def to_dict(self) -> dict[str, Any]:
        def where(figure: str, a: AnswerRef) -> dict[str, Any]:
            return {"figure": figure, "session_id": a.session_id, "turn": a.turn_index, "lp": a.lp,
                    "question": a.question, "started_at": a.started_at}

        return {"topic": self.topic, "figures": [where(self.first, self.first_said), where(self.second, self.second_said)],
                "settled": self.settled}


def _day(a: AnswerRef) -> str:
    return a.started_at[:10] or a.session_id[:10]


def story_conflicts(story: Story, settlements: Sequence[tuple[str, str]] = ()) -> tuple[Conflict, ...]:
    """The figures ``story``'s tellings disagree on, oldest pair first, one entry per pair of values.

    ``settlements`` are (question, answer) texts of earlier "which figure is right"
    turns: a conflict whose two figures that question named is settled by the one
    figure the answer states (an answer naming both, or neither, settles nothing).
    """
    found: list[Conflict] = []
    seen: set[tuple[str, float, float]] = set()
    tellings = list(story.answers)
    for i, a in enumerate(tellings):
        for b in tellings[i + 1:]:
            for d in differences(a.text, b.text, assume_same=True):
                lo, hi = sorted((d.before.rounded, d.after.rounded))
                key = (d.before.dim, lo, hi)
                if key in seen:
                    continue
                seen.add(key)
                found.append(Conflict(d.topic, d.before.display, a, d.after.display, b,
                                      _settled(d.before, d.after, settlements)))
    return tuple(found)


def _settled(x: Quantity, y: Quantity, settlements: Sequence[tuple[str, str]]) -> str | None:
    verdict = None
    for question, answer in settlements:
        asked = features(question).quantities
        if not (any(q.same_value(x) for q in asked) and any(q.same_value(y) for q in asked)):
            continue
        said = features(answer).quantities
        has_x, has_y = any(q.same_value(x) for q in said), any(q.same_value(y) for q in said)
        if has_x != has_y:
            verdict = x.display if has_x else y.display  # the latest answer wins
    return verdict


def settlements_from_sessions(sessions: Iterable[Session]) -> list[tuple[str, str]]:
    """(question, answer) of every answered "which figure is right" turn, oldest first."""
    out = []
    for session in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        for turn in session.turns:
            if turn.question_id == CONFLICT_QUESTION_ID and turn.transcript and turn.transcript.text.strip():
                out.append((turn.question, turn.transcript.text))
    return out


def with_conflicts(stories: Sequence[Story], sessions: Iterable[Session]) -> list[Story]:
    """The stories with their ``conflicts`` filled in from the saved sessions."""
    settled = settlements_from_sessions(sessions)
    return [replace(s, conflicts=story_conflicts(s, settled)) for s in stories]


def open_conflicts(story: Story) -> tuple[Conflict, ...]:
    return tuple(c for c in story.conflicts if c.settled is None)
