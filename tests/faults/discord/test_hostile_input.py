"""Hostile or careless input through the double, against the real engine (fake embedder):
every question gets an answer or a clear message; nothing crashes, pings or leaks."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from doubles.discord_api import payloads as p
from index.config import ChunkingConfig, EngineConfig
from index.engine import Engine
from tests.bot.conftest import OHCHR_DOC, TOKEN
from tests.bot.helpers import is_message_payload, message_body, opt, text_of
from tests.fakes import FakeEmbedder
from tests.faults.discord.checks import check_all, check_payload

HOSTILE_DOC = (
    "Harbour protest report\n\n"
    "Protesters at the zanzibar harbour shouted @everyone and @here, and one sign read <@&1234567890> "
    "and <@987654321>. A leaflet said [click here](https://evil.example/phish) for ||secret plans||.\n"
    "[1]\n"
    "The harbour master said the zanzibar gate would stay closed until **further notice** `now`."
)

QUESTIONS = {
    "empty": "",
    "whitespace": " \t\n ",
    "6000 chars": "what did OHCHR say " * 316,
    "only emoji": "🙂🔥🙂🔥👍🏽",
    "zero-width and RTL override": "what\u200b did\u200d OHCHR\u202e say\u2066 about civilians",
    "mentions and everyone": "<@123456789> <@&1234567890> @everyone @here what did OHCHR say?",
    "markdown and fences": "**what** did ~~OHCHR~~ say? ```py\nprint('x')\n``` > quote || spoiler ||",
    "control characters": "what\x00 did\x07 OHCHR\x1b[31m say\x7f?",
    "sql": "'; DROP TABLE x; --",
    "regex": ".*(a+)+$",
    "hostile corpus question": "what did protesters shout at the zanzibar harbour gate?",
}


@pytest.fixture
def real_engine(tmp_path: Path) -> Engine:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ohchr.txt").write_text(OHCHR_DOC, encoding="utf-8")
    (corpus / "harbour.txt").write_text(HOSTILE_DOC, encoding="utf-8")
    cfg = EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index", chunking=ChunkingConfig(max_chars=400, min_chars=80))
    return Engine.open(cfg, embedder=FakeEmbedder())


async def _reply_to(double, predicate, timeout: float = 10):
    return await double.wait_for(lambda c: predicate(c) and is_message_payload(c), timeout)


@pytest.mark.parametrize("name", list(QUESTIONS))
async def test_hostile_question_through_ask(double, real_engine, start_bot, caplog, name):
    await start_bot(real_engine, ask_cooldown_seconds=0)
    it = await double.send_interaction("ask", [opt("question", QUESTIONS[name])])
    reply = await _reply_to(double, lambda c: it.token in c.path)
    shown = text_of(reply)
    assert json.loads(shown)["content"] or json.loads(shown)["embeds"], shown
    assert "Something went wrong" not in shown  # a clear message, not the generic error
    check_all(double, TOKEN)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("name", list(QUESTIONS))
async def test_hostile_question_through_mention(double, real_engine, start_bot, caplog, name):
    bot = await start_bot(real_engine, ask_cooldown_seconds=0)
    msg = await double.send_message(f"<@{bot.user.id}> {QUESTIONS[name]}")
    reply = await _reply_to(double, lambda c: c.path.endswith("/messages") and str(
        (c.json or {}).get("message_reference", {}).get("message_id")) == msg["id"])
    assert "Something went wrong" not in text_of(reply)
    check_all(double, TOKEN)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("command", ["ask", "search"])
async def test_hostile_corpus_text_renders_as_plain_quoted_text(double, real_engine, start_bot, command):
    await start_bot(real_engine)
    query = "what did the leaflet and protesters at the zanzibar harbour say about secret plans?"
    it = await double.send_interaction(command, [opt("question" if command == "ask" else "query", query)])
    reply = await _reply_to(double, lambda c: it.token in c.path and "/webhooks/" in c.path)
    check_payload(reply)  # no raw @everyone, <@&…>, <@…>; allowed_mentions parse []
    body = message_body(reply)
    shown = (body.get("content") or "") + "".join(e.get("description", "") for e in body.get("embeds") or [])
    assert "**further notice**" not in shown  # markdown escaped, words kept
    assert "](https://evil.example" not in shown and "||secret" not in shown
    if command == "search":
        assert "zanzibar" in shown and "@\u200beveryone" in shown, shown  # the whole passage is shown: link, spoiler and the "[1]" line
        assert "[click here](https://evil.example" not in shown and "click here" in shown
        assert "||secret plans||" not in shown and "\\|\\|secret plans\\|\\|" in shown
        assert "\n> [1]\n" in shown  # a quoted line, not one of the bot's own citation lines


@pytest.mark.parametrize(
    ("case", "kwargs"),
    [
        ("dm", {"dm": True, "permissions": p.MODERATOR_PERMISSIONS}),
        ("unknown guild", {"guild_id": p.snowflake(), "permissions": p.MODERATOR_PERMISSIONS}),
    ],
)
@pytest.mark.parametrize("command", ["reindex", "upload"])
async def test_moderator_commands_outside_the_server_are_refused(double, engine, start_bot, case, kwargs, command):
    await start_bot(engine)
    options = []
    if command == "upload":
        a = double.add_attachment("x.txt", b"Hello\n\nworld")
        options = [opt("file", a["id"], 11)]
        kwargs = {**kwargs, "attachments": [a]}
    it = await double.send_interaction(command, options, user=double.moderator, **kwargs)
    body = message_body(await _reply_to(double, lambda c: it.token in c.path))
    assert body["flags"] == 64
    assert body["content"] in ("Moderator commands only work in a server.",
                               "Moderator commands are not enabled in this server.",
                               "This command cannot be used in private messages.")
    assert engine.reindex_calls == []
    assert not (engine.config.corpus_dir / "x.txt").exists()


async def test_moderator_guild_setting_refuses_other_servers(double, engine, start_bot):
    await start_bot(engine, moderator_guild_ids=[int(p.snowflake())])
    it = await double.send_interaction("reindex", user=double.moderator, permissions=p.MODERATOR_PERMISSIONS)
    body = message_body(await _reply_to(double, lambda c: it.token in c.path))
    assert body["content"] == "Moderator commands are not enabled in this server."
    assert engine.reindex_calls == []


async def test_roles_from_earlier_events_grant_nothing(double, engine, start_bot):
    bot = await start_bot(engine)
    alice = double.member
    # An earlier event claims alice holds the moderator role (stale or forged)...
    await double.dispatch("GUILD_MEMBER_UPDATE", {
        "guild_id": double.guild_id, "user": alice, "roles": [double.mod_role_id], "joined_at": p.now_iso(),
        "nick": None, "deaf": False, "mute": False, "flags": 0, "pending": False,
    })
    await double.send_message("hello", author=alice)
    # ...and the interaction's own member payload has no such role: refused.
    it = await double.send_interaction("reindex", user=alice, member_roles=[])
    body = message_body(await _reply_to(double, lambda c: it.token in c.path))
    assert body["content"].startswith("Only moderators")
    # The role holder is allowed once, then refused after the role is removed.
    mod = double.role_moderator
    ok = await double.send_interaction("reindex", user=mod, member_roles=[double.mod_role_id])
    await double.wait_for(lambda c: ok.token in c.path and "Reindex" in json.dumps(c.json or {}))
    for _ in range(100):
        if engine.reindex_status() is None and engine.reindex_calls:
            break
        await __import__("asyncio").sleep(0.02)
    gone = await double.send_interaction("reindex", user=mod, member_roles=[])
    body = message_body(await _reply_to(double, lambda c: gone.token in c.path))
    assert body["content"].startswith("Only moderators")
    assert len(engine.reindex_calls) == 1
    assert bot.get_guild(int(double.guild_id)) is not None


# --- secrets ------------------------------------------------------------------------------------


async def test_token_never_in_logs_payloads_or_about(double, engine, start_bot, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)

    def boom(question, k=None, filters=None):
        raise RuntimeError(f"unexpected failure while holding {TOKEN}")

    await start_bot(engine)
    about = await double.send_interaction("about")
    await _reply_to(double, lambda c: about.token in c.path and c.method == "POST" and "/webhooks/" in c.path)
    monkeypatch.setattr(engine, "ask", boom)
    it = await double.send_interaction("ask", [opt("question", "OHCHR")])
    await _reply_to(double, lambda c: it.token in c.path)
    bot_msg = await double.send_message(f"<@{double.app_id}> OHCHR")
    await _reply_to(double, lambda c: str((c.json or {}).get("message_reference", {}).get("message_id")) == bot_msg["id"])
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)  # the error was logged
    assert TOKEN not in caplog.text
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    assert "[redacted]" in caplog.text
    check_all(double, TOKEN)


def test_token_never_in_quotebot_run_crash_output(tmp_path):
    secret = "MTIzNDU2Nzg5.recognisable-TOKEN-value.xyz"
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Title\n\nSome text.")
    not_a_folder = tmp_path / "index-is-a-file"
    not_a_folder.write_text("x")
    env = {**os.environ, "DISCORD_TOKEN": secret, "CORPUS_DIR": str(tmp_path / "corpus"),
           "INDEX_DIR": str(not_a_folder), "LOG_LEVEL": "DEBUG"}
    quotebot = Path(sys.executable).with_name("quotebot")
    proc = subprocess.run([str(quotebot), "run"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    output = proc.stdout + proc.stderr
    # An INDEX_DIR that is a file used to crash with a traceback; now it is one line, exit 2.
    assert proc.returncode == 2 and "Traceback" not in output, output[-2000:]
    assert "is a file" in proc.stderr
    assert secret not in output
