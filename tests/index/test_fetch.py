"""Fetching a link for /add: limits, address checks on every hop, content types, extraction."""

from __future__ import annotations

import pytest

from index.extract import article_from, slug, to_markdown
from index.fetch import FetchLimits, FetchRefused, check_url, fetch
from index.readers import parse_front_matter
from tests.pages import PageServer

LOCAL = FetchLimits(max_bytes=2 * 2**20, seconds=1.0, max_redirects=3, allow_hosts=("127.0.0.1",))


@pytest.fixture
async def pages():
    server = await PageServer().start()
    yield server
    await server.close()


async def test_an_article_is_fetched_and_its_main_text_title_date_and_outlet_extracted(pages):
    fetched = await fetch(pages.url("/article"), LOCAL)
    article = article_from(fetched)
    assert article.title == "Valley rights office alarmed by flood evictions"
    assert article.date == "2024-03-05"
    assert article.source == "Example Ledger"
    assert "\"Nobody should lose their home twice, first to the water and then to the bailiffs,\" spokeswoman" in article.text
    for furniture in ("Home", "Most read", "Subscribe", "Share this"):
        assert furniture not in article.text
    assert not article.text.startswith(article.title)  # the headline is the title, not the text


async def test_the_markdown_file_carries_the_front_matter(pages):
    article = article_from(await fetch(pages.url("/article"), LOCAL))
    meta, body = parse_front_matter(to_markdown(article))
    assert meta == {"url": pages.url("/article"), "title": article.title, "date": "2024-03-05",
                    "source": "Example Ledger"}
    assert body.strip() == article.text
    assert slug(article) == "valley-rights-office-alarmed-by-flood-evictions"


async def test_a_redirect_is_followed_and_the_final_address_kept(pages):
    fetched = await fetch(pages.url("/moved"), LOCAL)
    assert fetched.url == pages.url("/article")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-private", "10.20.30.40 is a private or local address"),
        ("/to-metadata", "169.254.169.254 is a private or local address"),
        # A name is judged by the addresses it resolves to, when the connection is made.
        ("/to-localhost", r"localhost is a private or local address \((127\.0\.0\.1|::1)\)"),
        ("/loop", "redirects more than 3 times"),
        ("/big", "the limit is 2.0 MB"),
        ("/big-declared", "That page is 50.0 MB; the limit is 2.0 MB"),
        ("/slow", "took longer than 1 s"),
        ("/photo.png", r"not a web page or a PDF \(image/png\)"),
        ("/missing", "HTTP 404"),
    ],
)
async def test_refusals(pages, path, message):
    with pytest.raises(FetchRefused, match=message):
        await fetch(pages.url(path), LOCAL)


async def test_a_private_host_is_refused_unless_allowed(pages):
    with pytest.raises(FetchRefused, match="127.0.0.1 is a private or local address"):
        await fetch(pages.url("/article"), FetchLimits())
    assert pages.requests == []  # refused before connecting


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file", "Only http:// and https://"),
        ("file:///etc/passwd", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("https://user:pw@example.org/", "user name or password"),
        ("http://[::1]/", "private or local"),
        ("http://0.0.0.0/", "private or local"),
        ("http://192.168.1.1/", "private or local"),
        ("http://[::ffff:10.0.0.1]/", "private or local"),
        ("https:///nohost", "no host name"),
    ],
)
def test_links_refused_before_any_request(url, message):
    with pytest.raises(FetchRefused, match=message):
        check_url(url)


async def test_a_pdf_goes_through_the_pdf_reader(pages):
    fetched = await fetch(pages.url("/report.pdf"), LOCAL)
    article = article_from(fetched)
    assert fetched.is_pdf
    assert "three hundred evicted families" in article.text
    assert article.title == "report"


async def test_a_page_without_article_text_is_refused(pages):
    with pytest.raises(FetchRefused, match="No article text|characters of text"):
        article_from(await fetch(pages.url("/empty"), LOCAL))
