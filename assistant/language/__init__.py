"""The language layer: an answer read as sentences, clauses and quantities.

The only place lp-coach tokenises, normalises, reads number words and compiles
lexicons.  ``analyse(words)`` parses an answer once (spaCy, see ``clauses``) and
returns an ``Analysis``: normalised tokens with lemmas (``Tokens``), one ``Clause``
per verb (actor, time, negation, delegation) and one ``Quantity`` per number with
its role in the story (result, baseline, setup, duration, estimate,
counterfactual).  The rubric, feedback, story bank, debrief and report all read
answers through it.  Pure code over plain data, apart from the parser it loads.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal, Sequence

from ..resources import data_file, read_toml
from .clauses import Clause, Readings, clauses_of, habit_markers, load_parser, parse
from .numbers import NumberSpan, NumberWords, format_value, number_spans, spoken_to_digits, words_value
from .text import Lexicon, Tokens, compile_phrases, is_word, normalise, normalise_text, strip_edges, tokenise

__all__ = [
    "Analysis", "Clause", "Lexicon", "Quantity", "Tokens", "analyse", "compile_phrases", "format_value", "is_word",
    "language_data", "normalise", "normalise_text", "number_words", "spoken_to_digits", "strip_edges", "tokenise",
    "words_value", "load_parser", "NumberSpan", "habit_markers",
]

Role = Literal["result", "baseline", "setup", "duration", "estimate", "counterfactual"]


@dataclass(frozen=True)
class Quantity:
    """A number said in the answer: tokens [t0, t1), its value and unit, and its role."""

    t0: int
    t1: int
    value: float | None
    unit: str
    role: Role
    text: str
    outcome: bool = False  # said with an outcome verb ("dropped 30%", "lifted conversion 1.1%")
    # a count naming the story's things again ("the two engineers told me afterwards"): it still
    # marks where the outcome is told, but measures nothing
    named_again: bool = False


@dataclass(frozen=True)
class Analysis:
    """One answer, read: tokens (with lemmas), clauses and quantities."""

    tokens: Tokens
    clauses: tuple[Clause, ...]
    quantities: tuple[Quantity, ...]
    sentences: tuple[tuple[int, int], ...]  # word spans [w0, w1)

    def clause_span(self, c: Clause) -> tuple[int, int]:
        """A clause's token span [t0, t1)."""
        t0, t1 = _token_of_word(self.tokens, c.words[0]), _token_of_word(self.tokens, c.words[1])
        return t0, max(t1, t0 + 1)

    def verb_token(self, c: Clause) -> int:
        return _token_of_word(self.tokens, c.verb)

    def innermost_clause(self, t: int) -> Clause | None:
        """The smallest clause whose span holds token ``t`` (whose words a number or a word is said in)."""
        holding = [c for c in self.clauses if self.clause_span(c)[0] <= t < self.clause_span(c)[1]]
        return min(holding, key=lambda c: self.clause_span(c)[1] - self.clause_span(c)[0], default=None)

    def verb_span(self, c: Clause) -> tuple[int, int]:
        """Subject through verb, for quoting ("I asked", "we shipped")."""
        t0 = self.clause_span(c)[0]
        v = self.verb_token(c)
        return min(t0, v), v + 1


def _token_of_word(toks: Tokens, w: int) -> int:
    """The first token of word ``w`` (the end of the tokens for a word past the end)."""
    return toks.first_token[w] if w < len(toks.first_token) else len(toks)


@lru_cache(maxsize=1)
def language_data() -> dict[str, Any]:
    """data/language.toml, parsed once per process."""
    return read_toml(data_file("language.toml"))


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    return NumberWords.of(language_data()["numbers"])


@lru_cache(maxsize=1)
def _readings() -> Readings:
    return Readings.of(language_data())


@lru_cache(maxsize=1)
def _idioms() -> Lexicon:
    return Lexicon(compile_phrases(language_data()["numbers"]["idioms"], "[numbers] idioms"), lemmas=False)


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(language_data()["verbs"]["states"])


@lru_cache(maxsize=1)
def _roles() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in language_data()["roles"].items() if isinstance(v, list)}


def _share(n: int, key: str) -> float:
    """A share of the answer's length from language.toml [roles] ("background_before" = 0.5 -> n / 2)."""
    return n * float(language_data()["roles"][key])


def _listed_after_self(c: Clause, clauses: Sequence[Clause]) -> bool:
    """A verb with no subject of its own in a list after the candidate's: "I rebuilt the plan
    myself, trained four senior pickers ..." (the small parser does not always carry "I" across)."""
    before = [x for x in clauses if x.sentence == c.sentence and x.verb < c.verb and x.actor != "none"]
    return bool(before) and before[-1].actor == "self" and not before[-1].passive


def _said_as_own(c: Clause, toks: Tokens) -> bool:
    """The candidate's verb as said: "I" just before it, or it follows a joining word in a list of
    the candidate's steps ("I rebuilt the plan, trained four pickers").  In "... and the wrong orders
    sent out went down from fifteen to two" the parser carried "I" over a subject of its own."""
    v = _token_of_word(toks, c.verb)
    before = toks.tokens[max(0, v - 3) : v]
    return "i" in before or (bool(before) and before[-1] in _roles()["list_joiners"]) or v in toks.after_break


def _is_reason(q: NumberSpan, toks: Tokens, sentence_start: int = 0) -> bool:
    """A number said in a reason ("because two people on the team were ..."): why, not what changed.
    The reason word opens the number's own clause: a few words before it, no "and" between, in its
    sentence ("... every month since. All twenty-six bridges are now inside ..." is no reason)."""
    r = _roles()
    start = max(sentence_start, q.t0 - 4)
    before = toks.tokens[start : q.t0]
    for k in range(len(before) - 1, -1, -1):
        # ("it has since stopped three other migrations", "ever since": since then, not because)
        if before[k] in r["reason_marks"] and not (start + k > 0 and toks.tokens[start + k - 1] in r["since_then_after"]):
            return True
        if before[k] in r["list_joiners"]:
            return False
    return False


def _partitive(q: NumberSpan, toks: Tokens) -> bool:
    """"two of the reports", "three of our bridges": a bare count naming some of the story's things
    ("two percent of the year before" has a unit: an amount, not a count; so has a share: "a
    fifth of our takings")."""
    tok, n = toks.tokens, len(toks)
    share = tok[q.t1 - 1] in number_words().fractions
    # "all but four of the morning trains ran to time": the count that did, not which ones
    all_but = q.t0 >= 1 and tok[q.t0 - 1] == "but"
    # ... and "all thirty four of our staff were on it" is every one of them, the whole count
    every_one = q.t0 >= 1 and tok[q.t0 - 1] == "all"
    return not q.unit and not share and not all_but and not every_one and q.t1 + 1 < n and tok[q.t1] == "of" and tok[q.t1 + 1] in _roles()["partitive_of"]


def _named_again(q: NumberSpan, toks: Tokens) -> bool:
    """"the two engineers", "those four stores": a bare count after "the" names things the story
    already has ("none of the twenty two thousand parts" is a count of them, and an amount --
    "the 40 percent" -- or a time is measured)."""
    tok, r = toks.tokens, _roles()
    if q.unit in r["amount_units"] or q.is_time or q.t0 < 1 or tok[q.t0 - 1] not in r["reference_before"]:
        return False
    return not (q.t0 >= 2 and tok[q.t0 - 2] == "of")


def _none_of(q: NumberSpan, toks: Tokens) -> bool:
    """"none of the other four patients": the count is said as none of a group."""
    tok, marks = toks.tokens, _roles()["none_of"]
    return any(tok[k] in marks and tok[k + 1] == "of" for k in range(max(0, q.t0 - 4), q.t0 - 1))


def _hyphenated_description(word: str) -> bool:
    """"eight-hour", "40-minute": a number joined to its noun describes a thing.  "thirty-one"
    and "ninety-five" are one number written with a hyphen."""
    if "-" not in word.strip("-"):
        return False
    nw = number_words()
    return not all(nw.is_number_word(p) for p in normalise(word))


@lru_cache(maxsize=1)
def _sizes() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    r = language_data()["roles"]
    return frozenset(tuple(p.split()) for p in r["size_before"]), frozenset(tuple(p.split()) for p in r["size_after"])


def _said_as_a_size(q: NumberSpan, toks: Tokens) -> bool:
    """A budget, a team or a crew's size: what the work had, not what it changed."""
    before, after = _sizes()
    tok = toks.tokens
    return any(tuple(tok[max(0, q.t0 - len(p)) : q.t0]) == p for p in before) or any(tuple(tok[q.t1 : q.t1 + len(p)]) == p for p in after)


def _in_a_target(q: NumberSpan, toks: Tokens) -> bool:
    """The number said inside a target's own phrase ("a target of getting on-call out of the top three")."""
    r, tok = _roles(), toks.tokens
    t0 = q.t0
    if t0 > 0 and tok[t0 - 1] == "to":
        # the end of a change the target names is in it with its start: "Our target was to get the average repair time
        # down from 6 weeks to 2" -- read from the "from"
        t0 = next((k + 1 for k in range(t0 - 2, max(-1, t0 - 7), -1) if tok[k] == "from"), t0)
    for k in range(t0 - 1, max(-1, t0 - int(language_data()["roles"]["target_reach"]) - 1), -1):
        # (a break word that is the change's own preposition, just before the number, is inside the target)
        own_preposition = tok[k] in r["target_change_prepositions"] and k >= t0 - 2
        if (tok[k] in r["target_breaks"] and not own_preposition) or k + 1 in toks.after_break:
            return False
        # "a target of", and "a target with the board of getting a third of our donations"
        if f"{tok[k]} {tok[k + 1]}" in r["target_of"] or (
                f"{tok[k]} of" in r["target_of"] and "of" in tok[k + 1 : t0] and k > 0 and tok[k - 1] in ("a", "the", "our", "my")) or (
                tok[k] in r["target_nouns"] and r["target_verbs"].intersection(tok[k + 1 : t0])):
            return not r["target_met"].intersection(tok[max(0, k - 3) : k])  # "we hit our target of 95 percent"
    return False


def _valued_by_me(q: NumberSpan, toks: Tokens, sentence_start: int) -> bool:
    """The candidate's own valuation said as a phrase before the number, in its sentence: "by my estimate we
    avoided roughly £3 million of losses" (language.toml [roles] own_estimate_phrases)."""
    reach = int(language_data()["roles"]["opinion_reach"])
    window = " ".join(toks.tokens[max(sentence_start, q.t0 - reach) : q.t0])
    return any(f" {p} " in f" {window} " for p in language_data()["roles"]["own_estimate_phrases"])


def _bare_hour(q: NumberSpan) -> bool:
    return q.value is not None and q.value == int(q.value) and 1 <= q.value <= 12 and not q.unit and q.t1 - q.t0 == 1


def _hour_of_day(q: NumberSpan, tok: Sequence[str], lemmas_of_clause: set[str]) -> bool:
    """A bare hour after "before", "until", "past" ...: "we hardly got any calls before nine"; after
    "at" in a clause that says something began or ended then: "we went on air at ten"; and the
    "half" of "half three"."""
    compared = q.t1 < len(tok) and tok[q.t1] in _roles()["clock_compared_after"]
    if q.t1 - q.t0 == 1 and tok[q.t0] == "half" and q.t1 + 1 < len(tok) and tok[q.t1] not in ("a", "an"):
        after = words_value([tok[q.t1]], number_words())
        return after is not None and after == int(after) and 1 <= after <= 12 and tok[q.t1 + 1] not in _roles()["clock_compared_after"]
    if not _bare_hour(q) or q.t0 == 0 or compared:
        return False
    before = tok[q.t0 - 1]
    return before in _roles()["clock_before"] or (before == "at" and bool(lemmas_of_clause & _roles()["clock_at_lemmas"]))


def _set_against(q: NumberSpan, toks: Tokens) -> bool:
    """A number followed, within a few words, by one of [roles] against_words and another number."""
    tok, r = toks.tokens, _roles()
    reach = int(language_data()["roles"]["against_reach"])
    nw = number_words()
    for k in range(q.t1, min(len(tok) - 1, q.t1 + reach)):
        if tok[k] in r["against_words"]:
            nxt = tok[k + 1] if tok[k + 1] not in r["against_hedges"] or k + 2 >= len(tok) else tok[k + 2]
            return nw.is_number_word(nxt) or nxt[:1].isdigit()
    return False


def _role(
    q: NumberSpan, toks: Tokens, lemmas_of_clause: set[str], clause_time: str, might_be: bool,
    own_action: bool, own_estimate: bool, first_action_token: int | None, n: int,
) -> Role:
    """Which part of the story a number belongs to (data/language.toml [roles] says why).
    ``might_be``: a "would"/"would have" verb stands just before the number."""
    r = _roles()
    tok = toks.tokens
    before = [tok[k] for k in range(max(0, q.t0 - 3), q.t0)]
    near_before = before[-2:]
    after = tok[q.t1] if q.t1 < n else ""
    if clause_time in ("counterfactual", "hypothetical", "future") or might_be or any(w in r["counterfactual_words"] for w in tok[max(0, q.t0 - 5) : q.t0]):
        return "counterfactual"
    part_of_day = q.t1 + 2 < n and tok[q.t1 + 1] == "the" and tok[q.t1 + 2] in r["clock_after_that"]
    if after in r["clock_after"] or (after == "that" and q.t1 + 1 < n and tok[q.t1 + 1] in r["clock_after_that"]) \
            or (after == "in" and part_of_day and not q.unit) or _hour_of_day(q, tok, lemmas_of_clause):
        return "setup"  # "until after eleven that night", "seven o'clock": a time of day, not a measure
    if clause_time == "reported":
        return "estimate"  # "the detour meant a third of the deliveries would miss": a forecast, told in the past
    if _in_a_target(q, toks):
        return "estimate"  # "a target of getting on-call out of the top three reasons": what was aimed at
    early = first_action_token is None or q.t0 < first_action_token or q.t0 < 0.5 * n
    if (lemmas_of_clause & r["estimate_lemmas"] or any(w in r["estimate_before"] for w in before)) and (own_estimate or early):
        return "estimate"
    # "to" only right before the number ("dropped to 4%"); "decided to open four more tills" is an infinitive
    changed = bool(near_before) and (near_before[-1] in r["change_before"] or (len(near_before) == 2 and near_before[0] != "to" and near_before[0] in r["change_before"]))
    if len(near_before) == 2 and near_before[1] == "up" and near_before[0] in r["phrasal_up"]:
        changed = False  # "i gave up two full weekends": a phrasal verb's "up", not a rise
    if before and before[-1] in r["group_names"] and not (len(before) >= 2 and before[-2] in r["group_names_not_after"]):
        return "setup"  # "the new Year 7s", "extend it to Year Eight": a school's year group, wherever it is moved to
    named = before and (before[-1] in r["name_before"] or (len(before) >= 3 and before[-1] == "and" and before[-3] in r["name_before"]))
    if not changed and named and not (len(before) >= 2 and before[-2] in ("to", "from")):  # "down to level two" moved there
        return "setup"  # "android nine and ten", "ward nine": a name, not a measure
    if clause_time == "past_perfect" and q.t0 < _share(n, "background_before"):
        return "setup"  # "their account had grown to forty million rows": what stood before the story
    # "it took about two years before it really showed": how long ("took one day instead of five" is a gain)
    took = any(w in r["took_before"] for w in before) and after in r["took_until"]
    if q.is_time and after in r["earlier_said_last"] and (q.t1 + 1 >= n or q.t1 + 1 in toks.after_break):
        return "duration"  # "the new one the client issued two months before.": time gone by, not a time gained
    if q.is_time and after in r["lateness_after"] and (q.t0 < first_action_token if first_action_token is not None else q.t0 < _share(n, "setup_before")):
        return "setup"  # "In May we were about five weeks behind": how late things stood when the story began
    if q.is_time and after in r["gain_after"] and not took and (not own_action or lemmas_of_clause & r["own_outcome_lemmas"]):
        # "we finished two weeks before the deadline"; not "two weeks before the deadline I
        # found ...", when the candidate's own step is dated
        return "result"
    # "I rolled it out to ten clinics", "I sent it to forty members": a step's destination, not a
    # change, unless the step's verb says what changed ("I cut it to 4%", "I brought it down to six")
    moved = changed and near_before[-1] == "to" and not lemmas_of_clause & (r["own_outcome_lemmas"] | r["outcome_lemmas"])
    # "I had zero handover incidents, against three on the ward the quarter before": a number set against another is
    # what changed, whoever's verb it is in
    if _set_against(q, toks):
        return "result"
    if own_action and ((not lemmas_of_clause & r["own_outcome_lemmas"] and (not changed or moved)) or (near_before and near_before[-1] in r["scope_before"])):
        # "I listened to sixty calls", "I went out with four drivers", "I raised it in three code
        # reviews": the scope of the work, not what changed ("I cut costs by 30%" is both)
        return "setup"
    if q.is_time and not changed and after in r["effort_spans"]:
        return "duration"  # "twelve hour shifts": how long each stint of the work was
    if q.is_time and not changed and "in" in before and lemmas_of_clause & r["completion_lemmas"]:
        return "duration"  # "we had it all finished in about seven weeks": how long the work took, not what it changed
    close = bool(before) and [before[-1], after] == language_data()["roles"]["closeness"]
    if q.is_time and not changed and not close and (any(w in r["duration_before"] for w in before) or after in r["duration_after"]):
        return "duration"
    if _said_as_a_size(q, toks):
        return "setup"  # "a budget of about twelve thousand pounds", "there were five of us"
    to = next((k for k in range(q.t1, min(n, q.t1 + 6)) if tok[k] == "to"), None)
    if "from" in near_before and to is not None:
        end = to + 1
        while end < n and end - to <= 3 and tok[end] in r["endpoint_hedges"]:
            end += 1
        if end < n and tok[end] in r["endpoint_words"] and not (end == to + 1 and tok[end] in r["endpoint_bare_counts"]):
            return "result"  # "from about one in six to almost none": the change, measured from its start
        return "baseline"  # "from 600ms to 1.4s": the first figure is where it started
    if lemmas_of_clause & r["outcome_lemmas"] and (first_action_token is None or q.t0 > first_action_token):
        return "result"
    if first_action_token is not None and q.t0 > first_action_token and q.t0 >= 0.35 * n:
        return "result"
    return "setup"


def _historic_present(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """A story told in the historic present ("so I go to the owner and I say ...", "then I call all
    the evening clients"), read as the past it tells: language.toml [time] historic_present_*."""
    t, states = language_data()["time"], _states()

    def action(c: Clause) -> bool:
        return c.actor == "self" and c.lemma not in states and not c.negated

    present = sum(1 for c in clauses if action(c) and c.time == "present")
    past = sum(1 for c in clauses if action(c) and c.time == "past")
    would = sum(1 for c in clauses if c.time == "hypothetical")
    if present < int(t["historic_present_min"]) or present <= past or would >= int(t["historic_present_would_max"]):
        return clauses
    # ... except the candidate's own words in its closing sentence: how they work now ("For me it is
    # practical: when the extra step can be cancelled, I don't wait for permission, I do both")
    last = max((c.sentence for c in clauses), default=-1)
    return tuple(replace(c, time="past") if c.time == "present" and not (c.sentence == last and c.actor == "self") else c for c in clauses)


def analyse(words: Sequence[str]) -> Analysis:
    """Read an answer given as its words (a Transcript's ``w`` values, or text split on spaces)."""
    return _analyse(tuple(words))


@lru_cache(maxsize=64)
def _analyse(kept: tuple[str, ...]) -> Analysis:
    text = " ".join(kept)
    starts: list[int] = []  # character offset of each word in ``text``
    offset = 0
    for w in kept:
        starts.append(offset)
        offset += len(w) + 1

    def word_of_char(i: int) -> int:
        return max(0, bisect_right(starts, i) - 1)

    if text.strip():
        from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, ORTH

        doc = parse(text)
        word_lemmas: list[list[str]] = [[] for _ in kept]
        strings = doc.vocab.strings
        # read as arrays of ids: no Token object per word (see clauses.clauses_of)
        for idx, lemma_id, lower_id, orth_id, space in doc.to_array([IDX, LEMMA, LOWER, ORTH, IS_SPACE]).tolist():
            if space:
                continue
            lower = strings[lower_id]
            lemma = strings[lemma_id].lower().replace(" ", "_") or lower
            if lower in ("i", "me", "myself"):
                lemma = lower
            wl = word_lemmas[word_of_char(idx)]
            # a word split by the parser ("I'd" -> "I", "'d") keeps its pieces' lemmas in order,
            # punctuation pieces dropped (the tokeniser drops them too)
            if is_word(strings[orth_id]):
                wl.append(lemma)
        toks = tokenise(kept, word_lemmas)
        clauses = _historic_present(tuple(clauses_of(doc, word_of_char, _readings())))
        sentences = tuple((word_of_char(s.start_char), word_of_char(max(s.start_char, s.end_char - 1)) + 1) for s in doc.sents)
    else:
        toks = tokenise(kept)
        clauses = ()
        sentences = ()
    n = len(toks)
    idiom: set[int] = set()
    for t0, t1 in toks.hits(_idioms()):
        idiom.update(range(t0, t1))
    spans = number_spans(toks.tokens, number_words(), idiom)
    # the first thing the candidate or the team did ("I was a senior engineer" is no action):
    # numbers before it are the situation
    states = _states()
    narrative = [c for c in clauses if c.actor in ("self", "team") and c.time in ("past", "past_perfect") and not c.passive and c.lemma not in states]
    first_action = min((_token_of_word(toks, c.verb) for c in narrative), default=None)
    quantities = []
    sentence_starts = [s0 for s0, _ in sentences]
    by_verb = sorted(clauses, key=lambda c: c.verb)
    verb_words = [c.verb for c in by_verb]
    for q in spans:
        word = toks.word_of[q.t0]
        inside = [c for c in clauses if c.words[0] <= word < c.words[1]]
        # the innermost clause holding the number decides its time and verbs
        inner = min(inside, key=lambda c: c.words[1] - c.words[0]) if inside else None
        sentence = bisect_right(sentence_starts, word) - 1
        if inner is None:
            # a fronted phrase belongs to the clause it opens: "Two weeks before the deadline I found ..."
            inner = next((c for c in by_verb if c.words[0] > word and c.words[0] - word <= 8
                          and bisect_right(sentence_starts, c.words[0]) - 1 == sentence), None)
            if inner is not None:
                inside = [inner]
        lemmas = {c.lemma for c in inside if c.words[1] - c.words[0] <= (inner.words[1] - inner.words[0]) * 3} if inner else set()
        # "the seven percent I conceded": a clause right after the number says whose figure it is
        # (in the number's own sentence: "... errors down 90%. I think the key was ..." is a new thought)
        # (not a clause of its own joined on: "... to five thousand, but I think it was worth it")
        joined_on = q.t1 < len(toks) and toks.tokens[q.t1] in _roles()["clause_joiners"]
        # (nor a thought that takes a clause of its own: "... brought in about four hundred leads i think looking back
        # i learned ..." in unpunctuated speech is the closing, not whose figure it was)
        following = [c for c in clauses if q.t1 <= _token_of_word(toks, c.words[0]) <= q.t1 + 1 and c.sentence == sentence and not joined_on
                     and not c.clausal]
        est = [c for c in following + ([inner] if inner else []) if c.lemma in _roles()["estimate_lemmas"]]
        # "I'd estimate we saved around six thousand pounds": the number's clause hangs on a hedge
        est += [c for c in inside if c is not inner and c.time == "hedge" and c.lemma in _roles()["estimate_lemmas"]]
        # "I proposed cutting the menu to sixteen dishes": the figure the candidate put forward, not what changed
        # (said just before it, in its sentence: run-on speech can hang the rest of the story on "proposed")
        est += [c for c in inside if c is not inner and c.actor == "self" and c.lemma in _roles()["proposal_lemmas"]
                and c.sentence == sentence and 0 < q.t0 - _token_of_word(toks, c.verb) <= 12]
        lemmas |= {c.lemma for c in est}
        # "my model forecasts about three million pounds a year less waste once it's in every
        # store", "the manager estimates about two thousand more residents will be able to apply":
        # what is expected from now on is a forecast, whoever makes it and however late it is said
        # ("which finance estimated protected $1.8M" values what did happen)
        # ("... estimates that it will take nine tonnes of plastic out of the bins and save about
        # eleven thousand pounds": the "will" said inside the estimate reaches the whole of it)
        estimating = est + [c for c in inside if c.lemma in _roles()["estimate_lemmas"] and c not in est]
        # "we expect it to save around half a million a year": expected now, so still to come
        forecast = bool(lemmas & _roles()["forecast_lemmas"]) or any(
            c.lemma in _roles()["forecast_present_lemmas"] and c.time == "present" for c in estimating) or any(
            c.time == "future" and c.sentence == sentence and (
                (est and _token_of_word(toks, c.verb) >= q.t1) or any(e.words[0] <= c.verb < e.words[1] for e in estimating))
            for c in clauses)
        if forecast:
            lemmas |= {c.lemma for c in estimating}
        # "the pharmacist thinks errors are probably down by half", "the planners reckoned we'd covered
        # something like 90%": anyone's opinion, held now or then, is an estimate, however late it is
        # told ("finance estimated" in the past valued what happened: no opinion verb)
        # (somebody else's: the candidate's own "i think" is a speaker's hedge over whatever follows it)
        opinion = [c for c in inside if c is not inner and c.lemma in _roles()["opinion_lemmas"] and c.time in ("present", "past")
                   and c.actor not in ("self", "none") and 0 < q.t0 - _token_of_word(toks, c.verb) <= int(language_data()["roles"]["opinion_reach"])]
        lemmas |= {c.lemma for c in opinion}
        valued = _valued_by_me(q, toks, toks.first_token[sentence_starts[sentence]] if sentence >= 0 else 0)
        if valued:
            lemmas.add("estimate")
        own_estimate = forecast or bool(opinion) or valued or any(c.actor == "self" for c in est)
        if inner is not None:
            # the clause an estimate's noun opens: "an estimate that it could cut seller onboarding time in half and bring in
            # maybe 2 million dollars a year" -- the proposal's own figures, not what happened
            c0 = _token_of_word(toks, inner.words[0])
            if c0 >= 2 and toks.tokens[c0 - 1] == "that" and toks.lemmas[c0 - 2] in _roles()["estimate_nouns"]:
                lemmas.add("estimate")
                own_estimate = True
        # "what would have been several thousand complaints": a counterfactual verb just before
        # the number; "i would market it ... across all four hotels": a hypothetical one
        # (in the number's own sentence: "... what I would do. We finished four days late" is real)
        # (or a verbless piece the parser split off: "i think it would probably cut the records by
        # something like | thirty percent" in run-on speech)
        verbless = inner is None and not any(c.sentence == sentence for c in clauses)
        might_be = any(
            (c.time == "counterfactual" and 0 < q.t0 - _token_of_word(toks, c.verb) <= 4)
            or (c.time in ("hypothetical", "future") and 0 < q.t0 - _token_of_word(toks, c.verb) <= 12 and (c.sentence == sentence or verbless))
            for c in clauses
        )
        doer = inner
        clause_time = inner.time if inner is not None else "unknown"
        if inner is not None and inner.subject.lower() in _roles()["relative_subjects"]:
            # "I cut the plan down to the lines that mattered, which was about six thousand": a
            # relative clause describes the step it hangs on
            doer = min((c for c in inside if c is not inner and c.words[0] <= inner.words[0] and c.actor != "none"),
                       key=lambda c: c.words[1] - c.words[0], default=inner)
            if doer.time in ("counterfactual", "hypothetical", "future"):
                # ... and is as real as it: "we would have been refunding about two hundred and sixty
                # people, which is around three thousand pounds"
                clause_time = doer.time
        if inner is not None and inner.actor == "self" and inner.time in ("present", "unknown"):
            # "I ... trained four senior pickers as floor leads": "leads" read as a present verb
            # inside the candidate's past clause; the past clause around it says who did what
            doer = min((c for c in inside if c.actor == "self" and c.time in ("past", "past_perfect")), key=lambda c: c.words[1] - c.words[0], default=inner)
        # ... and work the candidate handed to others: "I assigned two of the senior nurses to write
        # a procedure" says who was asked, not what changed
        own = doer is not None and not doer.passive and doer.time in ("past", "past_perfect") and (
            (doer.actor == "self" and _said_as_own(doer, toks))
            or doer.delegated
            # a subjectless verb is the candidate's next step only where it is said as one: in
            # "i shipped it behind a flag and mobile conversion went up one point one percent"
            # the parser hung "mobile conversion" on "shipped", and "went up" is what changed
            or (doer.actor == "none" and _listed_after_self(doer, clauses) and _said_as_own(doer, toks))
        )
        # ... and the verb said last before the number is the candidate's too: in "... and
        # complaints about the tariff fell to almost zero" the number is what fell
        k = bisect_right(verb_words, toks.word_of[q.t0] - 1) - 1  # the last verb said before the number's word
        nearest = by_verb[k] if k >= 0 else None
        if own and nearest is not None and nearest is not doer and nearest.sentence == sentence and not nearest.request and not (
            nearest.actor == "self" and _said_as_own(nearest, toks)
        ) and not (nearest.actor == "none" and _listed_after_self(nearest, clauses)):
            own = False
        role = _role(q, toks, lemmas, clause_time, might_be, own, own_estimate, first_action, n)
        if role == "result" and q.is_time and inner is not None and word - sentence_starts[sentence] <= 3 and toks.word_of[q.t1 - 1] < inner.verb:
            role = "setup"  # "Two weeks before the deadline, the provider changed their SDK": when it happened
        if role == "result" and inner is not None and inner.time in ("present", "habitual") and inner.actor not in ("self", "team") \
                and _token_of_word(toks, inner.verb) < q.t0 and any(
                c.lemma in _roles()["finding_lemmas"] and c.actor in ("self", "team") and c.time == "past" and not c.negated
                and c.words[0] <= inner.words[0] and inner.words[1] <= c.words[1] and c.verb < inner.words[0] for c in clauses):
            # "i showed that in three districts the trucks drive around twenty percent more kilometres than needed": what
            # the candidate's analysis found, in the present of how things stand, is the situation, not what changed
            role = "setup"
        if role == "result" and own and q.t1 - q.t0 == 1 and toks.tokens[q.t0] == "one":
            role = "setup"  # "I cut the paperwork from three forms to one": a lone "one" in the candidate's step is its detail
        if role == "result" and _is_reason(q, toks, _token_of_word(toks, sentence_starts[sentence]) if sentence >= 0 else 0):
            role = "setup"  # "she kept the slot because two people on the team were in a later time zone"
        if toks.word_of[q.t0] == toks.word_of[q.t1 - 1] and _hyphenated_description(toks.words[toks.word_of[q.t0]]) \
                and q.unit not in _roles()["rating_units"]:
            role = "setup"  # "eight-hour shifts", "a 40-minute wait": a description, not a measured change
        nxt = toks.tokens[q.t1] if q.t1 < n else ""
        verbs_of_outcome = _roles()["own_outcome_lemmas"] if own else _roles()["outcome_lemmas"]
        outcome = bool(lemmas & verbs_of_outcome) or (q.is_time and nxt in _roles()["gain_after"]) or nxt in _roles()["comparative_after"]
        # "the error rate was back to point one percent", "utilisation was back under sixty percent": a level restored
        outcome = outcome or bool(_roles()["restored_before"].intersection(toks.tokens[max(0, q.t0 - 3) : q.t0 - 1]))
        if role == "result" and _none_of(q, toks):
            outcome = True  # "none of the other four patients in the bay caught it": zero of four
        elif role == "result" and not outcome and _partitive(q, toks):
            role = "setup"  # "two of the reports they relied on were missing": which ones, not what changed
        # "We never quite hit the forty by September": a target the story already named, not reached, measures nothing
        missed = inner is not None and inner.negated
        again = role == "result" and (not outcome or missed) and _named_again(q, toks)
        quantities.append(Quantity(q.t0, q.t1, q.value, q.unit, role, toks.quote(q.t0, q.t1), outcome, again))
    return Analysis(toks, clauses, tuple(quantities), sentences)
