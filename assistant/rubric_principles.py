"""The per-principle checks: does the story speak to the principle asked
(``lp_framing``), the Have Backbone beats (``backbone``) and the failure
questions' real mistake (``real_failure``); and which principle an answer speaks
to most (``closest_principle``, for ``score`` without --lp).

Split from ``assistant.rubric`` (which calls them and re-exports them) along the
guide's own line: the story-shape checks there apply to every answer; these read
the beats the guide gives each principle ("Have Backbone; Disagree and Commit ...
three beats", "Pick a real failure where you owned the mistake").  Every lexicon
lives in ``data/rubric.toml`` with its citation.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from .delivery import na as _na
from .delivery import result as _result
from .language import Analysis, Clause, Lexicon, analyse, compile_phrases, normalise_text
from .rubric_data import Rules, load_rules
from .types import CheckResult, Question, Transcript

if TYPE_CHECKING:
    from .rubric import Context, Span


def check_lp_framing(c: Context, manager_led: bool = False) -> CheckResult:
    """``manager_led``: the self_driven check found the manager driving the story (it fails)."""
    toks, r, lp = c.analysis.tokens, c.rules, c.question.lp
    if c.follow_up and not c.probed("lp_framing"):
        return _na("lp_framing", "not what this follow-up asked")
    lexicon = r.framing.get(lp)
    if lexicon is None:
        return _na("lp_framing", f"no keywords for principle '{lp}'")
    # a beat inside work handed to someone else ("I asked Sam to dig through the logs") is Sam's;
    # in a people story the work handed over is the development itself ("I had him run the huddle")
    people = lp in r.raw["business"].get("people_principles", [])
    handed = [] if people else [c.analysis.clause_span(x) for x in c.analysis.clauses if x.delegated]
    # a failure question's own beat (guide: "Pick a real failure where you owned the
    # mistake"): "i didn't check", "that was my mistake" speak to it
    failure, owned = c.failure, c.owned
    beats = toks.hits(lexicon) + toks.hits(_question_beats(c.question.text)) + owned
    required = r.framing_required.get(lp)
    if required is not None:
        # what a principle cannot pass without is its beat too: a Think Big idea the board was "skeptical" of
        # that ran to "a team of seven by the third year", a Success and Scale story's "local" residents
        beats += toks.hits(required)
    if lp == r.raw["develop_others"]["lp"]:
        # the growth told ("I taught two of her lessons while she watched") is the principle's beat too
        beats += toks.hits(r.lex["develop_others.beats"])
    spans = [s for s in beats if not any(h0 <= s[0] < h1 for h0, h1 in handed)]
    distinct = {toks.lemmas[t0] if t1 - t0 == 1 else " ".join(toks.lemmas[t0:t1]) for t0, t1 in spans}
    quotes = c.quotes(spans, 3)
    contrary = r.framing_contrary.get(lp)
    against = toks.hits(contrary) if contrary is not None else []

    def opposite() -> CheckResult:
        return _result("lp_framing", "fail", "the story does the opposite of the principle asked: a different question answered", c.quotes(against, 2))

    if len(against) >= r.num("framing", "contrary_over"):
        # the opposite told at length, whatever words of the principle come with it: a second
        # season of trials "to get the full picture first" asked about incomplete information
        return opposite()
    speaks = len(distinct) >= r.num("framing", "pass_distinct") or len(spans) >= r.num("framing", "pass_total")
    asked = _asked_for(c, speaks, failure, owned)
    if asked is not None:
        return asked
    if speaks and len(against) >= r.num("framing", "contrary_min"):
        # the principle's words beside its opposite told twice: "I added a sign-off sheet ... a second
        # check ... the extra control was worth it" asked to simplify only touches Invent and Simplify
        return _result("lp_framing", "warn", "the principle asked is only touched on: the story also does its opposite", c.quotes(against, 2))
    if speaks:
        if required is not None and not toks.hits(required):
            # README's own example of a different question answered: "a Customer Obsession
            # answer with no customer"
            return _required_missing(c, quotes)
        if required is not None and _required_says(c, "opening_only") and not toks.hits(required, lo=len(toks) // 4):
            # a Customer Obsession story whose customer is only the opening's trigger,
            # absent from the action and the result, only touches the principle (a Think Big
            # idea's reach is said where the idea is: "opening_only" left empty)
            return _result("lp_framing", "warn", f"the principle asked is only touched on: {_required_says(c, 'opening_only')}", quotes)
        touched = _only_touched(c, manager_led, quotes)
        if touched is not None:
            return touched
        one_off = _one_off(c)
        if one_off:
            return _result("lp_framing", "warn", "a one-off fix: say what you did so it stays fixed (the principle is for the long term)", c.quotes(one_off, 2))
        # only touched, too: Dive Deep whose depth others dug
        if lp in r.raw["framing"].get("hands_on", []) and c.feats.requests and len(c.feats.requests) * 2 >= len(c.feats.own):
            return _result("lp_framing", "warn", "the digging was done by the people you asked: show the layers you went through yourself", c.clause_quotes(c.feats.requests, 2))
        if lp in r.raw["framing"].get("hands_on", []):
            # the deepest layer found by someone else: "I split the complaints by store ... and they
            # found that the pickers were on an older app" -- the cause was theirs to find
            digs = frozenset(r.raw["framing"].get("finding_verbs", []))
            things = frozenset(r.raw["framing"].get("finding_things", []))
            found = [x for x in c.analysis.clauses if x.lemma in digs and x.time in ("past", "past_perfect") and not x.negated
                     and x.actor != "none" and x.subject.lower() not in things]
            if found and found[-1].actor not in ("self", "team"):
                return _result("lp_framing", "warn", "the deepest cause was found by others: show the layer you reached yourself", c.clause_quotes(found[-1:], 1))
        return _result("lp_framing", "pass", "the story speaks to the principle asked", quotes)
    if spans and len(against) >= r.num("framing", "contrary_min"):
        # "I made the case for a bigger team ... approval for six new hires and a new licence" to a
        # Frugality question: the opposite of "more with less" is a different question answered
        return opposite()
    if spans and required is not None and not toks.hits(required):
        return _required_missing(c, quotes)
    if spans:
        return _only_touched(c, manager_led, quotes) or _result(
            "lp_framing", "warn", "the principle asked is only touched on; make it the point of the story", quotes)
    # ... and with no beat at all, those two are still the principle only touched, not a
    # different question answered
    return _only_touched(c, manager_led, quotes) or _result(
        "lp_framing", "fail", "the story does not speak to the principle asked: a different question answered")


def _required_says(c: Context, case: str) -> str:
    """What to say when a principle's required beat ([framing.required]) is missing (``case``
    "absent") or only in the opening quarter ("opening_only"), from [framing.required_says]."""
    return str(c.rules.raw["framing"]["required_says"][c.question.lp][case])


def _required_missing(c: Context, quotes: tuple[str, ...]) -> CheckResult:
    """A principle's required beat missing from the whole story: a different question answered
    (fail), or for a principle whose data says so ("absent_level" = "warn"), the principle only
    touched -- a Think Big idea told small is still an idea."""
    level = str(c.rules.raw["framing"]["required_says"][c.question.lp].get("absent_level", "fail"))
    said = "the story does not speak to the principle asked" if level == "fail" else "the principle asked is only touched on"
    return _result("lp_framing", level, f"{said}: {_required_says(c, 'absent')}", quotes)


def _asked_for(c: Context, speaks: bool, failure: bool, owned: list[Span]) -> CheckResult | None:
    """What the question itself asks for, missing from the story however many of the principle's
    words it has: a different question answered (guide: "answering a different question than
    the interviewer is asking").  ``speaks``: the story has the principle's beats; only then is
    half an answer "only touched" rather than whatever the beats say.  ``failure``, ``owned``: a
    failure question, and the mistakes owned in the answer (as check_lp_framing found them)."""
    r, lp, toks = c.rules, c.question.lp, c.analysis.tokens
    asked = normalise_text(c.question.text)
    d = r.raw["develop_others"]
    growth = lp == d["lp"] and r.lex["develop_others.question"].pattern.search(asked)
    own_growth = (toks.hits(r.lex["develop_others.self_grown"]) or _grown_by_others(c) or _grown_myself(c)) if growth else []
    if own_growth:
        return _result("lp_framing", "fail", "the story does not speak to the principle asked: the growth told is your own", c.quotes(own_growth, 1))
    if growth and not toks.hits(r.lex["develop_others.beats"]):
        hiring = toks.hits(r.lex["develop_others.hiring"])
        if hiring and r.lex["develop_others.hiring"].pattern.search(asked):
            if not speaks:
                return None
            return _result("lp_framing", "warn", "half the question answered: you told the hire, now say how you developed them after they joined", c.quotes(hiring, 2))
        return _result("lp_framing", "fail", "the story does not speak to the principle asked: nobody else grows in it")
    received = _feedback_received(c, asked)
    if received:
        return _result("lp_framing", "fail", f"a different question answered: {r.raw['feedback_given']['says']}", c.quotes(received, 2))
    def happened(t0: int) -> bool:
        # told as what happened: not negated ("i didn't change my mind"), not what would be ("the usual call
        # would be to cancel"), not the closing habit ("before i make any cancellation call")
        inner = c.analysis.innermost_clause(t0)
        if inner is not None and not inner.negated and inner.time in ("purpose", "reported", "hypothetical"):
            # ... or as what was decided: "so he decided we'd reverse it and put the pallets back on"
            v = c.analysis.verb_token(inner)
            return any(x.lemma in decided and x.time == "past" and not x.negated and 0 < v - c.analysis.verb_token(x) <= 3
                       for x in c.analysis.clauses)
        return inner is None or (not inner.negated and inner.time in ("past", "past_perfect", "perfect"))

    decided = frozenset(r.raw["framing"]["decision_verbs"])
    echo = _echo(c)
    for ask in r.framing_asks:
        if ask.lp != lp or not ask.question.pattern.search(asked):
            continue
        turned = [s for s in toks.hits(ask.opposite) if not echo[0] <= s[0] < echo[1]] if ask.opposite is not None else []
        if turned:
            return _result("lp_framing", "fail", f"a different question answered: {ask.opposite_says}", c.quotes(turned, 2))
        if not [s for s in toks.hits(ask.story) if (not ask.event or happened(s[0])) and not echo[0] <= s[0] < echo[1]]:
            # the prompt's own demand missing ("others disagreed with you" told with nobody
            # disagreeing): however many of the principle's words it has, another question answered
            # (or, where the data says so, the principle only touched: a hire trained, not weighed)
            if ask.touched and speaks:
                return _result("lp_framing", "warn", f"the principle asked is only touched on: {ask.says}")
            return _result("lp_framing", "fail", f"a different question answered: {ask.says}")
    framing = r.raw["framing"]
    admits = lp in framing.get("admits", []) or lp in framing.get("admits_when_asked", [])
    if admits and failure and not owned and not toks.hits(r.lex["real_failure.team_owned"]):
        if r.lex["framing.admits_question"].pattern.search(asked):
            return _result("lp_framing", "fail", "the story does not speak to the principle asked: no mistake of yours is admitted in it")
        if lp not in framing.get("admits", []) or not speaks or len(toks.hits(r.lex["framing.candour"])) >= r.num("framing", "candour_min"):
            return None
        return _result("lp_framing", "warn", "the principle asked is only touched on: say what you got wrong, and how you owned it")
    return None


def _grown_by_others(c: Context) -> list[Span]:
    """Somebody else developing the candidate, told on clauses ("he let me shadow him", "she
    mentored me through it"), more often than the candidate develops anyone ("I showed him how"):
    those clauses, if at least [develop_others] grown_min; else none."""
    a, d = c.analysis, c.rules.raw["develop_others"]
    verbs, toks = frozenset(d["grown_by"]), a.tokens.tokens
    mine: list[Span] = []
    given = 0
    for x in a.clauses:
        if x.lemma not in verbs or x.negated or x.delegated:
            continue  # "I made her talk me through each case": the candidate's exercise for her, not her teaching
        v = a.verb_token(x)
        after = toks[v + 1 : v + 3]
        if x.actor in ("other", "manager") and after[:1] == ("me",):
            mine.append((a.verb_span(x)[0], v + 2))
        elif x.actor == "self" and {"him", "her", "them"} & set(after):
            given += 1
    return mine if len(mine) >= int(d["grown_min"]) and len(mine) > given else []


def _grown_myself(c: Context) -> list[Span]:
    """Every growth beat ([develop_others] beats) told of the candidate: "I did a twelve-week certificate ...
    then shadowed at a specialist hospital ... I was promoted to senior nurse" -- the candidate shadowing,
    the candidate promoted.  Those beats if there are some and all are the candidate's own; else none."""
    a = c.analysis
    beats = a.tokens.hits(c.rules.lex["develop_others.beats"])
    learned = frozenset(c.rules.raw["develop_others"]["self_growth"])

    def mine(t0: int) -> bool:
        x = a.innermost_clause(t0)
        if x is None or x.negated:
            return False
        if x.passive and x.subject.lower() in ("i", "i'd"):
            return True  # "I was promoted to senior nurse"
        actor = x.actor
        if actor == "none":  # "... and then shadowed at a specialist hospital": the last subject said before it
            said = [y for y in a.clauses if y.sentence == x.sentence and y.verb < x.verb and y.actor != "none"]
            actor = said[-1].actor if said else "none"
        return actor == "self" and (x.passive or x.lemma in learned)

    return beats if beats and all(mine(t0) for t0, _ in beats) else []


def _feedback_received(c: Context, asked: str) -> list[Span]:
    """On a prompt asking for feedback the candidate gave: the clauses where the feedback came to
    the candidate instead ("she told me straight that ...", "I was told", "I got some feedback"),
    when no clause has the candidate telling someone; else none."""
    d = c.rules.raw["feedback_given"]
    if not c.rules.lex["feedback_given.question"].pattern.search(asked):
        return []
    a = c.analysis
    toks = a.tokens.tokens
    tell, said, got = set(d["tell"]), set(d["said"]), set(d["got"])
    hearer, to_me, reach = set(d["hearer"]), set(d["said_to_me"]), int(d["hearer_reach"])
    received: list[Span] = []
    for x in a.clauses:
        if x.lemma not in tell | said | got or x.negated:
            continue
        v = a.verb_token(x)
        after = toks[v + 1 : min(a.clause_span(x)[1], v + 1 + reach)]
        if x.actor == "none" and not x.passive and x.lemma in said and hearer & set(after) - {"feedback"}:
            return []  # the candidate's purpose: "I went to their office to walk her through it"
        if x.actor == "self" and not x.passive:
            if x.lemma in tell and not to_me & set(after[:1]) or x.lemma in said and hearer & set(after):
                return []  # the candidate told someone: feedback given
            if x.lemma in got and "feedback" in after:
                received.append(a.verb_span(x))
        elif x.actor == "self" and x.lemma in tell | said:
            received.append(a.verb_span(x))  # "I was told"
        elif x.actor != "self" and to_me & set(after[:2]) and x.lemma in tell | said:
            me = v + 1 + next(k for k, w in enumerate(after) if w in to_me)
            received.append((a.verb_span(x)[0], min(me + 2, a.clause_span(x)[1])))  # "she told me that", "pulled me aside"
    return received


def _only_touched(c: Context, manager_led: bool, quotes: tuple[str, ...]) -> CheckResult | None:
    """The principle only touched (the labeling rules, from the guide), whatever its beats: a
    trivial Backbone disagreement "does not demonstrate the principle"; a manager-led story
    for a principle about taking something on.  ``quotes``: the beats found, if any."""
    r, lp = c.rules, c.question.lp
    trivial = c.trivial
    if lp == r.raw["backbone"].get("lp") and c.silent:
        return _result("lp_framing", "warn", "the disagreement was kept to yourself: Backbone is a stand taken out loud", c.quotes(c.silent, 2))
    if lp == r.raw["backbone"].get("lp") and trivial and not c.stakes:
        return _result("lp_framing", "warn", "a preference is not a consequential disagreement: Backbone is only touched", quotes or c.quotes(trivial, 2))
    if manager_led and lp in r.raw["framing"].get("self_started", []):
        # guide: "Manager-only ownership ... Amazon grades for ownership independent of the
        # manager's instruction": a risk or a problem the manager took on is only touched
        return _result("lp_framing", "warn", "your manager drove it: show where you took it on yourself", quotes)
    return None


def _echo(c: Context) -> Span:
    """The question said back before the story starts -- "okay um data over intuition so um i was assistant
    manager" -- as a token span ((0, 0) when there is none).  Restating the prompt is not answering it (guide:
    "answering a different question than the interviewer is asking"), so its words do not answer what the
    question itself asks for ([[framing.asks]]).
    An echo is a run of at least [framing] echo_min of the question's own words at the very start (after any
    of echo_openers), ended by one of echo_openers or a punctuation break: "the surface explanation was ..."
    goes straight on into the story and is no echo."""
    toks, f = c.analysis.tokens, c.rules.raw["framing"]
    openers, joiners = frozenset(f["echo_openers"]), frozenset(f["echo_joiners"])
    asked = frozenset(normalise_text(c.question.text).split())
    n, k = len(toks), 0

    def said(k: int) -> bool:
        return k < n and (toks.tokens[k] in asked or toks.lemmas[k] in asked)

    while k < n and toks.tokens[k] in openers:
        k += 1
    start = k
    while (said(k) or (k < n and toks.tokens[k] in joiners and said(k + 1))) and (k == start or k not in toks.after_break):
        k += 1
    ended = k < n and (toks.tokens[k] in openers or k in toks.after_break)
    return (start, k) if ended and k - start >= int(f["echo_min"]) else (0, 0)


@lru_cache(maxsize=256)
def _question_beats(question: str) -> Lexicon:
    """The question's own content words, as lemmas: "simplified a complex process" -> simplify, complex, process."""
    stop = frozenset(load_rules().raw["framing"].get("question_stopwords", []))
    toks = analyse(question.split()).tokens
    beats = sorted({lemma for lemma, tok in zip(toks.lemmas, toks.tokens) if lemma not in stop and tok not in stop and len(lemma) > 2 and lemma.isalpha()})
    return Lexicon(compile_phrases(beats, "question beats"), lemmas=True)


def _one_off(c: Context) -> list[Span]:
    """Where a story for a long-term principle is told as one night's fix, with nothing done so it
    stays fixed before the reflection ([long_term] in the rubric data says why); [] otherwise."""
    r, toks = c.rules, c.analysis.tokens
    if c.question.lp not in r.raw["long_term"]["principles"] or c.follow_up or c.failure or c.feats.hypothetical_mode:
        return []
    # "about one morning in five" is how often, not the one morning the story is anchored on
    rates = {q.t0 for q in c.analysis.quantities}
    anchors = [s for s in toks.hits(r.lex["long_term.one_off"]) if not (
        s[1] + 1 < len(toks) and toks.tokens[s[1]] == "in" and s[1] + 1 in rates)]
    end = c.feats.reflections[0][0] if c.feats.reflections else len(toks)
    # what the candidate did so it stays fixed comes with the story's steps, and is the candidate's:
    # "my job was mainly processing applications", a certificate that "had been set up years before"
    # (the setup) and "using their runbook" (the owners' own) are none
    first = min((c.analysis.verb_token(x) for x in c.feats.own), default=0)
    doers = frozenset(r.raw["long_term"]["others"])

    def mine(s: Span) -> bool:
        # what the owners did once it was handed back is not the candidate's lasting fix: "so they could schedule a
        # permanent repair", "the platform team replaced my pin with a proper fix", "they replaced the hinge"
        inner = c.analysis.innermost_clause(s[0])
        said = inner.subject.lower().split() if inner is not None else []
        return inner is None or inner.actor not in ("other", "manager") or not said or said[-1] not in doers

    framed = [s for s in toks.hits(r.lex["long_term.framed"], hi=end) if mine(s)]
    if toks.hits(r.lex["long_term.handed_back"], lo=first) and not framed:
        # the night's fix handed back to its owners: whatever was logged or handed over on the way, nothing stays fixed
        return anchors
    theirs = frozenset(r.raw["long_term"]["not_after"])
    lasting = [s for s in toks.hits(r.lex["long_term.lasting"], lo=first, hi=end) if not (s[0] and toks.tokens[s[0] - 1] in theirs) and mine(s)]
    # ... but the story framed as a long-term call is one wherever it is said ("this is about a long-term call I made")
    return [] if lasting or framed else anchors


def backbone_trivial(c: Context) -> list[Span]:
    """A preference as what was disagreed about: said before the commit ("I moved my desk to
    line three" is how a committed candidate made the plan work, not the disagreement)."""
    toks = c.analysis.tokens
    commit = toks.hits(c.rules.lex["backbone.commit"])
    hits = toks.hits(c.rules.lex["backbone.trivial"], hi=commit[0][0] if commit else len(toks))
    if toks.hits(c.rules.lex["backbone.trivial_public"]):
        # a library people use: "the library" is the building, not a code library
        public = frozenset(c.rules.raw["backbone"]["trivial_public_words"])
        hits = [s for s in hits if " ".join(toks.lemmas[s[0] : s[1]]) not in public]
    return hits


def backbone_silent(c: Context) -> list[Span]:
    """Where the candidate says they kept the disagreement to themselves, unless they raised it
    after all before the result and the lesson ("since then I raise it at the briefing" is the
    lesson, not the stand); [] otherwise."""
    toks, lex = c.analysis.tokens, c.rules.lex
    silent = toks.hits(lex["backbone.silent"])
    if not silent:
        return []
    ends = [e for e in (c.feats.result_start, c.feats.reflections[0][0] if c.feats.reflections else None) if e is not None]
    end = min(ends, default=len(toks))
    return [] if toks.hits(lex["backbone.voiced"], lo=silent[-1][1], hi=max(end, silent[-1][1])) else silent


def backbone_stakes(c: Context) -> list[Span]:
    """What made the disagreement consequential, said in the candidate's case before the other
    side's answer and the result: customers who "found the new screens easier to read" afterwards,
    or the manager's point that "support raised customer bugs in Jira already", do not make a tool
    choice the candidate argued over a stake."""
    toks = c.analysis.tokens
    end = c.feats.result_start if c.feats.result_start is not None else len(toks)
    conceded = _conceded(c, end)
    employer = c.rules.raw["backbone"]["stakes_not_after"]
    reach = int(c.rules.num("backbone", "stakes_reach"))

    def trade(t0: int) -> bool:  # "at a payments start-up": where the candidate works
        before = " " + " ".join(toks.tokens[max(0, t0 - reach) : t0]) + " "
        return any(f" {p} " in before for p in employer)

    other_thing = frozenset(c.rules.raw["backbone"]["stakes_not_before"])
    return [s for s in toks.hits(c.rules.lex["backbone.stakes"], hi=conceded[0][0] if conceded else end)
            if not trade(s[0]) and not (s[1] < len(toks) and toks.tokens[s[1]] in other_thing)]


def _conceded(c: Context, hi: int | None = None) -> list[Span]:
    """The points conceded under pushback, not the candidate's own claim to have been right."""
    toks, lex = c.analysis.tokens, c.rules.lex
    claims = toks.hits(lex["backbone.own_claim"])
    return [s for s in toks.hits(lex["backbone.concession"], hi=hi) if not any(k0 <= s[0] < k1 for k0, k1 in claims)]


def check_backbone(c: Context) -> CheckResult:
    a, r, toks = c.analysis, c.rules, c.analysis.tokens
    if c.question.lp != r.raw["backbone"].get("lp"):
        return _na("backbone", "only for Have Backbone; Disagree and Commit")
    if c.follow_up and not c.probed("backbone"):
        return _na("backbone", "not what this follow-up asked")
    lex = r.lex
    disagreement = toks.hits(lex["backbone.disagreement"])
    commit = toks.hits(lex["backbone.commit"])
    # evidence is what the disagreement rested on: said before the commit, not the result's numbers
    decided = commit[0][0] if commit else len(toks)
    missing_words = frozenset(r.raw["backbone"]["evidence_not_after"])
    reach = int(r.num("backbone", "evidence_reach"))
    evidence = [
        s for s in toks.hits(lex["backbone.evidence"], hi=decided)
        if not missing_words & set(toks.tokens[max(0, s[0] - reach) : s[0]])  # "whether I had any data"
    ] or [(q.t0, q.t1) for q in a.quantities if q.t0 < decided]
    concession = _conceded(c)
    close = toks.hits(lex["backbone.close"], lo=len(toks) // 2)
    trivial, stakes = c.trivial, c.stakes
    no_commit = toks.hits(lex["backbone.no_commit"])
    if c.silent and not c.follow_up:
        return replace(_result("backbone", "fail", "the disagreement was never voiced: say how you raised it, and on what evidence", c.quotes(c.silent, 2)), missing=("voiced",))
    if not disagreement and not c.follow_up:
        return replace(_result("backbone", "fail", "no disagreement told: say what you disagreed with and why"), missing=("disagreement",))
    if trivial and not stakes:
        return replace(_result("backbone", "fail", "the disagreement is a tool or style preference; pick a consequential decision", c.quotes(trivial, 3)), missing=("stakes",))
    gaps = [name for name, found in (("evidence", evidence), ("concession", concession), ("close", close or c.follow_up)) if not found]
    if not commit:
        return replace(_result("backbone", "fail", "no commit beat: say what you did to make the decided plan succeed", c.quotes(no_commit, 3)), missing=("commit", *gaps))
    said = {"evidence": "evidence for your view (a doc, data, a meeting)", "concession": "a point you conceded under pushback", "close": "the close: how the relationship came out"}
    beats = c.quotes(commit[:1] + concession[:1] + evidence[:1] + close[:1], 3)
    if gaps:
        return replace(_result("backbone", "warn", "commit is there, but missing " + " and ".join(said[g] for g in gaps), beats), missing=tuple(gaps))
    return _result("backbone", "pass", "evidence, a concession, an explicit commit, and the relationship intact", beats)


def is_failure_question(question: Question, rules: Rules | None = None) -> bool:
    """The guide's failure questions: tagged ``failure`` or asking about a failure or mistake."""
    rules = rules or load_rules()
    if "failure" in question.tags or "check:real_failure" in question.tags:
        return True
    if question.kind == "follow_up":
        return False
    return bool(rules.lex["real_failure.question_markers"].pattern.search(normalise_text(question.text)))


def owned_mistakes(a: Analysis, r: Rules) -> list[tuple[int, int]]:
    """Where the candidate owns a mistake ("i didn't check", "my fault"), less the phrases
    that only look like it ("i broke the problem down" is how the work was split); and a call
    judged wrong right after the candidate made it ("I decided to stop stocking the budget
    frames ... That was the wrong call")."""
    toks = a.tokens
    not_owned = toks.hits(r.lex["real_failure.not_owned"])

    def disowned(s: tuple[int, int]) -> bool:  # inside a phrase that only looks like owning it
        return any(n0 <= s[0] < n1 for n0, n1 in not_owned)

    owned = [s for s in toks.hits(r.lex["real_failure.owned"]) if not disowned(s)]
    states, reasons = frozenset(r.raw["real_failure"]["judged_not_after"]), frozenset(r.raw["real_failure"]["judged_reasons"])
    advised = frozenset(r.raw["real_failure"]["judged_advice"])

    def a_reason(x: Clause) -> bool:  # "... because they broke a lot": why the call was made, not the call
        x0 = a.clause_span(x)[0]
        return any(w in reasons for w in toks.tokens[max(0, x0 - 2) : x0 + 1])

    def the_candidates(t0: int) -> bool:  # the call judged is the last one told before the verdict
        told = [x for x in a.clauses if a.verb_token(x) < t0 and x.actor != "none" and x.lemma not in states and not a_reason(x)]
        last = max(told, key=a.verb_token, default=None)
        if last is not None and last.actor != "self" and not last.negated and any(
                x.actor == "self" and x.lemma in advised and not x.negated and 0 < a.verb_token(last) - a.verb_token(x) <= 4
                and a.clause_span(x)[0] <= a.clause_span(last)[0] < a.clause_span(x)[1] for x in told):
            return True  # "so i told them uh wait it's cheaper ... that was the wrong call": the advice given was the call
        return last is not None and last.actor == "self" and not last.negated

    judged = [s for s in toks.hits(r.lex["real_failure.judged"]) if the_candidates(s[0])]
    verbs = frozenset(r.raw["real_failure"]["owned_verbs"])
    said = [a.verb_span(x) for x in a.clauses
            if x.actor == "self" and x.lemma in verbs and not x.negated and x.time in ("past", "past_perfect")]
    said = [s for s in said if not disowned(s)]
    return sorted(set(owned + judged + said))


def check_real_failure(c: Context) -> CheckResult:
    f, r, toks = c.feats, c.rules, c.analysis.tokens
    if not c.failure:
        return _na("real_failure", "not a failure question")
    spin = toks.hits(r.lex["real_failure.spin"])
    owned = c.owned
    if spin:
        return _result("real_failure", "fail", "the failure is spun into a triumph; pick a real mistake", c.quotes(spin, 3))
    blamed = toks.hits(r.lex["real_failure.blamed"])
    if blamed:
        return replace(_result("real_failure", "fail", "the mistake is handed back to others; own what you got wrong", c.quotes(blamed, 2)),
                       missing=("owned",))
    if not owned:
        return replace(_result("real_failure", "fail", "no mistake of yours in it; own what you got wrong"), missing=("owned",))
    minimised = toks.hits(r.lex["real_failure.minimised"])
    cost = toks.hits(r.lex["real_failure.cost"])
    ev = c.quotes(owned[:1] + cost[:1], 2)
    reach = int(r.num("real_failure", "minimised_reach"))
    if minimised and all(any(m0 - reach <= s0 < m1 + reach for m0, m1 in minimised) for s0, _ in cost):
        # "it caused a bit of confusion ... it was fine after that": the cost played down, not named
        return replace(_result("real_failure", "warn", "you own the mistake, but play down what it cost: say what it cost, honestly",
                               c.quotes(owned[:1] + minimised[:1], 2)), missing=("cost",))
    # a number names the cost only as what the mistake led to, said before the candidate's last
    # step (guide: "name the cost honestly"): "two weeks" spent on the work or "the first
    # fortnight" of the setup are durations, and "an alert that fires thirty days before expiry",
    # the fix's own detail after the mistake was put right, is no cost either; what happened to
    # others once the story is under way is ("around 400 people called the helpline")
    a = c.analysis
    # (the story's steps, not the closing habit's: "... that season she took 2.3 seconds off her 100 ... What I
    # changed is that every swimmer now signs off their plan" -- the result after the recovery is no cost)
    # ... nor what the candidate's clause only names, "she was the first person I called on any levels question":
    # the relationship told after the recovery, not a step of it
    closing = a.innermost_clause(f.reflections[0][0]) if f.reflections else None
    steps = [a.verb_token(x) for x in f.own if not x.describes and (closing is None or x.sentence < closing.sentence)]
    first_step, last_step = min(steps, default=0), max(steps, default=len(toks))

    def others(t0: int) -> bool:  # said in someone else's clause, or in none
        inner = a.innermost_clause(t0)
        return inner is None or inner.actor in ("other", "none")

    counted = [q for q in a.quantities if q.t0 < last_step and (
        q.role == "result" or (q.role in ("setup", "estimate") and q.t0 > first_step and others(q.t0)))]
    if not cost and not counted:
        return replace(_result("real_failure", "warn", "you own the mistake, but not what it cost", ev), missing=("cost",))
    if not f.reflections:
        return replace(_result("real_failure", "warn", "a real mistake and its cost, but no change now visible in how you work", ev), missing=("change",))
    return _result("real_failure", "pass", "a real mistake, owned, its cost named and a change you now make", ev)


def closest_principle(transcript: Transcript, slugs: Sequence[str]) -> str:
    """The principle whose beats the answer speaks to most (for ``score`` without --lp)."""
    if not slugs:
        raise ValueError("no principles to choose from")
    rules = load_rules()
    toks = analyse([w.text for w in transcript.words]).tokens
    best, best_score = slugs[0], 0.0
    for slug in slugs:
        lexicon = rules.framing.get(slug)
        if lexicon is None:
            continue
        spans = toks.hits(lexicon)
        score = len({" ".join(toks.lemmas[s0:s1]) for s0, s1 in spans}) + 0.1 * len(spans)
        if score > best_score:
            best, best_score = slug, score
    return best
