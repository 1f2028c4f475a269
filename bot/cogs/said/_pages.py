"""/said's pages: five verbatim statements per page, each with its speaker and its source, and
the Previous / Next buttons (only the caller pages, as with /sources)."""

from __future__ import annotations

import dataclasses
import logging

from bot.render import COLOR, Message, quote_block
from bot.text import CONTENT_MAX, DESCRIPTION_MAX, escape, escaped_within, link, shorten, thousands
from bot.views import PagedView
from index.speakers.listing import page, pages
from index.types import Quote, Said

log = logging.getLogger(__name__)

PER_PAGE = 5
# A quote's escaped text on a page: five of them, their attributions and links fit one
# description (4,096) with room to spare; shorter when the links are long.
QUOTE_LIMITS = (600, 350, 200)


def _source(q: Quote, with_link: bool) -> str:
    title = link(q.title or q.doc_id, q.url if with_link else "", 120)
    extra = ", ".join(escape(shorten(p, 60)) for p in (q.source, q.date) if p)
    return title + (f" — {extra}" if extra else "")


def _block(q: Quote, limit: int, with_link: bool) -> str:
    # The quote, then who said it ("— **Jeremy Laurence**", or "as reported by the article"), then where.
    return f"{quote_block(dataclasses.replace(q, citation=0), limit)} · {_source(q, with_link)}"


def _description(quotes: list[Quote]) -> str:
    for with_link in (True, False):
        for limit in QUOTE_LIMITS:
            text = "\n\n".join(_block(q, limit, with_link) for q in quotes)
            if len(text) <= DESCRIPTION_MAX:
                return text
    return text[:DESCRIPTION_MAX]


def title_of(result: Said) -> str:
    about = f" about “{shorten(result.about, 80)}”" if result.about else ""
    return shorten(f"What {result.speaker} said{about}", 256)


def render_said_page(result: Said, number: int, per_page: int = PER_PAGE) -> Message:
    """One page (0-based, clamped) of a /said listing; a one-line message when it is empty."""
    if not result.quotes:
        return Message(content=escaped_within(result.message, CONTENT_MAX))
    total = pages(len(result.quotes), per_page)
    number = min(max(number, 0), total - 1)
    footer = f"Page {number + 1}/{total} · {thousands(len(result.quotes))} statements, newest first"
    embed = {"title": title_of(result), "color": COLOR, "description": _description(page(result.quotes, number, per_page)),
             "footer": {"text": footer}}
    return Message(embeds=[embed])


class SaidView(PagedView):
    """Previous / next over one speaker's statements (bot.views.PagedView)."""

    command = "/said"

    def __init__(self, result: Said, *, owner_id: int, timeout: float = 600) -> None:
        self.result = result
        super().__init__(pages(len(result.quotes), PER_PAGE), owner_id=owner_id, timeout=timeout)

    def render(self) -> Message:
        return render_said_page(self.result, self.page)
