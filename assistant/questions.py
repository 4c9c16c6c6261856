"""The question bank: the 16 Leadership Principles, their prompts and follow-up probes.

The bank is data (``prompts/*.toml``, one file per principle, shipped in the wheel as
the package data ``assistant.prompts`` and read through :mod:`assistant.resources`; or
the folder named by ``$LP_COACH_PROMPTS``); this module only loads, validates and
queries it.  Each file
holds one ``[principle]`` table, ``[[question]]`` entries (kind ``question``) and
``[[probe]]`` entries (kind ``follow_up``), every entry with a stable explicit ``id``
because saved sessions refer to questions by id.

Tags the rest of the coach relies on:

- ``opener``: a likely first question of a round (the guide: Customer Obsession is
  "often the opening question"; CO and Ownership "are the most likely opening
  questions").
- ``failure``: the answer must own a real mistake, so the ``real_failure`` check applies.
- ``check:<check id>`` (probes only): the weak spot the probe digs into, so the
  follow-up chooser can ask "How did you measure that?" after a thin number.

Weighting of :meth:`QuestionBank.pick` when no principle is asked for: a principle is
drawn with probability proportional to its ``weight`` from its file (a number that
translates the guide's frequency words: "almost every loop" 1.0, "nearly every loop"
0.9, "most loops" 0.75-0.65, "most senior loops" 0.5, "common" 0.35-0.3, "less
common" 0.2, "occasional" 0.1-0.08, the two newer principles 0.05), then one of its
questions uniformly.  Weighting principles rather than questions keeps a principle
with many prompts from being over-asked.  With the shipped weights Customer
Obsession is drawn about 15% of the time and Frugality about 1.5%.
"""

from __future__ import annotations

import functools
import os
import random
import re
import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Collection

from .errors import BankError, UsageError
from .resources import prompts_folder
from .types import CHECK_IDS, Principle, Question

PROMPTS_ENV = "LP_COACH_PROMPTS"

# The contract's slugs (docs/ARCHITECTURE.md), in the guide's frequency order.  A bank file
# naming any other slug is a typo that would silently orphan its questions.
SLUGS: tuple[str, ...] = (
    "customer-obsession",
    "ownership",
    "bias-for-action",
    "dive-deep",
    "deliver-results",
    "have-backbone-disagree-and-commit",
    "earn-trust",
    "insist-on-the-highest-standards",
    "invent-and-simplify",
    "learn-and-be-curious",
    "are-right-a-lot",
    "think-big",
    "frugality",
    "hire-and-develop-the-best",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
)

# A probe tagged with a check id not in CHECK_IDS (types.py) would never be chosen.

QUESTION_TAGS: tuple[str, ...] = ("opener", "failure")

# The floor: the guide gives three prompts for each of the 14 principles in its
# table; the two newer principles need at least two.  Fewer makes repeats in a drill
# too likely and leaves the follow-up chooser nothing to choose from.
MIN_QUESTIONS = 2
MIN_PROBES = 2

_PRINCIPLE_KEYS = {"slug", "name", "rank", "weight", "frequency_note", "listens_for"}
_ENTRY_KEYS = {"id", "text", "tags"}


def slugify(name: str) -> str:
    """docs/ARCHITECTURE.md's slug rule: lower case, apostrophes and punctuation dropped, words joined by '-'."""
    text = name.lower().replace("'", "").replace("\u2019", "")
    return "-".join(re.findall(r"[a-z0-9]+", text))


def check_tags(question: Question) -> tuple[str, ...]:
    """The check ids a probe is tagged with (``check:quantified_result`` -> ``quantified_result``)."""
    return tuple(t.split(":", 1)[1] for t in question.tags if t.startswith("check:"))


@dataclass(frozen=True)
class _Entry:
    principle: Principle
    weight: float
    questions: tuple[Question, ...]
    probes: tuple[Question, ...]


class QuestionBank:
    """All principles (ordered by rank), their questions and their probes."""

    def __init__(self, entries: list[_Entry], source: Traversable) -> None:
        ordered = sorted(entries, key=lambda e: e.principle.rank)
        self.source = source
        self.principles: tuple[Principle, ...] = tuple(e.principle for e in ordered)
        self._entries = {e.principle.slug: e for e in ordered}
        self._by_id: dict[str, Question] = {}
        for e in ordered:
            for q in e.questions + e.probes:
                self._by_id[q.id] = q

    # -- lookup ---------------------------------------------------------------

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(p.slug for p in self.principles)

    @property
    def weights(self) -> dict[str, float]:
        """Relative pick weight per slug (see the module docstring)."""
        return {slug: e.weight for slug, e in self._entries.items()}

    def principle(self, slug_or_name: str) -> Principle:
        """A principle by slug or full name, case-insensitively ("Are Right, A Lot" works)."""
        entry = self._entries.get(slugify(slug_or_name))
        if entry is None:
            raise UsageError(
                f"unknown principle '{slug_or_name}'; use one of: {', '.join(self.slugs)}."
            )
        return entry.principle

    def name(self, slug_or_name: str) -> str:
        """A principle's full name ("Are Right, A Lot"); a slug the bank does not know
        (a turn saved from an older bank) is shown as it was saved."""
        entry = self._entries.get(slugify(slug_or_name))
        return entry.principle.name if entry is not None else slug_or_name

    def get(self, question_id: str) -> Question:
        try:
            return self._by_id[question_id]
        except KeyError:
            raise UsageError(
                f"unknown question id '{question_id}'; 'lp-coach questions' lists every id."
            ) from None

    def find_text(self, text: str) -> Question | None:
        """The bank's question whose wording matches ``text`` (case and punctuation ignored).

        Lets ``score --question TEXT`` recover the tags (e.g. ``failure``) of a known prompt.
        """
        wanted = slugify(text)
        for q in self._by_id.values():
            if slugify(q.text) == wanted:
                return q
        return None

    # -- listings -------------------------------------------------------------

    def questions(self, lp: str | None = None) -> list[Question]:
        """Main questions (kind ``question``), in rank order then file order."""
        if lp is not None:
            return list(self._entries[self.principle(lp).slug].questions)
        return [q for e in self._entries.values() for q in e.questions]

    def probes(self, lp: str | None = None) -> list[Question]:
        """Follow-up probes (kind ``follow_up``) for one principle, or all of them."""
        if lp is not None:
            return list(self._entries[self.principle(lp).slug].probes)
        return [q for e in self._entries.values() for q in e.probes]

    def openers(self) -> list[Question]:
        """Opener questions: Customer Obsession, then Ownership, then by frequency rank."""
        return [q for q in self.questions() if "opener" in q.tags]

    # -- choice ---------------------------------------------------------------

    def pick(
        self,
        rng: random.Random,
        lp: str | None = None,
        exclude_ids: Collection[str] = (),
    ) -> Question:
        """One question, avoiding ``exclude_ids`` while any alternative is left.

        With ``lp`` the choice is uniform among that principle's questions.  Without it,
        a principle is drawn by weight among those with a question left, then one of
        its questions uniformly.  When everything eligible is excluded, repeats are
        allowed again rather than failing: a long drill simply starts over.
        """
        excluded = set(exclude_ids)
        if lp is not None:
            pool = self.questions(lp)
            fresh = [q for q in pool if q.id not in excluded]
            return rng.choice(fresh or pool)
        by_slug = {
            slug: [q for q in e.questions if q.id not in excluded] for slug, e in self._entries.items()
        }
        by_slug = {slug: qs for slug, qs in by_slug.items() if qs}
        if not by_slug:
            by_slug = {slug: list(e.questions) for slug, e in self._entries.items()}
        slugs = list(by_slug)
        slug = rng.choices(slugs, weights=[self._entries[s].weight for s in slugs])[0]
        return rng.choice(by_slug[slug])

    # -- output ---------------------------------------------------------------

    def to_list(self, lp: str | None = None) -> list[dict[str, Any]]:
        """The bank as plain data (``questions --json``)."""
        slugs = [self.principle(lp).slug] if lp is not None else list(self.slugs)
        out = []
        for slug in slugs:
            e = self._entries[slug]
            d = e.principle.to_dict()
            d["weight"] = e.weight
            d["questions"] = [q.to_dict() for q in e.questions]
            d["probes"] = [q.to_dict() for q in e.probes]
            out.append(d)
        return out


# -- loading ------------------------------------------------------------------


def default_folder() -> Traversable:
    """``$LP_COACH_PROMPTS`` when set, else the bank shipped with the package."""
    env = os.environ.get(PROMPTS_ENV)
    return Path(env).expanduser() if env else prompts_folder()


def load_bank(folder: Path | None = None) -> QuestionBank:
    """Load and validate every ``*.toml`` in ``folder`` (cached per folder)."""
    source = Path(folder) if folder is not None else default_folder()
    # A folder on disk is cached by its resolved path; the packaged bank (None) once,
    # since inside a zip it has no filesystem path to resolve.
    return _load_cached(str(source.resolve()) if isinstance(source, Path) else None)


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str | None) -> QuestionBank:
    return _load(prompts_folder() if folder is None else Path(folder))


load_bank.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]


def principle_name(slug: str) -> str:
    """The full name of a principle from the bank (the one source of principle names);
    a slug the bank does not know, or a bank that cannot be loaded, shows the slug."""
    try:
        return load_bank().name(slug)
    except BankError:
        return slug


def _load(folder: Traversable) -> QuestionBank:
    if not folder.is_dir():
        raise BankError(
            f"{folder}: the question-bank folder does not exist; point {PROMPTS_ENV} at a folder of prompt files."
        )
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml") and f.is_file()), key=lambda f: f.name)
    if not files:
        raise BankError(f"{folder}: no *.toml question files found; point {PROMPTS_ENV} at the prompts folder.")
    entries: list[_Entry] = []
    seen_ids: dict[str, Traversable] = {}
    seen_slugs: dict[str, Traversable] = {}
    seen_ranks: dict[int, Traversable] = {}
    for path in files:
        entry = _parse_file(path)
        slug, rank = entry.principle.slug, entry.principle.rank
        if slug in seen_slugs:
            raise BankError(f"{path}: principle '{slug}' is already defined in {seen_slugs[slug].name}.")
        if rank in seen_ranks:
            raise BankError(f"{path}: rank {rank} is already used by {seen_ranks[rank].name}; ranks must be unique.")
        seen_slugs[slug], seen_ranks[rank] = path, path
        for q in entry.questions + entry.probes:
            if q.id in seen_ids:
                raise BankError(f"{path}: duplicate id '{q.id}' (also in {seen_ids[q.id].name}).")
            seen_ids[q.id] = path
        entries.append(entry)
    missing = [s for s in SLUGS if s not in seen_slugs]
    if missing:
        raise BankError(f"{folder}: the bank has no file for {', '.join(missing)}; every principle needs one.")
    # The weights encode the guide's frequency order; one rising with rank is a typo.
    ordered = sorted(entries, key=lambda e: e.principle.rank)
    for before, after in zip(ordered, ordered[1:]):
        if after.weight > before.weight:
            raise BankError(
                f"{seen_slugs[after.principle.slug]}: weight {after.weight} is higher than the weight of the "
                f"more frequent '{before.principle.slug}' ({before.weight}); weights must not rise with rank."
            )
    return QuestionBank(entries, folder)


def _parse_file(path: Traversable) -> _Entry:
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{path}: not valid TOML ({exc}).") from None
    except UnicodeDecodeError:
        raise BankError(f"{path}: not UTF-8 text.") from None
    except OSError as exc:
        raise BankError(f"{path}: cannot be read ({exc.strerror}).") from None

    unknown = set(data) - {"principle", "question", "probe"}
    if unknown:
        raise BankError(f"{path}: unknown section '{sorted(unknown)[0]}'; use [principle], [[question]] and [[probe]].")
    table = data.get("principle")
    if not isinstance(table, dict):
        raise BankError(f"{path}: missing the [principle] table.")
    principle, weight = _parse_principle(path, table)

    questions = tuple(_parse_entry(path, principle.slug, "question", i, d) for i, d in enumerate(_entries(path, data, "question")))
    probes = tuple(_parse_entry(path, principle.slug, "follow_up", i, d) for i, d in enumerate(_entries(path, data, "probe")))
    if len(questions) < MIN_QUESTIONS:
        raise BankError(
            f"{path}: '{principle.slug}' has {len(questions)} [[question]] entries; at least {MIN_QUESTIONS} are needed."
        )
    if len(probes) < MIN_PROBES:
        raise BankError(f"{path}: '{principle.slug}' has {len(probes)} [[probe]] entries; at least {MIN_PROBES} are needed.")
    return _Entry(principle, weight, questions, probes)


def _parse_principle(path: Traversable, t: dict[str, Any]) -> tuple[Principle, float]:
    for key in ("slug", "name", "rank", "weight", "frequency_note", "listens_for"):
        if key not in t:
            raise BankError(f"{path}: [principle] is missing the key '{key}'.")
    extra = set(t) - _PRINCIPLE_KEYS
    if extra:
        raise BankError(f"{path}: [principle] has an unknown key '{sorted(extra)[0]}'.")
    slug, name, rank, weight = t["slug"], t["name"], t["rank"], t["weight"]
    if not isinstance(slug, str) or slug not in SLUGS:
        raise BankError(f"{path}: unknown principle slug {slug!r}; use one of: {', '.join(SLUGS)}.")
    if not isinstance(name, str) or slugify(name) != slug:
        raise BankError(f"{path}: name {name!r} does not match slug '{slug}'.")
    if isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= len(SLUGS):
        raise BankError(f"{path}: rank must be a whole number from 1 to {len(SLUGS)}, not {rank!r}.")
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
        raise BankError(f"{path}: weight must be a positive number, not {weight!r}.")
    note, listens = t["frequency_note"], t["listens_for"]
    if not isinstance(note, str):
        raise BankError(f"{path}: frequency_note must be a string.")
    if not isinstance(listens, list) or not listens or not all(isinstance(x, str) and x.strip() for x in listens):
        raise BankError(f"{path}: listens_for must be a non-empty list of strings.")
    return Principle(slug, name, rank, tuple(listens), note), float(weight)


def _entries(path: Traversable, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(d, dict) for d in items):
        raise BankError(f"{path}: '{key}' must be written as [[{key}]] tables.")
    return items


def _parse_entry(path: Traversable, slug: str, kind: str, index: int, d: dict[str, Any]) -> Question:
    label = f"[[{'question' if kind == 'question' else 'probe'}]] number {index + 1}"
    for key in ("id", "text"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise BankError(f"{path}: {label} is missing the key '{key}'.")
    extra = set(d) - _ENTRY_KEYS
    if extra:
        raise BankError(f"{path}: {label} ('{d['id']}') has an unknown key '{sorted(extra)[0]}'.")
    tags = d.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BankError(f"{path}: {label} ('{d['id']}'): tags must be a list of strings.")
    for tag in tags:
        if tag.startswith("check:"):
            if tag[6:] not in CHECK_IDS:
                raise BankError(f"{path}: '{d['id']}' has unknown check tag '{tag}'; known checks: {', '.join(CHECK_IDS)}.")
        elif tag not in QUESTION_TAGS:
            raise BankError(f"{path}: '{d['id']}' has unknown tag '{tag}'; use {', '.join(QUESTION_TAGS)} or check:<id>.")
    if kind == "follow_up" and not any(t.startswith("check:") for t in tags):
        raise BankError(f"{path}: probe '{d['id']}' needs a check:<id> tag naming the weak spot it probes.")
    return Question(text=d["text"].strip(), lp=slug, kind=kind, tags=tuple(tags), id=d["id"])  # type: ignore[arg-type]
