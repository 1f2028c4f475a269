"""The question log's SQLite file: one connection per process behind a lock, WAL, migrations.

Never in an answer's way: every failure (the file deleted or locked, the disk full) is caught
here, logged once as a warning until the log works again, and the caller carries on. A deleted
file is noticed (its inode is gone) and a new one is started, rather than writing into an
unlinked inode nobody can read.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.questionlog.records import VOTES, AnswerRecord, LoggedQuote
from bot.questionlog.schema import migrate

log = logging.getLogger(__name__)

T = TypeVar("T")
FILE_NAME = "questions.sqlite3"
DAY = 86400.0


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


@dataclass(frozen=True, slots=True)
class LogConfig:
    retention_days: float = 90.0
    # How long a write waits for another process's lock before giving up (the answer never waits:
    # writes happen after it is sent).
    busy_timeout_s: float = 0.5
    # Old rows are pruned at open and then every this many records.
    prune_every: int = 200


@dataclass(frozen=True, slots=True)
class LoggedAnswer:
    question: str
    rewritten: str | None
    quotes: tuple[LoggedQuote, ...]


class QuestionLog:
    def __init__(self, path: Path, config: LogConfig = LogConfig(), *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.config = config
        self.clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        self._salt = b""
        self._failing = False
        self._records = 0

    # Connection ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.config.busy_timeout_s, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: no fsync per answer; a power cut may lose the last few records, never
            # the file's consistency — the right trade for a log that must not slow answering.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
            conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('user_salt', ?)", (secrets.token_hex(16),))
            self._salt = conn.execute("SELECT value FROM meta WHERE key='user_salt'").fetchone()[0].encode()
            stat = os.stat(self.path)
        except BaseException:
            conn.close()
            raise
        self._identity = (stat.st_dev, stat.st_ino)
        self._prune(conn)
        return conn

    def _still_there(self) -> bool:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return False
        return (stat.st_dev, stat.st_ino) == self._identity

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None and not self._still_there():
            log.warning("question log %s was deleted or replaced while the bot ran: starting a new one", self.path)
            self._failing = True  # that was the one warning; the new file's success re-arms it
            self._close()
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def close(self) -> None:
        with self._lock:
            self._close()

    def _guard(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """`work` under the lock; a failure is logged (once until it works again) and gives None."""
        with self._lock:
            try:
                result = work(self._connection())
            except (sqlite3.Error, OSError) as exc:
                if not self._failing:
                    log.warning("question log %s: could not %s (%s); answering goes on without it",
                                self.path, what, exc)
                    self._failing = True
                else:
                    log.debug("question log still failing to %s: %s", what, exc)
                if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
                    self._close()  # a corrupt or foreign file: try a fresh connection next time
                return None
            if self._failing:
                log.info("question log %s works again", self.path)
                self._failing = False
            return result

    # Writing ------------------------------------------------------------------------------

    def user_hash(self, user_id: int) -> str:
        """A keyed hash: the same user is the same hash within one log file, and the raw id
        cannot be recovered by hashing every possible snowflake without the file's salt."""
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()[:24]

    def record(self, rec: AnswerRecord) -> bool:
        def write(conn: sqlite3.Connection) -> bool:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                cur = conn.execute(
                    "INSERT INTO questions(answer_key, asked_at, guild_id, channel_id, message_id, user_hash,"
                    " question, rewritten, abstained, confidence, latency_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (rec.answer_key, rec.asked_at, _id(rec.guild_id), _id(rec.channel_id), _id(rec.message_id),
                     self.user_hash(rec.user_id), rec.question, rec.rewritten, int(rec.abstained),
                     float(rec.confidence), float(rec.latency_ms)),
                )
                conn.executemany(
                    'INSERT INTO quotes(question_id, rank, doc_id, start, "end", speaker) VALUES (?,?,?,?,?,?)',
                    [(cur.lastrowid, i, q.doc_id, q.start, q.end, q.speaker) for i, q in enumerate(rec.quotes)],
                )
            self._records += 1
            if self._records % self.config.prune_every == 0:
                self._prune(conn)
            return True

        return bool(self._guard("record a question", write))

    def vote(self, answer_key: str, user_id: int, vote: str) -> str | None:
        """Store `user_id`'s vote on the answer, replacing an earlier one. Returns "new",
        "changed" or "same"; None when the answer is not in the log (or the log fails)."""
        if vote not in VOTES:
            raise ValueError(f"unknown vote {vote!r}")

        def write(conn: sqlite3.Connection) -> str | None:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute("SELECT id FROM questions WHERE answer_key=?", (answer_key,)).fetchone()
                if row is None:
                    return None
                who = self.user_hash(user_id)
                before = conn.execute("SELECT vote FROM feedback WHERE question_id=? AND user_hash=?",
                                      (row[0], who)).fetchone()
                conn.execute(
                    "INSERT INTO feedback(question_id, user_hash, vote, voted_at) VALUES (?,?,?,?) "
                    "ON CONFLICT(question_id, user_hash) DO UPDATE SET vote=excluded.vote, voted_at=excluded.voted_at",
                    (row[0], who, vote, self.clock()),
                )
            if before is None:
                return "new"
            return "same" if before[0] == vote else "changed"

        return self._guard("record a vote", write)

    def answer(self, answer_key: str) -> LoggedAnswer | None:
        def read(conn: sqlite3.Connection) -> LoggedAnswer | None:
            row = conn.execute("SELECT id, question, rewritten FROM questions WHERE answer_key=?",
                               (answer_key,)).fetchone()
            if row is None:
                return None
            quotes = conn.execute('SELECT doc_id, start, "end", speaker FROM quotes WHERE question_id=? ORDER BY rank',
                                  (row[0],)).fetchall()
            return LoggedAnswer(row[1], row[2], tuple(LoggedQuote(*q) for q in quotes))

        return self._guard("read an answer", read)

    def _prune(self, conn: sqlite3.Connection) -> int:
        cutoff = self.clock() - self.config.retention_days * DAY
        with conn:
            deleted = conn.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
        if deleted:
            log.info("question log: pruned %d questions older than %g days", deleted, self.config.retention_days)
        return deleted

    def prune(self) -> int:
        return self._guard("prune old questions", self._prune) or 0

    # Reading ------------------------------------------------------------------------------

    def read(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run a read-only query function (the report's) under the same guard as writes."""
        return self._guard(what, work)


def _id(value: int | None) -> str | None:
    # Snowflakes are stored as text: SQLite's integers are signed 64-bit, and ids are compared, not summed.
    return None if value is None else str(value)
