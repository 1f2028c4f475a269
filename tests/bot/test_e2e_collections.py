"""Collections and filters through the Discord double (real engine, fake embedder): channel
scoping (threads too), the filter options, their autocomplete, /sources per collection."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from index.config import ChunkingConfig, EngineConfig
from index.engine import Engine
from tests.bot.helpers import followup, opt, refusal, text_of
from tests.fakes import FakeEmbedder
from tests.index.test_filters import CORPUS

UN_TITLES = ("UN warns of floods", "UN flood report")
HRW_TITLE = "Rights group on floods"
QUESTION = "What did they say about the flood in the valley?"


@pytest.fixture
def real_engine(tmp_path: Path) -> Engine:
    root = tmp_path / "corpus"
    for rel, text in CORPUS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    config = EngineConfig(corpus_dir=root, index_dir=tmp_path / "index",
                          chunking=ChunkingConfig(max_chars=400, min_chars=80))
    engine = Engine.open(config, embedder=FakeEmbedder())
    engine.today = lambda: date(2025, 6, 15)
    return engine


@pytest.fixture
async def un_channel_bot(double, real_engine, start_bot):
    """#general (double.channel_id) searches un only; #questions searches everything."""
    return await start_bot(real_engine, channel_collections={int(double.channel_id): ["un"]})


def shown(call) -> str:
    return text_of(call)


async def ask(double, question: str = QUESTION, options: list | None = None, **where):
    it = await double.send_interaction("ask", [opt("question", question), *(options or [])], **where)
    return shown(await followup(double, it))


async def test_a_question_in_the_un_channel_never_cites_hrw(double, un_channel_bot):
    text = await ask(double)
    assert any(t in text for t in UN_TITLES)
    assert HRW_TITLE not in text and "hrw.org" not in text
    assert "Only documents in un" in text  # the answer says what it searched


async def test_the_same_question_elsewhere_may_cite_hrw(double, un_channel_bot):
    text = await ask(double, "What did researcher Lena Ford say about flood victims?",
                     channel_id=double.other_channel_id)
    assert HRW_TITLE in text


async def test_a_thread_follows_its_parent_channels_collections(double, un_channel_bot):
    text = await ask(double, "What did researcher Lena Ford say about flood victims?",
                     thread_parent=double.channel_id)
    assert HRW_TITLE not in text
    assert json.loads(text)["content"] == "No statement from researcher Lena Ford in un."


async def test_asking_for_another_collection_in_a_scoped_channel_is_refused(double, un_channel_bot):
    it = await double.send_interaction("ask", [opt("question", QUESTION), opt("collection", "hrw")])
    body = await refusal(double, it)
    assert body["flags"] == 64 and body["content"] == "This channel searches un only; ask about hrw in its own channel."


@pytest.mark.parametrize(
    ("options", "present", "absent"),
    [
        ([opt("collection", "hrw")], [HRW_TITLE], UN_TITLES),
        ([opt("source", "un.org")], [], [HRW_TITLE, "Valley flood news"]),
        ([opt("after", "2024-05")], [HRW_TITLE], UN_TITLES),
        ([opt("before", "2023-12-31")], ["UN flood report"], [HRW_TITLE, "UN warns of floods"]),
    ],
)
async def test_each_filter_option_of_search(double, un_channel_bot, options, present, absent):
    it = await double.send_interaction("search", [opt("query", "flood valley"), *options],
                                       channel_id=double.other_channel_id)
    text = shown(await followup(double, it))
    assert "Search:" in text
    for title in present:
        assert title in text
    for title in absent:
        assert title not in text


async def test_a_year_in_the_question_is_a_filter_the_answer_shows(double, un_channel_bot):
    text = await ask(double, "Were flood defences in the valley failing in 2023?", channel_id=double.other_channel_id)
    assert "Only documents from 2023 (“in 2023” in the question)." in json.loads(text)["content"]
    assert "UN warns of floods" not in text and HRW_TITLE not in text


async def test_a_filter_that_matches_nothing_says_so(double, un_channel_bot):
    text = await ask(double, "What did the UN say?", [opt("after", "2019"), opt("before", "2019")])
    assert json.loads(text)["content"] == "No documents from 2019 in un."


async def test_a_question_date_no_document_has_is_dropped_with_a_note(double, un_channel_bot):
    text = await ask(double, "Were flood defences in the valley failing in 2019?")
    content = json.loads(text)["content"]
    assert content.startswith("No documents from 2019 in un: searched every date instead.\nOnly documents in un.")
    assert "UN flood report" in text


async def test_a_search_that_matches_nothing_says_so(double, un_channel_bot):
    it = await double.send_interaction("search", [opt("query", "flood"), opt("source", "nobody.test")])
    body = await refusal(double, it)
    assert body["content"] == "No documents by nobody.test in un."


async def test_a_bad_date_option_is_refused(double, un_channel_bot):
    it = await double.send_interaction("ask", [opt("question", QUESTION), opt("after", "last week")])
    body = await refusal(double, it)
    assert body["flags"] == 64 and "use YYYY-MM-DD, YYYY-MM or YYYY" in body["content"]


async def autocomplete(double, command: str, option: str, typed: str, **where) -> list[dict]:
    options = [opt("question" if command == "ask" else "query", "x"), {**opt(option, typed), "focused": True}]
    if command == "sources":
        options = [{**opt(option, typed), "focused": True}]
    it = await double.send_interaction(command, options, autocomplete=True, **where)
    call = await double.wait_for(lambda c: it.token in c.path and c.path.endswith("/callback"))
    assert call.json["type"] == 8
    return call.json["data"]["choices"]


async def test_collection_autocomplete_lists_the_index_collections(double, un_channel_bot):
    choices = await autocomplete(double, "ask", "collection", "", channel_id=double.other_channel_id)
    assert [c["value"] for c in choices] == ["un", "default", "hrw"]  # biggest first
    assert choices[0]["name"] == "un (2 documents)"


async def test_collection_autocomplete_in_a_scoped_channel_offers_its_own(double, un_channel_bot):
    choices = await autocomplete(double, "search", "collection", "")
    assert [c["value"] for c in choices] == ["un"]


async def test_source_autocomplete_matches_what_is_typed(double, un_channel_bot):
    choices = await autocomplete(double, "ask", "source", "org", channel_id=double.other_channel_id)
    assert [c["value"] for c in choices] == ["un.org", "hrw.org"]


async def test_sources_lists_one_collection(double, un_channel_bot):
    it = await double.send_interaction("sources", [opt("collection", "hrw")], channel_id=double.other_channel_id)
    text = shown(await followup(double, it))
    assert HRW_TITLE in text and not any(t in text for t in UN_TITLES)
    assert "Documents in hrw" in text


async def test_sources_lists_every_collection_with_counts(double, un_channel_bot):
    it = await double.send_interaction("sources", [], channel_id=double.other_channel_id)
    text = shown(await followup(double, it))
    assert "**Collections:** default (1), hrw (1), un (2)" in text
    assert "· *hrw*" in text


async def test_sources_in_a_scoped_channel_lists_its_collection(double, un_channel_bot):
    it = await double.send_interaction("sources", [])
    text = shown(await followup(double, it))
    assert all(t in text for t in UN_TITLES) and HRW_TITLE not in text
    assert double.unhandled == []
