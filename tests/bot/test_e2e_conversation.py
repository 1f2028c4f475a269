"""Follow-ups end to end: by reply, in the bot's thread, after expiry, and THREAD_ANSWERS."""

from __future__ import annotations

import logging
import time

from tests.bot.helpers import followup, opt

FOLLOWUP = "and about civilians?"
UNDERSTOOD = "What did OHCHR say about civilians?"


def _replies_in(double, channel_id: str):
    return lambda c: c.method == "POST" and c.path == f"/channels/{channel_id}/messages" and c.status == 200


async def _ask_by_mention(double, bot, text: str, **kwargs) -> dict:
    """Send a mention (optionally a reply) and return the bot's reply message object."""
    before = len(double.calls)
    channel = kwargs.get("channel_id") or double.channel_id
    msg = await double.send_message(f"<@{bot.user.id}> {text}", mentions=[double.bot_user], **kwargs)
    call = await double.wait_for(
        lambda c: double.calls.index(c) >= before and _replies_in(double, channel)(c)
        and str((c.json.get("message_reference") or {}).get("message_id")) == msg["id"]
    )
    return call


async def test_a_reply_to_an_answer_is_read_as_a_followup(double, engine, start_bot):
    bot = await start_bot(engine)
    first = await _ask_by_mention(double, bot, "what did OHCHR say?")
    second = await _ask_by_mention(double, bot, FOLLOWUP, reply_to=first.response)
    assert engine.questions == ["what did OHCHR say?", UNDERSTOOD]
    assert second.json["content"].startswith(f"→ {UNDERSTOOD}")


async def test_a_reply_to_the_followup_continues_the_chain(double, engine, start_bot):
    bot = await start_bot(engine)
    first = await _ask_by_mention(double, bot, "what did OHCHR say?")
    second = await _ask_by_mention(double, bot, FOLLOWUP, reply_to=first.response)
    await _ask_by_mention(double, bot, "and about investigations?", reply_to=second.response)
    assert engine.questions[-1] == "What did OHCHR say about investigations?"


async def test_a_new_question_is_not_a_followup(double, engine, start_bot):
    bot = await start_bot(engine)
    await _ask_by_mention(double, bot, "what did OHCHR say?")
    reply = await _ask_by_mention(double, bot, FOLLOWUP)  # not a reply: nothing to refer to
    assert engine.questions[-1] == FOLLOWUP
    assert not (reply.json.get("content") or "").startswith("→")


async def test_an_expired_followup_is_asked_as_it_is(double, engine, start_bot):
    bot = await start_bot(engine, followup_minutes=5)
    first = await _ask_by_mention(double, bot, "what did OHCHR say?")
    memory = bot.get_cog("ConversationCog").memory
    memory.clock = lambda: time.monotonic() + 5 * 60 + 1  # five minutes and a second of silence
    reply = await _ask_by_mention(double, bot, FOLLOWUP, reply_to=first.response)
    assert engine.questions[-1] == FOLLOWUP
    assert not (reply.json.get("content") or "").startswith("→")


async def test_a_followup_in_another_channel_shares_nothing(double, engine, start_bot):
    bot = await start_bot(engine)
    first = await _ask_by_mention(double, bot, "what did OHCHR say?")
    # The same message id, referenced from another channel, is another conversation.
    moved = {**first.response, "channel_id": double.other_channel_id}
    await _ask_by_mention(double, bot, FOLLOWUP, reply_to=moved, channel_id=double.other_channel_id)
    assert engine.questions[-1] == FOLLOWUP


async def test_thread_answers_open_a_thread_named_from_the_question(double, engine, start_bot):
    await start_bot(engine, thread_answers=True)
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say?")])
    answer = await followup(double, it)
    thread = await double.wait_for(lambda c: c.method == "POST" and c.path.endswith("/threads"))
    assert thread.path == f"/channels/{double.channel_id}/messages/{answer.response['id']}/threads"
    assert thread.json["name"] == "What did OHCHR say?"


async def test_a_followup_in_the_thread_is_answered_there(double, engine, start_bot):
    bot = await start_bot(engine, thread_answers=True)
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say?")])
    await followup(double, it)
    thread = await double.wait_for(lambda c: c.method == "POST" and c.path.endswith("/threads"))
    thread_id = thread.response["id"]
    reply = await _ask_by_mention(double, bot, FOLLOWUP, channel_id=thread_id)
    assert engine.questions[-1] == UNDERSTOOD
    assert reply.json["content"].startswith(f"→ {UNDERSTOOD}")
    assert len(double.find("POST", r"/threads$")) == 1  # no thread inside the thread


async def test_a_thread_under_a_listen_channel_needs_no_mention(double, engine, start_bot):
    await start_bot(engine, thread_answers=True, listen_channel_ids=[int(double.channel_id)])
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say?")])
    await followup(double, it)
    thread = await double.wait_for(lambda c: c.method == "POST" and c.path.endswith("/threads"))
    await double.send_message(FOLLOWUP, channel_id=thread.response["id"])
    await double.wait_for(_replies_in(double, thread.response["id"]))
    assert engine.questions[-1] == UNDERSTOOD


async def test_without_thread_permission_a_plain_reply_and_one_warning(double, engine, start_bot, caplog):
    double.forbid_threads()
    bot = await start_bot(engine, thread_answers=True)
    with caplog.at_level(logging.WARNING, logger="bot.cogs.conversation._threads"):
        first = await _ask_by_mention(double, bot, "what did OHCHR say?")
        second = await _ask_by_mention(double, bot, "what did the office add?")
        await double.wait_for(lambda c: len(double.find("POST", r"/threads$")) == 2)
    warnings = [r for r in caplog.records if r.name == "bot.cogs.conversation._threads"]
    assert len(warnings) == 1 and "Create Public Threads" in warnings[0].getMessage()
    # Both were answered, and a reply to the plain answer still follows up.
    assert first.status == second.status == 200
    await _ask_by_mention(double, bot, FOLLOWUP, reply_to=first.response)
    assert engine.questions[-1] == UNDERSTOOD


async def test_a_private_ask_starts_no_conversation_and_no_thread(double, engine, start_bot):
    await start_bot(engine, thread_answers=True)
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say?"), opt("private", True, 5)])
    await followup(double, it)
    assert not double.find("POST", r"/threads$")
