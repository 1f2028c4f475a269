"""/report and the question log while the bot runs: a scripted session, permissions, and a
log file deleted or locked under the running bot (it keeps answering, with one warning)."""

from __future__ import annotations

import logging
import sqlite3

from bot.cogs.moderation import NotModerator
from bot.cogs.report import LOG_OFF
from bot.questionlog import log_path
from bot.questionlog.store import LogConfig
from doubles.discord_api.payloads import MODERATOR_PERMISSIONS
from tests.bot.helpers import followup, logged, opt, refusal
from tests.bot.test_e2e_feedback import buttons, press

INTEGER = 4


async def _ask(double, question: str):
    it = await double.send_interaction("ask", [opt("question", question)])
    return await followup(double, it)


async def _report(double, days: int | None = None) -> str:
    options = [opt("days", days, INTEGER)] if days else []
    it = await double.send_interaction("report", options, user=double.moderator, permissions=MODERATOR_PERMISSIONS)
    parts = []
    first = await followup(double, it)
    parts.append(first.json["content"])
    assert first.json["flags"] & 64
    return "\n".join(parts)


async def test_report_after_a_scripted_session(double, engine, start_bot):
    bot = await start_bot(engine)
    path = log_path(bot.settings.data_dir)
    good = await _ask(double, "What did OHCHR say about civilians?")
    wrong = await _ask(double, "What did the office add?")
    await _ask(double, "zebra quantum lasagna")
    await logged(path, 3)
    await press(double, buttons(good)["👎"], good.response)
    await press(double, buttons(wrong)["Wrong speaker"], wrong.response)
    text = await _report(double, 7)
    assert "Questions in the last 7 days: 3" in text
    assert "Answered 2 (67%) · abstained 1 (33%)" in text
    assert "- zebra quantum lasagna (×1)" in text
    link = f"https://discord.com/channels/{double.guild_id}/{double.channel_id}/{good.response['id']}"
    assert f"- What did OHCHR say about civilians? (1) — {link}" in text
    assert f"- What did the office add? (1) — https://discord.com/channels/{double.guild_id}/" in text


async def test_a_member_without_permission_is_refused(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("report", [])
    body = await refusal(double, it)
    assert body["content"] == str(NotModerator()) and body["flags"] == 64


async def test_report_says_when_the_log_is_off(double, engine, start_bot):
    await start_bot(engine, log_questions=False)
    assert await _report(double) == LOG_OFF


async def test_the_log_file_deleted_while_running(double, engine, start_bot, caplog):
    bot = await start_bot(engine, ask_cooldown_seconds=0)
    path = log_path(bot.settings.data_dir)
    await _ask(double, "What did OHCHR say?")
    await logged(path)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING, logger="bot.questionlog.store"):
        answers = [await _ask(double, q) for q in ("What did OHCHR say again?", "What did the office add?")]
        await logged(path, 2)  # a new file, holding the questions asked since
    assert all(a.status == 200 and a.json["embeds"] for a in answers)
    warnings = [r for r in caplog.records if r.name == "bot.questionlog.store" and r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "deleted" in warnings[0].getMessage()


async def test_the_log_file_locked_while_running(double, engine, start_bot, caplog):
    bot = await start_bot(engine, ask_cooldown_seconds=0)
    bot.question_log.config = LogConfig(busy_timeout_s=0.05)  # before its first open
    path = log_path(bot.settings.data_dir)
    await _ask(double, "What did OHCHR say?")
    await logged(path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.WARNING, logger="bot.questionlog.store"):
            answers = [await _ask(double, q) for q in ("What did OHCHR say again?", "What did the office add?")]
            await double.wait_for(lambda c: bool(_warned(caplog)))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert all(a.status == 200 and a.json["embeds"] for a in answers)
    assert len(_warned(caplog)) == 1 and "could not record a question" in _warned(caplog)[0].getMessage()
    await _ask(double, "What did OHCHR say once more?")
    await logged(path, 2)  # works again once the lock is gone


def _warned(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.questionlog.store" and r.levelno == logging.WARNING]
