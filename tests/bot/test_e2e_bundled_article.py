"""/ask "What did OHCHR say?" through the Discord API double, with the real model on `corpus/`."""

from __future__ import annotations

import json

import pytest

from tests.bot.helpers import followup, opt, text_of
from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundled_engine(tmp_path_factory, real_embedder):
    from index.config import EngineConfig
    from index.engine import Engine

    eng = Engine.open(EngineConfig(corpus_dir=REPO / "corpus", index_dir=tmp_path_factory.mktemp("index")),
                      real_embedder)
    eng.wait_ready(60)
    return eng


async def test_ask_ohchr_shows_the_spokesmans_words_speaker_and_source(double, bundled_engine, start_bot):
    expected = bundled_engine.ask("What did OHCHR say?").quotes[0]
    await start_bot(bundled_engine)
    call = await followup(double, await double.send_interaction("ask", [opt("question", "What did OHCHR say?")]),
                          timeout=30)
    shown = json.loads(text_of(call))
    description = shown["embeds"][0]["description"]
    assert "gravely concerned" in description and "forced repatriations" in description
    assert "**Jeremy Laurence**" in description
    assert expected.speaker == "Jeremy Laurence"
    sources = shown["embeds"][0]["fields"][0]["value"]
    assert "[1] " in sources and "The U.N. human rights office expressed grave concern" in sources
    assert "abcnews.go.com" in sources
    assert (call.json or {}).get("allowed_mentions", {}).get("parse") == []
    assert double.unhandled == []
