"""The question log's schema: numbered migrations, the version kept in `PRAGMA user_version`.

A new column or index is a new entry at the end of `MIGRATIONS`; an existing entry is never
edited, so a log written by any earlier release opens and is brought up to date.
"""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)

MIGRATIONS: tuple[str, ...] = (
    # 1: questions, the quotes given, one vote per user per answer.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        answer_key TEXT NOT NULL UNIQUE,
        asked_at REAL NOT NULL,
        guild_id TEXT,
        channel_id TEXT,
        message_id TEXT,
        user_hash TEXT NOT NULL,
        question TEXT NOT NULL,
        rewritten TEXT,
        abstained INTEGER NOT NULL,
        confidence REAL NOT NULL,
        latency_ms REAL NOT NULL
    );
    CREATE TABLE quotes (
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        doc_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        PRIMARY KEY (question_id, rank)
    );
    CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        user_hash TEXT NOT NULL,
        vote TEXT NOT NULL,
        voted_at REAL NOT NULL,
        PRIMARY KEY (question_id, user_hash)
    );
    """,
    # 2: reports and pruning read by time and by guild.
    """
    CREATE INDEX questions_asked_at ON questions(asked_at);
    CREATE INDEX questions_guild_asked_at ON questions(guild_id, asked_at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(sqlite3.DatabaseError):
    """The file was written by a newer Quotebot: not touched."""


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Apply the migrations the file lacks, each in its own transaction; returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerSchema(f"schema version {version} is newer than this release's {SCHEMA_VERSION}")
    for number in range(version + 1, upto + 1):
        # executescript commits first; BEGIN … COMMIT makes the migration and its version atomic.
        conn.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[number - 1]} PRAGMA user_version = {number}; COMMIT;")
        log.info("question log migrated to schema version %d", number)
    return max(version, upto)
