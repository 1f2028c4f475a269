"""/verify and the "Check quote" message menu through the Discord double, with the real client."""

from __future__ import annotations

import json

import pytest

from bot.cogs.verify import CHECK_QUOTE, NO_TEXT
from bot.render_verify import NOT_FOUND_LINE, NOT_VERBATIM_TITLE, VERBATIM_TITLE
from index.verify import too_short
from tests.bot.helpers import followup, opt, refusal

VERBATIM = "civilians must be protected at all times"


def embed_of(call) -> dict:
    return call.json["embeds"][0]


async def test_sync_registers_verify_and_the_message_menu(double, engine, start_bot):
    await start_bot(engine, dev_guild_id=int(double.guild_id))
    [put] = double.find("PUT", rf"^/applications/{double.app_id}/guilds/{double.guild_id}/commands$")
    commands = {c["name"]: c for c in put.json}
    [text] = [o for o in commands["verify"]["options"] if o["name"] == "text"]
    assert text["max_length"] == engine.config.verify.max_claim_chars and text["required"]
    assert commands[CHECK_QUOTE]["type"] == 3  # a message context menu
    assert commands["verify"]["default_member_permissions"] is None  # open to every member


async def test_verbatim_quote_defers_then_shows_the_quote_and_source(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("verify", [opt("text", '"Civilians must be protected at all times."')])
    answer = await followup(double, it)
    assert double.interaction_calls(it)[0].json["type"] == 5  # deferred first
    embed = embed_of(answer)
    assert embed["title"] == VERBATIM_TITLE
    assert f"> {VERBATIM}" in embed["description"]  # the stored words, as stored
    assert "[UN rights office alarmed by attacks](https://news.example/ohchr)" in json.dumps(embed)
    assert "2024-05-01" in embed["description"]
    assert answer.json["allowed_mentions"]["parse"] == [] and not answer.json.get("flags", 0) & 64


async def test_a_changed_word_shows_the_claim_struck_and_the_real_wording(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("verify", [opt("text", "civilians must be protected at most times")])
    embed = embed_of(await followup(double, it))
    assert embed["title"] == NOT_VERBATIM_TITLE
    assert "civilians must be protected at ~~most~~ times" in embed["description"]
    assert f"> {VERBATIM}" in embed["description"]
    [diff] = [f for f in embed["fields"] if f["name"].startswith("Differences")]
    assert diff["value"] == "~~most~~ → **all**"


async def test_nothing_close_is_not_found(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("verify", [opt("text", "zebra quantum lasagna recipes tonight")])
    answer = await followup(double, it)
    assert answer.json["content"] == NOT_FOUND_LINE and not answer.json.get("embeds")


async def test_private_verify_is_ephemeral(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("verify", [opt("text", VERBATIM), opt("private", True, 5)])
    answer = await followup(double, it)
    assert double.interaction_calls(it)[0].json["data"]["flags"] == 64 and answer.json["flags"] & 64


async def test_a_claim_that_pings_pings_nobody(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("verify", [opt("text", "@everyone civilians must be protected at most times")])
    answer = await followup(double, it)
    assert "@everyone" not in json.dumps(answer.json, ensure_ascii=False)
    assert answer.json["allowed_mentions"]["parse"] == []


async def test_too_short_a_claim_is_one_private_line(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("verify", [opt("text", "civilians protected")])
    body = await refusal(double, it)
    assert body["content"] == too_short(engine.config.verify.min_claim_words) and body["flags"] == 64
    assert engine.questions == []


async def test_check_quote_on_a_message_checks_its_quoted_words_privately(double, engine, start_bot):
    await start_bot(engine)
    msg = await double.send_message("Did they really say “civilians must be protected at all times”? wow")
    it = await double.send_context_menu(CHECK_QUOTE, msg)
    answer = await followup(double, it)
    assert double.interaction_calls(it)[0].json == {"type": 5, "data": {"flags": 64}}
    assert answer.json["flags"] & 64
    assert embed_of(answer)["title"] == VERBATIM_TITLE
    assert engine.questions == [VERBATIM]
    assert double.unhandled == []


@pytest.mark.parametrize("content, expected", [
    ("", NO_TEXT),
    ("ok", too_short(3)),
])
async def test_check_quote_on_a_message_without_a_claim_says_so(double, engine, start_bot, content, expected):
    await start_bot(engine)
    msg = await double.send_message(content)
    body = await refusal(double, await double.send_context_menu(CHECK_QUOTE, msg))
    assert body["content"] == expected and body["flags"] == 64
    assert engine.questions == []


async def test_verify_shares_the_question_cooldown(double, engine, start_bot):
    await start_bot(engine, ask_cooldown_rate=1, ask_cooldown_seconds=60)
    await followup(double, await double.send_interaction("verify", [opt("text", VERBATIM)]))
    body = await refusal(double, await double.send_interaction("verify", [opt("text", VERBATIM)]))
    assert body["content"].startswith("Slow down") and body["flags"] == 64
