"""A transcript holds what was said, and only that, on every path (issue 15).

The regression set (tests/regression_speech.py) is answers that stop
mid-sentence, trail off, end in a cough or a breath, or hold a long silence,
each followed by room silence, in three voices (espeak-ng, flite, piper).
Each answer goes through every way audio reaches the transcriber:

- ``lp-coach transcribe AUDIO --json`` (the command, in-process);
- ``lp-coach score AUDIO``'s audio path (``score._transcript``);
- ``practice --input AUDIO`` (``Coach.listen`` on the file, fed as fast as read);
- the microphone's stream, fed block by block with the model keeping up, as on an idle machine.

All four must give the same words, with no punctuation counted as a word, no
stretch of spoken words missing, a word error rate and a words-per-minute
figure a listener would agree with.  The bench (bench/bench_transcripts.py)
runs the whole set of 87; this test a sample across voices and endings.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from assistant.config import Config  # noqa: E402
from assistant.transcribe import DecodeOptions, WhisperTranscriber, cut_repeats, is_word  # noqa: E402
from assistant.types import Transcript, Word  # noqa: E402

import regression_speech  # noqa: E402
from wer import word_error_rate  # noqa: E402

# One answer per (voice, ending) pair below: every ending, every voice.
SAMPLE = (
    ("espeak", 19, "silence"),  # before the fix: 223 "." tokens after it, 870 words a minute
    ("espeak", 0, "cut"),  # "I pulled the raw events myself..." and stops mid-sentence
    ("flite", 28, "silence"),  # "...work with the legal team on the wording when the design changed late."
    ("flite", 6, "cough"),
    ("piper", 11, "breath"),
    ("piper", 19, "trail"),
)


def words(text: str) -> list[Word]:
    return [Word(w, i * 0.3, i * 0.3 + 0.25) for i, w in enumerate(text.split())]


# --------------------------------------------------------------------------- the guards, on Whisper's own failure shapes


def test_punctuation_alone_is_never_a_word():
    assert not is_word(".") and not is_word("...") and not is_word("-") and not is_word(",")
    assert is_word("I") and is_word("3") and is_word("1.1%") and is_word("team.")


def test_a_token_loop_is_cut_to_its_first_occurrence():
    said = words("we shipped it on time " + "time " * 40)
    kept = cut_repeats(said, DecodeOptions())
    assert [w.text for w in kept] == "we shipped it on time".split()


def test_a_sentence_loop_is_cut_but_a_real_repetition_stays():
    loop = "I wrote the plan. " * 5
    kept = cut_repeats(words("First " + loop + "Done."), DecodeOptions())
    assert " ".join(w.text for w in kept) == "First I wrote the plan. Done."
    real = "no, no, no, I said we test it first, we test it first"  # people repeat themselves
    assert [w.text for w in cut_repeats(words(real), DecodeOptions())] == real.split()


class HoleyModel(WhisperTranscriber):
    """The real transcriber's bookkeeping over a decoder that hears nothing in
    [4 s, 6 s) of the answer, whatever audio it is given (a skipped window)."""

    def __init__(self, hears_again: bool) -> None:
        super().__init__(model=None, options=Config().model)
        self.hears_again = hears_again
        self.calls: list[float] = []

    def _words(self, audio: np.ndarray, offset_s: float, fallback: bool = True) -> list[Word]:
        self.calls.append(offset_s)
        end_s = offset_s + audio.size / 16000
        if len(self.calls) > 1:  # the second look at the hole
            return [Word("found", 4.5, 4.9)] if self.hears_again else []
        return [Word(f"w{t}", float(t), t + 0.5) for t in range(int(offset_s) + 1, int(end_s)) if not 4 <= t < 6]


@pytest.mark.parametrize("hears_again", [True, False])
def test_speech_that_decoded_to_nothing_is_decoded_again_then_marked_inaudible(hears_again):
    model = HoleyModel(hears_again)
    found, inaudible = model.decode_chunk(np.zeros(10 * 16000, np.float32), 0.0, voiced_s=[(0.8, 9.6)])
    assert len(model.calls) == 2  # decoded once more, only once
    if hears_again:
        assert "found" in [w.text for w in found] and inaudible == []
    else:
        assert "found" not in [w.text for w in found]
        ((a, b),) = inaudible
        assert 3.5 <= a < 4.5 and 5.5 < b <= 6.0  # between the words around the hole, not the whole answer


def test_the_report_shows_an_inaudible_stretch_in_its_place():
    from assistant.report import _transcript_html
    from assistant.types import Turn

    t = Transcript(tuple(words("I led the migration and it worked")), 4.0, inaudible=((0.7, 1.5),))
    turn = Turn(kind="question", lp="ownership", question="q", index=1)
    turn.transcript = t
    html = _transcript_html(turn, None)
    assert "[inaudible 0.8 s]" in html
    assert html.index(">the<") < html.index("[inaudible") < html.index(">migration<")


def test_inaudible_marks_and_voiced_time_survive_saving_and_old_turns_still_load():
    t = Transcript(tuple(words("I did it")), 3.0, inaudible=((1.0, 1.6),), voiced_seconds=2.2)
    back = Transcript.from_dict(json.loads(json.dumps(t.to_dict())))
    assert back == t
    old = {"text": "I did it", "words": [w.to_dict() for w in t.words], "duration_seconds": 3.0}
    assert Transcript.from_dict(old).inaudible == () and Transcript.from_dict(old).voiced_seconds is None


# --------------------------------------------------------------------------- the real model, every path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    missing = regression_speech.missing_voices()
    if missing:
        pytest.skip("regression voices missing: " + ", ".join(missing))
    assert set(SAMPLE) <= set(regression_speech.plan()), "the sample is part of the bench's set"
    return regression_speech.build(tmp_path_factory.mktemp("regression-audio"), only=set(SAMPLE))


@pytest.fixture(scope="module")
def transcriber():
    from assistant.model import load_transcriber

    return load_transcriber(Config().model)


def via_transcribe_command(answer, _t):
    from assistant.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["transcribe", str(answer.path), "--json"]) == 0
    return [Word.from_dict(w) for w in json.loads(out.getvalue())["words"]]


def via_score(answer, _t):
    from assistant.cli import score

    args = argparse.Namespace(file=answer.path, seconds=None, model=None)
    return list(score._transcript(args, Config()).words)


def via_practice_input(answer, t):
    from assistant.console import Console
    from assistant.inputs import EnterKey, file_inputs
    from assistant.session import Coach

    coach = Coach(
        config=Config(), speaker=None, transcriber=t, store=None, bank=None,
        inputs=file_inputs([answer.path], Config()), console=Console(out=io.StringIO()), keys=EnterKey(io.StringIO()),
    )  # fmt: skip
    return list(coach.listen(None, None).transcript.words)


def via_microphone_stream(answer, t):
    from assistant.audiofile import read_audio_file

    audio = read_audio_file(answer.path)
    with t.stream(16000) as stream:
        for i in range(0, audio.size, 1600):  # 100 ms blocks, the model keeping up as on an idle machine
            stream.feed(audio[i : i + 1600])
            stream.wait_for_tail(timeout_s=30)
        return list(stream.finish().words)


PATHS = {
    "transcribe": via_transcribe_command,
    "score": via_score,
    "practice-input": via_practice_input,
    "microphone": via_microphone_stream,
}


@pytest.mark.model
def test_every_path_hears_what_was_said_and_only_that(sample, transcriber):
    from bench_transcripts import longest_missing, pace_wpm

    assert {a.voice for a in sample} == set(regression_speech.VOICES)
    assert {a.ending for a in sample} == set(regression_speech.ENDINGS)
    wers = []
    for answer in sample:
        heard = {name: run(answer, transcriber) for name, run in PATHS.items()}
        texts = {name: " ".join(w.text for w in ws) for name, ws in heard.items()}
        assert len(set(texts.values())) == 1, (answer.key, texts)  # one decoding path
        said, text, ws = answer.said, texts["transcribe"], heard["transcribe"]
        assert all(is_word(w.text) for w in ws), (answer.key, text)
        assert longest_missing(said, text) < 8, (answer.key, text)
        wer = word_error_rate(said, text)
        assert wer <= 0.25, (answer.key, wer, text)
        wers.append(wer)
        # The pace a listener would time: within a fifth of the words said over the time they took.
        wpm = pace_wpm(ws)
        assert abs(wpm - answer.words_per_minute) <= 0.2 * answer.words_per_minute, (answer.key, wpm, text)
        assert wpm <= 260
    assert sum(wers) / len(wers) <= 0.10, wers
