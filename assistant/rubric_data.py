"""The rubric's data: ``data/rubric.toml`` read, validated and compiled once.

Every lexicon and threshold the rubric (``assistant.rubric``, the per-principle
checks in ``assistant.rubric_principles``, ``assistant.delivery``) and the
feedback use lives in that file, each citing the guide "Amazon: Leadership
Principles Deep Dive"; this module only checks its shape and compiles its
phrases.  ``assistant.rubric`` re-exports ``Rules``, ``load_rules`` and
``check_label``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import BankError
from .language import Lexicon
from .resources import data_file
from .types import CHECK_IDS

# --------------------------------------------------------------------------- data

# lexicons: section -> keys; the second element says whether lemmas match too
# ("own" matches "owned"); fillers and hypothetical markers match the words said.
_LEXICONS: dict[str, tuple[list[str], bool]] = {
    "fillers": (["words"], False),
    "hypothetical": (["markers", "switch"], False),
    "result": (["cues", "purpose", "team_outcomes", "openers", "conclusive_openers", "empty", "stops", "stated_first", "stated_before", "stepped_back"], True),
    "business": (["terms", "engineering", "people", "colleagues", "shared", "system_parts", "system_modifiers", "own_achievements"], True),
    "reflection": (["concrete", "generic", "experience", "frequency_only", "changed", "lesson_openers", "change_openers"], False),
    "self_driven": (["directed", "decided", "initiative", "directed_again", "decided_again", "refused"], False),
    "backbone": (["disagreement", "evidence", "concession", "commit", "close", "trivial", "trivial_public", "stakes", "no_commit", "silent", "voiced", "own_claim"], True),
    "real_failure": (["question_markers", "owned", "not_owned", "team_owned", "cost", "spin", "blamed", "minimised", "judged"], False),
    "develop_others": (["question", "beats", "self_grown", "hiring"], True),
    "feedback_given": (["question"], False),
    "framing": (["admits_question", "candour"], False),
    "long_term": (["one_off", "lasting", "framed", "handed_back"], True),
    "star": (["vague"], False),
}
# numbers each section must carry
_NUMBERS = {
    "length": ["fail_below", "warn_below", "warn_above", "fail_above"],
    "fillers": ["ok_per_min", "harmful_per_min"],
    "pauses": ["long_gap_s", "gap_s", "several"],
    "pace": ["fault_wpm"],
    "business": ["bare_amount_min"],
    "i_vs_we": ["fail_share", "fail_min_we", "fail_max_i", "warn_share", "warn_min_we", "situation_share"],
    "delegation": ["warn_ratio", "warn_min", "fail_ratio", "fail_min"],
    "hypothetical": ["fail_min", "warn_min", "reflection_zone_from"],
    "result": ["search_from", "zone_lookback", "zone_subject_max", "purpose_reach", "steps_after_max", "empty_reach"],
    "reflection": ["zone_from", "generic_overrides_within"],
    "self_driven": ["warn_at", "fail_at", "refused_reach"],
    "star": ["min_actions", "setup_max_share", "action_run_gap_words", "team_action_own_max", "team_action_min"],
    "framing": ["pass_distinct", "pass_total", "contrary_min", "candour_min"],
    "backbone": ["evidence_reach", "stakes_reach"],
    "real_failure": ["minimised_reach"],
}


@dataclass(frozen=True)
class Ask:
    """One prompt's own demand ([[framing.asks]]): a question matching ``question`` is only
    answered by a story with one of ``story`` in it; ``says`` is what is missing, for people.
    ``event``: the story word must be told as something that happened (past, not negated).
    ``touched``: a story with the principle's own beats but not this demand only touches it (warn),
    rather than answering another question (fail).  ``opposite``: the demand turned round (data
    overruling a hunch told as the hunch overruling the data), another question answered however
    much of the demand is in it; ``opposite_says`` is what to say then."""

    lp: str
    question: Lexicon
    story: Lexicon
    says: str
    event: bool = False
    touched: bool = False
    opposite: Lexicon | None = None
    opposite_says: str = ""


@dataclass(frozen=True)
class Rules:
    """rubric.toml, validated, with every lexicon compiled."""

    raw: dict[str, Any]
    lex: dict[str, Lexicon]  # "section.key" -> compiled lexicon
    framing: dict[str, Lexicon]  # principle slug -> its beats
    framing_required: dict[str, Lexicon]  # principle slug -> a beat it cannot pass without
    framing_contrary: dict[str, Lexicon]  # principle slug -> beats of its opposite
    framing_asks: tuple[Ask, ...]  # what a prompt itself asks for ("others disagreed with you")
    not_after: dict[str, frozenset[str]]  # filler phrase -> words that make it not a filler
    labels: dict[str, str]  # check id -> short label for people ("I vs we")
    path: str

    def num(self, section: str, key: str) -> float:
        return float(self.raw[section][key])


def _parse_rules(raw: dict[str, Any], path: str) -> Rules:
    def section(name: str) -> dict[str, Any]:
        value = raw.get(name)
        if not isinstance(value, dict):
            raise ValueError(f"missing section [{name}]")
        return value

    for name, keys in _NUMBERS.items():
        sec = section(name)
        for key in keys:
            if not isinstance(sec.get(key), (int, float)) or isinstance(sec.get(key), bool):
                raise ValueError(f"[{name}] {key} must be a number")
    for key in ("comfortable_wpm", "acceptable_wpm"):
        value = section("pace").get(key)
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value)):
            raise ValueError(f"[pace] {key} must be a [low, high] pair of numbers")
    lex = {f"{s}.{k}": Lexicon.of(section(s).get(k), f"[{s}] {k}", lemmas) for s, (keys, lemmas) in _LEXICONS.items() for k in keys}
    keywords = section("framing").get("keywords")
    if not isinstance(keywords, dict) or not keywords:
        raise ValueError("missing table [framing.keywords] (one keyword list per principle slug)")
    framing = {slug: Lexicon.of(v, f"[framing.keywords] {slug}") for slug, v in keywords.items()}
    required_raw = section("framing").get("required", {})
    framing_required = {slug: Lexicon.of(v, f"[framing.required] {slug}") for slug, v in required_raw.items()}
    says = section("framing").get("required_says", {})
    for slug in required_raw:
        if not all(isinstance(says.get(slug, {}).get(k), str) for k in ("absent", "opening_only")):
            raise ValueError(f"[framing.required_says] {slug} needs an 'absent' and an 'opening_only' message")
        if says[slug].get("absent_level", "fail") not in ("warn", "fail"):
            raise ValueError(f"[framing.required_says] {slug}: absent_level must be \"warn\" or \"fail\"")
    contrary_raw = section("framing").get("contrary", {})
    framing_contrary = {slug: Lexicon.of(v, f"[framing.contrary] {slug}") for slug, v in contrary_raw.items()}
    asks = []
    for k, entry in enumerate(section("framing").get("asks", [])):
        where = f"[[framing.asks]] entry {k + 1}"
        if not (isinstance(entry, dict) and isinstance(entry.get("lp"), str) and isinstance(entry.get("says"), str) and entry["says"].strip()):
            raise ValueError(f"{where} needs lp, question, story and says")
        opposite = Lexicon.of(entry["opposite"], f"{where} opposite") if "opposite" in entry else None
        opposite_says = str(entry.get("opposite_says", ""))
        if opposite is not None and not opposite_says.strip():
            raise ValueError(f"{where} has an opposite and needs opposite_says")
        asks.append(Ask(entry["lp"], Lexicon.of(entry.get("question"), f"{where} question", False),
                        Lexicon.of(entry.get("story"), f"{where} story"), entry["says"], bool(entry.get("event", False)),
                        bool(entry.get("touched", False)), opposite, opposite_says))
    not_after_raw = section("fillers").get("not_after", {})
    if not isinstance(not_after_raw, dict):
        raise ValueError("[fillers.not_after] must be a table of word lists")
    not_after = {k: frozenset(v) for k, v in not_after_raw.items()}
    labels = section("labels")
    missing = [c for c in CHECK_IDS if not isinstance(labels.get(c), str)]
    if missing:
        raise ValueError(f"[labels] needs a label for {', '.join(missing)}")
    fb = section("feedback")
    for key in ("priority", "probe_checks", "praise_order"):
        order = fb.get(key)
        if not isinstance(order, list) or not set(order) <= set(CHECK_IDS):
            raise ValueError(f"[feedback] {key} must list check ids out of {', '.join(CHECK_IDS)}")
    for key in ("advice", "praise", "probes", "deeper", "wrap_up"):
        if not isinstance(fb.get(key), dict):
            raise ValueError(f"missing table [feedback.{key}]")
    for key in ("advice", "praise", "probes", "wrap_up"):
        for name, text in fb[key].items():
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"[feedback.{key}] {name} must be a non-empty string")
    for name in ("specific", "vague", "unanswered"):
        if name not in fb["wrap_up"]:
            raise ValueError(f"[feedback.wrap_up] needs '{name}'")
    if "default" not in fb["deeper"]:
        raise ValueError("[feedback.deeper] needs a 'default' list")
    for name, entries in fb["deeper"].items():
        ok = isinstance(entries, list) and entries and all(
            isinstance(e, dict) and e.get("check") in CHECK_IDS and isinstance(e.get("text"), str) and e["text"].strip() for e in entries
        )
        if not ok:
            raise ValueError(f"[feedback.deeper] {name} must be a list of {{ check = <check id>, text = <question> }}")
    for key in ("max_words", "speaking_wpm"):
        if not isinstance(fb.get(key), (int, float)) or fb[key] <= 0:
            raise ValueError(f"[feedback] {key} must be a positive number")
    return Rules(raw=raw, lex=lex, framing=framing, framing_required=framing_required, framing_contrary=framing_contrary,
                 framing_asks=tuple(asks), not_after=not_after, labels=dict(labels), path=path)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> Rules:
    """The rubric data, parsed once per process.  A malformed file raises BankError naming it."""
    where = path or "data/rubric.toml in the lp-coach package"
    try:
        if path is None:
            text = data_file("rubric.toml").read_text(encoding="utf-8")
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        raw = tomllib.loads(text)
    except FileNotFoundError:
        raise BankError(f"{where}: rubric data file is missing; reinstall lp-coach.") from None
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{where}: not valid TOML ({exc}); fix the file.") from None
    try:
        return _parse_rules(raw, where)
    except (ValueError, re.error) as exc:
        raise BankError(f"{where}: {exc}; fix the file.") from None


def check_label(check_id: str) -> str:
    """The short name people see for a check ("I vs we"), from the rubric data."""
    return load_rules().labels.get(check_id, check_id.replace("_", " "))
