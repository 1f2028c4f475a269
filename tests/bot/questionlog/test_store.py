"""bot.questionlog.store: records, votes, pruning, and failures that never reach the caller."""

from __future__ import annotations

import logging
import sqlite3
import threading

import pytest

from bot.questionlog import QuestionLog
from bot.questionlog.store import DAY, LogConfig
from tests.bot.questionlog.conftest import record


def _rows(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_a_record_is_stored_with_its_quotes_and_a_hashed_user(qlog):
    assert qlog.record(record("k1", user=123456789012345678))
    [(question, user_hash)] = _rows(qlog.path, "SELECT question, user_hash FROM questions")
    assert question == "What did OHCHR say?"
    assert "123456789012345678" not in user_hash
    assert _rows(qlog.path, 'SELECT doc_id, start, "end", speaker FROM quotes') == [("doc", 0, 10, "OHCHR")]


def test_the_file_is_in_wal_mode(qlog):
    qlog.record(record("k1"))
    assert _rows(qlog.path, "PRAGMA journal_mode") == [("wal",)]


def test_the_same_user_gets_the_same_hash_and_others_differ(qlog):
    qlog.record(record("k1"))
    assert qlog.user_hash(1) == qlog.user_hash(1) != qlog.user_hash(2)


def test_nothing_but_the_question_is_stored_as_text(qlog):
    qlog.record(record("k1", "a question"))
    tables = [r[0] for r in _rows(qlog.path, "SELECT name FROM sqlite_master WHERE type='table'")]
    assert sorted(tables) == ["feedback", "meta", "questions", "quotes"]


@pytest.mark.parametrize(
    ("votes", "outcomes", "stored"),
    [
        (["up"], ["new"], "up"),
        (["up", "down"], ["new", "changed"], "down"),
        (["down", "down"], ["new", "same"], "down"),
        (["up", "wrong_speaker"], ["new", "changed"], "wrong_speaker"),
    ],
)
def test_one_vote_per_user_per_answer_the_last_one_counts(qlog, votes, outcomes, stored):
    qlog.record(record("k1"))
    assert [qlog.vote("k1", 7, v) for v in votes] == outcomes
    assert _rows(qlog.path, "SELECT vote FROM feedback") == [(stored,)]


def test_votes_of_two_users_are_kept_apart(qlog):
    qlog.record(record("k1"))
    qlog.vote("k1", 7, "up")
    qlog.vote("k1", 8, "down")
    assert sorted(_rows(qlog.path, "SELECT vote FROM feedback")) == [("down",), ("up",)]


def test_a_vote_on_an_unknown_answer_is_none(qlog):
    assert qlog.vote("nope", 7, "up") is None


def test_an_answer_is_read_back_for_more_quotes(qlog):
    qlog.record(record("k1", "and torture?", rewritten="What did OHCHR say about torture?"))
    logged = qlog.answer("k1")
    assert logged.rewritten == "What did OHCHR say about torture?"
    assert [(q.doc_id, q.start, q.end) for q in logged.quotes] == [("doc", 0, 10)]


def test_records_older_than_the_retention_are_pruned(tmp_path, clock):
    path = tmp_path / "q.sqlite3"
    log = QuestionLog(path, LogConfig(retention_days=30), clock=clock)
    log.record(record("old", at=clock.now - 31 * DAY))
    log.record(record("new", at=clock.now - 29 * DAY))
    log.vote("old", 1, "down")
    assert log.prune() == 1
    assert _rows(path, "SELECT answer_key FROM questions") == [("new",)]
    assert _rows(path, "SELECT COUNT(*) FROM feedback") == [(0,)]  # the vote went with its question
    log.close()


def test_concurrent_writers_lose_nothing(qlog):
    def write(worker: int) -> None:
        for i in range(25):
            assert qlog.record(record(f"w{worker}-{i}"))
            qlog.vote(f"w{worker}-{i}", worker, "up")

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _rows(qlog.path, "SELECT COUNT(*) FROM questions") == [(100,)]
    assert _rows(qlog.path, "SELECT COUNT(*) FROM feedback") == [(100,)]


def test_a_second_process_writing_the_same_file_is_safe(qlog, tmp_path, clock):
    other = QuestionLog(qlog.path, clock=clock)
    assert qlog.record(record("a")) and other.record(record("b"))
    assert _rows(qlog.path, "SELECT COUNT(*) FROM questions") == [(2,)]
    other.close()


def test_a_deleted_file_is_replaced_with_one_warning(qlog, caplog):
    qlog.record(record("k1"))
    for suffix in ("", "-wal", "-shm"):
        qlog.path.with_name(qlog.path.name + suffix).unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING, logger="bot.questionlog.store"):
        assert qlog.record(record("k2"))
        assert qlog.record(record("k3"))
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert _rows(qlog.path, "SELECT answer_key FROM questions ORDER BY id") == [("k2",), ("k3",)]


def test_a_locked_file_fails_quietly_with_one_warning_and_recovers(tmp_path, caplog, clock):
    path = tmp_path / "q.sqlite3"
    qlog = QuestionLog(path, LogConfig(busy_timeout_s=0.05), clock=clock)
    qlog.record(record("k1"))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.WARNING, logger="bot.questionlog.store"):
        assert qlog.record(record("k2")) is False
        assert qlog.vote("k1", 1, "up") is None
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    blocker.execute("ROLLBACK")
    blocker.close()
    assert qlog.record(record("k3"))
    qlog.close()


def test_a_file_that_is_not_a_database_fails_quietly(tmp_path, caplog):
    path = tmp_path / "q.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    qlog = QuestionLog(path)
    with caplog.at_level(logging.WARNING):
        assert qlog.record(record("k1")) is False
    assert any("could not record a question" in r.getMessage() for r in caplog.records)


def test_an_unknown_vote_is_refused(qlog):
    with pytest.raises(ValueError):
        qlog.vote("k1", 1, "maybe")
