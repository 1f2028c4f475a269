"""Feedback buttons end to end: private thanks, one changeable vote, More quotes, and a restart."""

from __future__ import annotations

import sqlite3

from bot.cogs.feedback import NOT_RECORDED, THANKS
from bot.cogs.feedback._more import NO_MORE
from bot.questionlog import log_path
from tests.bot.helpers import followup, logged, opt, text_of

QUESTION = "What did the OHCHR office say about civilians?"


def buttons(call) -> dict[str, str]:
    """label or emoji → custom_id of the buttons on a sent message."""
    out = {}
    for row in call.json.get("components") or []:
        for b in row["components"]:
            out[b.get("label") or b["emoji"]["name"]] = b["custom_id"]
    return out


def votes(path) -> list[tuple[str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT vote FROM feedback").fetchall()


async def press(double, custom_id: str, message: dict, user=None):
    it = await double.send_component(custom_id, message, user=user)
    return await double.wait_for(lambda c: it.token in c.path and c.path.endswith("/callback")), it


async def ask(double, bot) -> tuple:
    it = await double.send_interaction("ask", [opt("question", QUESTION)])
    answer = await followup(double, it)
    await logged(log_path(bot.settings.data_dir))
    return answer, buttons(answer)


async def test_every_answer_carries_the_four_buttons(double, engine, start_bot):
    bot = await start_bot(engine)
    _, found = await ask(double, bot)
    assert list(found) == ["👍", "👎", "Wrong speaker", "More quotes"]


async def test_an_abstention_carries_no_buttons(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "zebra quantum lasagna")])
    answer = await followup(double, it)
    assert not answer.json.get("components")


async def test_a_vote_is_thanked_privately_and_stored(double, engine, start_bot):
    bot = await start_bot(engine)
    answer, found = await ask(double, bot)
    reply, _ = await press(double, found["👍"], answer.response)
    assert reply.json["type"] == 4
    assert reply.json["data"]["content"] == THANKS and reply.json["data"]["flags"] == 64
    assert votes(log_path(bot.settings.data_dir)) == [("up",)]


async def test_a_second_vote_replaces_the_first(double, engine, start_bot):
    bot = await start_bot(engine)
    answer, found = await ask(double, bot)
    await press(double, found["👍"], answer.response)
    await press(double, found["Wrong speaker"], answer.response)
    assert votes(log_path(bot.settings.data_dir)) == [("wrong_speaker",)]


async def test_votes_of_two_members_are_both_kept(double, engine, start_bot):
    bot = await start_bot(engine)
    answer, found = await ask(double, bot)
    await press(double, found["👍"], answer.response)
    await press(double, found["👎"], answer.response, user=double.moderator)
    assert sorted(votes(log_path(bot.settings.data_dir))) == [("down",), ("up",)]


async def test_more_quotes_shows_the_next_quotes_privately(double, engine, start_bot):
    bot = await start_bot(engine)
    answer, found = await ask(double, bot)
    _, it = await press(double, found["More quotes"], answer.response)
    more = await followup(double, it)
    assert more.json["flags"] & 64
    assert "A spokesperson for the office added that investigations would follow." in text_of(more)
    assert "civilians must be protected" not in text_of(more)  # already shown


async def test_more_quotes_says_when_there_are_none(double, engine, start_bot):
    bot = await start_bot(engine)
    it = await double.send_interaction("ask", [opt("question", "convoys")])
    answer = await followup(double, it)
    await logged(log_path(bot.settings.data_dir))
    _, click = await press(double, buttons(answer)["More quotes"], answer.response)
    assert (await followup(double, click)).json["content"] == NO_MORE


async def test_buttons_work_after_a_restart(double, engine, start_bot):
    first_bot = await start_bot(engine)
    answer, found = await ask(double, first_bot)
    await first_bot.close()
    await start_bot(engine)  # a new process: same data dir, nothing in memory
    reply, _ = await press(double, found["👎"], answer.response)
    assert reply.json["data"]["content"] == THANKS
    assert votes(log_path(first_bot.settings.data_dir)) == [("down",)]
    _, it = await press(double, found["More quotes"], answer.response)
    assert "investigations would follow" in text_of(await followup(double, it))


async def test_without_the_log_only_more_quotes_is_offered(double, engine, start_bot):
    bot = await start_bot(engine, log_questions=False)
    it = await double.send_interaction("ask", [opt("question", QUESTION)])
    answer = await followup(double, it)
    assert list(buttons(answer)) == ["More quotes"]
    assert not log_path(bot.settings.data_dir).exists()


async def test_a_vote_on_an_answer_the_log_no_longer_has_says_so(double, engine, start_bot):
    bot = await start_bot(engine)
    answer, found = await ask(double, bot)
    with sqlite3.connect(log_path(bot.settings.data_dir)) as conn:
        conn.execute("DELETE FROM questions")
    reply, _ = await press(double, found["👍"], answer.response)
    assert reply.json["data"]["content"] == NOT_RECORDED


async def test_more_quotes_keeps_to_the_channels_collections(double, engine, start_bot):
    """A #un button never brings quotes from another collection: the channel's scope goes along."""
    bot = await start_bot(engine, channel_collections={int(double.channel_id): ["un"]})
    answer, found = await ask(double, bot)
    engine.filters_seen.clear()
    _, it = await press(double, found["More quotes"], answer.response)
    await followup(double, it)
    assert engine.filters_seen and engine.filters_seen[-1].collections == ("un",)
