"""A fetched page → an article (main text, title, date, outlet) → a `.md` corpus file.

HTML goes through trafilatura (main-text extraction and the page's own metadata: OpenGraph,
JSON-LD, `<time>`, …); PDFs through the corpus's own pypdf reader (`index.readers.read_pdf`);
plain text is kept as it is. The `.md` file carries `url`, `title`, `date` and `source` as
front matter, which `index.readers` reads back like any moderator-written file.
"""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from index.cleaning import host_of, normalise_date
from index.fetch import Fetched, FetchRefused
from index.readers import ReadError, decode, read_pdf

log = logging.getLogger(__name__)

# Below this many characters of main text a page is a login wall, an index page or an error.
MIN_TEXT_CHARS = 200
MAX_SLUG_CHARS = 80


@dataclass(frozen=True, slots=True)
class Article:
    url: str
    title: str
    date: str  # ISO, or ""
    source: str  # the outlet
    text: str


def _paragraphs(text: str) -> str:
    """One blank line between paragraphs, as the corpus's own files have them."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _html(fetched: Fetched) -> Article:
    import trafilatura

    html = fetched.body.decode(fetched.charset or "utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, url=fetched.url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise FetchRefused("No article text found on that page; nothing was added.")
    title = " ".join((doc.title or "").split())
    text = _paragraphs(doc.text)
    # trafilatura repeats the headline as the first line: it is the title, not article text.
    first, _, rest = text.partition("\n\n")
    if title and first.strip() == title and rest:
        text = rest
    return Article(fetched.url, title, normalise_date(doc.date or ""), doc.sitename or host_of(fetched.url), text)


def _pdf(fetched: Fetched) -> Article:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(fetched.body)
        tmp.flush()
        try:
            read = read_pdf(Path(tmp.name))
        except ReadError as exc:
            raise FetchRefused(f"That PDF cannot be read ({exc}); nothing was added.") from None
    raw = read.docs[0]
    text = "\n\n".join(_paragraphs(p) for p in raw.page_texts or [] if p.strip())
    name = unquote(PurePosixPath(urlsplit(fetched.url).path).stem)
    return Article(fetched.url, raw.title or name.replace("-", " ").replace("_", " "), "",
                   host_of(fetched.url), text)


def _plain(fetched: Fetched) -> Article:
    try:
        text = decode(fetched.body)
    except ReadError as exc:
        raise FetchRefused(f"That page is not readable text ({exc}).") from None
    return Article(fetched.url, "", "", host_of(fetched.url), _paragraphs(text))


def article_from(fetched: Fetched) -> Article:
    if fetched.is_pdf:
        article = _pdf(fetched)
    elif fetched.content_type == "text/plain":
        article = _plain(fetched)
    else:
        article = _html(fetched)
    if len(article.text) < MIN_TEXT_CHARS:
        raise FetchRefused(
            f"Only {len(article.text)} characters of text on that page (a login wall or an index "
            "page?); nothing was added."
        )
    return article


def _quoted(value: str) -> str:
    # Always quoted: the front-matter reader strips one pair of matching quotes.
    return '"' + " ".join(value.split()) + '"'


def to_markdown(article: Article) -> str:
    """The `.md` file: front matter (the link after redirects, title, date, outlet), then the text."""
    meta = {"url": article.url, "title": article.title, "date": article.date, "source": article.source}
    head = "\n".join(f"{k}: {_quoted(v)}" for k, v in meta.items() if v)
    return f"---\n{head}\n---\n\n{article.text}\n"


def slug(article: Article) -> str:
    """A file name stem from the title (or the link's last path segment)."""
    base = article.title or unquote(PurePosixPath(urlsplit(article.url).path).name) or host_of(article.url)
    words = re.sub(r"[^\w]+", "-", base.casefold(), flags=re.UNICODE).strip("-_")
    return (words[:MAX_SLUG_CHARS].rstrip("-_") or "page")
