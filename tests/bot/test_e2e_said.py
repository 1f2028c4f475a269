"""/said through the Discord double, with the real client: pages, buttons, autocomplete, no speaker."""

from __future__ import annotations

import pytest

from doubles.engine import FakeEngine
from tests.bot.helpers import followup, opt, text_of

LINES = [f"“Statement number {i:02} on the floods,” Mara Quint said." for i in range(7)]


@pytest.fixture
def said_engine(corpus) -> FakeEngine:
    (corpus / "era.txt").write_text("Floods in Eastland\n" + " ".join(LINES) + " Ilse Varga was there.",
                                    encoding="utf-8")
    engine = FakeEngine(corpus)
    engine.speaker_of.update({line: "Mara Quint" for line in LINES})
    engine.speaker_of["The OHCHR said that civilians must be protected at all times."] = "OHCHR"
    return engine


def description(call) -> str:
    return call.json["embeds"][0]["description"]


async def test_sync_registers_said_with_speaker_autocomplete(double, said_engine, start_bot):
    await start_bot(said_engine, dev_guild_id=int(double.guild_id))
    [put] = double.find("PUT", rf"^/applications/{double.app_id}/guilds/{double.guild_id}/commands$")
    options = {o["name"]: o for o in {c["name"]: c for c in put.json}["said"]["options"]}
    assert options["speaker"]["autocomplete"] and options["speaker"]["required"]
    assert not options["about"]["required"] and not options["about"].get("autocomplete")


async def test_said_defers_then_lists_five_verbatim_quotes_with_speaker_and_source(double, said_engine, start_bot):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [opt("speaker", "Mara Quint")])
    first = await followup(double, it)
    assert double.interaction_calls(it)[0].json["type"] == 5  # deferred first
    text = description(first)
    assert text.count("> ") == 5 and text.count("— **Mara Quint**") == 5
    assert "> “Statement number 00 on the floods,” Mara Quint said." in text
    assert "[Floods in Eastland](https://news.example/era)" in text and "2024-05-01" in text
    assert first.json["embeds"][0]["footer"]["text"].startswith("Page 1/2 · 7 statements")
    assert first.json["allowed_mentions"]["parse"] == []


async def test_next_shows_the_rest(double, said_engine, start_bot):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [opt("speaker", "Mara Quint")])
    first = await followup(double, it)
    buttons = {b["label"]: b for b in first.json["components"][0]["components"]}
    assert buttons["Previous"]["disabled"] is True
    click = await double.send_component(buttons["Next"]["custom_id"], first.response)
    update = await double.wait_for(lambda c: click.token in c.path and c.path.endswith("/callback"))
    assert update.json["type"] == 7
    page = update.json["data"]["embeds"][0]
    assert page["footer"]["text"].startswith("Page 2/2") and page["description"].count("— **Mara Quint**") == 2


async def test_about_narrows_the_list(double, said_engine, start_bot):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [opt("speaker", "OHCHR"), opt("about", "civilians")])
    answer = await followup(double, it)
    assert "civilians must be protected" in description(answer) and not answer.json.get("components")


@pytest.mark.parametrize(
    "speaker, message",
    [
        ("Nobody Atall", "No statements from Nobody Atall in the corpus."),
        ("Ilse Varga", "The corpus mentions Ilse Varga but quotes nothing from them."),
    ],
)
async def test_no_statements_is_one_clear_line(double, said_engine, start_bot, speaker, message):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [opt("speaker", speaker)])
    answer = await followup(double, it)
    assert answer.json["content"] == message and not answer.json.get("embeds")


async def test_a_speaker_that_pings_pings_nobody(double, said_engine, start_bot):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [opt("speaker", "@everyone")])
    answer = await followup(double, it)
    assert "@everyone" not in text_of(answer) and answer.json["allowed_mentions"]["parse"] == []


async def test_speaker_autocomplete_offers_the_quoted_speakers_with_counts(double, said_engine, start_bot):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [{**opt("speaker", "mar"), "focused": True}], autocomplete=True)
    call = await double.wait_for(lambda c: it.token in c.path and c.path.endswith("/callback"))
    assert call.json["type"] == 8
    assert call.json["data"]["choices"] == [{"name": "Mara Quint (7 statements)", "value": "Mara Quint"}]


async def test_private_said_is_ephemeral(double, said_engine, start_bot):
    await start_bot(said_engine)
    it = await double.send_interaction("said", [opt("speaker", "Mara Quint"), opt("private", True, 5)])
    answer = await followup(double, it)
    assert double.interaction_calls(it)[0].json["data"]["flags"] == 64 and answer.json["flags"] & 64
