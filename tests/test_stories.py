"""The story bank: clustering saved answers into stories, coverage, and the rename/merge overlay on disk."""

from __future__ import annotations

import collections
import stat
import tomllib
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT
from assistant.errors import StoreError, UsageError
from assistant.questions import load_bank
from assistant.stories import (
    AnswerRef,
    Story,
    answers_from_sessions,
    apply_overlay,
    build_bank,
    coverage,
    find_story,
    load_overlay,
    merge,
    rename,
)
from assistant.types import Session, Transcript, Turn, Word

PAIRS_DIR = Path(__file__).parent / "story_pairs"
ANSWERS = {a["id"]: a for a in tomllib.loads((PAIRS_DIR / "answers.toml").read_text())["answer"]}


def text(answer_id: str) -> str:
    return ANSWERS[answer_id]["text"]


def refs() -> list[AnswerRef]:
    """The labeled answers as saved answers: four per session, one session a day."""
    out = []
    for i, (aid, a) in enumerate(ANSWERS.items()):
        day = 1 + i // 4
        out.append(AnswerRef(f"2026-10-{day:02d}T09-00-00", 1 + i % 4, a["lp"], f"question for {aid}", a["text"],
                             f"2026-10-{day:02d}T09:00:00Z"))
    return out


# -- the bank -------------------------------------------------------------------


def test_build_bank_recovers_the_labeled_stories():
    answers = refs()
    truth = {r.key: ANSWERS[aid]["story"] for r, aid in zip(answers, ANSWERS)}
    stories = build_bank(answers)
    clusters = sorted(sorted(a.key for a in s.answers) for s in stories)
    expected: dict[str, list[str]] = collections.defaultdict(list)
    for key, story in truth.items():
        expected[story].append(key)
    assert clusters == sorted(sorted(v) for v in expected.values())


def test_story_identity_name_and_principles():
    answers = refs()
    stories = build_bank(answers)
    by_first = {s.answers[0].key: s for s in stories}
    checkout = by_first[answers[0].key]
    assert checkout.id == answers[0].key  # the oldest answer names the story
    assert checkout.name == "fraud scoring"
    assert checkout.principles[:3] == ("customer-obsession", "dive-deep", "ownership")
    launch = next(s for s in stories if "have-backbone-disagree-and-commit" in s.principles and len(s.answers) >= 4)
    assert launch.name == "reconciliation pipeline"
    assert [a.key for a in launch.answers] == sorted(
        (a.key for a in launch.answers), key=lambda k: next(r.started_at + k for r in answers if r.key == k))


def test_story_id_stays_when_a_newer_answer_joins():
    answers = refs()[:8]
    before = {s.id for s in build_bank(answers)}
    newer = AnswerRef("2026-12-01T09-00-00", 1, "deliver-results", "q", text("checkout-changed"), "2026-12-01T09:00:00Z")
    after = build_bank(answers + [newer])
    assert {s.id for s in after} == before
    joined = next(s for s in after if newer in s.answers)
    assert joined.id == answers[0].key


def test_answers_from_sessions_folds_follow_ups_into_their_answer():
    def turn(index, kind, lp, question, words, status="complete"):
        transcript = Transcript(tuple(Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(words.split())), 10.0)
        return Turn(index, kind, lp, question, transcript=transcript if words else None, status=status)

    session = Session("2026-11-20T10-00-00", "mock", "2026-11-20T10:00:00Z", turns=[
        turn(1, "question", "dive-deep", "Q1", "I traced the fraud scoring call."),
        turn(2, "follow_up", "dive-deep", "How did you measure that?", "Conversion rose 1.1%."),
        turn(3, "question", "ownership", "Q2", "", status="unanswered"),
        turn(4, "question", "frugality", "Q3", "I moved logs to S3."),
    ])
    out = answers_from_sessions([session])
    assert [(a.turn_index, a.lp) for a in out] == [(1, "dive-deep"), (4, "frugality")]
    assert out[0].text == "I traced the fraud scoring call. Conversion rose 1.1%."
    assert out[0].key == "2026-11-20T10-00-00-t1"
    assert out[1].started_at == "2026-11-20T10:00:00Z"


# -- coverage -------------------------------------------------------------------


def _story(sid: str, *lps: str) -> Story:
    ref = AnswerRef(sid, 1, lps[0], "q", "text", "")
    return Story(sid, sid, (ref,), tuple(lps))


def test_coverage_lists_missing_top_principles_most_frequent_first():
    bank = load_bank(PROJECT_ROOT / "prompts")
    stories = [
        _story("s1", "customer-obsession", "dive-deep"),
        _story("s2", "have-backbone-disagree-and-commit", "earn-trust"),
        _story("s3", "learn-and-be-curious", "frugality"),
    ]
    cov = coverage(stories, bank.principles)
    assert cov.covered == {
        "customer-obsession": ("s1",),
        "dive-deep": ("s1",),
        "have-backbone-disagree-and-commit": ("s2",),
        "earn-trust": ("s2",),
        "learn-and-be-curious": ("s3",),
    }
    # Frugality (rank 13) is outside the guide's top 10, so it neither covers nor counts.
    assert cov.missing == (
        "ownership",
        "bias-for-action",
        "deliver-results",
        "insist-on-the-highest-standards",
        "invent-and-simplify",
    )
    assert coverage([], bank.principles, top=3).missing == ("customer-obsession", "ownership", "bias-for-action")
    assert cov.to_dict()["missing"][0] == "ownership"


# -- renames and merges ---------------------------------------------------------


def test_rename_is_saved_privately_and_survives_a_rebuild(tmp_path):
    answers = refs()[:8]
    stories = build_bank(answers)
    first = stories[0]
    renamed = rename(tmp_path, stories, first.id, "  Checkout   p99 win ")
    assert renamed[0].name == "Checkout p99 win" and renamed[0].named
    path = tmp_path / "stories.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # A later run rebuilds the bank with a newer answer in the story; the name holds.
    newer = AnswerRef("2026-12-01T09-00-00", 1, "deliver-results", "q", text("checkout-changed"), "2026-12-01T09:00:00Z")
    rebuilt = apply_overlay(build_bank(answers + [newer]), load_overlay(tmp_path))
    story = find_story(rebuilt, "checkout p99 win")
    assert story.id == first.id and newer in story.answers


def test_merge_joins_two_stories_and_is_remembered(tmp_path):
    answers = refs()[:8]
    stories = build_bank(answers)
    a, b = stories[0], stories[1]
    merged = merge(tmp_path, stories, a.id, b.name)
    assert len(merged) == len(stories) - 1
    joined = find_story(merged, a.id)
    assert set(joined.answers) == set(a.answers) | set(b.answers)
    assert set(joined.principles) == set(a.principles) | set(b.principles)
    again = apply_overlay(build_bank(answers), load_overlay(tmp_path))
    assert [sorted(x.key for x in s.answers) for s in again] == [sorted(x.key for x in s.answers) for s in merged]
    with pytest.raises(UsageError, match="already the same story"):
        merge(tmp_path, merged, a.id, b.id)  # b's old id now finds the merged story


def test_unknown_story_lists_the_ids(tmp_path):
    stories = build_bank(refs()[:4])
    with pytest.raises(UsageError) as err:
        rename(tmp_path, stories, "no-such-story", "x")
    assert stories[0].id in str(err.value)
    with pytest.raises(UsageError, match="empty"):
        rename(tmp_path, stories, stories[0].id, "   ")


def test_malformed_overlay_names_the_file(tmp_path):
    (tmp_path / "stories.toml").write_text("[names\n")
    with pytest.raises(StoreError, match="stories.toml"):
        load_overlay(tmp_path)
    (tmp_path / "stories.toml").write_text('[[merge]]\ninto = "a"\n')
    with pytest.raises(StoreError, match="'into' and 'from'"):
        load_overlay(tmp_path)
    assert load_overlay(tmp_path / "missing").names == {}
