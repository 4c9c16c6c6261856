"""Sessions on disk: one SQLite database plus one audio file per answer.

Layout of the data folder (where it is: :func:`assistant.config.data_dir_choice` and
docs/ARCHITECTURE.md), private to the user (folders 0700, files 0600 where the OS has
POSIX modes; on Windows the per-user LocalAppData folder is private by its ACL)::

    lp-coach.db                      SQLite, WAL mode, schema version in user_version
    2026-11-26T18-40-01/turn-1.wav   the answer's audio, 16-bit PCM mono

The recordings are written and read by :mod:`assistant.wav` (why WAV and not FLAC
is explained there); this module names them, places them and records them in the
database.

A damaged database is reported, never overwritten or silently recreated.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from .config import Config
from .errors import StoreError
from .types import Evaluation, Session, Transcript, Turn
from .wav import SAMPLE_RATE_HZ, AudioWriter, read_audio, wav_seconds_on_disk

DB_NAME = "lp-coach.db"
_SQLITE_MAGIC = b"SQLite format 3\x00"

# A session id: the start time, filesystem-safe, with an optional suffix when two
# sessions start in the same second.  Nothing else may name a folder.
SESSION_ID_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:-\d{1,4})?")

# Each entry moves the schema from version i to i+1; user_version counts them.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id          TEXT PRIMARY KEY,
        mode        TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        debrief     TEXT            -- JSON or NULL
    );
    CREATE TABLE turns (
        session_id       TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx              INTEGER NOT NULL,
        kind             TEXT NOT NULL,
        lp               TEXT NOT NULL,
        question         TEXT NOT NULL,
        question_id      TEXT NOT NULL DEFAULT '',
        audio            TEXT,
        duration_seconds REAL NOT NULL DEFAULT 0,
        status           TEXT NOT NULL,
        transcript       TEXT,      -- JSON: Transcript.to_dict() (text, words, duration)
        evaluation       TEXT,      -- JSON: Evaluation.to_dict() (checks, metrics)
        feedback         TEXT NOT NULL DEFAULT '',
        follow_up        TEXT NOT NULL DEFAULT '',
        timings          TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (session_id, idx)
    );
    """,
    # 2: how each answer ended (end phrase, silence, Enter, cap), so a candidate
    # can see whether the hands-free end phrase was heard.
    """
    ALTER TABLE turns ADD COLUMN ended_by TEXT NOT NULL DEFAULT ''
    """,
    # 3: self-check quiz answers (lp-coach quiz), kept apart from sessions so they
    # never join the story bank; the plan's hour 1 and the report read them.
    """
    CREATE TABLE quiz_results (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        question_id  TEXT NOT NULL,
        question     TEXT NOT NULL,
        answered_at  TEXT NOT NULL,
        transcript   TEXT NOT NULL,
        points       TEXT NOT NULL,  -- JSON: [{"point": ..., "covered": bool}]
        score        REAL NOT NULL
    )
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def validate_session_id(session_id: str) -> str:
    """The id unchanged, or StoreError: ids name folders, so nothing else gets through."""
    if not isinstance(session_id, str) or not SESSION_ID_RE.fullmatch(session_id):
        raise StoreError(
            f"'{session_id}' is not a session id (they look like 2026-11-26T18-40-01); "
            "`lp-coach sessions` lists them."
        )
    return session_id


def _owned(st: os.stat_result) -> bool:
    """True when the current user owns the file.  Windows has no POSIX owner or
    modes (os.getuid does not exist there; chmod only toggles read-only), so
    nothing is tightened there."""
    getuid = getattr(os, "getuid", None)
    return getuid is not None and st.st_uid == getuid()


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Store:
    """The data folder: sessions and turns in SQLite, answers as audio files."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser()
        self.db_path = self.data_dir / DB_NAME
        self._lock = threading.RLock()
        self._make_private_dir(self.data_dir, parents=True)
        self._check_is_database(self.db_path)
        self._make_private_file(self.db_path)
        if not self.db_path.exists():
            try:
                os.close(os.open(self.db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass  # another process created it a moment ago
            except OSError as exc:
                raise StoreError(f"cannot create {self.db_path} ({exc.strerror}); check the folder's permissions.") from None
        try:
            self._db = sqlite3.connect(self.db_path, timeout=10.0, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.db_path} ({exc}); check the folder's permissions.") from None
        try:
            with self._sql() as db:
                db.execute("PRAGMA busy_timeout = 10000")
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(f"{self.db_path} cannot use write-ahead logging (journal mode {mode}).")
                db.execute("PRAGMA foreign_keys = ON")
                db.execute("PRAGMA synchronous = NORMAL")
                self._migrate(db)
        except BaseException:
            self._db.close()
            raise

    # ----------------------------------------------------------------- setup

    @staticmethod
    def _make_private_dir(path: Path, parents: bool = False) -> None:
        existed = path.exists()
        try:
            path.mkdir(mode=0o700, parents=parents, exist_ok=True)
            # mkdir's mode is filtered by the umask, and a folder that already
            # existed (recordings/ from a git checkout is 0755) may be open to
            # others: recordings are private, so tighten any folder we own.
            st = path.stat()
            if not existed or (st.st_mode & 0o077 and _owned(st)):
                os.chmod(path, 0o700)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {path} ({exc.strerror}); set LP_COACH_HOME to a writable folder.") from None
        if not path.is_dir():
            raise StoreError(f"{path} is not a folder; set LP_COACH_HOME to a folder for lp-coach's recordings.")

    @staticmethod
    def _make_private_file(path: Path) -> None:
        """An existing database readable by others (copied in, older version) is made 0600."""
        try:
            st = path.stat()
        except FileNotFoundError:
            return
        if st.st_mode & 0o077 and _owned(st):
            try:
                os.chmod(path, 0o600)
            except OSError as exc:
                raise StoreError(f"cannot make {path} private ({exc.strerror}); check its owner.") from None

    def _check_is_database(self, path: Path) -> None:
        """Refuse, before SQLite touches it, a file that is not an SQLite database."""
        try:
            with path.open("rb") as fh:
                head = fh.read(len(_SQLITE_MAGIC))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read {path} ({exc.strerror}); check its permissions.") from None
        if head and head != _SQLITE_MAGIC:
            raise StoreError(self._damaged(path))

    @staticmethod
    def _damaged(path: Path, detail: str = "not an SQLite database") -> str:
        return (
            f"the session database {path} is damaged ({detail}); it was left untouched — "
            "move it aside (or restore a backup) and lp-coach will start a new one."
        )

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.db_path} was written by a newer lp-coach (schema {version}, this one knows {SCHEMA_VERSION}); "
                "update lp-coach."
            )
        if version == SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @contextmanager
    def _sql(self) -> Iterator[sqlite3.Connection]:
        """The connection, with SQLite's errors turned into one sentence."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.OperationalError as exc:
                text = str(exc)
                if "locked" in text or "busy" in text:
                    raise StoreError(f"the session database {self.db_path} is busy in another lp-coach; try again.") from None
                if "disk is full" in text or "disk I/O" in text:
                    raise StoreError(f"cannot write {self.db_path} ({text}); free some disk space and try again.") from None
                if "readonly" in text:
                    raise StoreError(f"{self.db_path} is read-only; check the data folder's permissions.") from None
                raise StoreError(self._damaged(self.db_path, text)) from None
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"could not save to {self.db_path} ({exc}); this is a bug in lp-coach, please report it.") from None
            except sqlite3.DatabaseError as exc:
                raise StoreError(self._damaged(self.db_path, str(exc))) from None
            except (ValueError, KeyError, TypeError) as exc:
                # A row whose JSON no longer parses: the file was edited or damaged.
                raise StoreError(self._damaged(self.db_path, f"unreadable saved data: {exc}")) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._sql() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- sessions

    def new_session(self, mode: str) -> Session:
        """A new session row; the id is the start time, suffixed -2, -3… on a clash."""
        now = _utc_now()
        base = now.strftime("%Y-%m-%dT%H-%M-%S")
        started_at = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        for n in range(1, 10000):
            session_id = base if n == 1 else f"{base}-{n}"
            if (self.data_dir / session_id).exists():
                continue
            with self._sql() as db:
                inserted = db.execute(
                    "INSERT OR IGNORE INTO sessions (id, mode, started_at, debrief) VALUES (?, ?, ?, NULL)",
                    (session_id, mode, started_at),
                ).rowcount
            if inserted:
                return Session(id=session_id, mode=mode, started_at=started_at)
        raise StoreError("could not find a free session id; check the data folder.")  # pragma: no cover

    def save_debrief(self, session: Session, debrief: dict[str, Any]) -> None:
        session.debrief = debrief
        validate_session_id(session.id)
        with self._transaction() as db:
            self._upsert_session(db, session)

    def sessions(self) -> list[Session]:
        """Every saved session, newest first, with its turns in order."""
        with self._sql() as db:
            rows = db.execute("SELECT id, mode, started_at, debrief FROM sessions ORDER BY started_at DESC, id DESC").fetchall()
            turn_rows = db.execute(f"SELECT {_TURN_COLUMNS} FROM turns ORDER BY session_id, idx").fetchall()
            by_session: dict[str, list[Turn]] = {}
            for row in turn_rows:
                by_session.setdefault(row[0], []).append(self._turn_from_row(row))
            return [self._session_from_row(row, by_session.get(row[0], [])) for row in rows]

    def session(self, session_id: str) -> Session:
        validate_session_id(session_id)
        with self._sql() as db:
            row = db.execute("SELECT id, mode, started_at, debrief FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise StoreError(f"no session '{session_id}'; `lp-coach sessions` lists them.")
            turn_rows = db.execute(f"SELECT {_TURN_COLUMNS} FROM turns WHERE session_id = ? ORDER BY idx", (session_id,)).fetchall()
            return self._session_from_row(row, [self._turn_from_row(r) for r in turn_rows])

    def delete(self, session_id: str) -> None:
        """Remove the session's rows and its folder of recordings."""
        validate_session_id(session_id)
        with self._transaction() as db:
            found = db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
            db.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
        folder = self.data_dir / session_id
        if not found and not folder.exists():
            raise StoreError(f"no session '{session_id}'; `lp-coach sessions` lists them.")
        try:
            shutil.rmtree(folder)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreError(f"the session was removed from the list but {folder} could not be deleted ({exc.strerror}); delete it by hand.") from None

    # ------------------------------------------------------------------ quiz

    def save_quiz_result(self, result: dict[str, Any]) -> dict[str, Any]:
        """Save one graded self-check answer (``quiz.QuizGrade.to_dict()``); returns it with ``answered_at``."""
        answered_at = _utc_now().strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._transaction() as db:
            db.execute(
                "INSERT INTO quiz_results (question_id, question, answered_at, transcript, points, score) VALUES (?, ?, ?, ?, ?, ?)",
                (result["id"], result["question"], answered_at, result["transcript"], json.dumps(result["points"]),
                 float(result["score"])),
            )
        return {**result, "answered_at": answered_at}

    def quiz_results(self) -> list[dict[str, Any]]:
        """Every saved self-check answer, oldest first."""
        with self._sql() as db:
            rows = db.execute(
                "SELECT question_id, question, answered_at, transcript, points, score FROM quiz_results ORDER BY id"
            ).fetchall()
            return [
                {"id": q, "question": text, "answered_at": at, "transcript": tr, "points": json.loads(points), "score": score}
                for q, text, at, tr, points, score in rows
            ]

    # ----------------------------------------------------------------- turns

    def begin_turn(
        self, session: Session, turn: Turn, sample_rate_hz: int = SAMPLE_RATE_HZ, attempt: int = 1
    ) -> AudioWriter:
        """Record the turn as incomplete and open its audio file for the answer.

        Sets ``turn.audio`` (relative to the data folder) and ``turn.status``.
        A second ``attempt`` at the same turn (asked again after silence, or
        after "repeat") gets its own file, so the first recording is never
        overwritten.
        """
        validate_session_id(session.id)
        if turn.index < 1:
            raise StoreError(f"turn index must be 1 or more, not {turn.index}.")
        folder = self.data_dir / session.id
        self._make_private_dir(folder)
        suffix = "" if attempt <= 1 else f"-{attempt}"
        relative = f"{session.id}/turn-{turn.index}{suffix}.wav"
        writer = AudioWriter(self.data_dir / relative, sample_rate_hz=sample_rate_hz)
        turn.audio = relative
        turn.status = "incomplete"
        try:
            with self._transaction() as db:
                self._upsert_session(db, session, keep_debrief=True)
                self._upsert_turn(db, session.id, turn)
        except BaseException:
            writer.close()
            raise
        if not any(t is turn for t in session.turns):
            session.turns = [t for t in session.turns if t.index != turn.index] + [turn]
            session.turns.sort(key=lambda t: t.index)
        return writer

    def save_turn(self, session: Session, turn: Turn) -> None:
        """Insert or replace the turn (by session id and turn index)."""
        validate_session_id(session.id)
        with self._transaction() as db:
            self._upsert_session(db, session, keep_debrief=True)
            self._upsert_turn(db, session.id, turn)
        if not any(t is turn for t in session.turns):
            session.turns = [t for t in session.turns if t.index != turn.index] + [turn]
            session.turns.sort(key=lambda t: t.index)

    def audio_path(self, turn: Turn) -> Path:
        """The absolute path of the turn's recording (which may no longer exist)."""
        if not turn.audio:
            raise StoreError(f"turn {turn.index} has no recorded answer.")
        path = (self.data_dir / turn.audio).resolve()
        root = self.data_dir.resolve()
        if root not in path.parents:
            raise StoreError(f"turn {turn.index}'s audio path '{turn.audio}' points outside the data folder; it was not opened.")
        return path

    def read_audio(self, turn: Turn) -> tuple[np.ndarray, int]:
        """The turn's answer as float32 mono samples and their rate."""
        path = self.audio_path(turn)
        if not path.exists():
            raise StoreError(f"the recording for turn {turn.index} ({turn.audio}) is missing from {self.data_dir}.")
        return read_audio(path)

    # --------------------------------------------------------------- rows

    def _upsert_session(self, db: sqlite3.Connection, session: Session, keep_debrief: bool = False) -> None:
        debrief = None if session.debrief is None else json.dumps(session.debrief)
        if keep_debrief:
            db.execute(
                "INSERT INTO sessions (id, mode, started_at, debrief) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET mode = excluded.mode, started_at = excluded.started_at, "
                "debrief = COALESCE(excluded.debrief, sessions.debrief)",
                (session.id, session.mode, session.started_at, debrief),
            )
        else:
            db.execute(
                "INSERT INTO sessions (id, mode, started_at, debrief) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET mode = excluded.mode, started_at = excluded.started_at, "
                "debrief = excluded.debrief",
                (session.id, session.mode, session.started_at, debrief),
            )

    def _upsert_turn(self, db: sqlite3.Connection, session_id: str, turn: Turn) -> None:
        db.execute(
            f"INSERT OR REPLACE INTO turns ({_TURN_COLUMNS}) VALUES ({', '.join('?' * _TURN_COLUMN_COUNT)})",
            (
                session_id,
                turn.index,
                turn.kind,
                turn.lp,
                turn.question,
                turn.question_id,
                turn.audio,
                float(turn.duration_seconds),
                turn.status,
                json.dumps(turn.transcript.to_dict()) if turn.transcript else None,
                json.dumps(turn.evaluation.to_dict()) if turn.evaluation else None,
                turn.feedback,
                turn.follow_up,
                json.dumps(turn.timings),
                turn.ended_by,
            ),
        )

    def _turn_from_row(self, row: tuple[Any, ...]) -> Turn:
        (_, idx, kind, lp, question, question_id, audio, duration, status, transcript, evaluation, feedback, follow_up,
         timings, ended_by) = row
        turn = Turn(
            index=int(idx),
            kind=kind,
            lp=lp,
            question=question,
            audio=audio,
            duration_seconds=float(duration),
            transcript=Transcript.from_dict(json.loads(transcript)) if transcript else None,
            evaluation=Evaluation.from_dict(json.loads(evaluation)) if evaluation else None,
            feedback=feedback,
            follow_up=follow_up,
            timings={k: float(v) for k, v in json.loads(timings or "{}").items()},
            status=status,
            question_id=question_id,
            ended_by=ended_by or "",
        )
        if turn.status == "incomplete" and not turn.duration_seconds and audio:
            # Cut short (crash, kill, disk full): what was recorded is what the file holds.
            turn.duration_seconds = wav_seconds_on_disk(self.data_dir / audio)
        return turn

    @staticmethod
    def _session_from_row(row: tuple[Any, ...], turns: list[Turn]) -> Session:
        session_id, mode, started_at, debrief = row
        return Session(
            id=session_id, mode=mode, started_at=started_at, turns=turns, debrief=json.loads(debrief) if debrief else None
        )


_TURN_COLUMN_NAMES = (
    "session_id", "idx", "kind", "lp", "question", "question_id", "audio", "duration_seconds",
    "status", "transcript", "evaluation", "feedback", "follow_up", "timings", "ended_by",
)  # fmt: skip
_TURN_COLUMNS = ", ".join(_TURN_COLUMN_NAMES)
_TURN_COLUMN_COUNT = len(_TURN_COLUMN_NAMES)


def open_store(config: Config) -> Store:
    return Store(config.data_dir)
