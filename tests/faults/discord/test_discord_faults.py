"""Discord-side faults against the double: gateway drops, global 429s, expired interactions,
missing permissions, a full disk reported to a moderator."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from doubles.discord_api import payloads as p
from index.store import IndexWriteFailed
from tests.bot.conftest import TOKEN
from tests.bot.helpers import followup, opt, text_of
from tests.faults.discord.checks import check_all

VERBATIM = "The OHCHR said that civilians must be protected at all times."


def gate_answers(engine, monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Hold every engine.ask until `release` is set; `entered` tells that one started."""
    release, entered = threading.Event(), threading.Event()
    real = engine.ask

    def slow(question, k=None, filters=None):
        entered.set()
        assert release.wait(10), "test never released the answer"
        return real(question, k, filters)

    monkeypatch.setattr(engine, "ask", slow)
    return release, entered


async def wait_thread_event(event: threading.Event, timeout: float = 5) -> None:
    assert await asyncio.to_thread(event.wait, timeout)


@pytest.mark.parametrize("code", [4000, 1000, 1001])
async def test_gateway_drop_while_answering_resumes_and_answer_arrives(double, engine, start_bot, monkeypatch, code):
    bot = await start_bot(engine)
    release, entered = gate_answers(engine, monkeypatch)
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say about civilians?")])
    await wait_thread_event(entered)
    await double.drop_gateway(code)
    for _ in range(250):
        if double.resumes and double._ws:
            break
        await asyncio.sleep(0.02)
    assert double.resumes, "the client never sent RESUME"
    assert double.resumes[0]["session_id"] == "double-session" and double.resumes[0]["seq"] >= 2
    release.set()
    answer = await followup(double, it)
    assert VERBATIM in text_of(answer)
    assert double.identifies == 1  # resumed, not re-identified
    # The resumed session still receives and answers new questions.
    again = await double.send_interaction("ask", [opt("question", "OHCHR civilians protected")])
    assert VERBATIM in text_of(await followup(double, again))
    assert not bot.is_closed()
    check_all(double, TOKEN)


async def test_global_rate_limit_on_followup_is_waited_out(double, engine, start_bot):
    await start_bot(engine)
    double.rate_limit_next("POST", r"^/webhooks/", retry_after=0.3, global_=True)
    it = await double.send_interaction("ask", [opt("question", "OHCHR civilians")])
    answer = await followup(double, it)
    assert [c.status for c in double.find("POST", rf"^/webhooks/\d+/{it.token}$")] == [429, 200]
    assert VERBATIM in text_of(answer)


@pytest.mark.parametrize("private", [False, True])
async def test_expired_interaction_answer_goes_to_the_channel_or_a_dm(
    double, engine, start_bot, monkeypatch, caplog, private
):
    await start_bot(engine)
    release, entered = gate_answers(engine, monkeypatch)
    options = [opt("question", "What did OHCHR say?"), opt("private", private, 5)]
    it = await double.send_interaction("ask", options)
    await wait_thread_event(entered)
    double.expire_interaction(it.token)  # the answer took longer than Discord keeps the token
    release.set()
    late = await double.wait_for(
        lambda c: c.method == "POST" and c.status == 200 and c.path.startswith("/channels/")
        and VERBATIM in text_of(c)
    )
    notes = [c for c in double.find("POST", r"^/channels/\d+/messages$") if "took longer" in text_of(c)]
    assert len(notes) == 1 and "alice's /ask took longer than Discord allows" in text_of(notes[0])
    if private:  # never shown in the channel: a DM to the asker
        assert late.path != f"/channels/{double.channel_id}/messages"
        assert str(double.find("POST", r"^/users/@me/channels$")[0].json["recipient_id"]) == double.member["id"]
    else:
        assert late.path == f"/channels/{double.channel_id}/messages"
    assert [c.status for c in double.find("POST", rf"^/webhooks/\d+/{it.token}$")] == [404]
    assert any("expired before the answer was ready" in r.getMessage() for r in caplog.records)
    check_all(double, TOKEN)


async def test_expired_interaction_in_a_channel_we_cannot_post_to_is_logged(double, engine, start_bot, monkeypatch, caplog):
    await start_bot(engine)
    release, entered = gate_answers(engine, monkeypatch)
    double.forbid_channel(double.channel_id)
    it = await double.send_interaction("ask", [opt("question", "What did OHCHR say?")])
    await wait_thread_event(entered)
    double.expire_interaction(it.token)
    release.set()
    await double.wait_for(lambda c: c.status == 403)
    for _ in range(100):
        if any("could not post the late answer" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.02)
    assert any("could not post the late answer to /ask" in r.getMessage() and "403" in r.getMessage()
               for r in caplog.records)


async def test_no_send_permission_is_logged_and_next_channel_still_answered(double, engine, start_bot, caplog):
    bot = await start_bot(engine, ask_cooldown_rate=10)
    double.forbid_channel(double.channel_id)
    for _ in range(3):  # repeated: no crash loop, no retry storm
        await double.send_message(f"<@{bot.user.id}> what did OHCHR say?")
    await double.send_message(f"<@{bot.user.id}> what did OHCHR say?", channel_id=double.other_channel_id)
    ok = await double.wait_for(lambda c: c.path == f"/channels/{double.other_channel_id}/messages" and c.status == 200)
    assert VERBATIM in text_of(ok)

    def warnings() -> list[str]:
        return [r.getMessage() for r in caplog.records if "could not answer message" in r.getMessage()]

    # The answers run concurrently: the other channel's can come before the last refused one.
    async def all_logged() -> None:
        while len(warnings()) < 3:
            await asyncio.sleep(0.01)

    await asyncio.wait_for(all_logged(), 5)
    assert len(warnings()) == 3 and all("403" in w for w in warnings())
    forbidden = double.find("POST", rf"^/channels/{double.channel_id}/messages$")
    assert [c.status for c in forbidden] == [403, 403, 403]  # one attempt each, no retries
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # nothing escaped to on_error
    assert not bot.is_closed() and double.identifies == 1


async def test_full_disk_during_reindex_is_told_to_the_moderator(double, engine, start_bot, monkeypatch, tmp_path):
    def full(**kwargs):
        raise IndexWriteFailed(tmp_path / "index", OSError(28, "No space left on device"))

    monkeypatch.setattr(engine, "reindex", full)
    await start_bot(engine)
    it = await double.send_interaction("reindex", user=double.moderator, permissions=p.MODERATOR_PERMISSIONS)
    edit = await double.wait_for(
        lambda c: c.method == "PATCH" and it.token in c.path and "Reindex failed" in (c.json or {}).get("content", "")
    )
    content = edit.json["content"]
    assert "is full or read-only (No space left on device)" in content
    assert content.count("previous index keeps serving") == 1


async def test_interaction_expired_on_arrival_is_only_logged(double, engine, start_bot, caplog):
    """Acknowledged too late (Discord answers 10062): a warning, no traceback, no retry."""
    await start_bot(engine)
    double.fail("POST", r"/callback$", 404, {"message": "Unknown interaction", "code": 10062})
    it = await double.send_interaction("ask", [opt("question", "   ")])
    await double.wait_for(lambda c: it.token in c.path and c.status == 404)
    for _ in range(100):
        if any("expired before the bot could respond" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.02)
    assert any("expired before the bot could respond" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
