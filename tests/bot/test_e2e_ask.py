"""The real discord.py client against the local Discord double: sync, /ask, mentions, limits."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from doubles.engine import FakeEngine
from index.config import AnswerConfig
from index.question import EMPTY_QUESTION, too_long
from tests.bot.conftest import TOKEN
from tests.bot.helpers import followup, is_message_payload, message_body, opt, refusal, text_of

VERBATIM = "The OHCHR said that civilians must be protected at all times."


async def test_dev_guild_sync_payload(double, corpus, start_bot):
    # Discord is told the engine's own limit (there is no second one in the bot).
    engine = FakeEngine(corpus, answer=AnswerConfig(max_question_chars=321))
    await start_bot(engine, dev_guild_id=int(double.guild_id))
    [put] = double.find("PUT", rf"^/applications/{double.app_id}/guilds/{double.guild_id}/commands$")
    commands = {c["name"]: c for c in put.json}
    assert set(commands) == {"ask", "search", "sources", "about", "reindex", "upload", "verify", "Check quote",
                             "report", "add", "said"}
    # Context menus (type 3) have no description: Discord refuses one.
    assert all(c["description"] for c in commands.values() if c.get("type", 1) == 1)
    for c in commands.values():
        assert all(o["description"] for o in c.get("options", [])), c["name"]
    question = {o["name"]: o for o in commands["ask"]["options"]}["question"]
    assert question == {**question, "type": 3, "required": True, "max_length": 321, "min_length": 1}
    for name in ("ask", "search"):  # the filters: collection and outlet autocomplete from the index
        options = {o["name"]: o for o in commands[name]["options"]}
        assert options["collection"]["autocomplete"] and options["source"]["autocomplete"]
        assert options["after"]["type"] == 3 and not options["after"].get("autocomplete")
    assert str(commands["add"]["default_member_permissions"]) == str(1 << 5)
    upload_file = {o["name"]: o for o in commands["upload"]["options"]}["file"]
    assert upload_file["type"] == 11
    assert str(commands["reindex"]["default_member_permissions"]) == str(1 << 5)
    assert str(commands["report"]["default_member_permissions"]) == str(1 << 5)
    assert not double.find("PUT", r"^/applications/\d+/commands$")  # nothing global at start
    assert double.unhandled == []


async def test_no_sync_without_dev_guild(double, engine, start_bot):
    await start_bot(engine)
    assert not double.find("PUT", r"/commands$")


async def test_ask_defers_first_then_quotes_with_source(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say about civilians?")])
    answer = await followup(double, it)
    first = double.interaction_calls(it)[0]
    assert first.path.endswith("/callback") and first.json["type"] == 5
    assert first.query.get("with_response") in ("1", "true")
    shown = text_of(answer)
    assert VERBATIM in json.loads(shown)["embeds"][0]["description"]
    assert "[UN rights office alarmed by attacks](https://news.example/ohchr)" in shown
    assert answer.json["allowed_mentions"]["parse"] == []
    assert not (answer.json.get("flags", 0) & 64)
    assert double.unhandled == []


async def test_private_ask_is_ephemeral(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "OHCHR civilians"), opt("private", True, 5)])
    answer = await followup(double, it)
    assert double.interaction_calls(it)[0].json["data"]["flags"] == 64
    assert answer.json["flags"] & 64


async def test_abstention_says_so(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "zebra quantum lasagna")])
    answer = await followup(double, it)
    assert "I couldn't find that in the corpus." in answer.json["content"]


async def test_mention_gets_a_reply_without_the_mention(double, engine, start_bot):
    bot = await start_bot(engine)
    msg = await double.send_message(f"<@{bot.user.id}> what did OHCHR say?", mentions=[double.bot_user])
    reply = await double.wait_for(lambda c: c.method == "POST" and c.path == f"/channels/{double.channel_id}/messages")
    assert str(reply.json["message_reference"]["message_id"]) == msg["id"]
    assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert engine.questions == ["what did OHCHR say?"]
    assert VERBATIM in text_of(reply)
    assert double.unhandled == []


async def test_ignores_itself_and_other_bots(double, engine, start_bot):
    bot = await start_bot(engine)
    mention = f"<@{bot.user.id}>"
    await double.send_message(f"{mention} OHCHR from myself", author=double.bot_user)
    await double.send_message(f"{mention} OHCHR from a bot", author=double.other_bot)
    sentinel = await double.send_message(f"{mention} OHCHR from a human")
    await double.wait_for(lambda c: c.path.endswith("/messages") and c.json
                          and str(c.json.get("message_reference", {}).get("message_id")) == sentinel["id"])
    await asyncio.sleep(0.1)
    assert len(double.find("POST", r"^/channels/\d+/messages$")) == 1
    assert engine.questions == ["OHCHR from a human"]


async def test_plain_message_outside_listen_channels_is_ignored(double, engine, start_bot):
    await start_bot(engine)
    assert not double.identify["intents"] & (1 << 15)  # no privileged message-content intent
    await double.send_message("what did OHCHR say?")
    await asyncio.sleep(0.3)
    assert engine.questions == []


async def test_listen_channel_answers_without_mention(double, engine, start_bot):
    await start_bot(engine, listen_channel_ids=[int(double.other_channel_id)])
    assert double.identify["intents"] & (1 << 15)
    await double.send_message("what did OHCHR say?", channel_id=double.other_channel_id)
    reply = await double.wait_for(lambda c: c.path == f"/channels/{double.other_channel_id}/messages")
    assert VERBATIM in text_of(reply)


async def test_corpus_mentions_never_ping(double, engine, start_bot, corpus):
    (corpus / "mentions.txt").write_text(
        "Crowd report\nProtesters shouted @everyone and @here and <@&123> and <@456> at the zanzibar gate.",
        encoding="utf-8",
    )
    engine._load()
    bot = await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "zanzibar protesters gate")])
    await followup(double, it)
    await double.send_message(f"<@{bot.user.id}> zanzibar protesters gate")
    await double.wait_for(lambda c: c.path.endswith("/messages") and c.method == "POST")
    payloads = [c for c in double.calls if is_message_payload(c)]
    assert len(payloads) >= 2
    for call in payloads:
        body = message_body(call)
        assert body["allowed_mentions"]["parse"] == [], call.path
        shown = text_of(call)
        for raw in ("@everyone", "@here", "<@&123>", "<@456>"):
            assert raw not in shown
    assert "@\\u200beveryone" in json.dumps(payloads[-1].json) or "@\u200beveryone" in text_of(payloads[-1])


@pytest.mark.parametrize("where", ["webhook", "channel"])
async def test_rate_limited_request_is_retried(double, engine, start_bot, where):
    bot = await start_bot(engine)
    if where == "webhook":
        double.rate_limit_next("POST", r"^/webhooks/", retry_after=0.2)
        it = await double.send_interaction("ask", [opt("question", "OHCHR civilians")])
        path = rf"^/webhooks/{double.app_id}/{it.token}$"
    else:
        double.rate_limit_next("POST", r"^/channels/\d+/messages$", retry_after=0.2)
        await double.send_message(f"<@{bot.user.id}> OHCHR civilians")
        path = r"^/channels/\d+/messages$"
    await double.wait_for(lambda c: c.method == "POST" and c.status == 200 and re.search(path, c.path))
    statuses = [c.status for c in double.find("POST", path)]
    assert statuses == [429, 200]
    assert double.unhandled == []


async def test_slash_cooldown(double, engine, start_bot):
    await start_bot(engine, ask_cooldown_rate=1, ask_cooldown_seconds=60)
    first = await double.send_interaction("ask", [opt("question", "OHCHR")])
    await followup(double, first)
    second = await double.send_interaction("ask", [opt("question", "OHCHR again")])
    body = await refusal(double, second)
    assert body["flags"] == 64
    assert body["content"] in ("Slow down — try again in 60 s.", "Slow down — try again in 59 s.")
    assert engine.questions == ["OHCHR"]


async def test_mention_cooldown(double, engine, start_bot):
    bot = await start_bot(engine, ask_cooldown_rate=1, ask_cooldown_seconds=30)
    await double.send_message(f"<@{bot.user.id}> OHCHR one")
    await double.send_message(f"<@{bot.user.id}> OHCHR two")
    await double.wait_for(lambda c: c.json and "Slow down" in (c.json.get("content") or ""))
    assert engine.questions == ["OHCHR one"]


async def test_unexpected_error_is_generic_and_leaks_nothing(double, engine, start_bot, monkeypatch):
    def boom(question, k=None, filters=None):
        raise RuntimeError(f"internal detail {TOKEN}")

    monkeypatch.setattr(engine, "ask", boom)
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "OHCHR")])
    body = await refusal(double, it)
    assert "Something went wrong" in body["content"] and body["flags"] == 64
    assert all(TOKEN not in json.dumps(c.json) for c in double.calls)


async def test_bad_question_is_explained(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "   ")])
    body = await refusal(double, it)
    assert body["content"] == EMPTY_QUESTION and body["flags"] == 64


async def test_too_long_question_by_slash_is_told_the_engines_limit(double, corpus, start_bot):
    # A client that skips Discord's max_length check still gets the one message.
    engine = FakeEngine(corpus, answer=AnswerConfig(max_question_chars=20))
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "what did OHCHR say about civilians?")])
    body = await refusal(double, it)
    assert body["content"] == too_long(35, 20) and body["flags"] == 64
    assert engine.questions == []


async def test_too_long_question_by_mention_gets_the_same_message(double, corpus, start_bot):
    engine = FakeEngine(corpus, answer=AnswerConfig(max_question_chars=20))
    bot = await start_bot(engine)
    await double.send_message(f"<@{bot.user.id}> what did OHCHR say about civilians?")
    reply = await double.wait_for(lambda c: c.path.endswith("/messages") and c.method == "POST")
    assert reply.json["content"] == too_long(35, 20)
    assert engine.questions == []
