"""/add url: through the Discord double, against fixture pages on a local server (real engine,
fake embedder): an article, a redirect to a private address, a 50 MB page, a slow page, a PDF,
a non-HTML type, a duplicate; members without permission refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doubles.discord_api.payloads import MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS
from index.config import ChunkingConfig, EngineConfig
from index.engine import Engine
from tests.bot.helpers import followup, opt, refusal, text_of
from tests.fakes import FakeEmbedder
from tests.pages import PageServer

TITLE = "Valley rights office alarmed by flood evictions"
SAVED = "press/valley-rights-office-alarmed-by-flood-evictions.md"


@pytest.fixture
async def pages():
    server = await PageServer().start()
    yield server
    await server.close()


@pytest.fixture
def real_engine(tmp_path: Path) -> Engine:
    root = tmp_path / "corpus"
    (root / "un").mkdir(parents=True)
    (root / "un" / "note.md").write_text(
        "---\ntitle: UN note\ndate: 2024-01-09\nsource: un.org\n---\n"
        "“Shelters must stay open all winter,” UN spokeswoman Ana Ruiz said on Monday.\n", encoding="utf-8")
    config = EngineConfig(corpus_dir=root, index_dir=tmp_path / "index",
                          chunking=ChunkingConfig(max_chars=400, min_chars=80))
    return Engine.open(config, embedder=FakeEmbedder())


@pytest.fixture
async def bot(double, real_engine, start_bot):
    return await start_bot(real_engine, add_allow_hosts=["127.0.0.1"], add_timeout_seconds=1.0,
                           add_max_bytes=2 * 2**20, add_max_redirects=3)


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


async def add(double, url: str, collection: str | None = None, *, user=None, permissions=MODERATOR_PERMISSIONS):
    options = [opt("url", url)] + ([opt("collection", collection)] if collection else [])
    return await double.send_interaction("add", options, user=user or double.moderator, permissions=permissions)


async def final_edit(double, it, needle: str, timeout: float = 15):
    return await double.wait_for(
        lambda c: c.method == "PATCH" and it.token in c.path and needle in (c.json or {}).get("content", ""), timeout)


async def test_an_article_is_added_indexed_and_reported(double, bot, pages, real_engine):
    it = await add(double, pages.url("/article"), "press")
    done = (await final_edit(double, it, "Added")).json["content"]
    assert f"Added [{TITLE}]({pages.url('/article')}) — Example Ledger, 2024-03-05" in done
    assert f"`{SAVED}` · collection **press** ·" in done
    chunks = real_engine.document_report(SAVED).info.chunks
    assert f"· {chunks} chunks ·" in done and chunks >= 1
    assert "**Speakers:**" in done and "Mara Quint" in done and "Tomas Beck" in done
    saved = (real_engine.config.corpus_dir / SAVED).read_text(encoding="utf-8")
    assert saved.startswith(f'---\nurl: "{pages.url("/article")}"\ntitle: "{TITLE}"\ndate: "2024-03-05"\n'
                            'source: "Example Ledger"\n---\n')
    answer = await double.send_interaction("ask", [opt("question", "What did Mara Quint say?"),
                                                   opt("collection", "press")])
    assert "lose their home twice" in text_of(await followup(double, answer))
    assert double.unhandled == []


async def test_the_same_link_twice_is_refused_with_the_existing_document(double, bot, pages, real_engine):
    await final_edit(double, await add(double, pages.url("/article"), "press"), "Added")
    before = files(real_engine.config.corpus_dir)
    body = await refusal(double, await add(double, pages.url("/article")))
    assert body["flags"] == 64
    assert body["content"] == (f"Already in the corpus: “{TITLE}” <{pages.url('/article')}> ({SAVED}, collection press).")
    assert files(real_engine.config.corpus_dir) == before


async def test_a_link_redirecting_to_a_known_page_is_refused_after_the_fetch(double, bot, pages, real_engine):
    await final_edit(double, await add(double, pages.url("/article"), "press"), "Added")
    body = await refusal(double, await add(double, pages.url("/moved")))
    assert body["content"].startswith("Already in the corpus: “Valley rights office")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-private", "Refused: 10.20.30.40 is a private or local address (10.20.30.40); only public web pages can be added."),
        ("/to-metadata", "Refused: 169.254.169.254 is a private or local address"),
        ("/big", "That page is larger than the limit; the limit is 2.0 MB. Nothing was added."),
        ("/big-declared", "That page is 50.0 MB; the limit is 2.0 MB. Nothing was added."),
        ("/slow", "The page took longer than 1 s to download; nothing was added."),
        ("/photo.png", "That link is not a web page or a PDF (image/png)."),
    ],
)
async def test_refused_pages_add_nothing(double, bot, pages, real_engine, path, message):
    before = files(real_engine.config.corpus_dir)
    body = await refusal(double, await add(double, pages.url(path)), timeout=15)
    assert body["content"].startswith(message), body["content"]
    assert files(real_engine.config.corpus_dir) == before
    assert real_engine.stats()["documents"] == 1


async def test_a_pdf_is_added_through_the_pdf_reader(double, bot, pages, real_engine):
    it = await add(double, pages.url("/report.pdf"), "un")
    done = (await final_edit(double, it, "Added")).json["content"]
    assert "`un/report.md` · collection **un**" in done
    assert "three hundred evicted families" in (real_engine.config.corpus_dir / "un" / "report.md").read_text()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/file.txt", "Only http:// and https:// links can be added."),
        ("http://192.168.0.10/", "Refused: 192.168.0.10 is a private or local address"),
    ],
)
async def test_bad_links_are_refused_before_anything_is_fetched(double, bot, pages, url, message):
    body = await refusal(double, await add(double, url))
    assert body["content"].startswith(message)
    assert pages.requests == []


async def test_a_bad_collection_name_is_refused(double, bot, pages):
    body = await refusal(double, await add(double, pages.url("/article"), "../etc"))
    assert "collection name is 1-40 letters" in body["content"]
    assert pages.requests == []


async def test_a_member_without_permission_is_refused(double, bot, pages, real_engine):
    before = files(real_engine.config.corpus_dir)
    body = await refusal(double, await add(double, pages.url("/article"), user=double.member,
                                           permissions=MEMBER_PERMISSIONS))
    assert body["flags"] == 64 and "moderator" in body["content"].lower()
    assert pages.requests == [] and files(real_engine.config.corpus_dir) == before


async def test_add_collection_autocomplete(double, bot):
    it = await double.send_interaction("add", [opt("url", "x"), {**opt("collection", "u"), "focused": True}],
                                       autocomplete=True, user=double.moderator, permissions=MODERATOR_PERMISSIONS)
    call = await double.wait_for(lambda c: it.token in c.path and c.path.endswith("/callback"))
    assert [c["value"] for c in call.json["data"]["choices"]] == ["un"]
    assert json.dumps(call.json)  # a plain payload


async def test_add_while_a_reindex_runs_is_refused_like_reindex(double, bot, pages, real_engine):
    from index.builder import BuildLock

    before = files(real_engine.config.corpus_dir)
    with BuildLock(real_engine.config.index_dir, "another moderator"):
        body = await refusal(double, await add(double, pages.url("/article")))
    assert body["content"].startswith("A reindex is already running, started by another moderator at ")
    assert pages.requests == [] and files(real_engine.config.corpus_dir) == before
