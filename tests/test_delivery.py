"""assistant/delivery.py's intonation check, over hand-made Prosody figures.

(The other delivery checks are exercised through the rubric in test_rubric.py.)
"""

from __future__ import annotations

from assistant import delivery, rubric
from assistant.types import Prosody, Question, Transcript


def _check(p: Prosody | None):
    return delivery.check_intonation(Transcript((), 60.0, prosody=p), rubric.load_rules().raw)


def test_a_text_transcript_has_no_intonation_to_judge():
    t = rubric.transcript_from_text("I rebuilt the deploy pipeline myself and cut release time by half.")
    check = rubric.evaluate(t, Question("Tell me about a time you simplified something.", "invent-and-simplify")).checks["intonation"]
    assert check.status == "n/a"


def test_monotone_fading_varied_and_too_little_speech():
    assert _check(Prosody(1.4, 0.4, 40.0, 100.0, 3.0)).status == "warn"
    assert "monotone" in _check(Prosody(1.4, 0.4, 40.0, 100.0, 3.0)).message
    fading = _check(Prosody(7.0, 2.0, 40.0, 100.0, 12.0))
    assert fading.status == "warn" and "trails off" in fading.message
    assert _check(Prosody(7.0, 2.0, 40.0, 100.0, 4.0)).status == "pass"
    assert _check(Prosody(7.0, 2.0, 40.0, 100.0, None)).status == "pass"  # too few phrases to judge the ends
    assert _check(Prosody(1.0, 0.2, 2.0, 100.0)).status == "n/a"
    assert _check(None).status == "n/a"
