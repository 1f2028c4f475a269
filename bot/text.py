"""Text helpers for Discord output: escaping corpus text, safe links, shortening, packing.

Pure functions (no network), shared by `bot.render`.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, urlsplit

import discord

log = logging.getLogger(__name__)

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
EMBEDS_MAX = 10
MESSAGE_TOTAL_MAX = 6000

ELLIPSIS = "…"
ZWSP = "\u200b"

# `<@123>`, `<@!123>`, `<@&123>`, `<#123>`, `</cmd:1>`, `<t:…>`, `<:emoji:1>`: a zero-width space
# after `<` keeps them from being parsed, whatever the id length.
_ANGLE_MENTION = re.compile(r"<(?=[@#/:]|a:|t:)")
_EVERYONE = re.compile(r"@(everyone|here)", re.IGNORECASE)
# escape_markdown escapes a whole line of links with one backslash; break every `](` instead.
_MASKED_LINK = re.compile(r"\]\s*\(")


def escape(text: str) -> str:
    """Corpus text → Discord markdown that renders as the same words and pings nobody."""
    out = discord.utils.escape_markdown(text)
    out = _MASKED_LINK.sub("]" + ZWSP + "(", out)
    out = discord.utils.escape_mentions(out)
    out = _EVERYONE.sub(lambda m: "@" + ZWSP + m.group(1), out)
    return _ANGLE_MENTION.sub("<" + ZWSP, out)


def safe_url(url: str) -> str | None:
    """An http(s) URL safe inside `[text](url)`, or None."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # Characters that would end the markdown link or the URL early are percent-encoded.
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def link(title: str, url: str, limit: int = 200) -> str:
    """`[title](url)` with the title escaped (brackets would end the link text); bold title without a URL."""
    label = shorten(title.strip() or "untitled", limit)
    label = escape(label).replace("[", "(").replace("]", ")")
    target = safe_url(url)
    # A huge URL would not fit a 1,024-char field; the title alone is still useful.
    if target is None or len(target) > 512:
        return f"**{label}**"
    return f"[{label}]({target})"


def shorten(text: str, limit: int) -> str:
    """`text` if it fits, else its start cut at a word boundary and marked with `…`.

    The kept part is verbatim; only the tail is dropped.
    """
    if limit <= 1:
        return ELLIPSIS[:limit]
    if len(text) <= limit:
        return text
    cut = text[: limit - 2]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + " " + ELLIPSIS


def escaped_within(text: str, limit: int) -> str:
    """Escape `text`, shortening the raw text first so that the escaped form fits `limit`."""
    budget = limit
    while True:
        out = escape(shorten(text, budget))
        if len(out) <= limit or budget <= 1:
            return out[:limit]
        budget -= max(1, len(out) - limit)


def blockquote(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


def pack(blocks: list[str], limit: int, sep: str = "\n\n") -> list[str]:
    """Join whole blocks into pages of at most `limit` chars; a block is never split.

    Callers make every block fit `limit` on its own; an oversized one is hard-cut as a last resort.
    """
    pages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            log.warning("block of %d chars exceeds page limit %d; cutting", len(block), limit)
            block = shorten(block, limit)
        candidate = block if not current else current + sep + block
        if len(candidate) <= limit:
            current = candidate
        else:
            pages.append(current)
            current = block
    if current:
        pages.append(current)
    return pages


def thousands(n: int) -> str:
    return f"{n:,}"


def embed_size(embed: dict) -> int:
    """Characters Discord counts toward the 6,000 per-message total."""
    size = len(embed.get("title", "")) + len(embed.get("description", ""))
    size += len(embed.get("footer", {}).get("text", ""))
    size += len(embed.get("author", {}).get("name", ""))
    for f in embed.get("fields", []):
        size += len(f["name"]) + len(f["value"])
    return size
