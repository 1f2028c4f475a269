"""Answers, search results, document lists and reindex reports as Discord messages.

Pure functions: each returns `Message`s (content + embed dicts) that respect Discord's limits, so
they are unit-tested without Discord. `bot.replies.send_kwargs` turns them into discord.py objects.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any

from bot.text import (
    CONTENT_MAX,
    DESCRIPTION_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    MESSAGE_TOTAL_MAX,
    blockquote,
    embed_size,
    escape,
    escaped_within,
    link,
    pack,
    shorten,
    thousands,
)
from index.render import NOT_FOUND, flowing, scope_note
from index.types import Answer, BuildSummary, DocMeta, DocumentInfo, Hit, Quote, Source

log = logging.getLogger(__name__)

CLOSEST_TITLE = "Closest passages (not an answer)"
COLOR = 0x3B82F6
# A single quote's escaped text stays below this so that its block, a title and a few source
# fields always fit one embed description and the 6,000-char message total.
QUOTE_MAX = 3500
PASSAGE_MAX = 900


@dataclass
class Message:
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)


def _embed(title: str, description: str = "", fields: list[dict] | None = None, footer: str = "") -> dict:
    e: dict[str, Any] = {"title": shorten(title, 256), "color": COLOR}
    if description:
        e["description"] = description
    if fields:
        e["fields"] = fields
    if footer:
        e["footer"] = {"text": shorten(footer, 2048)}
    return e


def _attribution(q: Quote) -> str:
    """Who the words are: only a direct quote is shown as the speaker's own words."""
    who = f"**{escaped_within(q.speaker, 200)}**" if q.speaker else ""
    if not who or q.kind == "excerpt":
        return "from the article "
    if q.kind in ("mixed", "reported"):
        return f"{who}, as reported by the article "
    if q.kind == "publisher":
        return f"{who} (own publication) "
    return f"{who} "


def quote_block(q: Quote, limit: int = QUOTE_MAX) -> str:
    attribution = _attribution(q)
    page = f" (p. {q.page})" if q.page else ""
    cite = f"[{q.citation}]" if q.citation else ""
    return f"{blockquote(escaped_within(flowing(q.text), limit))}\n— {attribution}{cite}{page}".rstrip()


def source_line(s: Source) -> str:
    meta = ", ".join(escape(shorten(p, 120)) for p in (s.source, s.date) if p)
    return f"[{s.n}] {link(s.title, s.url)}" + (f" — {meta}" if meta else "")


def _source_fields(lines: list[str]) -> list[dict]:
    values = pack(lines, FIELD_VALUE_MAX, sep="\n")
    return [
        {"name": "Sources" if i == 0 else "Sources (cont.)", "value": v, "inline": False}
        for i, v in enumerate(values)
    ]


def _paged(title: str, blocks: list[str], fields: list[dict], content: str = "") -> list[Message]:
    """Blocks packed into embed descriptions, one embed per message; fields follow while they fit."""
    pages = pack(blocks, DESCRIPTION_MAX - 10) if blocks else []
    messages = [
        Message(embeds=[_embed(title if i == 0 else f"{title} (cont.)", page)])
        for i, page in enumerate(pages)
    ]
    for f in fields:
        target = messages[-1].embeds[-1] if messages else None
        if (
            target is None
            or len(target.get("fields", [])) >= FIELDS_MAX
            or embed_size(target) + len(f["name"]) + len(f["value"]) > MESSAGE_TOTAL_MAX
        ):
            target = _embed(title if not messages else f"{title} (cont.)")
            messages.append(Message(embeds=[target]))
        target.setdefault("fields", []).append(f)
    if content:
        if messages:
            messages[0].content = content
        else:
            messages.append(Message(content=content))
    return messages


def render_answer(answer: Answer) -> list[Message]:
    messages = _answer_messages(answer)
    note = scope_note(answer)
    if note:  # what the answer was limited to, above it ("in 2024" read from the question too)
        first = messages[0]
        first.content = escape(note) + (f"\n{first.content}" if first.content else "")
    return messages


def _answer_messages(answer: Answer) -> list[Message]:
    if answer.abstained:
        blocks = [quote_block(q, PASSAGE_MAX) for q in answer.closest]
        lines = [source_line(s) for s in _sources_of(answer.closest)]
        said = escaped_within(answer.answer, CONTENT_MAX) if answer.answer.strip() else NOT_FOUND
        return _paged(CLOSEST_TITLE, blocks, _source_fields(lines), content=said)
    if not answer.quotes:
        text = escaped_within(answer.answer, CONTENT_MAX) if answer.answer.strip() else NOT_FOUND
        return [Message(content=text)]
    blocks = [quote_block(q) for q in answer.quotes]
    sources = answer.sources or _sources_of(answer.quotes)
    return _paged("Answer", blocks, _source_fields([source_line(s) for s in sources]))


def _sources_of(quotes: list[Quote]) -> list[Source]:
    seen: dict[tuple[int, str], Source] = {}
    for q in quotes:
        key = (q.citation, q.doc_id)
        if key not in seen:
            seen[key] = Source(q.citation, q.doc_id, q.meta)
    return list(seen.values())


def _listed(n: int, doc_id: str, meta: DocMeta, width: int) -> str:
    """`**n.** [title](url) — outlet, date`, the document id standing in for a missing title."""
    extra = ", ".join(escape(shorten(p, width)) for p in (meta.source, meta.date) if p)
    return f"**{n}.** {link(meta.title or doc_id, meta.url)}" + (f" — {extra}" if extra else "")


def render_search(query: str, hits: list[Hit], metas: dict[str, DocMeta]) -> list[Message]:
    if not hits:
        return [Message(content="No passages matched that search.")]
    blocks = []
    for n, hit in enumerate(hits, 1):
        head = _listed(n, hit.chunk.doc_id, metas.get(hit.chunk.doc_id, DocMeta()), 120)
        blocks.append(f"{head}\n{blockquote(escaped_within(hit.chunk.text, PASSAGE_MAX))}")
    return _paged(f"Search: {shorten(query, 200)}", blocks, [])


def page_count(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def render_sources_page(docs: list[DocumentInfo], page: int, per_page: int = 10, query: str = "",
                        collections: dict[str, int] | None = None) -> Message:
    """One page (0-based, clamped) of the document list; with `collections` (name → documents)
    the page starts with them, and each line names its document's collection."""
    pages = page_count(len(docs), per_page)
    page = min(max(page, 0), pages - 1)
    if not docs:
        what = f" matching “{escaped_within(query, 100)}”" if query else ""
        return Message(content=f"No documents{what} in the corpus.")
    several = len({d.collection for d in docs}) > 1
    lines = []
    if collections and len(collections) > 1:
        lines.append("**Collections:** " + ", ".join(
            f"{escape(shorten(c, 40))} ({thousands(n)})" for c, n in collections.items()) + "\n")
    for i, d in enumerate(docs[page * per_page : (page + 1) * per_page], page * per_page + 1):
        where = f" · *{escape(shorten(d.collection, 40))}*" if several else ""
        lines.append(_listed(i, d.doc_id, d.meta, 80) + where)
    footer = f"Page {page + 1}/{pages} · {thousands(len(docs))} documents"
    in_one = f" in {shorten(docs[0].collection, 60)}" if not several and collections is None else ""
    title = "Documents" + in_one + (f" matching “{shorten(query, 100)}”" if query else "")
    return Message(embeds=[_embed(title, pack(lines, DESCRIPTION_MAX, "\n")[0], footer=footer)])


def render_about(stats: dict, running: tuple[str, str] | None = None) -> Message:
    built = str(stats.get("built_at") or "never")
    if stats.get("built_by"):
        built += f" by {stats['built_by']}"
    fields = [
        ("Documents", thousands(int(stats.get("documents") or 0))),
        ("Passages (chunks)", thousands(int(stats.get("chunks") or 0))),
        ("Model", str(stats.get("model") or "?")),
        ("Index", f"{stats.get('index_type') or '?'}, dimension {stats.get('dimension') or '?'}"),
        ("Last reindex", built),
    ]
    if running:
        fields.append(("Reindex running", f"started by {running[0]} at {running[1]}"))
    return Message(
        embeds=[
            _embed(
                "About Quotebot",
                "I answer questions with verbatim quotes from the corpus and cite their sources.",
                [{"name": k, "value": escaped_within(v, FIELD_VALUE_MAX), "inline": True} for k, v in fields],
            )
        ]
    )


_UNITS = {"loading": "documents", "embedding": "chunks", "writing": "files"}


def progress_line(stage: str, done: int, total: int) -> str:
    unit = _UNITS.get(stage, "")
    if total <= 0:
        return f"Reindex: {stage}…"
    return f"Reindex: {stage} {thousands(done)} / {thousands(total)} {unit}".rstrip()


def render_summary(s: BuildSummary) -> str:
    kind = "Full reindex" if s.full else "Reindex"
    head = (
        f"{kind} finished in {s.seconds:.1f} s: {thousands(s.documents)} documents, "
        f"{thousands(s.chunks)} chunks ({thousands(s.embedded_chunks)} embedded)."
    )
    lines = [head]
    for label, names in (("Added", s.added), ("Changed", s.changed), ("Removed", s.removed)):
        if names:
            shown = ", ".join(escape(shorten(n, 80)) for n in names[:10])
            more = f" and {len(names) - 10} more" if len(names) > 10 else ""
            lines.append(f"**{label} ({len(names)}):** {shown}{more}")
    lines.append(f"**Unchanged:** {thousands(s.unchanged)}")
    for label, items in (("Skipped", s.skipped), ("Duplicates", s.duplicates)):
        if items:
            lines.append(f"**{label} ({len(items)}):**")
            lines += [f"- {escape(shorten(i.path, 80))}: {escape(shorten(i.reason, 160))}" for i in items[:10]]
            if len(items) > 10:
                lines.append(f"- … and {len(items) - 10} more")
    return shorten("\n".join(lines), CONTENT_MAX)
