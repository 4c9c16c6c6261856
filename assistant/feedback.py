"""What the coach says after an answer, and the Bar-Raiser follow-up it asks.

Pure code over an Evaluation.  The spoken feedback leads with the one fix that
matters most (a priority order over failing, then warning checks, taken from the
guide's red flags), quotes the candidate's own words as evidence, names one real
strength, and stays under ~25 seconds of speech.  The follow-up is the Bar
Raiser's probe for the weakest spot ("How did you measure that?", "What did you
personally do?"), taken from the question bank's probes for the principle when
one is tagged for that check, else from the generic probes in data/rubric.toml.
All wording lives in that data file's [feedback] tables.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, Sequence

from .delivery import length_verdict
from .rubric import FOLLOW_UP_ALWAYS, load_rules
from .types import CheckResult, Evaluation, Feedback, Question

_PAREN = re.compile(r"\s*\([^)]*\)")
_SECONDS = re.compile(r"(\d) s\b")
_MAX_QUOTE_WORDS = 6


def _fb() -> dict[str, Any]:
    return load_rules().raw["feedback"]


def word_count(text: str) -> int:
    return len(text.split())


def spoken_seconds(text: str, wpm: float | None = None) -> float:
    """How long ``text`` takes to say at ``wpm`` (the data file's speaking rate by default)."""
    rate = float(wpm or _fb()["speaking_wpm"])
    return word_count(text) / rate * 60.0


def focus_check(evaluation: Evaluation) -> CheckResult | None:
    """The one fix that matters most: the first failing check in priority order, else the first warning.

    A far-too-short answer leads with its length: nothing else can be fixed in 20 seconds.
    """
    length = evaluation.checks.get("length")
    if length is not None and length.status == "fail" and evaluation.duration_seconds < evaluation.target_seconds:
        return length
    priority: Sequence[str] = _fb()["priority"]
    for status in ("fail", "warn"):
        for cid in priority:
            check = evaluation.checks.get(cid)
            if check is not None and check.status == status:
                return check
    return None


def strength_check(evaluation: Evaluation, exclude: str | None = None) -> CheckResult | None:
    """The best passing check to name as a real strength: only one the answer's own words
    show (a pass with evidence), never an absence ("no manager mentioned")."""
    for cid in _fb()["praise_order"]:
        check = evaluation.checks.get(cid)
        if check is not None and check.status == "pass" and cid != exclude and any(e.strip() for e in check.evidence):
            return check
    return None


def weakest_probe_check(evaluation: Evaluation) -> str | None:
    """The weakest spot a Bar Raiser would dig into (delivery checks have no probe)."""
    fb = _fb()
    probe_checks = set(fb["probe_checks"])
    for status in ("fail", "warn"):
        for cid in fb["priority"]:
            check = evaluation.checks.get(cid)
            if cid in probe_checks and check is not None and check.status == status:
                return cid
    return None


# --------------------------------------------------------------------------- wording


def _sentence(text: str) -> str:
    """A check message made speakable: no parenthetical counts, "84 s" said as seconds."""
    text = _SECONDS.sub(r"\1 seconds", _PAREN.sub("", text)).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _short(quote: str) -> str:
    words = quote.split()
    return " ".join(words[:_MAX_QUOTE_WORDS])


def _fill(template: str, principle: str, evaluation: Evaluation) -> str:
    return template.format(principle=principle, target=f"{evaluation.target_seconds:.0f}")


def _quotes(check: CheckResult, limit: int) -> str:
    quotes = [f'"{_short(q)}"' for q in check.evidence[:limit] if q.strip()]
    if not quotes:
        return ""
    return "You said " + " and ".join(quotes) + "."


def _praise(check: CheckResult, principle: str, evaluation: Evaluation, with_quote: bool, avoid: tuple[str, ...] = ()) -> str:
    phrase = _fill(_fb()["praise"].get(check.id, check.message), principle, evaluation)
    fresh = [e for e in check.evidence if e.strip() and e.lower() not in {a.lower() for a in avoid}]
    quote = f', "{_short(fresh[0])}"' if with_quote and fresh else ""
    return f"What worked: {phrase}{quote}."


def opening(spoken_s: float) -> str:
    """The reply's first sentence, said as the answer ends: how long it ran
    ("That ran about 85 seconds."), or "" for an answer too short to need one."""
    o = _fb()["opening"]
    if spoken_s < float(o["min_answer_s"]):
        return ""
    step = float(o["round_s"])
    seconds = int(round(spoken_s / step) * step)
    if seconds < 100:
        length = f"{seconds} seconds"
    else:
        minutes, rest = divmod(seconds, 60)
        length = f"{minutes} minute{'s' if minutes > 1 else ''}" + (f" {rest} seconds" if rest else "")
    return o["text"].format(length=length)


def _spoken(evaluation: Evaluation, principle: str, focus: CheckResult | None, strength: CheckResult | None,
            opened: str = "") -> str:
    """Fix first, then the evidence, the advice and one strength; shed detail until it fits.

    ``opened``: the opening already said (the length): counted in the budget, and
    the length headline does not say the number again."""
    fb = _fb()
    max_words = int(fb["max_words"]) - word_count(opened)
    if focus is None:
        lead = "Strong answer: every check passed."
        variants = [
            [lead, _praise(strength, principle, evaluation, True)] if strength else [lead],
            [lead, _praise(strength, principle, evaluation, False)] if strength else [lead],
            [lead],
        ]
    else:
        message = focus.message
        if opened and focus.id == "length":
            message = length_verdict(message)  # "far too short ..." after "That ran about 85 seconds."
        headline = _sentence(message)
        advice = _fill(fb["advice"].get(focus.id, ""), principle, evaluation)
        praise_q = _praise(strength, principle, evaluation, True, focus.evidence) if strength else ""
        praise = _praise(strength, principle, evaluation, False) if strength else ""
        variants = [
            [headline, _quotes(focus, 2 if focus.status == "fail" else 1), advice, praise_q],
            [headline, _quotes(focus, 1), advice, praise_q],
            [headline, _quotes(focus, 1), advice, praise],
            [headline, _quotes(focus, 1), praise],
            [headline, _quotes(focus, 1)],
            [headline],
        ]
    for parts in variants:
        text = " ".join(p for p in parts if p)
        if word_count(text) <= max_words:
            return text
    return " ".join(text.split()[:max_words])  # a message longer than the budget: cut it


# --------------------------------------------------------------------------- follow-up


def _pick(options: Sequence[Any], key: str) -> Any:
    """A stable choice among options, varied by question (same answer, same probe)."""
    return options[zlib.crc32(key.encode("utf-8")) % len(options)]


def follow_up_for(evaluation: Evaluation, question: Question, principle: str, probes: Sequence[Question] | None = None) -> Question:
    """The Bar Raiser's probe for the weakest check, phrased for the principle asked."""
    fb = _fb()
    lp = evaluation.lp or question.lp
    key = f"{evaluation.question}|{lp}"
    cid = weakest_probe_check(evaluation)
    quote_back = fb.get("quote_back", {})
    claim = evaluation.checks.get("quantified_result", CheckResult("quantified_result", "n/a", "")).claim
    if cid is None:  # everything passed: still dig deeper, on the candidate's own claim first
        if claim and "quantified_result" in quote_back:
            return Question(text=quote_back["quantified_result"].format(claim=_said(claim)), lp=lp, kind="follow_up", tags=("check:quantified_result",))
        deeper = fb["deeper"].get(lp) or fb["deeper"]["default"]
        # never ask for what was already said: skip probes for checks the answer already passed well
        fresh = [e for e in deeper if not _said_well(evaluation, e["check"])] or deeper
        entry = _pick(fresh, key)
        return Question(text=entry["text"], lp=lp, kind="follow_up", tags=(f"check:{entry['check']}",))
    check = evaluation.checks[cid]
    tag = f"check:{cid}"
    beats = fb.get("beats", {})
    for beat in check.missing:  # the missing beat itself: Backbone without commit is asked about the commit
        text = beats.get(f"{cid}.{beat}")
        if text:
            return Question(text=_fill(text, principle, evaluation), lp=lp, kind="follow_up", tags=(tag,))
    if cid == "business_impact" and claim and "business_impact" in quote_back:
        return Question(text=quote_back["business_impact"].format(claim=_said(claim)), lp=lp, kind="follow_up", tags=(tag,))
    if check.claim and check.status != "pass" and cid in quote_back:
        # the vague claim itself, said back: "You said it all worked out fine. What actually changed ...?"
        return Question(text=quote_back[cid].format(claim=_said(check.claim)), lp=lp, kind="follow_up", tags=(tag,))
    tagged = [p for p in (probes or ()) if tag in p.tags and p.lp in (lp, "")]
    if tagged:
        probe = _pick(tagged, key)
        return Question(text=probe.text, lp=lp, kind="follow_up", tags=(tag,), id=probe.id)
    text = _fill(fb["probes"].get(cid, "What did you personally do there, step by step?"), principle, evaluation)
    return Question(text=text, lp=lp, kind="follow_up", tags=(tag,))


def _said(claim: str) -> str:
    """A claim quoted back, in the candidate's words but the coach's person: "I cut" -> "you cut"."""
    words = claim.split()
    swap = {"i": "you", "my": "your", "me": "you", "we": "you", "our": "your", "i'd": "you'd", "i've": "you've"}
    return " ".join(swap.get(w.lower(), w) for w in words)


def _said_well(evaluation: Evaluation, check_id: str) -> bool:
    check = evaluation.checks.get(check_id)
    return check is not None and check.status == "pass" and any(e.strip() for e in check.evidence)


def compose(evaluation: Evaluation, question: Question, principle_name: str, probes: list[Question] | None = None,
            opened: str = "") -> Feedback:
    """Spoken feedback (under ~25 s) and the follow-up probe for one evaluated answer.

    ``opened``: the opening (``opening``) already being said; ``spoken`` starts
    with it, and ``Feedback.opening`` holds it."""
    focus = focus_check(evaluation)
    strength = strength_check(evaluation, exclude=focus.id if focus else None)
    rest = _spoken(evaluation, principle_name, focus, strength, opened)
    return Feedback(
        spoken=f"{opened} {rest}".strip(),
        opening=opened,
        follow_up=follow_up_for(evaluation, question, principle_name, probes),
        focus=focus.id if focus else None,
        strength=strength.id if strength else None,
    )


def wrap_up(evaluation: Evaluation, probe: Question | None = None) -> str:
    """One spoken line after the follow-up answer: did it get more specific, or vaguer?

    Guide: "Follow-up questions get more specific answers, not vaguer ones. 'How did
    you measure that' produces an actual measurement, not a hand-wave."  The probed
    check comes from ``probe``'s tags when given, else from the checks that applied.
    """
    fb = _fb()
    lines = fb["wrap_up"]
    if evaluation.word_count == 0:
        return lines["unanswered"]
    probed = [t.split(":", 1)[1] for t in (probe.tags if probe else ()) if t.startswith("check:")]
    if not probed:
        probed = [cid for cid, c in evaluation.checks.items() if c.status != "n/a" and cid not in FOLLOW_UP_ALWAYS]
    # The probed detail must pass; the answer must not drift hypothetical or into "we".
    watch = [cid for cid in fb["priority"] if cid in probed] + ["past_tense", "i_vs_we"]
    for cid in watch:
        check = evaluation.checks.get(cid)
        if check is None or check.status == "n/a":
            continue
        bad = check.status in ("fail", "warn") if cid in probed else check.status == "fail"
        if bad:
            advice = fb["advice"].get(cid, "Give the concrete detail the question asked for.")
            return lines["vague"].format(advice=_fill(advice, "the principle", evaluation))
    praised = next((evaluation.checks[c] for c in watch if c in evaluation.checks and evaluation.checks[c].status == "pass"), None)
    phrase = _fill(fb["praise"].get(praised.id, "you gave concrete detail"), "the principle", evaluation) if praised else "you gave concrete detail"
    return lines["specific"].format(praise=phrase)
