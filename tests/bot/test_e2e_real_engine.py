"""The bot with the real engine (hashing FakeEmbedder, so no model): upload, then ask."""

from __future__ import annotations

from pathlib import Path

import pytest

from doubles.discord_api.payloads import MODERATOR_PERMISSIONS
from tests.bot.helpers import ATTACHMENT, followup, opt, text_of
from tests.fakes import FakeEmbedder

engine_module = pytest.importorskip("index.engine", reason="index/engine.py not available")

FERRY = (
    "Ferry inspectorate report\n\n"
    "The Zanzibar ferry inspectorate reported that every lifeboat was replaced in March, "
    "after a long review of safety equipment on the island ferries.\n"
)


@pytest.fixture
def real_engine(corpus: Path, tmp_path: Path):
    from index.config import EngineConfig

    config = EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index")
    return engine_module.Engine.open(config, embedder=FakeEmbedder())


async def test_upload_then_ask_answers_from_the_new_document(double, real_engine, start_bot, corpus):
    await start_bot(real_engine)
    question = [opt("question", "What did the Zanzibar ferry inspectorate report about lifeboats?")]
    before = await followup(double, await double.send_interaction("ask", question))
    assert "every lifeboat was replaced" not in text_of(before)

    att = double.add_attachment("ferry.txt", FERRY.encode())
    it = await double.send_interaction("upload", [opt("file", att["id"], ATTACHMENT)], user=double.moderator,
                                       permissions=MODERATOR_PERMISSIONS, attachments=[att])
    done = await double.wait_for(
        lambda c: c.method == "PATCH" and it.token in c.path and "finished" in (c.json or {}).get("content", "")
    )
    assert "**Added (1):** ferry" in done.json["content"]
    assert (corpus / "ferry.txt").read_text(encoding="utf-8") == FERRY

    after = await followup(double, await double.send_interaction("ask", question))
    shown = text_of(after)
    assert "every lifeboat was replaced in March" in shown
    assert "Ferry inspectorate report" in shown
    assert double.unhandled == []


async def test_said_with_the_real_engine_lists_the_spokesperson_for_the_office(double, real_engine, start_bot, corpus):
    (corpus / "ferry.txt").write_text(
        FERRY + "\n“Every boat will be checked again in May,” said Ana Lind, a spokeswoman for the inspectorate.\n",
        encoding="utf-8")
    real_engine.reindex()
    await start_bot(real_engine)
    it = await double.send_interaction("said", [{**opt("speaker", "lind"), "focused": True}], autocomplete=True)
    call = await double.wait_for(lambda c: it.token in c.path and c.path.endswith("/callback"))
    assert call.json["data"]["choices"][0]["value"] == "Ana Lind"
    answer = await followup(double, await double.send_interaction("said", [opt("speaker", "Ana Lind")]))
    shown = answer.json["embeds"][0]["description"]
    assert "> Every boat will be checked again in May" in shown and "— **Ana Lind**" in shown
    assert "Ferry inspectorate report" in shown
    nobody = await followup(double, await double.send_interaction("said", [opt("speaker", "Volker Türk")]))
    assert nobody.json["content"] == "No statements from Volker Türk in the corpus."
