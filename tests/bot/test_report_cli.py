"""`quotebot report [--days N] [--json]` as a subprocess, over a log written in the test."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.questionlog import QuestionLog, log_path
from tests.bot.questionlog.conftest import record
from tests.clirun import assert_clean_failure, run_cli


@pytest.fixture
def home(tmp_path: Path) -> Path:
    now = time.time()
    qlog = QuestionLog(log_path(tmp_path / "data"))
    qlog.record(record("a", "What did OHCHR say?", at=now, guild=1))
    qlog.record(record("b", "zebra lasagna", at=now, guild=2, abstained=True))
    qlog.record(record("c", "long ago", at=now - 10 * 86400))
    qlog.vote("a", 5, "down")
    qlog.close()
    return tmp_path


def test_report_prints_every_guild(home):
    proc = run_cli("report", cwd=home)
    assert proc.returncode == 0, proc.stderr
    assert "Questions in the last 7 days: 2" in proc.stdout
    assert "- zebra lasagna (×1)" in proc.stdout
    assert "- What did OHCHR say? (1) — https://discord.com/channels/1/2/3" in proc.stdout


def test_report_json_with_days(home):
    proc = run_cli("report", "--days", "30", "--json", cwd=home)
    data = json.loads(proc.stdout)
    assert (data["questions"], data["abstained"], data["downvotes"]) == (3, 1, 1)
    assert data["unanswered"] == [{"question": "zebra lasagna", "times": 1}]


def test_no_log_yet_is_one_line_and_creates_nothing(tmp_path):
    proc = run_cli("report", cwd=tmp_path)
    assert_clean_failure(proc, 1, "no question log")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("days", ["0", "-3", "soon"])
def test_bad_days_are_refused(home, days):
    proc = run_cli("report", "--days", days, cwd=home)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
