"""Word error rate between what was spoken and what was transcribed.

Both sides are normalised the way a listener would compare them: case and
punctuation dropped, number words turned into digits (Whisper writes "1.4",
the script said "one point four"), "%" spelled out, hyphens split.
"""

from __future__ import annotations

import re

import jiwer
from text_to_num import alpha2digit

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def _scaled(match: re.Match) -> str:
    value = float(match.group(1)) * _SCALE[match.group(2)]
    return str(int(value)) if value == int(value) else str(value)


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"(\d),(\d)", r"\1\2", text)
    # "$4 million" -> "4 million dollars", like the words a speaker says.
    text = re.sub(r"\$(\d+(?:\.\d+)?)\s*(thousand|million|billion)?", r"\1 \2 dollars", text)
    text = text.replace("%", " percent")
    text = re.sub(r"(\d+(?:\.\d+)?) (thousand|million|billion)\b", _scaled, text)
    text = re.sub(r"[-/]", " ", text)
    text = re.sub(r"[^a-z0-9.' ]+", " ", text)
    text = re.sub(r"\.(?!\d)", " ", text)
    text = alpha2digit(text, "en")
    return " ".join(text.split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return float(jiwer.wer(ref, hyp))


def recall_of_words(reference: str, hypothesis: str) -> float:
    """Share of the reference's words that appear in the hypothesis (order ignored)."""
    ref = normalise(reference).split()
    hyp = set(normalise(hypothesis).split())
    return sum(w in hyp for w in ref) / max(1, len(ref))
