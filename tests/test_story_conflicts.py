"""The story bank keeps the candidate honest across days: a figure told two ways is a conflict
in ``stories`` / ``stories --json``, with both figures and where each was said, until settled."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.config import default_data_dir
from assistant.store import Store
from assistant.stories import CONFLICT_QUESTION_ID
from assistant.types import Transcript, Turn, Word

MONDAY = (
    "At MerchantCo I noticed the mobile checkout was dropping orders from older phones. I traced it to the fraud "
    "scoring call, rewrote it to run in parallel and shipped it behind a feature flag. Abandoned checkouts dropped "
    "30 percent within a month. I now segment every latency dashboard by device."
)
FRIDAY = (
    "At MerchantCo the mobile checkout was dropping orders from older phones and nobody owned it. I traced it to the "
    "fraud scoring call, made it run in parallel, and shipped it behind a feature flag. Abandoned checkouts dropped "
    "forty five percent within a month. I now segment dashboards by device."
)


def turn(index: int, lp: str, text: str, kind: str = "question", question: str = "q", question_id: str = "") -> Turn:
    words = tuple(Word(w, n * 0.4, n * 0.4 + 0.3) for n, w in enumerate(text.split()))
    return Turn(index=index, kind=kind, lp=lp, question=question, question_id=question_id,
                transcript=Transcript(words, len(words) * 0.4), status="complete")


def practice(store: Store, *turns: Turn) -> str:
    session = store.new_session("practice")
    for t in turns:
        store.save_turn(session, t)
    return session.id


def stories_json(capsys) -> list[dict]:
    assert main(["stories", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["stories"]


def test_two_practice_answers_with_different_result_numbers_are_a_conflict(capsys):
    store = Store(default_data_dir())
    monday = practice(store, turn(1, "customer-obsession", MONDAY))
    friday = practice(store, turn(1, "ownership", FRIDAY))
    [story] = stories_json(capsys)
    [conflict] = story["conflicts"]
    assert [(f["figure"], f["session_id"], f["lp"]) for f in conflict["figures"]] == [
        ("30%", monday, "customer-obsession"), ("45%", friday, "ownership")]
    assert conflict["settled"] is None

    assert main(["stories"]) == 0
    out = capsys.readouterr().out
    assert "told two ways" in out and "30%" in out and "45%" in out


def test_answering_which_figure_is_right_settles_the_conflict(capsys):
    store = Store(default_data_dir())
    practice(store, turn(1, "customer-obsession", MONDAY))
    practice(store, turn(1, "ownership", FRIDAY))
    question = "About your story: on Monday you said 30%, and on Friday 45%. Which figure is right?"
    practice(store, turn(1, "ownership", FRIDAY),
             turn(2, "ownership", "Forty five percent is right, I took it from the dashboard.", kind="follow_up",
                  question=question, question_id=CONFLICT_QUESTION_ID))
    [story] = stories_json(capsys)
    assert [c["settled"] for c in story["conflicts"]] == ["45%"]


def test_a_retelling_with_the_same_numbers_is_no_conflict(capsys):
    store = Store(default_data_dir())
    practice(store, turn(1, "customer-obsession", MONDAY))
    practice(store, turn(1, "ownership", MONDAY.replace("I noticed", "I saw")))
    [story] = stories_json(capsys)
    assert story["conflicts"] == []


@pytest.mark.model
def test_the_next_practice_turn_on_a_conflicted_story_asks_which_figure_is_right(run_env, tmp_path):
    """Two tellings (Monday 30%, Friday 45%) are saved; telling the story again aloud makes the
    follow-up the conflict question, naming both figures, saved as such."""
    import subprocess
    import sys

    from rig import synth_speech

    store = Store(default_data_dir())
    practice(store, turn(1, "customer-obsession", MONDAY))
    practice(store, turn(1, "ownership", FRIDAY))
    store.close()
    retold = synth_speech(MONDAY, tmp_path / "retold.wav")
    done = subprocess.run([sys.executable, "-m", "assistant", "practice", "--lp", "customer-obsession", "--input",
                           str(retold), "--no-speak"], env=run_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Which figure is right" in done.stdout
    sessions = json.loads(subprocess.run([sys.executable, "-m", "assistant", "sessions", "--json"], env=run_env,
                                         capture_output=True, text=True, check=True).stdout)
    follow = sessions[0]["turns"][1]
    assert follow["kind"] == "follow_up" and "30%" in follow["question"] and "45%" in follow["question"]
