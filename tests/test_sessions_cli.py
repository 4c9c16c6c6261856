"""`lp-coach sessions / report / export / delete` as a user runs them: real processes, real SQLite."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.store import DB_NAME, Store
from assistant.types import CheckResult, Evaluation, Session, Transcript, Turn, Word

ROOT = Path(__file__).resolve().parent.parent


def lp_coach(*args: str, env: dict[str, str], stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, stdin=stdin, capture_output=True, text=True, timeout=60
    )


def scored_turn(index: int, lp: str, words: list[tuple[str, float, float]], duration: float, statuses: dict[str, str]) -> Turn:
    ws = tuple(Word(w, s, e) for w, s, e in words)
    checks = {cid: CheckResult(cid, st, f"{cid} {st}", ("we did",) if st == "fail" else ()) for cid, st in statuses.items()}
    return Turn(
        index=index,
        kind="question" if index == 1 else "follow_up",
        lp=lp,
        question=f"Question {index} about {lp}?",
        duration_seconds=duration,
        transcript=Transcript(ws, duration),
        evaluation=Evaluation(lp, "q", duration, len(ws), checks, {"words_per_minute": 140.0}),
        feedback=f"Feedback {index}.",
        follow_up=f"Follow-up after {index}?",
        timings={"answer_end_to_feedback_s": 0.3},
        status="complete",
    )


@pytest.fixture
def saved(lp_coach_home: Path, monkeypatch) -> dict[str, Session]:
    """Two sessions saved through the real store: an older mock (complete) and a newer
    practice whose follow-up was cut short."""
    from datetime import datetime, timezone

    from assistant import store as store_module

    store = Store(lp_coach_home)
    monkeypatch.setattr(store_module, "_utc_now", lambda: datetime(2026, 11, 20, 9, 0, 0, tzinfo=timezone.utc))
    old = store.new_session("mock")
    turn = scored_turn(1, "ownership", [("We", 0.5, 0.7), ("shipped", 0.7, 1.1), ("it.", 1.1, 1.4)], 60.0,
                       {"length": "warn", "i_vs_we": "fail"})  # fmt: skip
    with store.begin_turn(old, turn) as w:
        w.write(np.zeros(16000, np.float32))
    turn.status = "complete"
    store.save_turn(old, turn)
    store.save_debrief(old, {"principles": {}, "bar_raiser": "not inclined", "flags": []})

    monkeypatch.setattr(store_module, "_utc_now", lambda: datetime(2026, 11, 26, 18, 40, 1, tzinfo=timezone.utc))
    new = store.new_session("practice")
    first = scored_turn(
        1, "dive-deep",
        [("I", 0.32, 0.41), ("found", 0.45, 0.8), ("the", 0.8, 0.9), ("<leak>", 0.9, 1.9), ("fast.", 1.95, 2.5),
         ("Then", 4.0, 4.2), ("I", 4.2, 4.3), ("fixed", 4.3, 4.7), ("it", 4.7, 4.8)],
        84.0, {"length": "pass", "i_vs_we": "pass", "quantified_result": "fail"},
    )  # fmt: skip
    with store.begin_turn(new, first) as w:
        w.write(np.zeros(8000, np.float32))
    first.status = "complete"
    store.save_turn(new, first)
    second = Turn(2, "follow_up", "dive-deep", "How did you measure it?")
    writer = store.begin_turn(new, second)  # the process "died" here: never saved again
    writer.write(np.zeros(16000, np.float32))
    writer.close()
    second.transcript = Transcript((Word("We", 0.3, 0.5), Word("measured", 0.5, 1.0)), 1.0)
    second.duration_seconds = 1.0
    store.save_turn(new, second)  # transcript kept, still incomplete
    store.close()
    return {"old": old, "new": new}


def test_no_sessions_yet(run_env, lp_coach_home: Path) -> None:
    table = lp_coach("sessions", env=run_env)
    assert table.returncode == 0
    assert table.stdout.strip() == f"No sessions yet in {lp_coach_home}; start one with `lp-coach practice`."
    as_json = lp_coach("sessions", "--json", env=run_env)
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []


def test_sessions_table(saved, run_env) -> None:
    out = lp_coach("sessions", env=run_env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["ID", "MODE", "TURNS", "PRINCIPLES", "ANSWERS", "PASSED"]
    new_row, old_row = lines[1], lines[2]  # newest first
    assert new_row.startswith("2026-11-26T18-40-01") and "practice" in new_row and "Dive Deep" in new_row
    assert " 2 " in new_row and "1:25" in new_row and "67%" in new_row and new_row.endswith("1 incomplete")
    assert old_row.startswith("2026-11-20T09-00-00") and "mock" in old_row and "Ownership" in old_row
    assert "0%" in old_row and "incomplete" not in old_row


def test_sessions_json_is_the_contract(saved, run_env) -> None:
    out = lp_coach("sessions", "--json", env=run_env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [s["id"] for s in data] == ["2026-11-26T18-40-01", "2026-11-20T09-00-00"]
    new, old = data
    assert new == saved["new"].to_dict() | {"turns": new["turns"]}
    assert set(new) == {"id", "mode", "started_at", "turns", "debrief"}
    assert new["started_at"] == "2026-11-26T18:40:01Z" and new["debrief"] is None
    first, second = new["turns"]
    assert first["audio"] == "2026-11-26T18-40-01/turn-1.wav"
    assert first["words"][0] == {"w": "I", "start": 0.32, "end": 0.41}
    assert first["checks"]["quantified_result"]["status"] == "fail"
    assert first["timings"] == {"answer_end_to_feedback_s": 0.3}
    assert second["status"] == "incomplete" and second["transcript"] == "We measured"
    assert old["debrief"]["bar_raiser"] == "not inclined"


def test_export_json_vtt_md(saved, run_env, tmp_path: Path) -> None:
    sid = saved["new"].id
    as_json = lp_coach("export", sid, "--format", "json", env=run_env)
    assert json.loads(as_json.stdout)["turns"][0]["feedback"] == "Feedback 1."

    vtt = lp_coach("export", sid, "--format", "vtt", env=run_env).stdout
    assert vtt.startswith("WEBVTT\n")
    blocks = [b for b in vtt.split("\n\n") if "-->" in b and not b.startswith("NOTE")]
    assert blocks[0].splitlines() == ["1", "00:00:00.320 --> 00:00:02.500", "I found the &lt;leak&gt; fast."]
    assert blocks[1].splitlines() == ["2", "00:00:04.000 --> 00:00:04.800", "Then I fixed it"]
    # Turn 2's recording follows turn 1's 84 seconds.
    assert blocks[2].splitlines() == ["3", "00:01:24.300 --> 00:01:25.000", "We measured"]
    assert "NOTE Turn 2 (follow-up, Dive Deep) from 00:01:24.000" in vtt

    one = tmp_path / "turn2.vtt"
    out = lp_coach("export", sid, "--format", "vtt", "--turn", "2", "--out", str(one), env=run_env)
    assert out.returncode == 0 and one.stat().st_mode & 0o777 == 0o600
    assert "00:00:00.300 --> 00:00:01.000\nWe measured" in one.read_text()

    md = lp_coach("export", sid, "--format", "md", env=run_env).stdout
    assert md.startswith(f"# lp-coach session {sid}\n")
    assert "## Question 1 — Dive Deep" in md and "## Follow-up 2 — Dive Deep" in md
    assert "> I found the \\<leak\\> fast." in md
    assert "| Quantified result | fail | quantified\\_result fail | “we did” |" in md
    assert "incomplete" in md


def test_report_command(saved, run_env, tmp_path: Path) -> None:
    out_file = tmp_path / "r.html"
    out = lp_coach("report", saved["new"].id, "--out", str(out_file), env=run_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"Wrote {out_file} (") and "2 recordings embedded" in out.stdout
    page = out_file.read_text()
    assert page.count('src="data:audio/flac;base64,') == 2 and "&lt;leak&gt;" in page
    every = lp_coach("report", "--all", "--out", str(tmp_path / "all.html"), "--no-audio", env=run_env)
    assert every.returncode == 0 and "no recordings" in every.stdout
    neither = lp_coach("report", "--out", str(out_file), env=run_env)
    assert neither.returncode == 2 and "or use --all" in neither.stderr


def test_report_notes_a_missing_recording(saved, run_env, lp_coach_home: Path, tmp_path: Path) -> None:
    (lp_coach_home / saved["new"].id / "turn-2.wav").unlink()
    out = lp_coach("report", saved["new"].id, "--out", str(tmp_path / "r.html"), env=run_env)
    assert out.returncode == 0
    assert "1 recording is missing" in out.stderr and "turn-2.wav" in out.stderr
    assert "recording missing (2026-11-26T18-40-01/turn-2.wav)" in (tmp_path / "r.html").read_text()


def test_replay_missing_recording_is_one_sentence(saved, run_env, lp_coach_home: Path) -> None:
    (lp_coach_home / saved["new"].id / "turn-1.wav").unlink()
    out = lp_coach("replay", saved["new"].id, "--no-speak", env=run_env)
    assert out.returncode == 6
    assert out.stderr == (
        f"lp-coach: the recording for turn 1 (2026-11-26T18-40-01/turn-1.wav) is missing from {lp_coach_home}.\n"
    )
    assert out.stdout == ""  # nothing played or printed first


@pytest.mark.parametrize("command", [["replay"], ["report", "--out", "x.html"], ["export", "--format", "md"], ["delete", "--yes"]])
def test_unknown_session(saved, run_env, command) -> None:
    out = lp_coach(command[0], "2026-01-01T00-00-00", *command[1:], env=run_env)
    assert out.returncode == 6
    assert out.stderr == "lp-coach: no session '2026-01-01T00-00-00'; `lp-coach sessions` lists them.\n"
    bad = lp_coach(command[0], "../etc", *command[1:], env=run_env)
    assert bad.returncode == 6 and bad.stderr.startswith("lp-coach: '../etc' is not a session id")
    assert bad.stderr.count("\n") == 1


def test_corrupt_database(run_env, lp_coach_home: Path) -> None:
    lp_coach_home.mkdir(mode=0o700)
    db = lp_coach_home / DB_NAME
    db.write_text("not a database\n")
    out = lp_coach("sessions", env=run_env)
    assert out.returncode == 6 and out.stdout == ""
    assert out.stderr.startswith(f"lp-coach: the session database {db} is damaged")
    assert out.stderr.count("\n") == 1
    assert db.read_text() == "not a database\n"


def test_delete_with_yes_removes_rows_and_files(saved, run_env, lp_coach_home: Path) -> None:
    sid = saved["new"].id
    assert (lp_coach_home / sid / "turn-1.wav").exists()
    out = lp_coach("delete", sid, "--yes", env=run_env)
    assert out.returncode == 0 and out.stdout == f"Deleted session {sid} and its recordings.\n"
    assert not (lp_coach_home / sid).exists()
    listed = json.loads(lp_coach("sessions", "--json", env=run_env).stdout)
    assert [s["id"] for s in listed] == [saved["old"].id]


def test_delete_without_yes_refuses_when_nobody_can_answer(saved, run_env, lp_coach_home: Path) -> None:
    sid = saved["new"].id
    out = lp_coach("delete", sid, env=run_env)  # stdin is /dev/null
    assert out.returncode == 2
    assert out.stderr == f"lp-coach: not deleting session {sid} without --yes (no terminal to ask on).\n"
    assert (lp_coach_home / sid / "turn-1.wav").exists()


def _run_in_terminal(args: list[str], env: dict[str, str], answer: bytes) -> tuple[int, str]:
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env,
                            stdin=slave, stdout=slave, stderr=slave)  # fmt: skip
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 30
    answered = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"[y/N]" in seen:
            os.write(master, answer)
            answered = True
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=10)
    os.close(master)
    return proc.returncode, seen.decode(errors="replace")


def test_delete_asks_in_a_terminal(saved, run_env, lp_coach_home: Path) -> None:
    sid = saved["new"].id
    code, screen = _run_in_terminal(["delete", sid], run_env, b"n\n")
    assert code == 0 and f"Delete session {sid} (2 turns and their recordings)? [y/N]" in screen
    assert f"Kept session {sid}." in screen and (lp_coach_home / sid).exists()
    code, screen = _run_in_terminal(["delete", sid], run_env, b"y\n")
    assert code == 0 and f"Deleted session {sid}" in screen
    assert not (lp_coach_home / sid).exists()
