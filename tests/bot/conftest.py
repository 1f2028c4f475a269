"""Fixtures: the Discord double, a small corpus, and the real bot connected to the double."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import discord
import pytest
import yarl

from bot.app import QuotebotBot
from bot.questionlog import from_settings
from bot.settings import Settings
from doubles.discord_api import DiscordDouble
from doubles.engine import FakeEngine

TOKEN = "test-token-SECRET"

OHCHR_DOC = (
    "UN rights office alarmed by attacks\n"
    "The OHCHR said that civilians must be protected at all times. "
    "Aid convoys were blocked on Tuesday near the border.\n\n"
    "A spokesperson for the office added that investigations would follow."
)


@pytest.fixture
async def double(monkeypatch):
    d = DiscordDouble()
    await d.start()
    # Both are read on every request / connect: patched for the bot's whole life.
    monkeypatch.setattr(discord.http.Route, "BASE", d.api_base)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(d.gateway_url))
    yield d
    await d.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ohchr.txt").write_text(OHCHR_DOC, encoding="utf-8")
    return folder


@pytest.fixture
def engine(corpus: Path) -> FakeEngine:
    return FakeEngine(corpus)


@pytest.fixture
async def start_bot(double: DiscordDouble, tmp_path: Path):
    started: list[tuple[QuotebotBot, asyncio.Task]] = []

    async def _start(engine, **overrides) -> QuotebotBot:
        values = {
            "discord_token": TOKEN,
            "corpus_dir": engine.config.corpus_dir,
            "index_dir": tmp_path / "index",
            "moderator_role_ids": [int(double.mod_role_id)],
            # One data dir per test: a bot started again in the same test finds the same log.
            "data_dir": tmp_path / "data",
            **overrides,
        }
        settings = Settings(_env_file=None, **values)
        bot = QuotebotBot(settings, engine, guild_ready_timeout=0.05, question_log=from_settings(settings))
        await bot.login(TOKEN)
        task = asyncio.create_task(bot.connect(reconnect=False))
        started.append((bot, task))
        await asyncio.wait_for(bot.wait_until_ready(), 5)
        bot.get_cog("ModerationCog").progress_interval = 0.0
        return bot

    yield _start
    for bot, task in started:
        await bot.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
