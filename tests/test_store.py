"""The store: real SQLite and real files in tmp_path, a real process killed mid-answer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant import store as store_module
from assistant.config import Config
from assistant.errors import StoreError
from assistant.store import DB_NAME, SCHEMA_VERSION, Store, open_store
from assistant.types import CheckResult, Evaluation, Session, Transcript, Turn, Word
from assistant.wav import read_audio

ROOT = Path(__file__).resolve().parent.parent


def tone(seconds: float, rate: int = 16000, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def answered_turn(index: int = 1) -> Turn:
    words = (Word("I", 0.32, 0.41), Word("cut", 0.45, 0.7), Word("latency", 0.75, 1.2), Word("40%", 1.3, 1.9))
    transcript = Transcript(words, 84.0)
    evaluation = Evaluation(
        lp="dive-deep",
        question="Tell me about a bug you root-caused.",
        duration_seconds=84.0,
        word_count=4,
        checks={
            "length": CheckResult("length", "pass", "84 s, inside the 90-second target"),
            "i_vs_we": CheckResult("i_vs_we", "fail", "mostly we", ("we decided", "we shipped")),
        },
        metrics={"words_per_minute": 141.5, "fillers_per_minute": 1.25},
    )
    return Turn(
        index=index,
        kind="question" if index == 1 else "follow_up",
        lp="dive-deep",
        question="Tell me about a bug you root-caused.",
        duration_seconds=84.0,
        transcript=transcript,
        evaluation=evaluation,
        feedback="Say what you did.",
        follow_up="What would you do differently?",
        timings={"answer_end_to_feedback_s": 0.31},
        question_id="dive-deep-1",
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_round_trip_is_the_sessions_json_contract(data_dir: Path) -> None:
    store = Store(data_dir)
    session = store.new_session("mock")
    first = answered_turn(1)
    with store.begin_turn(session, first) as writer:
        writer.write(tone(1.5))
    first.status = "complete"
    store.save_turn(session, first)
    second = answered_turn(2)
    store.save_turn(session, second)
    store.save_debrief(session, {"principles": {"dive-deep": {"verdict": "inclined", "evidence": ["root cause"]}},
                                 "bar_raiser": "inclined", "flags": []})
    store.close()

    reopened = Store(data_dir)
    (loaded,) = reopened.sessions()
    assert loaded.to_dict() == session.to_dict()
    as_json = json.loads(json.dumps([s.to_dict() for s in reopened.sessions()]))
    turn = as_json[0]["turns"][0]
    assert turn["audio"] == f"{session.id}/turn-1.wav"
    assert turn["words"][0] == {"w": "I", "start": 0.32, "end": 0.41}
    assert turn["checks"]["i_vs_we"] == {"status": "fail", "message": "mostly we", "evidence": ["we decided", "we shipped"]}
    assert turn["metrics"]["words_per_minute"] == 141.5
    assert turn["timings"] == {"answer_end_to_feedback_s": 0.31}
    assert as_json[0]["debrief"]["bar_raiser"] == "inclined"
    # Fields outside the JSON contract survive too.
    assert reopened.session(session.id).turns[0].question_id == "dive-deep-1"
    samples, rate = reopened.read_audio(loaded.turns[0])
    assert rate == 16000 and len(samples) == 24000


def test_sessions_newest_first_and_ids_unique_within_one_second(data_dir: Path, monkeypatch) -> None:
    store = Store(data_dir)
    other = Store(data_dir)  # a second process on the same folder
    from datetime import datetime, timezone

    frozen = datetime(2026, 11, 26, 18, 40, 1, tzinfo=timezone.utc)
    monkeypatch.setattr(store_module, "_utc_now", lambda: frozen)
    ids = [store.new_session("practice").id, other.new_session("drill").id, store.new_session("mock").id]
    assert ids == ["2026-11-26T18-40-01", "2026-11-26T18-40-01-2", "2026-11-26T18-40-01-3"]
    assert {s.started_at for s in store.sessions()} == {"2026-11-26T18:40:01Z"}
    later = datetime(2026, 11, 27, 9, 0, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(store_module, "_utc_now", lambda: later)
    newest = store.new_session("practice")
    assert [s.id for s in store.sessions()] == [newest.id, *reversed(ids)]


def test_wal_mode_and_schema_version(data_dir: Path) -> None:
    Store(data_dir).close()
    db = sqlite3.connect(data_dir / DB_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer lp-coach"):
        Store(data_dir)


def test_open_store_uses_the_config_data_folder(data_dir: Path) -> None:
    with open_store(Config(data_dir=data_dir)) as store:
        assert store.data_dir == data_dir
    assert (data_dir / DB_NAME).exists()


def test_private_permissions(data_dir: Path) -> None:
    store = Store(data_dir)
    session = store.new_session("practice")
    turn = answered_turn(1)
    with store.begin_turn(session, turn) as writer:
        writer.write(tone(0.5))
    mode = lambda p: stat.S_IMODE(os.stat(p).st_mode)  # noqa: E731
    assert mode(data_dir) == 0o700
    assert mode(data_dir / session.id) == 0o700
    assert mode(data_dir / DB_NAME) == 0o600
    assert mode(data_dir / (DB_NAME + "-wal")) == 0o600
    assert mode(store.audio_path(turn)) == 0o600


@pytest.mark.parametrize(
    "content",
    [b"these are my notes, not a database\n" * 20, b"SQLite format 3\x00" + bytes(range(256)) * 16],
    ids=["text-file", "garbage-after-magic"],
)
def test_corrupt_database_is_reported_and_left_untouched(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(mode=0o700)
    db = data_dir / DB_NAME
    db.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store(data_dir)
    message = str(err.value)
    assert str(db) in message and "damaged" in message and "untouched" in message
    assert message.count(". ") == 0 and "\n" not in message  # one sentence
    assert db.read_bytes() == content
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]


def test_path_traversal_ids_are_rejected(data_dir: Path, tmp_path: Path) -> None:
    store = Store(data_dir)
    victim = tmp_path / "x"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine")
    for bad in ("../x", "..", "/etc", "2026-11-26T18-40-01/../../x", "x"):
        with pytest.raises(StoreError, match="is not a session id"):
            store.session(bad)
        with pytest.raises(StoreError, match="is not a session id"):
            store.delete(bad)
        with pytest.raises(StoreError, match="is not a session id"):
            store.begin_turn(Session(bad, "practice", "2026-11-26T18:40:01Z"), answered_turn(1))
    assert (victim / "keep.txt").read_text() == "mine"
    outside = answered_turn(1)
    outside.audio = "../x/keep.txt"
    with pytest.raises(StoreError, match="outside the data folder"):
        store.audio_path(outside)


def test_unknown_session_sentence(data_dir: Path) -> None:
    store = Store(data_dir)
    with pytest.raises(StoreError) as err:
        store.session("2026-01-01T00-00-00")
    assert str(err.value) == "no session '2026-01-01T00-00-00'; `lp-coach sessions` lists them."


def test_delete_removes_rows_and_files(data_dir: Path) -> None:
    store = Store(data_dir)
    keep, gone = store.new_session("practice"), store.new_session("practice")
    for session in (keep, gone):
        with store.begin_turn(session, answered_turn(1)) as writer:
            writer.write(tone(0.2))
    store.delete(gone.id)
    assert [s.id for s in store.sessions()] == [keep.id]
    assert not (data_dir / gone.id).exists()
    assert (data_dir / keep.id / "turn-1.wav").exists()
    with pytest.raises(StoreError, match="no session"):
        store.delete(gone.id)


def test_missing_audio_is_one_sentence(data_dir: Path) -> None:
    store = Store(data_dir)
    session = store.new_session("practice")
    turn = answered_turn(1)
    store.begin_turn(session, turn).close()
    store.audio_path(turn).unlink()
    with pytest.raises(StoreError, match="is missing"):
        store.read_audio(turn)


def test_turn_left_open_is_listed_incomplete(data_dir: Path) -> None:
    store = Store(data_dir)
    session = store.new_session("practice")
    turn = Turn(index=1, kind="question", lp="ownership", question="Tell me about a time you owned it.")
    writer = store.begin_turn(session, turn)
    writer.write(tone(1.0))
    writer.flush()
    (listed,) = Store(data_dir).sessions()
    assert listed.turns[0].status == "incomplete"
    assert listed.turns[0].duration_seconds == pytest.approx(1.0)
    writer.close()


CHILD = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    from pathlib import Path
    from assistant.store import Store
    from assistant.types import Turn

    store = Store(Path(sys.argv[1]))
    session = store.new_session("practice")
    turn = Turn(index=1, kind="question", lp="ownership", question="Tell me about a time you owned it.")
    writer = store.begin_turn(session, turn)
    print(session.id, flush=True)
    rate, block = 16000, 1600
    t0 = time.monotonic()
    n = 0
    while True:  # a microphone: one 100 ms block every 100 ms, until killed
        t = (np.arange(n, n + block) / rate).astype(np.float64)
        writer.write((0.3 * np.sin(2 * np.pi * 220.0 * t)).astype(np.float32))
        n += block
        time.sleep(max(0.0, t0 + n / rate - time.monotonic()))
    """
)


def test_sigkill_mid_answer_keeps_the_audio_and_lists_the_turn_incomplete(data_dir: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        session_id = child.stdout.readline().strip()
        time.sleep(3.5)  # mid-way between two flushes: the worst case loses the buffered second
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    store = Store(data_dir)
    (session,) = store.sessions()
    assert session.id == session_id
    (turn,) = session.turns
    assert turn.status == "incomplete"
    path = store.audio_path(turn)
    # Any reader (plain soundfile, no repair) gets all but at most the last second…
    plain, rate = sf.read(path, dtype="float32")
    assert rate == 16000 and len(plain) / rate >= 2.5
    # …and ours too, trusting the file size over the header.
    samples, rate = read_audio(path)
    print(f"\nkilled 3.5 s into the answer: the header covers {len(plain) / rate:.2f} s, the file holds {len(samples) / rate:.2f} s")
    assert len(samples) >= len(plain)
    expected = 0.3 * np.sin(2 * np.pi * 220.0 * np.arange(len(samples)) / rate)
    assert np.max(np.abs(samples - expected)) < 1e-3  # the real signal, not garbage
    assert turn.duration_seconds == pytest.approx(len(samples) / rate, abs=0.01)


def test_a_damaged_row_is_one_sentence(data_dir: Path) -> None:
    store = Store(data_dir)
    session = store.new_session("practice")
    store.save_turn(session, answered_turn(1))
    db = sqlite3.connect(data_dir / DB_NAME)
    db.execute("UPDATE turns SET evaluation = '{not json'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="is damaged .unreadable saved data"):
        store.sessions()


def test_a_version_1_database_is_migrated_and_keeps_its_sessions(tmp_path):
    from assistant.store import MIGRATIONS

    data = tmp_path / "old"
    data.mkdir(mode=0o700)
    db = sqlite3.connect(data / DB_NAME)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO sessions (id, mode, started_at) VALUES ('2026-01-02T03-04-05', 'practice', '2026-01-02T03:04:05Z')")
    db.execute(
        "INSERT INTO turns (session_id, idx, kind, lp, question, status) "
        "VALUES ('2026-01-02T03-04-05', 1, 'question', 'ownership', 'Tell me...', 'complete')"
    )
    db.commit()
    db.close()
    store = Store(data)
    session = store.session("2026-01-02T03-04-05")
    assert session.turns[0].question == "Tell me..." and session.turns[0].ended_by == ""
    check = sqlite3.connect(data / DB_NAME)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    # The new column is written and read back.
    session.turns[0].ended_by = "end_phrase"
    store.save_turn(session, session.turns[0])
    assert Store(data).session(session.id).turns[0].ended_by == "end_phrase"
