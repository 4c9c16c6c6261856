"""Words to tokens, and lexicons matched on them: the one place text is normalised.

An answer may be typed prose, Whisper output ("1.1%", "$4 million") or a raw
recognizer stream (lower case, no punctuation, "forty percent"), so nothing here
relies on capitals or digits: every word is lower-cased, its edge punctuation
dropped, hyphens, dashes and slashes split ("re-validated" -> "re validated"), and
lexicon phrases match whole tokens.  Each token also carries the parser's lemma, so
one phrase "own" matches "owned", "owning" and "owns" (see ``Lexicon``).

Phrase syntax (used by rubric.toml and language.toml):
    a|b|c   one word out of several        *      any one word
    word*   any word starting with "word"  other  the word itself
An alternative is one word: "so it could not|couldn't" is "so it could" then "not"
or "couldn't", then nothing; a multi-word alternative is a phrase of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

# Edge punctuation dropped from a token; "$" and "%" stay (they make "$4.2m" and "1.1%" numbers).
EDGE = "\"'`([{<*_.,;:!?)]}>…"
_SPLIT = re.compile(r"[\s\-\u2010-\u2015/…]+")
_BREAK = re.compile(r"[,;:.!?\u2014\u2013]\W*$")
# "1,400" and India's grouping, "1,50,000" (a lakh and a half)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d)|\d{2}(?:,\d{2})*,\d{3}(?!\d))")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
_HAS_ALNUM = re.compile(r"[^\W_]")


def is_word(text: str) -> bool:
    """A spoken word has a letter or a digit; "." or "--" from a recognizer is not one."""
    return bool(_HAS_ALNUM.search(text))


def strip_edges(word: str) -> str:
    return word.strip().strip(EDGE).strip()


def normalise(word: str) -> list[str]:
    """One spoken/typed word as lower-case tokens: "Re-validated," -> ["re", "validated"]."""
    text = _THOUSANDS.sub("", word.translate(_QUOTES).lower())
    out = []
    for piece in _SPLIT.split(text):
        piece = piece.strip(EDGE)
        if piece:
            out.append(piece)
    return out


@lru_cache(maxsize=65536)
def _pieces(word: str) -> tuple[str, ...]:
    """``normalise``, remembered: an answer's words are mostly words said before."""
    return tuple(normalise(word))


def normalise_text(text: str) -> str:
    """A phrase as the token stream spells it: "The customers' p99 — 1,400ms" -> "the customers p99 1400ms"."""
    return " ".join(t for w in text.split() for t in normalise(w))


def compile_phrases(phrases: Any, where: str) -> re.Pattern[str]:
    """One regex matching any phrase of a lexicon on whole tokens (syntax in the module docstring)."""
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise ValueError(f"{where} must be a list of non-empty strings")
    for phrase in phrases:
        _check_slots(phrase.strip().lower(), where)
    alternatives = []
    # Longest first, then alphabetical: sorting a set by length alone left equal-length
    # phrases in hash order, so which one matched (and the evidence quoted) changed
    # from run to run ("my manager told me we had to" / "... we had").
    for phrase in sorted({p.strip().lower() for p in phrases}, key=lambda p: (-len(p), p)):
        slots = []
        for word in phrase.split():
            options = []
            for option in word.split("|"):
                if option == "*":
                    options.append(r"\S+")
                elif option.endswith("*") and len(option) > 1:
                    options.append(re.escape(option[:-1]) + r"\S*")
                elif option.endswith("n't"):
                    # typed or transcribed without its apostrophe, "didnt" is still "didn't"
                    options.append(re.escape(option[:-3]) + "n'?t")
                elif option:
                    options.append(re.escape(option))
                else:
                    raise ValueError(f"{where}: empty alternative in '{phrase}'")
            slots.append(options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")")
        alternatives.append(" ".join(slots))
    if not alternatives:
        return re.compile(r"(?!x)x")  # an empty lexicon matches nothing
    return re.compile(r"(?<!\S)(?:" + "|".join(alternatives) + r")(?!\S)")


# A contraction and the word it contracts, side by side in one reading of a phrase
# ("couldn't not", "that's is"): the sign of an alternative written with a space in it,
# which the syntax splits into two slots.  Such a reading never matches, and nothing else
# would say so: two were written and lay dead in rubric.toml.  ("we'd had" is English.)
_NEGATIVE = re.compile(r"^(?:do|does|did|is|was|are|were|has|have|had|could|would|should|must|need|might|ca|wo|ai)n'?t$")
_LONG_FORMS = {"'s": ("is", "was", "has"), "'re": ("are",), "'m": ("am",), "'ve": ("have",), "'d": ("would",), "'ll": ("will",)}
_SPOKEN = {"thats": "'s", "whats": "'s", "theres": "'s", "hes": "'s", "shes": "'s", "theyre": "'re", "youre": "'re", "im": "'m",
           "ive": "'ve", "weve": "'ve", "theyve": "'ve", "youve": "'ve"}  # as a recognizer writes them


def _check_slots(phrase: str, where: str) -> None:
    """Refuse a phrase one of whose readings says a contraction then its own long form, or that offers the
    same word in two neighbouring places: "was a mistake|a bad idea" and "above him|his head|her head" are
    written as if an alternative could hold a space, and read word by word "was a bad idea" never matches."""
    slots = [word.split("|") for word in phrase.split()]
    for left, right in zip(slots, slots[1:]):
        for a in left:
            ending = _SPOKEN.get(a) or next((e for e in _LONG_FORMS if a.endswith(e) and len(a) > len(e)), None)
            long_forms = ("not",) if _NEGATIVE.match(a) else _LONG_FORMS.get(ending or "", ())
            b = next((b for b in right if b in long_forms), None)
            if b is not None:
                raise ValueError(
                    f"{where}: '{phrase}' has a reading \"{a} {b}\", which nobody says: an alternative is one word, "
                    f"so write each wording that has a space in it as a phrase of its own"
                )
        twice = sorted(set(left) & set(right))
        if twice and (len(left) > 1 or len(right) > 1):
            raise ValueError(
                f"{where}: '{phrase}' offers \"{twice[0]}\" in two neighbouring places: an alternative is one word, "
                f"so write each wording that has a space in it as a phrase of its own"
            )


_WORD_START = r"(?<!\S)"


@lru_cache(maxsize=None)  # one per lexicon: the lexicons are few and live as long as the program
def _scan_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``compile_phrases``'s pattern anchored on a literal space instead of "(?<!\\S)".

    The same alternatives in the same order, so the same matches; but a pattern that
    starts with a literal lets the regex engine skip straight to the next space
    instead of trying the look-behind at every character, which made even a short
    lexicon cost 0.1 ms a 200-word answer (about 1 ms of the rubric's 3 ms).
    None for a pattern not made by ``compile_phrases``."""
    src = pattern.pattern
    return re.compile(" " + src[len(_WORD_START):], pattern.flags) if src.startswith(_WORD_START) else None


@dataclass(frozen=True)
class Lexicon:
    """A compiled phrase list, matched on the surface tokens and on their lemmas."""

    pattern: re.Pattern[str]
    lemmas: bool = True  # also match the lemma stream ("owner" data matches "owners", "own" matches "owned")

    @classmethod
    def of(cls, phrases: Any, where: str, lemmas: bool = True) -> "Lexicon":
        return cls(compile_phrases(phrases, where), lemmas)


@dataclass(frozen=True)
class Tokens:
    """A transcript's words as normalised tokens, each mapped back to its word.

    ``lemmas`` is aligned with ``tokens`` (one lemma per token; the token itself when
    the parser had none).  ``after_break`` marks tokens right after punctuation in
    the original, a clause hint when the text has any.
    """

    words: tuple[str, ...]
    tokens: tuple[str, ...]
    lemmas: tuple[str, ...]
    word_of: tuple[int, ...]  # token index -> word index
    first_token: tuple[int, ...]  # word index -> index of its first token (len(tokens) if it has none)
    after_break: frozenset[int]
    _starts: tuple[int, ...]
    _joined: str
    _lemma_starts: tuple[int, ...]
    _lemma_joined: str

    def __len__(self) -> int:
        return len(self.tokens)

    def _spans(self, pattern: re.Pattern[str], joined: str, starts: Sequence[int], lo: int, hi: int) -> list[tuple[int, int]]:
        spans = []
        scan = _scan_pattern(pattern)
        if scan is None:
            for m in pattern.finditer(joined):
                t0 = bisect_right(starts, m.start()) - 1
                if lo <= t0 < hi:
                    spans.append((t0, bisect_left(starts, m.end())))
            return spans
        # the same matches, found from the space before each token (see _scan_pattern):
        # the space before token k is at starts[k] in " " + joined
        for m in scan.finditer(" " + joined):
            t0 = bisect_right(starts, m.start()) - 1
            if lo <= t0 < hi:
                spans.append((t0, bisect_left(starts, m.end() - 1)))
        return spans

    def hits(self, lexicon: Lexicon | re.Pattern[str], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Token spans [t0, t1) where the lexicon matches, starting in [lo, hi), sorted, no duplicates."""
        hi = len(self.tokens) if hi is None else hi
        if isinstance(lexicon, re.Pattern):
            return self._spans(lexicon, self._joined, self._starts, lo, hi)
        found = set(self._spans(lexicon.pattern, self._joined, self._starts, lo, hi))
        if lexicon.lemmas and self._lemma_joined != self._joined:
            found.update(self._spans(lexicon.pattern, self._lemma_joined, self._lemma_starts, lo, hi))
        # a longer match starting at the same token wins over a shorter one
        best: dict[int, int] = {}
        for t0, t1 in found:
            best[t0] = max(best.get(t0, t1), t1)
        return sorted(best.items())

    def hit_at(self, lexicon: Lexicon, t: int) -> tuple[int, int] | None:
        """The longest match of the lexicon starting at token ``t`` itself, whatever a scan of the
        whole answer matched over it ("ever. Since then" scans as "ever since then")."""
        if t >= len(self.tokens):
            return None
        ends = []
        for joined, starts in ((self._joined, self._starts), (self._lemma_joined, self._lemma_starts)):
            m = lexicon.pattern.match(joined, starts[t])
            if m is not None:
                ends.append(bisect_left(starts, m.end()))
            if not lexicon.lemmas or self._lemma_joined == self._joined:
                break
        return (t, max(ends)) if ends else None

    def quote(self, t0: int, t1: int) -> str:
        """The candidate's own words covering tokens [t0, t1), edge punctuation dropped."""
        if not self.tokens or t1 <= t0:
            return ""
        w0, w1 = self.word_of[t0], self.word_of[min(t1, len(self.tokens)) - 1]
        return " ".join(strip_edges(w) for w in self.words[w0 : w1 + 1]).strip()

    def quotes(self, spans: Iterable[tuple[int, int]], limit: int = 3) -> tuple[str, ...]:
        out: list[str] = []
        taken: list[tuple[int, int]] = []
        for t0, t1 in spans:
            if any(t0 < b and a < t1 for a, b in taken):
                continue  # "we decided" and "we decided to fix" quote the same words twice
            taken.append((t0, t1))
            q = self.quote(t0, t1)
            if q and q.lower() not in (o.lower() for o in out):
                out.append(q)
            if len(out) >= limit:
                break
        return tuple(out)


_OBJECT_PRONOUNS = frozenset(("me", "him", "her", "us", "them"))


def tokenise(words: Sequence[str], word_lemmas: Sequence[Sequence[str]] | None = None) -> Tokens:
    """Normalise ``words``; ``word_lemmas[k]`` are the parser's lemmas for word k, if parsed."""
    tokens: list[str] = []
    lemmas: list[str] = []
    word_of: list[int] = []
    first: list[int] = []
    after_break: set[int] = set()
    for k, word in enumerate(words):
        if k and _BREAK.search(words[k - 1]):
            after_break.add(len(tokens))
        first.append(len(tokens))
        pieces = _pieces(word)
        wl = list(word_lemmas[k]) if word_lemmas is not None and k < len(word_lemmas) else []
        for p, token in enumerate(pieces):
            tokens.append(token)
            # one lemma per piece when the parser split the word the same way; else the
            # whole word's first lemma for a single piece, or the piece itself
            if len(wl) == len(pieces):
                lemma = wl[p]
            elif len(pieces) == 1 and wl:
                # "endpoint's" parsed as "endpoint" + "'s": the possessive's lemma is its noun's
                lemma = wl[0] if len(wl) == 1 or (len(wl) == 2 and wl[1] in ("'s", "’s", "'")) else token
            else:
                lemma = token
            # a pronoun keeps its case in the lemma stream: "showed him" is "show him", so a phrase
            # written "show him" matches every tense (the parser's lemma of "him" is "he")
            lemmas.append(token if token in _OBJECT_PRONOUNS else lemma.lower() or token)
            word_of.append(k)
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + 1
    lstarts, offset = [], 0
    for lemma in lemmas:
        lstarts.append(offset)
        offset += len(lemma) + 1
    return Tokens(
        tuple(words), tuple(tokens), tuple(lemmas), tuple(word_of), tuple(first), frozenset(after_break),
        tuple(starts), " ".join(tokens), tuple(lstarts), " ".join(lemmas),
    )


_SENTENCE_END = re.compile(r"[.!?;:][\"'\u2019\u201d)\]]*$")


def split_word(word: str) -> list[str]:
    """``normalise`` with the case kept, for readers that need capitals (names): "MerchantCo's," -> ["MerchantCo's"]."""
    text = _THOUSANDS.sub("", word.translate(_QUOTES))
    return [p for p in (piece.strip(EDGE) for piece in _SPLIT.split(text)) if p]


def ends_sentence(word: str) -> bool:
    """The word closes a sentence or clause: "seconds." "done!" "why?" "this:" (not a comma)."""
    return bool(_SENTENCE_END.search(word.strip()))
