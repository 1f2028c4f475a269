"""bot.runner: token validation, start-up order, clean shutdown on a signal, `sync`."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
import time

import discord
import pytest
import yarl

from bot import runner
from bot.settings import Settings
from doubles.discord_api import DiscordDouble
from doubles.engine import FakeEngine
from tests.clirun import assert_clean_failure, cli_env, run_cli


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
    assert {c["name"] for c in put.json} == {"ask", "search", "sources", "about", "reindex", "upload", "verify",
                                             "Check quote", "report", "add", "said"}
    assert len(double.find("PUT", r"/commands$")) == 1
    assert double.unhandled == []


# --- `quotebot run` as a subprocess: what an operator reads in the journal ------------------------
# Only the network is redirected (to the local double, or to a closed port); logging, settings,
# engine and shutdown are the real ones. The fake embedder stands in for the model.
_PRELUDE = """
import sys, discord, yarl
import tests.cli_fake_model
discord.http.Route.BASE = sys.argv[1]
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])
from bot.cli import main
raise SystemExit(main(sys.argv[3:]))
"""
SECRET = "MTIzNDU2Nzg5.subprocess-TOKEN-value.xyz"


def _quotebot_run(api: str, gateway: str, tmp_path, corpus, **env: str) -> subprocess.Popen:
    settings = cli_env(DISCORD_TOKEN=SECRET, CORPUS_DIR=str(corpus), INDEX_DIR=str(tmp_path / "index"), **env)
    return subprocess.Popen([sys.executable, "-c", _PRELUDE, api, gateway, "run"], cwd=tmp_path,
                            env=settings, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_quotebot_run_logs_ready_connected_and_stopped(tmp_path, corpus):
    td = _ThreadedDouble()
    proc = _quotebot_run(td.double.api_base, td.double.gateway_url, tmp_path, corpus)
    try:
        lines: list[str] = []
        connected = threading.Event()

        def read() -> None:
            for line in proc.stderr:
                lines.append(line)
                if "connected as" in line:
                    connected.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        connected.wait(120)  # a bound, not a timing assertion: the lines are checked below
        proc.send_signal(signal.SIGINT)
        proc.wait(60)
        reader.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        td.stop()
    log_text = "".join(lines) + proc.stdout.read()
    assert proc.returncode == 0, log_text[-3000:]
    assert "bot.runner: ready: 1 documents" in log_text
    assert "bot.app: connected as" in log_text
    assert "bot.runner: stopped" in log_text
    assert SECRET not in log_text and "Traceback" not in log_text


def test_quotebot_run_without_network_is_one_clear_error_line(tmp_path, corpus):
    proc = _quotebot_run("http://127.0.0.1:9/api/v10", "ws://127.0.0.1:9", tmp_path, corpus)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err[-3000:]
    errors = [ln for ln in err.splitlines() if " ERROR " in ln]
    assert len(errors) == 1 and "cannot reach Discord" in errors[0], err[-3000:]
    assert "Traceback" not in out + err and SECRET not in out + err


@pytest.mark.parametrize("command", ["run", "sync"])
@pytest.mark.parametrize("bad", ["\n", "\r\n", " ", "\t", "\x07"])
def test_token_with_a_line_break_or_space_inside_is_one_line_and_never_printed(tmp_path, command, bad):
    first, second = "MTIzNDU2Nzg5.first-half", "second-half.xyz"
    env = cli_env(DISCORD_TOKEN=first + bad + second, CORPUS_DIR=str(tmp_path))
    proc = run_cli(command, cwd=tmp_path, env=env)
    line = assert_clean_failure(proc, 2, "DISCORD_TOKEN")
    assert first not in proc.stdout + line and second not in proc.stdout + line
