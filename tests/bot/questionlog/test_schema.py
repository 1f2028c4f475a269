"""bot.questionlog.schema: a file of any earlier version is migrated; a newer one is refused."""

from __future__ import annotations

import sqlite3

import pytest

from bot.questionlog import QuestionLog
from bot.questionlog.schema import SCHEMA_VERSION, NewerSchema, migrate
from tests.bot.questionlog.conftest import record


def test_a_new_file_gets_the_current_version(qlog):
    qlog.record(record("k1"))
    with sqlite3.connect(qlog.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_1_file_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "q.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, upto=1)
    conn.execute("INSERT INTO questions(answer_key, asked_at, user_hash, question, abstained, confidence, latency_ms)"
                 " VALUES ('old', 1e12, 'h', 'kept?', 0, 0.5, 10)")
    conn.close()
    qlog = QuestionLog(path)
    assert qlog.answer("old").question == "kept?"
    qlog.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "questions_asked_at" in indexes


def test_a_newer_file_is_not_touched(tmp_path):
    path = tmp_path / "q.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerSchema):
        migrate(sqlite3.connect(path))
