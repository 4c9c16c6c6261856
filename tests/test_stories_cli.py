"""``lp-coach stories`` over sessions saved in a real store: the bank, its
coverage of the top 10 principles, and naming and merging stories."""

from __future__ import annotations

import json

from assistant.cli import main
from assistant.config import default_data_dir
from assistant.store import Store
from assistant.types import Transcript, Turn, Word

CHECKOUT = (
    "At MerchantCo I noticed mobile checkout latency had drifted from 600 milliseconds to 1.4 seconds. "
    "I traced it to the fraud scoring call, ran it in parallel with payment authorisation and shipped it "
    "behind a feature flag. Mobile conversion went up 1.1 percent, worth 4.2 million dollars a year."
)
CHECKOUT_AGAIN = (
    "I went two layers below the checkout latency dashboard at MerchantCo. The fraud scoring call had grown "
    "to 720 milliseconds; I instrumented it, made it parallel with payment authorisation and shipped behind a "
    "feature flag. p99 went from 1.4 seconds to 580 milliseconds and mobile conversion rose 1.1 percent."
)
LAUNCH = (
    "Six weeks before the fintech launch I disagreed with our staff engineer about the reconciliation pipeline. "
    "I wrote a three page doc with the load projection, he pushed back on two numbers, and after he decided "
    "I wrote the scale-out script myself. Queue saturation hit in hour three and we recovered in 20 minutes."
)


def save(store: Store, answers: list[tuple[str, str]]) -> None:
    session = store.new_session("practice")
    for i, (lp, text) in enumerate(answers, 1):
        words = tuple(Word(w, n * 0.4, n * 0.4 + 0.3) for n, w in enumerate(text.split()))
        turn = Turn(index=i, kind="question", lp=lp, question=f"question {i}",
                    transcript=Transcript(words, len(words) * 0.4), status="complete")
        store.save_turn(session, turn)


def stories_json(capsys) -> dict:
    assert main(["stories", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_bank_groups_retold_stories_and_lists_missing_principles(capsys):
    store = Store(default_data_dir())
    save(store, [("customer-obsession", CHECKOUT), ("have-backbone-disagree-and-commit", LAUNCH)])
    save(store, [("dive-deep", CHECKOUT_AGAIN)])
    result = stories_json(capsys)
    stories = result["stories"]
    assert len(stories) == 2
    checkout = next(s for s in stories if len(s["answers"]) == 2)
    assert checkout["principles"] == ["customer-obsession", "dive-deep"]
    covered = result["coverage"]["covered"]
    assert set(covered) == {"customer-obsession", "dive-deep", "have-backbone-disagree-and-commit"}
    missing = result["coverage"]["missing"]
    assert missing[:2] == ["ownership", "bias-for-action"]  # most often asked first
    assert len(missing) == 7

    assert main(["stories"]) == 0
    out = capsys.readouterr().out
    assert "Coverage of the top 10 principles: 3/10" in out
    assert out.index("Ownership") < out.index("Bias for Action")


def test_rename_and_merge_are_remembered(capsys):
    store = Store(default_data_dir())
    save(store, [("customer-obsession", CHECKOUT), ("have-backbone-disagree-and-commit", LAUNCH)])
    ids = [s["id"] for s in stories_json(capsys)["stories"]]
    assert main(["stories", "rename", ids[0], "checkout latency"]) == 0
    capsys.readouterr()
    assert any(s["name"] == "checkout latency" for s in stories_json(capsys)["stories"])
    assert main(["stories", "merge", ids[0], ids[1]]) == 0
    capsys.readouterr()
    merged = stories_json(capsys)["stories"]
    assert len(merged) == 1 and len(merged[0]["answers"]) == 2


def test_an_unknown_story_is_one_sentence(capsys):
    Store(default_data_dir())
    assert main(["stories", "rename", "no-such-story", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lp-coach: ") and err.count("\n") == 1
