"""bot.runner: token validation, start-up order, clean shutdown on a signal, `sync`."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time

import discord
import pytest
import yarl

from bot import runner
from bot.settings import Settings
from tests.bot.fake_engine import FakeEngine
from tests.double import DiscordDouble


def test_missing_token_is_one_clear_line(capsys, tmp_path):
    code = runner.run_bot(Settings(_env_file=None, discord_token=None, corpus_dir=tmp_path))
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and ".env.example" in err and "Traceback" not in err


class _ThreadedDouble:
    """The double on its own loop in a thread, for code that calls asyncio.run itself."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.double: DiscordDouble | None = None
        started = threading.Event()

        def main() -> None:
            asyncio.set_event_loop(self.loop)
            self.double = DiscordDouble()
            self.loop.run_until_complete(self.double.start())
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=main, daemon=True)
        self.thread.start()
        assert started.wait(5)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.double.close(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="needs signals")
def test_run_loads_engine_first_then_stops_cleanly_on_sigint(monkeypatch, tmp_path, caplog, corpus):
    td = _ThreadedDouble()
    try:
        monkeypatch.setattr(discord.http.Route, "BASE", td.double.api_base)
        monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(td.double.gateway_url))
        import index.engine

        opened = []
        monkeypatch.setattr(index.engine.Engine, "open", classmethod(lambda cls, cfg: opened.append(cfg) or FakeEngine(corpus)))
        monkeypatch.setattr(logging, "basicConfig", lambda **kw: None)  # keep pytest's capture

        def interrupt_when_connected() -> None:
            deadline = time.monotonic() + 5
            while not td.double.ready.is_set() and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(0.2)
            os.kill(os.getpid(), signal.SIGINT)

        threading.Thread(target=interrupt_when_connected, daemon=True).start()
        settings = Settings(_env_file=None, discord_token="tok-SECRET", corpus_dir=corpus, index_dir=tmp_path / "i")
        with caplog.at_level(logging.INFO):
            code = runner.run_bot(settings)
        assert code == 0
        assert opened and opened[0].corpus_dir == corpus
        assert td.double.ready.is_set()  # the bot did connect, after the engine was opened
        assert "ready: 1 documents, 1 chunks, model fake-model" in caplog.text
        assert "SIGINT received" in caplog.text
        assert "tok-SECRET" not in caplog.text
    finally:
        td.stop()


@pytest.mark.parametrize("dev_guild", [False, True])
async def test_sync_commands(double, corpus, dev_guild, monkeypatch):
    monkeypatch.setattr(discord.http.Route, "BASE", double.api_base)
    settings = Settings(_env_file=None, discord_token="tok", corpus_dir=corpus,
                        dev_guild_id=int(double.guild_id) if dev_guild else None)
    assert await runner.sync_commands(settings) == 0
    scope = rf"/guilds/{double.guild_id}/commands$" if dev_guild else rf"^/applications/{double.app_id}/commands$"
    [put] = double.find("PUT", scope)
    assert {c["name"] for c in put.json} == {"ask", "search", "sources", "about", "reindex", "upload"}
    assert len(double.find("PUT", r"/commands$")) == 1
    assert double.unhandled == []
