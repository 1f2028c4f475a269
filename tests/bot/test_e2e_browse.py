"""/search, /sources (with its buttons) and /about end to end."""

from __future__ import annotations

from tests.bot.helpers import followup, opt, text_of


async def test_search_is_private_by_default_and_shows_passages(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("search", [opt("query", "convoys border")])
    result = await followup(double, it)
    assert double.interaction_calls(it)[0].json == {"type": 5, "data": {"flags": 64}}
    assert result.json["flags"] & 64
    assert "Aid convoys were blocked on Tuesday near the border." in text_of(result)
    assert "[UN rights office alarmed by attacks](https://news.example/ohchr)" in text_of(result)


async def test_sources_pages_with_buttons(double, engine, start_bot, corpus):
    for i in range(12):
        (corpus / f"doc{i:02}.txt").write_text(f"Document {i:02}\nText {i}.", encoding="utf-8")
    engine._load()
    await start_bot(engine)
    it = await double.send_interaction("sources", [])
    first = await followup(double, it)
    embed = first.json["embeds"][0]
    assert embed["footer"]["text"] == "Page 1/2 · 13 documents"
    buttons = first.json["components"][0]["components"]
    labels = {b["label"]: b for b in buttons}
    assert labels["Previous"]["disabled"] is True and not labels["Next"].get("disabled")

    # The bot keyed the view on the message id the double returned for the followup.
    click = await double.send_component(labels["Next"]["custom_id"], first.response)
    update = await double.wait_for(lambda c: click.token in c.path and c.path.endswith("/callback"))
    assert update.json["type"] == 7
    assert update.json["data"]["embeds"][0]["footer"]["text"] == "Page 2/2 · 13 documents"


async def test_sources_filter(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("sources", [opt("filter", "nothing-like-this")])
    result = await followup(double, it)
    assert result.json["content"].startswith("No documents matching")


async def test_about(double, engine, start_bot):
    await start_bot(engine)
    it = await double.send_interaction("about", [])
    result = await followup(double, it)
    fields = {f["name"]: f["value"] for f in result.json["embeds"][0]["fields"]}
    assert fields["Documents"] == "1" and fields["Model"] == "fake-model"
    assert fields["Last reindex"].endswith("by startup")


async def test_a_failing_button_is_told_like_a_failing_command(double, engine, start_bot, corpus, monkeypatch, caplog):
    from bot.cogs.errors import GENERIC_ERROR
    from bot.views import SourcesView

    for i in range(12):
        (corpus / f"doc{i:02}.txt").write_text(f"Document {i:02}\nText {i}.", encoding="utf-8")
    engine._load()
    await start_bot(engine)
    it = await double.send_interaction("sources", [])
    first = await followup(double, it)
    next_button = {b["label"]: b for b in first.json["components"][0]["components"]}["Next"]

    def broken(self):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(SourcesView, "render", broken)
    click = await double.send_component(next_button["custom_id"], first.response)
    reply = await double.wait_for(lambda c: click.token in c.path and c.path.endswith("/callback"))
    assert reply.json["type"] == 4 and reply.json["data"]["content"] == GENERIC_ERROR
    assert reply.json["data"]["flags"] == 64
    assert any(r.getMessage() == "/sources button Next failed" for r in caplog.records)
