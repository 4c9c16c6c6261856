"""Numbers as said: digits ("1.1%", "$4.2m", "600ms") or words ("sixty two percent",
"point one five percent", "a hundred and twenty thousand"), with their value and unit.

The only place number words are read.  ``number_spans`` finds them in a token
stream; ``spoken_to_digits`` rewrites a phrase for comparing stories ("one point
four seconds" -> "1.4 seconds").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from math import gcd
from typing import Any, Sequence

_DIGITS = re.compile(r"^([$£€₹]?)(\d+(?:\.\d+)?)([a-z%]*)$")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class NumberWords:
    """language.toml's [numbers], as look-up tables."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, float]
    point: str
    relative: dict[str, float]
    relative_after: frozenset[str]
    rate_words: frozenset[str]
    measure_units: frozenset[str]
    time_units: frozenset[str]
    digit_suffixes: frozenset[str]
    single_before: frozenset[str] = frozenset()
    rate_after_single: frozenset[str] = frozenset()
    ordinal_before: frozenset[str] = frozenset()
    # relative words that are an amount only in context ("a third of", not "the third week")
    fractions: frozenset[str] = frozenset()
    change_start_hedges: frozenset[str] = frozenset()
    # a change may start from how often, said without a number: "from most weeks to none"
    change_start_frequencies: frozenset[str] = frozenset()
    zero_words: frozenset[str] = frozenset()
    one_after: frozenset[str] = frozenset()
    unit_modifiers: frozenset[str] = frozenset()
    # a unit said in two words, and the one word it is ("twelve per cent" is twelve percent)
    spelled_units: dict[str, str] = field(default_factory=dict)
    # a fraction word right before one of these is part of a name ("a third party"), not an amount
    fraction_names_after: frozenset[str] = frozenset()
    # a unit word right before a number names that number ("120 Year 7 pupils"): no unit of the number before it
    number_names: frozenset[str] = frozenset()
    # the first word of a year said aloud ("twenty twenty five", "nineteen ninety eight")
    year_starts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, raw: dict[str, Any]) -> "NumberWords":
        units = {w: k for k, w in enumerate(raw["units"])}
        tens = {w: 20 + 10 * (k if k < 3 else k - 1) for k, w in enumerate(raw["tens"])}
        tens["fourty"] = 40  # a common misspelling, listed in the data
        return cls(
            units=units,
            tens=tens,
            scales={k: float(v) for k, v in raw["scales"].items()},
            point=str(raw.get("decimal_point", "point")),
            relative={k: float(v) for k, v in raw["relative"].items()},
            relative_after=frozenset(raw["relative_after"]),
            rate_words=frozenset(raw["rate_words"]),
            measure_units=frozenset(raw["measure_units"]),
            time_units=frozenset(raw["time_units"]),
            digit_suffixes=frozenset(raw["digit_suffixes"]),
            single_before=frozenset(raw.get("single_unit_before", ())),
            rate_after_single=frozenset(raw.get("single_unit_not_before", ())),
            ordinal_before=frozenset(raw.get("ordinal_before", ())),
            fractions=frozenset(raw.get("fractions", ())),
            change_start_hedges=frozenset(raw.get("change_start_hedges", ())),
            change_start_frequencies=frozenset(raw.get("change_start_frequencies", ())),
            zero_words=frozenset(raw.get("zero_words", ())),
            one_after=frozenset(raw.get("one_after", ())),
            unit_modifiers=frozenset(raw.get("unit_modifiers", ())),
            spelled_units={str(k): str(v) for k, v in raw.get("spelled_units", {}).items()},
            fraction_names_after=frozenset(raw.get("fraction_names_after", ())),
            number_names=frozenset(raw.get("number_names", ())),
            year_starts=frozenset(raw.get("year_starts", ())),
        )

    def is_number_word(self, tok: str) -> bool:
        return tok in self.units or tok in self.tens or tok in self.scales


@dataclass(frozen=True)
class NumberSpan:
    """Tokens [t0, t1) that say a number; ``unit`` the unit word(s) said with it ("" if none)."""

    t0: int
    t1: int
    value: float | None
    unit: str
    is_time: bool
    share: bool = False  # a part of a whole: "three quarters", "one in five", "nine out of ten"


def words_value(run: Sequence[str], nw: NumberWords) -> float | None:
    """The value of number words: ["sixty", "two"] -> 62, ["one", "point", "four"] -> 1.4,
    ["point", "one", "five"] -> 0.15, ["a", "hundred", "and", "twenty"] -> 120."""
    whole: list[str] = []
    frac: list[str] = []
    seen_point = False
    for tok in run:
        if tok == nw.point:
            seen_point = True
        elif seen_point:
            frac.append(tok)
        else:
            whole.append(tok)
    total, current = 0.0, 0.0
    for tok in whole:
        if tok in ("and", "a", "an"):
            if tok != "and":
                current = max(current, 1.0)
            continue
        if tok in nw.units:
            current += nw.units[tok]
        elif tok in nw.tens:
            current += nw.tens[tok]
        elif tok in nw.scales:
            scale = nw.scales[tok]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            return None
    value = total + current
    scale = 1.0  # "one point five million": the scale after the fraction multiplies the whole number
    while frac and frac[-1] in nw.scales:
        scale *= nw.scales[frac.pop()]
    if frac:
        digits = "".join(str(nw.units[t]) for t in frac if t in nw.units and nw.units[t] < 10)
        if len(digits) != len(frac):
            return None
        value += float("0." + digits)
    return value * scale


def _two_said(prev: str, tok: str, nw: NumberWords) -> bool:
    """``tok`` starts a second number after ``prev``: a tens word or a ten-to-nineteen after a tens word or a
    unit word ("twenty twenty", "fourteen fifteen"); within one number a tens word is followed by a unit below ten."""
    second = tok in nw.tens or (tok in nw.units and nw.units[tok] >= 10)
    return second and (prev in nw.tens or prev in nw.units)


def _ends_a_change(toks: Sequence[str], i: int, nw: NumberWords) -> bool:
    """Token i follows the "to" of a change from a number: "from five leavers to one",
    "from seven in the previous half-year to one" (the start said up to 10 tokens before), or from
    how often, said in words: "failed inspections went from most weeks to none"."""
    def number_at(k: int) -> bool:
        return k < i and (nw.is_number_word(toks[k]) or _DIGITS.match(toks[k]) is not None)

    def how_often_at(k: int) -> bool:
        return k + 1 < i and toks[k] in nw.change_start_frequencies and toks[k + 1] in nw.time_units

    return i >= 1 and toks[i - 1] == "to" and any(
        toks[k] == "from" and (number_at(k + 1) or how_often_at(k + 1) or (toks[k + 1] in nw.change_start_hedges and number_at(k + 2)))
        for k in range(max(0, i - 10), i - 1))


def number_spans(toks: Sequence[str], nw: NumberWords, idiom: set[int] = frozenset()) -> list[NumberSpan]:  # type: ignore[assignment]
    """Every quantity in a token stream, with value and unit; years and lone "one"s left out."""
    n, out, i = len(toks), [], 0

    def unit_len(j: int) -> int:
        """Tokens at j naming the unit: 1 for "percent", 2 for "a month" ("eight a month"), else 0."""
        if j + 1 < n and f"{toks[j]} {toks[j + 1]}" in nw.spelled_units:
            return 2  # "per cent"
        if j < n and toks[j] in nw.rate_words and j + 1 < n and toks[j + 1] in nw.measure_units:
            return 2
        if j + 1 < n and toks[j] in nw.unit_modifiers and toks[j + 1] in nw.time_units:
            return 2  # "one working day"
        return 1 if j < n and (toks[j] in nw.measure_units or toks[j] in nw.scales) else 0

    def ratio_at(j: int) -> bool:
        """ "in" and a number at j: the number before is the part of a share ("one in five")."""
        return j + 1 < n and toks[j] == "in" and (nw.is_number_word(toks[j + 1]) or _DIGITS.match(toks[j + 1]) is not None)

    def make(t0: int, j: int, value: float | None, suffix: str = "") -> NumberSpan:
        part = toks[j][:-1] if j < n and toks[j].endswith("s") else toks[j] if j < n else ""
        if value is not None and not suffix and part in nw.fractions and j + 1 < n and toks[j + 1] == "of" and _a_share(value, nw.relative[part]) \
                and not (t0 and toks[t0 - 1] in nw.ordinal_before):
            # "three quarters of callers", "two thirds of the stores": a share, not nine months
            # (but "the last two quarters of the year", "two quarters of growth" are two quarters)
            value = value / round(1 / nw.relative[part])  # two thirds is 2/3, not 2 x 0.333
            if j + 3 < n and toks[j + 2] in ("a", "an") and toks[j + 3] in nw.scales:
                return make(t0, j + 4, value * nw.scales[toks[j + 3]])  # "three quarters of a million pounds"
            return NumberSpan(t0, j + 1, value, "", False, share=True)
        u = unit_len(j)
        if u == 1 and toks[j] in nw.number_names and j + 1 < n and (nw.is_number_word(toks[j + 1]) or _DIGITS.match(toks[j + 1]) is not None):
            u = 0  # "a hundred and twenty year 7 pupils": "year" names the 7, it is no unit of the 120
        unit = " ".join(toks[j : j + u]) if u else suffix
        if u == 2 and toks[j] in nw.unit_modifiers:
            unit = toks[j + 1]  # "one working day" is a day
        unit = nw.spelled_units.get(unit, unit)
        last = toks[j + u - 1] if u else suffix
        # "an extra three hundred a day", "eight a month": a rate, counted per day, not a length of time
        rate = u == 2 and toks[j] in nw.rate_words
        return NumberSpan(t0, j + u, value, unit, last in nw.time_units and not rate)

    while i < n:
        tok = toks[i]
        if i in idiom:  # "a two-way door", "one on one"
            i += 1
            continue
        m = _DIGITS.match(tok)
        if m and (m.group(3) == "" or m.group(3) in nw.digit_suffixes):
            j = i + 1
            value = float(m.group(2))
            while j < n and toks[j] in nw.scales:
                value *= nw.scales[toks[j]]
                j += 1
            suffix = m.group(3)
            if suffix in nw.scales:
                value *= nw.scales[suffix]
            is_year = _YEAR.match(tok) is not None and not unit_len(j)
            tiny = float(m.group(2)) <= 1 and not suffix and not m.group(1) and j == i + 1 and not unit_len(j) and not ratio_at(j)
            part = _AND_A.get(tuple(toks[j : j + 3]))  # "3 and a half hours": 3.5
            if part is not None:
                value, j, tiny = value + part, j + 3, False
            if not is_year and not tiny:
                out.append(make(i, j, value, suffix))
            i = j
            continue
        starts_run = (
            nw.is_number_word(tok)
            or (tok == "a" and i + 1 < n and toks[i + 1] in nw.scales)
            or (tok == nw.point and i + 1 < n and toks[i + 1] in nw.units)  # "point one five percent"
        )
        if starts_run and tok not in ("k", "m", "bn"):
            j = i + 1
            while j < n:
                t = toks[j]
                if nw.is_number_word(t) and t not in ("k", "m", "bn"):
                    if _two_said(toks[j - 1], t, nw):
                        break  # "you want fourteen fifteen": two numbers said in a row, not 29
                    j += 1
                elif (t == nw.point or (t == "and" and toks[j - 1] in nw.scales)) and j + 1 < n and nw.is_number_word(toks[j + 1]):
                    # "two hundred and forty"; not "just under two, and two of our practices"
                    j += 2
                else:
                    break
            run = list(toks[i:j])
            if len(run) == 1 and run[0] in nw.year_starts and j < n and _two_said(run[0], toks[j], nw):
                # "the top charging site on the m6 by twenty twenty five", "back in nineteen ninety eight": a year,
                # left out as "2025" is
                k = j + 1
                while k < n and toks[k] in nw.units and nw.units[toks[k]] < 10 and toks[k - 1] in nw.tens:
                    k += 1
                i = k
                continue
            # "four and a half tonnes", "one and a quarter hours": one amount, 4.5 and 1.25
            part = _AND_A.get(tuple(toks[j : j + 3]))
            # "one of", "the one": only a quantity with a unit, or the end of a change ("from five leavers to one")
            to_end = _ends_a_change(toks, i, nw)
            bound = i > 0 and toks[i - 1] in nw.one_after  # "fewer than one"
            if run == ["one"] and not unit_len(j) and not to_end and not bound and part is None and not ratio_at(j):
                i = j
                continue
            amount = words_value(run, nw)
            if part is not None and amount is not None:
                amount, j = amount + part, j + 3
            out.append(make(i, j, amount))
            i = max(j, out[-1].t1)  # past its unit, and past "of a million" when a share took it in
            continue
        if tok in nw.zero_words and _ends_a_change(toks, i, nw):
            # "went from about one a week to none": the change ended at zero
            out.append(NumberSpan(i, i + 1, 0.0, "", False))
            i += 1
            continue
        if tok in ("a", "an") and i + 4 < n and toks[i + 1] in nw.time_units and tuple(toks[i + 2 : i + 5]) in _AND_A:
            # "fixed it in a day and a half": one length of time, 1.5 days (not "half" on its own, an amount)
            out.append(NumberSpan(i, i + 5, 1.0 + _AND_A[tuple(toks[i + 2 : i + 5])], toks[i + 1], True))
            i += 5
            continue
        if (
            tok in ("a", "an") and i + 1 < n and toks[i + 1] in nw.time_units and i and toks[i - 1] in nw.single_before
            and (i + 2 >= n or toks[i + 2] not in nw.rate_after_single)
        ):
            # "about an hour", "down to a day", "under a minute": one unit of time said as an amount
            out.append(NumberSpan(i, i + 2, 1.0, toks[i + 1], True))
            i += 2
            continue
        if tok in nw.fractions and i + 2 < n and toks[i + 1] in ("a", "an") and toks[i + 2] in nw.time_units and not (i and toks[i - 1] in nw.ordinal_before):
            # "half an hour", "a quarter of" aside: one length of time, 0.5 hours (not "half" and then "an hour")
            out.append(NumberSpan(i, i + 3, nw.relative[tok], toks[i + 2], True))
            i += 3
            continue
        if tok in nw.fractions and i + 2 < n and toks[i + 1] in ("a", "an") and toks[i + 2] in nw.scales:
            # "half a million a year": one amount, the fraction of the scale (not "half" and "a million")
            j = i + 3
            out.append(make(i, j, nw.relative[tok] * nw.scales[toks[i + 2]]))
            i = j
            continue
        if tok in nw.relative:
            prev = toks[i - 1] if i else ""
            if tok in nw.fractions:
                if prev in nw.ordinal_before or (i + 1 < n and toks[i + 1] in nw.fraction_names_after):
                    pass  # "in the third week", "the first half": which one, not how much; "a third party": a name
                elif prev in nw.relative_after or unit_len(i + 1) or (i + 2 < n and toks[i + 1] == "a" and toks[i + 2] in nw.measure_units):
                    out.append(NumberSpan(i, i + 1, nw.relative[tok], "", False))
            else:
                out.append(NumberSpan(i, i + 1, nw.relative[tok], "x", False))
        i += 1
    return _ratios(out, toks, nw)


def _ratios(spans: list[NumberSpan], toks: Sequence[str], nw: NumberWords) -> list[NumberSpan]:
    """A part said against its whole, "one in five" or "nine out of ten (customers)", is one
    share (0.2, 0.9), not two counts: "returns fell from one in five to one in twenty"."""
    out: list[NumberSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        between = tuple(toks[prev.t1 : span.t0]) if prev is not None else ()
        if (
            prev is not None and between in (("in",), ("out", "of")) and not prev.unit and not prev.share
            and prev.value is not None and span.value is not None and 0 < prev.value < span.value and not span.is_time
        ):
            # the whole's noun stays outside the share: "nine out of ten | customers"
            end = span.t1 - len(span.unit.split()) if span.unit and span.unit in toks[span.t1 - 1] else span.t1
            whole, rest = span.value, None
            joined = next((k for k in range(span.t0 + 1, end - 1) if toks[k] == "and" and toks[k - 1] in nw.scales), None)
            if joined is not None and end < len(toks) and toks[end] == "of" and (tail := words_value(toks[joined + 1 : end], nw)) is not None:
                # "one in three hundred and two of the bigger delis asked": a round whole, then the next count
                whole, rest = span.value - tail, NumberSpan(joined + 1, span.t1, tail, span.unit, span.is_time)
                end = joined
            out[-1] = NumberSpan(prev.t0, end, prev.value / whole, "", False, share=True)
            if rest is not None:
                out.append(rest)
        else:
            out.append(span)
    return out


_AND_A: dict[tuple[str, ...], float] = {("and", "a", "half"): 0.5, ("and", "a", "quarter"): 0.25}


def _a_share(count: float, part: float) -> bool:
    """``count`` parts of size ``part`` as a fraction said in lowest terms, the way shares are
    said: "three quarters", "two thirds", "one fifth"; "two quarters" (a half) or "five
    quarters" is a count of quarters."""
    whole = round(1 / part) if 0 < part < 1 else 0
    return whole > 1 and count.is_integer() and 0 < count < whole and gcd(int(count), whole) == 1


def format_value(value: float) -> str:
    """1.4 -> "1.4", 62.0 -> "62", 4200000.0 -> "4200000"."""
    return f"{value:.6g}" if value != int(value) else str(int(value))


def spoken_to_digits(tokens: Sequence[str], nw: NumberWords) -> list[str]:
    """Tokens with every number-word run replaced by its digits ("one point four" -> "1.4"),
    so "forty percent" and "40%" compare equal once units are normalised."""
    spans = {s.t0: s for s in number_spans(tokens, nw)}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        span = spans.get(i)
        if span is not None and span.value is not None and span.share:
            # a share said as a fraction or a ratio ("three quarters", "one in five") is the percentage it is
            out.append(format_value(round(span.value * 100, 1)) + "%")
            i = span.t1
            continue
        if span is not None and span.value is not None:
            # the number words become digits; the unit words after them stay.  A relative
            # word alone ("half", "doubled") stays a word; "four and a half" is 4.5.
            k = span.t0
            while k < span.t1 and (nw.is_number_word(tokens[k]) or tokens[k] in (nw.point, "and", "a", "an")
                                   or (k == span.t0 and tokens[k] in nw.fractions and span.t1 - span.t0 >= 3)):  # "half a million": 500000
                k += 1
            bare = _DIGITS.match(tokens[i])
            # "four and a half", "3 and a half": one span, worth 4.5 and 3.5, its words all digits
            part = next((k2 for k2 in range(span.t0 + 1, span.t1 - 2) if tuple(tokens[k2 : k2 + 3]) in _AND_A), None)
            if part is not None:
                out.append(format_value(span.value))
                out.extend(tokens[part + 3 : span.t1])
                i = span.t1
                continue
            if k > span.t0 and not bare:
                out.append(format_value(span.value))
                out.extend(tokens[k : span.t1])
                i = span.t1
                continue
        out.append(tokens[i])
        i += 1
    return out


# --------------------------------------------------------------------------- units and amounts

@dataclass(frozen=True)
class Unit:
    """What a unit word measures: ``dim`` ("time", "percent", "ratio", "money"), the factor
    to the dimension's base unit (seconds, percent, ratio, dollars) and how it is said."""

    dim: str
    factor: float
    singular: str


_UNIT_TABLE: tuple[tuple[tuple[str, ...], Unit], ...] = (
    (("ms", "msec", "millisecond", "milliseconds"), Unit("time", 0.001, "millisecond")),
    (("s", "sec", "secs", "second", "seconds"), Unit("time", 1.0, "second")),
    (("min", "mins", "minute", "minutes"), Unit("time", 60.0, "minute")),
    (("h", "hr", "hrs", "hour", "hours"), Unit("time", 3600.0, "hour")),
    (("day", "days"), Unit("time", 86400.0, "day")),
    (("week", "weeks", "wk", "wks"), Unit("time", 604800.0, "week")),
    (("month", "months"), Unit("time", 2629800.0, "month")),
    (("year", "years", "yr", "yrs"), Unit("time", 31557600.0, "year")),
    (("%", "percent", "pct"), Unit("percent", 1.0, "%")),
    (("x", "times", "fold"), Unit("ratio", 1.0, "x")),
    (("dollar", "dollars", "usd", "bucks"), Unit("money", 1.0, "$")),
)
UNITS: dict[str, Unit] = {name: unit for names, unit in _UNIT_TABLE for name in names}

# Abbreviated scales written after an amount ("$4.2M", "$300K", "$1.5bn", "$2mm").
AMOUNT_SUFFIXES: dict[str, float] = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}

# Words after an amount that make it a rate: "$27K a month" is not "$300K a year".
_RATE_ADVERBS = {
    "annual": "year", "annually": "year", "annualised": "year", "annualized": "year", "yearly": "year",
    "monthly": "month", "weekly": "week", "daily": "day", "nightly": "day",
}
_RATE_JOINERS = frozenset({"a", "an", "per", "every", "each"})


def unit_of(word: str) -> Unit | None:
    """The unit a (normalised) word names: "sec", "seconds" and "s" are one unit; "%" is "percent"."""
    return UNITS.get(word)


def digits_of(token: str) -> tuple[str, float, str] | None:
    """A digit token's parts: "$4.2m" -> ("$", 4.2, "m"), "600ms" -> ("", 600.0, "ms"), "40%" -> ("", 40.0, "%")."""
    m = _DIGITS.match(token)
    return (m.group(1), float(m.group(2)), m.group(3)) if m else None


def rate_period(tokens: Sequence[str], start: int, stop: frozenset[str] = frozenset()) -> str | None:
    """The period of a rate said in the three tokens from ``start``: "a month", "per year",
    "annualised" -> "month", "year", "year"; None when no rate was said (or a ``stop`` token comes first)."""
    window = list(tokens[start : start + 3])
    for k, word in enumerate(window):
        if word in stop:
            break
        if word in _RATE_ADVERBS:
            return _RATE_ADVERBS[word]
        if word in _RATE_JOINERS and k + 1 < len(window):
            unit = UNITS.get(window[k + 1])
            if unit and unit.dim == "time":
                return unit.singular
    return None


def say_amount(value: float, nw: NumberWords) -> str:
    """A large amount the way a speech engine should say it: 4200000 -> "4.2 million", 27000 -> "27 thousand"."""
    for word, scale in sorted(((w, s) for w, s in nw.scales.items() if len(w) > 2 and s >= 1000), key=lambda ws: -ws[1]):
        if abs(value) >= scale:
            return f"{format_value(round(value / scale, 3))} {word}"
    return format_value(value)
