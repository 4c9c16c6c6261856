"""The rubric: grade one answer the way the guide says Amazon interviewers do.

``evaluate(transcript, question)`` returns one CheckResult per check id (see
``CHECK_IDS`` and docs/ARCHITECTURE.md).  Pure code over plain data: no audio, speech or ASR
import.  Every lexicon and threshold lives in ``data/rubric.toml`` (loaded once,
regexes compiled once); this module only says how they combine.

The answer may be typed prose, Whisper output ("1.1%", "$4 million") or a raw
recognizer stream (lower case, no punctuation, "forty percent"), so nothing here
relies on sentences, capitals or digits: the text is normalised to lower-case
word tokens and every rule matches whole words.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from .config import RubricOptions
from .errors import BankError
from .types import CHECK_IDS, CheckResult, Evaluation, Question, Transcript, Word


DATA_FILE = Path(__file__).resolve().parent / "data" / "rubric.toml"
NOMINAL_WPM = 150.0  # how a text file's duration is estimated (docs/ARCHITECTURE.md: "estimated and said so")

# Delivery and shape checks a follow-up answer is always graded on; content checks
# apply to a follow-up only when its probe targets them (tags "check:<id>").
_FOLLOW_UP_ALWAYS = frozenset({"length", "i_vs_we", "past_tense", "self_driven", "fillers", "pace", "pauses"})

# Edge punctuation dropped from a token; "$" and "%" stay (they make "$4.2m" and "1.1%" numbers).
_EDGE = "\"'`([{<*_.,;:!?)]}>…"
_SPLIT = re.compile(r"[\s\-\u2010-\u2015/…]+")
_BREAK = re.compile(r"[,;:\u2014\u2013]\W*$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})


# --------------------------------------------------------------------------- data


def _compile(phrases: Any, where: str) -> re.Pattern[str]:
    """One regex matching any phrase of a lexicon, on whole words (see rubric.toml's syntax)."""
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise ValueError(f"{where} must be a list of non-empty strings")
    alternatives = []
    for phrase in sorted({p.strip().lower() for p in phrases}, key=len, reverse=True):
        slots = []
        for word in phrase.split():
            options = []
            for option in word.split("|"):
                if option == "*":
                    options.append(r"\S+")
                elif option.endswith("*") and len(option) > 1:
                    options.append(re.escape(option[:-1]) + r"\S*")
                elif option:
                    options.append(re.escape(option))
                else:
                    raise ValueError(f"{where}: empty alternative in '{phrase}'")
            slots.append(options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")")
        alternatives.append(" ".join(slots))
    if not alternatives:
        return re.compile(r"(?!x)x")  # an empty lexicon matches nothing
    return re.compile(r"(?<!\S)(?:" + "|".join(alternatives) + r")(?!\S)")


@dataclass(frozen=True)
class Rules:
    """rubric.toml, validated, with every lexicon compiled."""

    raw: dict[str, Any]
    lex: dict[str, re.Pattern[str]]  # "section.key" -> compiled lexicon
    words: dict[str, frozenset[str]]  # "section.key" -> plain word sets (token look-ups)
    framing: dict[str, re.Pattern[str]]  # principle slug -> keyword lexicon
    not_after: dict[str, frozenset[str]]  # filler phrase -> words that make it not a filler
    path: str

    def num(self, section: str, key: str) -> float:
        return float(self.raw[section][key])


# lexicons compiled to regexes: section -> keys
_LEXICONS = {
    "fillers": ["words"],
    "hypothetical": ["markers", "reflective_context"],
    "result": ["cues"],
    "business": ["terms", "engineering"],
    "reflection": ["concrete", "generic"],
    "self_driven": ["directed", "decided", "initiative"],
    "backbone": ["disagreement", "evidence", "concession", "commit", "trivial", "stakes", "no_commit"],
    "real_failure": ["question_markers", "owned", "cost", "spin"],
    "actions": ["skip_phrases"],
    "numbers": ["idioms"],
}
# plain word lists used as token sets
_WORDSETS = {
    "pronouns": ["i", "we"],
    "actions": ["skip", "irregular", "not_actions", "not_before_to", "passive_aux", "continuation_words", "other_subjects"],
    "hypothetical": ["not_before"],
    "numbers": ["units", "tens", "scales", "relative", "relative_after", "measure_units", "digit_suffixes", "rate_words"],
}
# numbers each section must carry
_NUMBERS = {
    "length": ["fail_below", "warn_below", "warn_above", "fail_above"],
    "fillers": ["ok_per_min", "harmful_per_min"],
    "pauses": ["long_gap_s", "gap_s", "several"],
    "i_vs_we": ["fail_share", "fail_min_we", "fail_max_i", "warn_share", "warn_min_we"],
    "actions": ["ed_min_length", "continuation_window"],
    "hypothetical": ["context_window", "fail_min", "warn_min"],
    "result": ["search_from", "zone_lookback"],
    "reflection": ["zone_from", "generic_overrides_within"],
    "self_driven": ["warn_at", "fail_at"],
    "star": ["min_actions", "setup_max_share", "action_run_gap_words"],
    "framing": ["pass_distinct", "pass_total"],
}


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
    for name in ("pace",):
        for key in ("comfortable_wpm", "acceptable_wpm"):
            value = section(name).get(key)
            if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value)):
                raise ValueError(f"[{name}] {key} must be a [low, high] pair of numbers")
    lex = {f"{s}.{k}": _compile(section(s).get(k), f"[{s}] {k}") for s, keys in _LEXICONS.items() for k in keys}
    words: dict[str, frozenset[str]] = {}
    for s, keys in _WORDSETS.items():
        for k in keys:
            value = section(s).get(k)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"[{s}] {k} must be a list of strings")
            words[f"{s}.{k}"] = frozenset(v.lower() for v in value)
    keywords = section("framing").get("keywords")
    if not isinstance(keywords, dict) or not keywords:
        raise ValueError("missing table [framing.keywords] (one keyword list per principle slug)")
    framing = {slug: _compile(v, f"[framing.keywords] {slug}") for slug, v in keywords.items()}
    not_after_raw = section("fillers").get("not_after", {})
    if not isinstance(not_after_raw, dict):
        raise ValueError("[fillers.not_after] must be a table of word lists")
    not_after = {k: frozenset(v) for k, v in not_after_raw.items()}
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
    return Rules(raw=raw, lex=lex, words=words, framing=framing, not_after=not_after, path=path)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> Rules:
    """The rubric data, parsed once per process.  A malformed file raises BankError naming it."""
    where = path or str(DATA_FILE)
    try:
        with open(where, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise BankError(f"{where}: rubric data file is missing; reinstall lp-coach.") from None
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{where}: not valid TOML ({exc}); fix the file.") from None
    try:
        return _parse_rules(raw, where)
    except (ValueError, re.error) as exc:
        raise BankError(f"{where}: {exc}; fix the file.") from None


# --------------------------------------------------------------------------- the answer as tokens


@dataclass(frozen=True)
class Answer:
    """The transcript as normalised word tokens, mapped back to the spoken words."""

    words: tuple[Word, ...]
    tokens: tuple[str, ...]
    word_of: tuple[int, ...]  # token index -> index of the Word it came from
    starts: tuple[int, ...]  # token index -> character offset in ``joined``
    joined: str
    after_break: frozenset[int] = frozenset()  # tokens right after a comma/semicolon/colon/dash in the original


    def hits(self, pattern: re.Pattern[str], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Token spans [t0, t1) where ``pattern`` matches, starting in [lo, hi)."""
        hi = len(self.tokens) if hi is None else hi
        spans = []
        for m in pattern.finditer(self.joined):
            t0 = bisect_right(self.starts, m.start()) - 1
            if lo <= t0 < hi:
                spans.append((t0, bisect_left(self.starts, m.end())))
        return spans

    def quote(self, t0: int, t1: int) -> str:
        """The candidate's own words covering tokens [t0, t1), edge punctuation dropped."""
        if not self.tokens or t1 <= t0:
            return ""
        w0, w1 = self.word_of[t0], self.word_of[min(t1, len(self.tokens)) - 1]
        return " ".join(_strip_edges(w.w) for w in self.words[w0 : w1 + 1]).strip()

    def quotes(self, spans: Iterable[tuple[int, int]], limit: int = 3) -> tuple[str, ...]:
        out: list[str] = []
        for t0, t1 in spans:
            q = self.quote(t0, t1)
            if q and q.lower() not in (o.lower() for o in out):
                out.append(q)
            if len(out) >= limit:
                break
        return tuple(out)


def _strip_edges(word: str) -> str:
    return word.strip().strip(_EDGE).strip()


def _normalise(word: str) -> list[str]:
    text = _THOUSANDS.sub("", word.translate(_QUOTES).lower())
    out = []
    for piece in _SPLIT.split(text):
        piece = piece.strip(_EDGE)
        if piece:
            out.append(piece)
    return out


def analyse(transcript: Transcript) -> Answer:
    tokens: list[str] = []
    word_of: list[int] = []
    after_break: set[int] = set()
    for k, word in enumerate(transcript.words):
        if k and _BREAK.search(transcript.words[k - 1].w):
            after_break.add(len(tokens))  # punctuation is a clause hint when there is any
        for token in _normalise(word.w):
            tokens.append(token)
            word_of.append(k)
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + 1
    return Answer(transcript.words, tuple(tokens), tuple(word_of), tuple(starts), " ".join(tokens), frozenset(after_break))


# --------------------------------------------------------------------------- features shared by checks


@dataclass(frozen=True)
class Features:
    i_actions: tuple[tuple[int, int], ...]  # token spans "i wrote", "i had spent"
    we_actions: tuple[tuple[int, int], ...]
    hypotheticals: tuple[tuple[int, int], ...]
    quantities: tuple[tuple[int, int], ...]
    result_start: int | None  # first outcome word in the later part; None = no result told
    result_cue: tuple[int, int] | None  # the outcome phrase itself, for quoting
    zone: tuple[int, int]  # token range of the result, reflection excluded
    reflection_start: int | None
    hypothetical_mode: bool


@dataclass(frozen=True)
class _Verbs:
    """The action lexicons as token sets, looked up once per answer."""

    skip: frozenset[str]
    irregular: frozenset[str]
    not_actions: frozenset[str]
    not_before_to: frozenset[str]
    passive_aux: frozenset[str]
    min_len: int

    @classmethod
    def of(cls, rules: Rules) -> "_Verbs":
        w = rules.words
        return cls(w["actions.skip"], w["actions.irregular"], w["actions.not_actions"], w["actions.not_before_to"], w["actions.passive_aux"], int(rules.num("actions", "ed_min_length")))

    def is_past(self, token: str) -> bool:
        return token in self.irregular or (token.endswith("ed") and len(token) >= self.min_len and token not in self.not_actions)

    def action_at(self, toks: tuple[str, ...], j: int) -> bool:
        """Is toks[j] a past-tense action verb in context (not "used to", "got promoted", "did not")?"""
        n = len(toks)
        verb = toks[j]
        if verb in self.not_actions or not self.is_past(verb):
            return False
        nxt = toks[j + 1] if j + 1 < n else ""
        if verb in self.not_before_to and nxt == "to":
            return False
        if verb in self.passive_aux and nxt and self.is_past(nxt):
            return False
        if verb == "did" and nxt in ("not", "n't"):
            return False
        return True


def _actions(a: Answer, rules: Rules) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(I-actions, we-actions): subject + adverbs/auxiliaries + past-tense verb, and the
    verbs that continue them ("i wrote the doc and built the prototype")."""
    v = _Verbs.of(rules)
    i_subj = rules.words["pronouns.i"] - {"i'd", "i'll"}
    we_subj = rules.words["pronouns.we"] - {"we'd", "we'll"}
    other = rules.words["actions.other_subjects"]
    links = rules.words["actions.continuation_words"]
    window = int(rules.num("actions", "continuation_window"))
    skip_phrase_ends = {t0: t1 for t0, t1 in a.hits(rules.lex["actions.skip_phrases"])}
    toks, n = a.tokens, len(a.tokens)
    mine: list[tuple[int, int]] = []
    ours: list[tuple[int, int]] = []

    def verb_after(i: int) -> int | None:
        """Index of the action verb that follows position i (after skips), or None."""
        j, steps, after_to = i + 1, 0, False
        while j < n and steps < 4:
            if j in skip_phrase_ends:
                j = skip_phrase_ends[j]
                after_to = toks[j - 1] == "to"
            elif toks[j] in v.skip and toks[j] not in v.irregular:
                j += 1
            else:
                break
            steps += 1
        if j >= n:
            return None
        if v.action_at(toks, j) or (after_to and toks[j].isalpha() and toks[j] not in v.skip):
            return j
        return None

    def subject_before(i: int) -> str | None:
        """Who the continued clause belongs to; only a subject that did something
        ("i wrote ... and built"), not "i would talk ... and set up" (hypothetical)."""
        for k in range(i - 1, max(-1, i - window - 1), -1):
            if toks[k] in i_subj or toks[k] in we_subj:
                if k not in acting:
                    return None
                return "i" if toks[k] in i_subj else "we"
            if toks[k] in other:
                return None
        return None

    taken: set[int] = set()
    acting: set[int] = set()  # subject positions that started a real action
    for i, tok in enumerate(toks):
        if tok in i_subj or tok in we_subj:
            j = verb_after(i)
            if j is not None:
                (mine if tok in i_subj else ours).append((i, j + 1))
                taken.add(j)
                acting.add(i)
    for i, tok in enumerate(toks):
        # "... and built the prototype", "I wrote the doc, built the prototype"
        if tok in links:
            j = verb_after(i)
            start = i
        elif i in a.after_break and i not in taken and v.action_at(toks, i):
            j, start = i, i
        else:
            continue
        if j is None or j in taken:
            continue
        who = subject_before(start)
        if who is not None:
            (mine if who == "i" else ours).append((start, j + 1))
            taken.add(j)
    return sorted(mine), sorted(ours)


def _hypotheticals(a: Answer, rules: Rules) -> list[tuple[int, int]]:
    not_before = rules.words["hypothetical.not_before"]
    window = int(rules.num("hypothetical", "context_window"))
    reflective = a.hits(rules.lex["hypothetical.reflective_context"])
    out = []
    for t0, t1 in a.hits(rules.lex["hypothetical.markers"]):
        if t1 < len(a.tokens) and a.tokens[t1] in not_before:
            continue  # "i would have", "i'd spent" (= I had), "i would say"
        if any(t0 - window <= r0 < t0 for r0, _ in reflective):
            continue  # "next time i would ..." is a reflection
        out.append((t0, t1))
    return out


_DIGITS = re.compile(r"^\$?(\d+(?:\.\d+)?)([a-z%]*)$")


def _quantities(a: Answer, rules: Rules) -> list[tuple[int, int]]:
    """Spans that are real quantities: "1.1%", "$4.2m", "forty percent", "one point four seconds"."""
    w = rules.words
    units, tens, scales = w["numbers.units"], w["numbers.tens"], w["numbers.scales"]
    relative, rel_after = w["numbers.relative"], w["numbers.relative_after"]
    measure, suffixes, rate = w["numbers.measure_units"], w["numbers.digit_suffixes"], w["numbers.rate_words"]
    number_words = units | tens | scales
    point = str(rules.raw["numbers"].get("decimal_point", "point"))
    toks, n, out, i = a.tokens, len(a.tokens), [], 0
    idiom = set()
    for t0, t1 in a.hits(rules.lex["numbers.idioms"]):
        idiom.update(range(t0, t1))

    def unit_len(j: int) -> int:
        """How many tokens at j name the unit: 1 for "percent", 2 for "a month" ("eight a month"), else 0."""
        if j < n and toks[j] in rate and j + 1 < n and toks[j + 1] in measure:
            return 2
        return 1 if j < n and (toks[j] in measure or toks[j] in scales) else 0

    def unit_after(j: int) -> bool:
        return unit_len(j) > 0

    while i < n:
        tok = toks[i]
        if i in idiom:  # "a two-way door", "one on one"
            i += 1
            continue
        m = _DIGITS.match(tok)
        if m and (m.group(2) == "" or m.group(2) in suffixes):
            j = i + 1
            while j < n and toks[j] in scales:
                j += 1
            value, suffix = float(m.group(1)), m.group(2)
            is_year = re.fullmatch(r"(19|20)\d\d", tok) is not None and not unit_after(j)
            tiny = value <= 1 and not suffix and not tok.startswith("$") and j == i + 1 and not unit_after(j)
            if not is_year and not tiny:
                out.append((i, j + unit_len(j)))
            i = j
            continue
        starts_run = tok in number_words or (tok == "a" and i + 1 < n and toks[i + 1] in scales)
        if starts_run and tok not in ("k", "m", "bn"):
            j = i + 1
            while j < n:
                t = toks[j]
                if t in number_words:
                    j += 1
                elif t in (point, "and") and j + 1 < n and toks[j + 1] in number_words and toks[j - 1] not in ("k", "m"):
                    j += 2
                else:
                    break
            run = list(toks[i:j])
            single_small = run == ["one"]  # "one of", "the one": only a quantity with a unit; "zero" always is
            if not single_small or unit_after(j):
                out.append((i, j + unit_len(j)))
            i = j
            continue
        if tok in relative:
            prev = toks[i - 1] if i else ""
            if tok in ("half", "quarter", "third", "dozen"):
                if prev in rel_after or unit_after(i + 1) or (i + 2 < n and toks[i + 1] == "a" and toks[i + 2] in measure):
                    out.append((i, i + 1))
            else:
                out.append((i, i + 1))
        i += 1
    return out


def concrete_reflections(a: Answer, rules: Rules, lo: int | None = None) -> list[tuple[int, int]]:
    """Markers of a change the candidate now makes, in the closing part of the answer,
    unless a generic lesson follows right after ("since then i learned that ... is important")."""
    if lo is None:
        lo = int(len(a.tokens) * rules.num("reflection", "zone_from"))
    within = int(rules.num("reflection", "generic_overrides_within"))
    generic = [g0 for g0, _ in a.hits(rules.lex["reflection.generic"])]
    return [(t0, t1) for t0, t1 in a.hits(rules.lex["reflection.concrete"], lo=lo) if not any(t0 <= g0 <= t0 + within for g0 in generic)]


def features(a: Answer, rules: Rules, question: Question) -> Features:
    n = len(a.tokens)
    i_actions, we_actions = _actions(a, rules)
    hyps = _hypotheticals(a, rules)
    follow_up = question.kind == "follow_up"
    # A follow-up answer is all result: "how did you measure that" wants the number itself.
    search_from = 0 if follow_up else int(n * rules.num("result", "search_from"))
    own = {s[0] for s in i_actions} | {s[1] - 1 for s in i_actions}
    cues = [s for s in a.hits(rules.lex["result.cues"], lo=search_from) if s[0] not in own]
    result_start = cues[0][0] if cues else None
    result_cue = cues[0] if cues else None
    if follow_up and n:
        result_start = 0  # "How did you measure that?": the whole reply is the detail asked for
    refl = concrete_reflections(a, rules, 0 if follow_up else None)
    reflection_start = refl[0][0] if refl else None
    if result_start is None:
        zone = (n, n)
    else:
        z0 = 0 if follow_up else max(0, result_start - int(rules.num("result", "zone_lookback")))
        z1 = reflection_start if reflection_start is not None and reflection_start > z0 else n
        zone = (z0, z1)
    real = len(i_actions) + len(we_actions)
    h = len(hyps)
    hyp_mode = h >= rules.num("hypothetical", "fail_min") and h > real
    return Features(
        tuple(i_actions),
        tuple(we_actions),
        tuple(hyps),
        tuple(_quantities(a, rules)),
        result_start,
        result_cue,
        zone,
        reflection_start,
        hyp_mode,
    )


# --------------------------------------------------------------------------- the checks


@dataclass(frozen=True)
class Context:
    answer: Answer
    feats: Features
    question: Question
    rules: Rules
    options: RubricOptions
    transcript: Transcript

    @property
    def follow_up(self) -> bool:
        return self.question.kind == "follow_up"

    def probed(self, check_id: str) -> bool:
        return f"check:{check_id}" in self.question.tags


def _result(check_id: str, status: str, message: str, evidence: Sequence[str] = ()) -> CheckResult:
    return CheckResult(check_id, status, message, tuple(e for e in evidence if e))  # type: ignore[arg-type]


def _na(check_id: str, why: str) -> CheckResult:
    return _result(check_id, "n/a", why)


def _speech_span(t: Transcript) -> float:
    if not t.words:
        return 0.0
    span = t.words[-1].end - t.words[0].start
    return span if span > 0 else t.duration_seconds


def check_length(c: Context) -> CheckResult:
    t, target = c.transcript, c.options.target_seconds
    secs = t.duration_seconds
    said = f"about {secs:.0f} s (estimated from {t.word_count} words)" if t.duration_estimated else f"{secs:.0f} s"
    if c.follow_up:
        fu = c.rules.raw["length"].get("follow_up", {})
        if secs < float(fu.get("warn_below_s", 8)):
            return _result("length", "warn", f"{said}: too short to give the detail the follow-up asked for")
        if secs > target * float(fu.get("warn_above", 1.0)):
            return _result("length", "warn", f"{said}: long for a follow-up; answer the detail asked, then stop")
        return _result("length", "pass", f"{said}, a focused follow-up answer")
    r = c.rules
    if secs < target * r.num("length", "fail_below"):
        return _result("length", "fail", f"{said}: far too short for the {target:.0f}-second target; no room for depth")
    if secs < target * r.num("length", "warn_below"):
        return _result("length", "warn", f"{said}: short of the {target:.0f}-second target; add the detail of what you did")
    if secs > target * r.num("length", "fail_above"):
        return _result("length", "fail", f"{said}: far over the {target:.0f}-second target; the interviewer loses the thread")
    if secs > target * r.num("length", "warn_above"):
        return _result("length", "warn", f"{said}: over the {target:.0f}-second target; tighten the setup")
    return _result("length", "pass", f"{said}, inside the {target:.0f}-second target")


def check_i_vs_we(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    n_i, n_we = len(f.i_actions), len(f.we_actions)
    total = n_i + n_we
    counts = f'{n_i} "I" actions, {n_we} "we"'
    if total == 0:
        return _result("i_vs_we", "warn", "no actions told as something you or the team did; say what you did")
    share = n_i / total
    we_quotes = a.quotes(f.we_actions, 4)
    if share < r.num("i_vs_we", "fail_share") and n_we >= r.num("i_vs_we", "fail_min_we") and n_i <= r.num("i_vs_we", "fail_max_i"):
        return _result("i_vs_we", "fail", f'"we" carries the story ({counts}): unclear individual contribution', we_quotes)
    if share < r.num("i_vs_we", "warn_share") and n_we >= r.num("i_vs_we", "warn_min_we"):
        return _result("i_vs_we", "warn", f'"we" crowds out "I" ({counts}): make your own actions clear', we_quotes)
    return _result("i_vs_we", "pass", f'"I" for your own actions ({counts})', a.quotes(f.i_actions, 3))


def check_quantified_result(c: Context) -> CheckResult:
    a, f = c.answer, c.feats
    if c.follow_up and not c.probed("quantified_result"):
        return _na("quantified_result", "not what this follow-up asked")
    all_q = a.quotes(f.quantities, 3)
    if f.hypothetical_mode or f.result_start is None:
        why = "told as what would happen" if f.hypothetical_mode else "no result told"
        if all_q:
            return _result("quantified_result", "warn", f"numbers only in the setup ({why}); put one in the result", all_q)
        return _result("quantified_result", "fail", f"no number anywhere ({why}); quantify the result")
    z0, z1 = f.zone
    start = f.result_start
    # inside the result, or directly before its outcome word ("a 40% reduction")
    in_zone = [s for s in f.quantities if (start <= s[0] < z1) or s[1] == start]
    if in_zone:
        # measured numbers ("4 minutes", "1.1%") read better as evidence than bare counts ("two")
        in_zone.sort(key=lambda s: (_number_rank(a.tokens[s[0] : s[1]]), s[0]))
        return _result("quantified_result", "pass", "the result has a concrete number", a.quotes(in_zone, 3))
    if all_q:
        return _result("quantified_result", "warn", "numbers only in the setup, none in the result", all_q)
    return _result("quantified_result", "fail", "no number in the result: say how much, how many or how fast")


_MONEY_OR_RATE = frozenset({"percent", "percentage", "dollars", "dollar", "million", "billion", "thousand", "bucks", "euros"})


def _number_rank(tokens: Sequence[str]) -> int:
    """Evidence order for numbers: money and percentages, then measured amounts, then bare counts."""
    if any("$" in t or "%" in t or t in _MONEY_OR_RATE for t in tokens):
        return 0
    if len(tokens) > 1 or any(ch.isdigit() for ch in tokens[0]):
        return 1
    return 2


def check_business_impact(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    if c.follow_up and not c.probed("business_impact"):
        return _na("business_impact", "not what this follow-up asked")
    if f.hypothetical_mode:
        return _result("business_impact", "fail", "the result is hypothetical: nothing real changed for customers or the business")
    if f.result_start is None:
        return _result("business_impact", "fail", "no result told, so no customer or business impact")
    z0, z1 = f.zone
    business = a.hits(r.lex["business.terms"], z0, z1)
    money = [s for s in f.quantities if z0 <= s[0] < z1 and ("$" in a.tokens[s[0]] or "dollar" in " ".join(a.tokens[s[0] : s[1]]))]
    if business or money:
        return _result("business_impact", "pass", "the result is in customer or business terms", a.quotes(money + business, 3))
    engineering = a.hits(r.lex["business.engineering"], z0, z1)
    if engineering:
        return _result("business_impact", "fail", "the result is in engineering metrics only; say what it meant for customers or the business", a.quotes(engineering, 3))
    # Guide red flag: "The Result section is missing or is in engineering metrics only
    # with no customer or business framing" — customers in the setup do not rescue it.
    return _result("business_impact", "fail", "the result has no customer or business framing")


def check_past_tense(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    h = len(f.hypotheticals)
    real = len(f.i_actions) + len(f.we_actions)
    quotes = a.quotes(f.hypotheticals, 3)
    if f.hypothetical_mode:
        return _result("past_tense", "fail", f"told as a hypothetical ({h} 'would' clauses, {real} real actions): tell a real time", quotes)
    if h >= r.num("hypothetical", "warn_min") or (h == 1 and real == 0):
        return _result("past_tense", "warn", "drifts into what you would do; keep to what you did", quotes)
    return _result("past_tense", "pass", "a real past story, told as what you did", a.quotes(f.i_actions, 2))


def check_reflection(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    if c.follow_up and not c.probed("reflection"):
        return _na("reflection", "not what this follow-up asked")
    if f.reflection_start is not None:
        spans = concrete_reflections(a, r, 0 if c.follow_up else None)
        return _result("reflection", "pass", "ends with a change you now make", a.quotes([(s0, min(s1 + 3, len(a.tokens))) for s0, s1 in spans], 2))
    generic = a.hits(r.lex["reflection.generic"])
    if generic:
        return _result("reflection", "fail", "the lesson is generic; say what you now do differently", a.quotes(generic, 2))
    return _result("reflection", "warn", "no reflection at the end; close with what you now do differently")


def check_self_driven(c: Context) -> CheckResult:
    a, r = c.answer, c.rules
    spans = a.hits(r.lex["self_driven.directed"])
    if c.question.lp != r.raw["backbone"].get("lp"):
        spans += a.hits(r.lex["self_driven.decided"])
    spans.sort()
    count = len(spans)
    quotes = a.quotes(spans, 3)
    initiative = a.hits(r.lex["self_driven.initiative"])
    if count >= r.num("self_driven", "fail_at"):
        return _result("self_driven", "fail", f"the manager drives the story ({count} times): show what you drove yourself", quotes)
    if count >= r.num("self_driven", "warn_at"):
        if initiative:
            return _result("self_driven", "pass", "started as an ask, then you took it further yourself", a.quotes(initiative, 2))
        return _result("self_driven", "warn", "started from your manager's ask; show what you did beyond it", quotes)
    return _result("self_driven", "pass", "you drove it, not your manager", a.quotes(initiative, 2))


def check_star(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    if c.follow_up:
        return _na("star", "a follow-up answers one detail, not a whole story")
    n = max(len(a.tokens), 1)
    actions = sorted(f.i_actions + f.we_actions)
    if f.hypothetical_mode:
        return _result("star", "fail", "no real situation, action or result: it is what you would do", a.quotes(f.hypotheticals, 2))
    if not actions:
        return _result("star", "fail", "no action: say what you did")
    if f.result_start is None:
        return _result("star", "fail", "no result: the story stops before saying what changed", a.quotes(actions[-2:], 2))
    if len(actions) < r.num("star", "min_actions"):
        return _result("star", "warn", f"the action is thin ({len(actions)} things done); show the steps you took", a.quotes(actions, 2))
    mine = list(f.i_actions) if len(f.i_actions) >= 2 else actions
    gap = r.num("star", "action_run_gap_words")
    run_start = next((s[0] for s, nxt in zip(mine, mine[1:]) if nxt[0] - s[0] <= gap), None)
    if run_start is not None and run_start / n > r.num("star", "setup_max_share"):
        return _result("star", "warn", "the setup takes over half the answer before your actions start")
    return _result("star", "pass", "situation, action and result are all there", a.quotes([f.result_cue] if f.result_cue else [], 1))


def check_lp_framing(c: Context) -> CheckResult:
    a, r, lp = c.answer, c.rules, c.question.lp
    if c.follow_up and not c.probed("lp_framing"):
        return _na("lp_framing", "not what this follow-up asked")
    pattern = r.framing.get(lp)
    if pattern is None:
        return _na("lp_framing", f"no keywords for principle '{lp}'")
    spans = a.hits(pattern)
    distinct = {a.tokens[t0] if t1 - t0 == 1 else " ".join(a.tokens[t0:t1]) for t0, t1 in spans}
    quotes = a.quotes(spans, 3)
    if len(distinct) >= r.num("framing", "pass_distinct") or len(spans) >= r.num("framing", "pass_total"):
        return _result("lp_framing", "pass", "the story speaks to the principle asked", quotes)
    if spans:
        return _result("lp_framing", "warn", "the principle asked is only touched on; make it the point of the story", quotes)
    return _result("lp_framing", "fail", "the story does not speak to the principle asked: a different question answered")


def _fillers(a: Answer, r: Rules) -> list[tuple[int, int]]:
    out = []
    for t0, t1 in a.hits(r.lex["fillers.words"]):
        phrase = " ".join(a.tokens[t0:t1])
        prev = a.tokens[t0 - 1] if t0 else ""
        if prev in r.not_after.get(phrase, ()):
            continue
        out.append((t0, t1))
    return out


def check_fillers(c: Context, fillers: list[tuple[int, int]]) -> CheckResult:
    a, r, t = c.answer, c.rules, c.transcript
    minutes = t.duration_seconds / 60.0
    if minutes <= 0 or not a.tokens:
        return _na("fillers", "no timed speech to measure")
    rate = len(fillers) / minutes
    est = " (estimated duration)" if t.duration_estimated else ""
    quotes = a.quotes(fillers, 4)
    msg = f"{len(fillers)} fillers, {rate:.1f} a minute{est}"
    if rate >= r.num("fillers", "harmful_per_min"):
        return _result("fillers", "fail", f"{msg}: they bury the story", quotes)
    if rate > r.num("fillers", "ok_per_min"):
        return _result("fillers", "warn", f"{msg}: noticeable; pause instead", quotes)
    return _result("fillers", "pass", f"{msg}: clean delivery", quotes)


def check_pace(c: Context) -> CheckResult:
    t, r = c.transcript, c.rules
    if t.duration_estimated:
        return _na("pace", "duration estimated from the word count, so pace cannot be measured")
    span = _speech_span(t)
    if span <= 0 or t.word_count < 2:
        return _na("pace", "no timed speech to measure")
    wpm = t.word_count / span * 60.0
    lo, hi = r.raw["pace"]["comfortable_wpm"]
    alo, ahi = r.raw["pace"]["acceptable_wpm"]
    if wpm < alo:
        return _result("pace", "fail", f"{wpm:.0f} words a minute: too slow; the interviewer's attention drifts")
    if wpm > ahi:
        return _result("pace", "fail", f"{wpm:.0f} words a minute: too fast to follow")
    if wpm < lo:
        return _result("pace", "warn", f"{wpm:.0f} words a minute: a little slow; aim for {lo}-{hi}")
    if wpm > hi:
        return _result("pace", "warn", f"{wpm:.0f} words a minute: a little fast; aim for {lo}-{hi}")
    return _result("pace", "pass", f"{wpm:.0f} words a minute, a comfortable pace")


def _gaps(t: Transcript) -> list[tuple[float, int]]:
    """(gap seconds, index of the word before it) between consecutive words."""
    return [(t.words[k + 1].start - t.words[k].end, k) for k in range(len(t.words) - 1)]


def check_pauses(c: Context) -> CheckResult:
    t, r = c.transcript, c.rules
    if t.duration_estimated:
        return _na("pauses", "no word timings (duration estimated), so pauses cannot be measured")
    if t.word_count < 2:
        return _na("pauses", "too few words to measure pauses")
    gaps = _gaps(t)
    long_gap, gap, several = r.num("pauses", "long_gap_s"), r.num("pauses", "gap_s"), int(r.num("pauses", "several"))
    longest = max(g for g, _ in gaps)
    long_ones = [(g, k) for g, k in gaps if g > long_gap]
    mid = [(g, k) for g, k in gaps if g > gap]

    def where(k: int) -> str:
        return " ".join(_strip_edges(w.w) for w in t.words[max(0, k - 2) : k + 1])

    if long_ones:
        return _result("pauses", "warn", f"{len(long_ones)} pause(s) over {long_gap:.0f} s (longest {longest:.1f} s) mid-answer", [where(k) for _, k in long_ones[:3]])
    if len(mid) >= several:
        return _result("pauses", "warn", f"{len(mid)} pauses over {gap:.0f} s; the thread keeps breaking", [where(k) for _, k in mid[:3]])
    return _result("pauses", "pass", f"no long pauses (longest {max(longest, 0):.1f} s)")


def check_backbone(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    if c.question.lp != r.raw["backbone"].get("lp"):
        return _na("backbone", "only for Have Backbone; Disagree and Commit")
    if c.follow_up and not c.probed("backbone"):
        return _na("backbone", "not what this follow-up asked")
    lex = r.lex
    disagreement = a.hits(lex["backbone.disagreement"])
    evidence = a.hits(lex["backbone.evidence"]) or list(f.quantities)
    concession = a.hits(lex["backbone.concession"])
    commit = a.hits(lex["backbone.commit"])
    trivial = a.hits(lex["backbone.trivial"])
    stakes = a.hits(lex["backbone.stakes"])
    no_commit = a.hits(lex["backbone.no_commit"])
    if not disagreement and not c.follow_up:
        return _result("backbone", "fail", "no disagreement told: say what you disagreed with and why")
    if trivial and not stakes:
        return _result("backbone", "fail", "the disagreement is a tool or style preference; pick a consequential decision", a.quotes(trivial, 3))
    if not commit:
        return _result("backbone", "fail", "no commit beat: say what you did to make the decided plan succeed", a.quotes(no_commit, 3))
    missing = []
    if not evidence:
        missing.append("evidence for your view (a doc, data, a meeting)")
    if not concession:
        missing.append("a point you conceded under pushback")
    beats = a.quotes(commit[:1] + concession[:1] + evidence[:1], 3)
    if missing:
        return _result("backbone", "warn", "commit is there, but missing " + " and ".join(missing), beats)
    return _result("backbone", "pass", "evidence, a concession under pushback and an explicit commit", beats)


def is_failure_question(question: Question, rules: Rules | None = None) -> bool:
    """The guide's failure questions: tagged ``failure`` or asking about a failure or mistake."""
    rules = rules or load_rules()
    if "failure" in question.tags or "check:real_failure" in question.tags:
        return True
    if question.kind == "follow_up":
        return False
    text = " ".join(t for w in question.text.split() for t in _normalise(w))
    return bool(rules.lex["real_failure.question_markers"].search(text))


def check_real_failure(c: Context) -> CheckResult:
    a, f, r = c.answer, c.feats, c.rules
    if not is_failure_question(c.question, r):
        return _na("real_failure", "not a failure question")
    spin = a.hits(r.lex["real_failure.spin"])
    owned = a.hits(r.lex["real_failure.owned"])
    if spin:
        return _result("real_failure", "fail", "the failure is spun into a triumph; pick a real mistake", a.quotes(spin, 3))
    if not owned:
        return _result("real_failure", "fail", "no mistake of yours in it; own what you got wrong")
    cost = a.hits(r.lex["real_failure.cost"])
    changed = f.reflection_start is not None
    ev = a.quotes(owned[:1] + cost[:1], 2)
    if not cost and not f.quantities:
        return _result("real_failure", "warn", "you own the mistake, but not what it cost", ev)
    if not changed:
        return _result("real_failure", "warn", "a real mistake and its cost, but no change now visible in how you work", ev)
    return _result("real_failure", "pass", "a real mistake, owned, its cost named and a change you now make", ev)


# --------------------------------------------------------------------------- entry points


def evaluate(transcript: Transcript, question: Question, options: RubricOptions = RubricOptions()) -> Evaluation:
    """Grade one answer: one CheckResult per id in ``CHECK_IDS``, in that order."""
    rules = load_rules()
    a = analyse(transcript)
    feats = features(a, rules, question)
    c = Context(a, feats, question, rules, options, transcript)
    fillers = _fillers(a, rules)
    results = {
        "length": check_length(c),
        "i_vs_we": check_i_vs_we(c),
        "quantified_result": check_quantified_result(c),
        "business_impact": check_business_impact(c),
        "past_tense": check_past_tense(c),
        "reflection": check_reflection(c),
        "self_driven": check_self_driven(c),
        "star": check_star(c),
        "lp_framing": check_lp_framing(c),
        "fillers": check_fillers(c, fillers),
        "pace": check_pace(c),
        "pauses": check_pauses(c),
        "backbone": check_backbone(c),
        "real_failure": check_real_failure(c),
    }
    if c.follow_up:  # a follow-up is graded on what it probed, plus delivery
        for cid in CHECK_IDS:
            if cid not in _FOLLOW_UP_ALWAYS and not c.probed(cid) and results[cid].status != "n/a":
                results[cid] = _na(cid, "not what this follow-up asked")
    checks = {cid: results[cid] for cid in CHECK_IDS}
    return Evaluation(
        lp=question.lp,
        question=question.text,
        duration_seconds=transcript.duration_seconds,
        word_count=transcript.word_count,
        checks=checks,
        metrics=_metrics(transcript, a, feats, fillers, rules),
        duration_estimated=transcript.duration_estimated,
    )


def _metrics(t: Transcript, a: Answer, f: Features, fillers: list[tuple[int, int]], rules: Rules) -> dict[str, float]:
    minutes = t.duration_seconds / 60.0
    span = _speech_span(t)
    gaps = _gaps(t) if len(t.words) > 1 else []
    i_set, we_set = rules.words["pronouns.i"], rules.words["pronouns.we"]
    return {
        "words_per_minute": (t.word_count / span * 60.0) if span > 0 else 0.0,
        "fillers_per_minute": (len(fillers) / minutes) if minutes > 0 else 0.0,
        "filler_count": float(len(fillers)),
        "i_count": float(sum(1 for tok in a.tokens if tok in i_set)),
        "we_count": float(sum(1 for tok in a.tokens if tok in we_set)),
        "i_action_count": float(len(f.i_actions)),
        "we_action_count": float(len(f.we_actions)),
        "longest_pause_s": 0.0 if t.duration_estimated or not gaps else max(0.0, max(g for g, _ in gaps)),
        "numbers_count": float(len(f.quantities)),
        "hypothetical_count": float(len(f.hypotheticals)),
    }


def transcript_from_text(text: str, seconds: float | None = None) -> Transcript:
    """A Transcript for typed text: words spread evenly over ``seconds``.

    Without ``seconds`` the duration is estimated at a nominal 150 words a minute
    and marked ``duration_estimated`` (pace and pauses then say they cannot judge).
    """
    raw = [w for w in re.split(r"\s+|(?<=\w)[\u2014\u2013](?=\w)", text.strip()) if w]
    estimated = seconds is None
    duration = len(raw) / NOMINAL_WPM * 60.0 if seconds is None else float(seconds)
    if not raw:
        return Transcript((), duration, estimated)
    slot = duration / len(raw)
    words = tuple(Word(w, round(k * slot, 3), round(k * slot + slot * 0.9, 3)) for k, w in enumerate(raw))
    return Transcript(words, duration, estimated)


def closest_principle(transcript: Transcript, slugs: Sequence[str]) -> str:
    """The principle whose framing keywords the answer uses most (for ``score`` without --lp)."""
    if not slugs:
        raise ValueError("no principles to choose from")
    rules = load_rules()
    a = analyse(transcript)
    best, best_score = slugs[0], 0.0
    for slug in slugs:
        pattern = rules.framing.get(slug)
        if pattern is None:
            continue
        spans = a.hits(pattern)
        score = len({" ".join(a.tokens[s0:s1]) for s0, s1 in spans}) + 0.1 * len(spans)
        if score > best_score:
            best, best_score = slug, score
    return best
