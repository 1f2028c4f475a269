"""Moderator commands end to end: permissions, /reindex progress and concurrency, /upload safety."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from doubles.discord_api.payloads import MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS
from tests.bot.helpers import ATTACHMENT, BOOLEAN, followup, opt, refusal, text_of

NEW_DOC = "Ferry inspectorate report\nThe Zanzibar ferry inspectorate reported that every lifeboat was replaced in March."


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


async def upload(double, filename: str, data: bytes, *, user=None, permissions=MODERATOR_PERMISSIONS,
                 overwrite: bool | None = None):
    att = double.add_attachment(filename, data)
    options = [opt("file", att["id"], ATTACHMENT)]
    if overwrite is not None:
        options.append(opt("overwrite", overwrite, BOOLEAN))
    return await double.send_interaction("upload", options, user=user or double.moderator,
                                         permissions=permissions, attachments=[att])


async def final_edit(double, it, needle: str = "finished", timeout: float = 5):
    return await double.wait_for(
        lambda c: c.method == "PATCH" and it.token in c.path and needle in (c.json or {}).get("content", ""),
        timeout,
    )


@pytest.mark.parametrize("command", ["reindex", "upload"])
async def test_member_without_permission_is_refused(double, engine, start_bot, tmp_path, command):
    await start_bot(engine)
    before = tree(tmp_path)
    if command == "upload":
        it = await upload(double, "new.txt", NEW_DOC.encode(), user=double.member,
                          permissions=MEMBER_PERMISSIONS)
    else:
        it = await double.send_interaction("reindex", [], user=double.member)
    body = await refusal(double, it)
    assert body["flags"] == 64 and "moderator" in body["content"].lower()
    assert engine.reindex_calls == []
    assert tree(tmp_path) == before
    assert double.unhandled == []


async def test_moderator_role_may_reindex_with_progress_and_summary(double, engine, start_bot, corpus):
    await start_bot(engine)
    (corpus / "second.txt").write_text("Second\nAnother statement.", encoding="utf-8")
    it = await double.send_interaction("reindex", [opt("full", True, BOOLEAN)], user=double.role_moderator,
                                       member_roles=[double.mod_role_id])
    done = await final_edit(double, it)
    first = double.interaction_calls(it)[0]
    assert first.json["type"] == 4 and first.json["data"]["content"].startswith("Reindex started")
    assert "**Added (1):** second" in done.json["content"]
    assert engine.reindex_calls == [{"full": True, "started_by": f"rolemod ({double.role_moderator['id']})"}]
    edits = [c.json["content"] for c in double.calls if c.method == "PATCH" and it.token in c.path]
    assert any(e.startswith("Reindex: ") for e in edits), edits
    assert double.unhandled == []


async def test_second_reindex_is_refused_while_one_runs(double, engine, start_bot):
    engine.gate = threading.Event()
    await start_bot(engine)
    first = await double.send_interaction("reindex", [], user=double.moderator, permissions=MODERATOR_PERMISSIONS)
    assert await _wait_thread_event(engine.reindex_entered)
    second = await double.send_interaction("reindex", [], user=double.moderator, permissions=MODERATOR_PERMISSIONS)
    body = await refusal(double, second)
    assert body["flags"] == 64
    assert body["content"].startswith(f"A reindex is already running, started by mod ({double.moderator['id']}) at ")
    engine.gate.set()
    await final_edit(double, first)
    assert len(engine.reindex_calls) == 1


async def test_questions_are_answered_while_a_reindex_runs(double, engine, start_bot):
    engine.gate = threading.Event()
    await start_bot(engine)
    reindex = await double.send_interaction("reindex", [], user=double.moderator, permissions=MODERATOR_PERMISSIONS)
    assert await _wait_thread_event(engine.reindex_entered)
    ask = await double.send_interaction("ask", [opt("question", "What did OHCHR say?")])
    answer = await followup(double, ask)
    assert "civilians must be protected" in text_of(answer)
    assert engine.reindex_status() is not None  # the reindex was still running
    engine.gate.set()
    await final_edit(double, reindex)


async def test_moderator_upload_is_written_and_reindexed(double, engine, start_bot, corpus):
    await start_bot(engine)
    it = await upload(double, "ferry.txt", NEW_DOC.encode())
    done = await final_edit(double, it)
    assert done.json["content"].startswith("Added `ferry.txt`.")
    assert (corpus / "ferry.txt").read_bytes() == NEW_DOC.encode()
    assert engine.reindex_calls[0]["full"] is False
    ask = await double.send_interaction("ask", [opt("question", "Zanzibar ferry lifeboat")])
    assert "every lifeboat was replaced in March" in text_of(await followup(double, ask))


async def test_upload_refuses_to_overwrite_unless_asked(double, engine, start_bot, corpus):
    await start_bot(engine)
    original = (corpus / "ohchr.txt").read_bytes()
    it = await upload(double, "ohchr.txt", b"replaced\ntext")
    body = await refusal(double, it)
    assert "already in the corpus" in body["content"] and body["flags"] == 64
    assert (corpus / "ohchr.txt").read_bytes() == original
    it = await upload(double, "ohchr.txt", b"Replaced title\nNew text.", overwrite=True)
    await final_edit(double, it)
    assert (corpus / "ohchr.txt").read_bytes() == b"Replaced title\nNew text."


@pytest.mark.parametrize(
    ("filename", "size", "written"),
    [
        ("../../etc/passwd", 100, None),
        ("../../escape.txt", 100, "escape.txt"),
        ("/abs/path.txt", 100, "path.txt"),
        ("..\\..\\win.md", 100, "win.md"),
        ("CON.txt", 100, None),
        ("nul", 100, None),
        ("a\x00b.txt", 100, "ab.txt"),
        ("evil.exe", 100, None),
        ("...", 100, None),
        ("big.txt", 2048, None),
    ],
)
async def test_upload_names_and_sizes(double, engine, start_bot, tmp_path, corpus, filename, size, written):
    await start_bot(engine, max_upload_bytes=1024)
    before = tree(tmp_path)
    it = await upload(double, filename, b"Title\n" + b"x" * (size - 6))
    if written is None:
        body = await refusal(double, it)
        assert body["flags"] == 64
        assert tree(tmp_path) == before
        assert engine.reindex_calls == []
    else:
        await final_edit(double, it)
        after = tree(tmp_path)
        assert set(after) - set(before) == {f"corpus/{written}"}
    assert double.unhandled == []


async def _wait_thread_event(event: threading.Event, timeout: float = 5) -> bool:
    return await asyncio.to_thread(event.wait, timeout)
