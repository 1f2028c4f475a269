"""Adding a document by link (`/add url:` and `quotebot add URL`): check, fetch, extract, save.

The reindex that follows is the existing one (`Engine.reindex`, through the moderation cog on
Discord): the old index keeps serving until the new one swaps in, and a second moderator gets
"A reindex is already running". What was found in the new document is `render_added`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings
from bot.text import escape, link, shorten
from bot.uploads import write_atomic
from index.corpus_view import DocumentReport
from index.errors import QuotebotError
from index.extract import Article, article_from, slug, to_markdown
from index.fetch import FetchLimits, FetchRefused, check_url, fetch
from index.filters import DEFAULT_COLLECTION
from index.types import DocumentInfo

log = logging.getLogger(__name__)

_COLLECTION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
MAX_SPEAKERS_SHOWN = 8


class AddRefused(QuotebotError):
    """The link was not added; the message says why. Nothing was written."""


@dataclass(frozen=True, slots=True)
class Saved:
    path: Path  # the new corpus file
    rel: str  # its path relative to the corpus folder (the indexed document's `path`)
    article: Article


def limits_from(settings: Settings) -> FetchLimits:
    return FetchLimits(max_bytes=settings.add_max_bytes, seconds=settings.add_timeout_seconds,
                       max_redirects=settings.add_max_redirects, allow_hosts=tuple(settings.add_allow_hosts))


def collection_folder(corpus_dir: Path, collection: str | None) -> Path:
    """The folder of `collection` (the corpus root for the default one), name checked."""
    name = (collection or "").strip()
    if not name or name.casefold() == DEFAULT_COLLECTION:
        return corpus_dir
    if not _COLLECTION_NAME.fullmatch(name):
        raise AddRefused("A collection name is 1-40 letters, digits, - or _ (it is a folder of the corpus).")
    return corpus_dir / name


def already_added(info: DocumentInfo) -> AddRefused:
    # Plain enough for a terminal; Discord makes <url> a link (without a preview).
    where = info.path or info.doc_id
    return AddRefused(f"Already in the corpus: “{shorten(info.title or info.doc_id, 120)}” <{info.url}> "
                      f"({where}, collection {info.collection}).")


def check_link(engine, url: str, settings: Settings) -> None:
    """Refusals that need no download: the link's form and address, and a known URL."""
    check_url(url, tuple(settings.add_allow_hosts))
    known = engine.find_url(url)
    if known is not None:
        raise already_added(known)


def _free_path(folder: Path, stem: str) -> Path:
    target, n = folder / f"{stem}.md", 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}.md"
    return target


async def fetch_and_save(engine, url: str, collection: str | None, settings: Settings) -> Saved:
    """Fetch `url`, extract its article and write it as a `.md` under the collection."""
    import asyncio

    folder = collection_folder(settings.corpus_dir, collection)
    check_link(engine, url, settings)
    fetched = await fetch(url.strip(), limits_from(settings))
    article = await asyncio.to_thread(article_from, fetched)
    if fetched.url != url.strip():  # redirected: the page may be known under its final address
        known = engine.find_url(fetched.url)
        if known is not None:
            raise already_added(known)
    target = _free_path(folder, slug(article))
    root = settings.corpus_dir.resolve()
    if not target.resolve().is_relative_to(root):
        raise AddRefused("That collection points outside the corpus.")
    await asyncio.to_thread(write_atomic, target, to_markdown(article).encode("utf-8"))
    rel = target.resolve().relative_to(root).as_posix()
    log.info("added %s from %s (%d characters)", rel, fetched.url, len(article.text))
    return Saved(target, rel, article)


def added_lines(saved: Saved, report: DocumentReport | None) -> list[str]:
    """What was added, as plain lines (the terminal's; `render_added` is Discord's)."""
    a = saved.article
    lines = [f"Added: {a.title or saved.rel} — {a.source or '?'}, {a.date or 'undated'}", a.url]
    if report is None:
        return [*lines, f"{saved.rel} is saved; it will be searchable after the next reindex."]
    lines.append(f"{saved.rel} · collection {report.info.collection} · {report.info.chunks} chunks · "
                 f"{report.statements} attributed statements")
    speakers = ", ".join(f"{s} ({n})" for s, n in report.speakers) or "none found"
    return [*lines, f"Speakers: {speakers}"]


def render_added(saved: Saved, report: DocumentReport | None) -> str:
    """Title, date, chunk count and the speakers found, in one Discord message or terminal."""
    a = saved.article
    head = f"Added {link(a.title or saved.rel, a.url)} — {escape(a.source or '?')}, {a.date or 'undated'}"
    if report is None:
        return f"{head}\n`{saved.rel}` is saved; it will be searchable after the next reindex."
    info = report.info
    lines = [head, f"`{saved.rel}` · collection **{escape(info.collection)}** · {info.chunks} chunks · "
                   f"{report.statements} attributed statements"]
    if report.speakers:
        shown = ", ".join(f"{escape(shorten(s, 60))} ({n})" for s, n in report.speakers[:MAX_SPEAKERS_SHOWN])
        more = len(report.speakers) - MAX_SPEAKERS_SHOWN
        lines.append(f"**Speakers:** {shown}" + (f" and {more} more" if more > 0 else ""))
    else:
        lines.append("**Speakers:** none found (the text quotes nobody by name).")
    return "\n".join(lines)


__all__ = ["AddRefused", "FetchRefused", "Saved", "check_link", "fetch_and_save", "render_added"]
