"""A quote check (`Verification`) as Discord messages: pure functions, Discord's limits kept.

Only corpus text is ever shown as a quote (a block quote, as answers show them). The claim is
shown as the claim — plain, escaped, the words that differ from the corpus struck through —
and the differences are listed outside the quote, so no marking ever touches verbatim words.
"""

from __future__ import annotations

import logging

from bot.render import Message, _embed, _paged, _source_fields, quote_block, source_line
from bot.text import DESCRIPTION_MAX, FIELD_VALUE_MAX, escape, escaped_within, pack, shorten
from index.types import Quote, Verification, WordEdit

log = logging.getLogger(__name__)

VERBATIM_TITLE = "Verbatim — in the corpus word for word"
NOT_VERBATIM_TITLE = "Not verbatim — the closest wording in the corpus"
NOT_FOUND_LINE = "**Not found** — nothing in the corpus is close to that wording."
# Room for the claim and the closest wording in one embed description (4,096).
CLAIM_MAX = 1600
CLOSEST_MAX = 1800
WORD_MAX = 200


def dated_block(q: Quote, limit: int) -> str:
    block = quote_block(q, limit)
    return f"{block} · {escape(q.date)}" if q.date else block


def marked_claim(edits: list[WordEdit], limit: int = CLAIM_MAX) -> str:
    """The claim's words in order, escaped, with those the corpus does not have struck through."""
    parts = []
    for e in edits:
        if not e.claimed:
            continue
        words = escape(" ".join(e.claimed.split()))
        parts.append(words if e.op == "same" else f"~~{words}~~")
    text = " ".join(parts)
    if len(text) <= limit:
        return text
    # Too long once marked: the claim plain (it is already shown in full by Discord's command).
    return escaped_within(" ".join(" ".join(e.claimed.split()) for e in edits if e.claimed), limit)


def difference_lines(edits: list[WordEdit]) -> list[str]:
    """One line per difference: struck = the claim's words, bold = the corpus's words (verbatim)."""
    lines = []
    for e in edits:
        claimed, corpus = (escaped_within(" ".join(t.split()), WORD_MAX) for t in (e.claimed, e.corpus))
        if e.op == "changed":
            lines.append(f"~~{claimed}~~ → **{corpus}**")
        elif e.op == "added":
            lines.append(f"~~{claimed}~~ (not in the corpus)")
        elif e.op == "missing":
            lines.append(f"**{corpus}** (left out)")
    return lines or ["The same words; the punctuation differs."]


def _differences_field(edits: list[WordEdit]) -> dict:
    lines = difference_lines(edits)
    pages = pack(lines, FIELD_VALUE_MAX - 40, sep="\n")
    shown = pages[0].count("\n") + 1
    value = pages[0] + (f"\n… and {len(lines) - shown} more" if shown < len(lines) else "")
    return {"name": "Differences (your words → the corpus)", "value": value, "inline": False}


def render_verification(v: Verification) -> list[Message]:
    sources = _source_fields([source_line(s) for s in v.sources])
    if v.verdict == "verbatim" and v.quote:
        blocks: list[str] = []
        for q in v.quote:
            if blocks:
                blocks.append("…")  # the claim's own ellipsis, between the pieces, outside every quote
            blocks.append(dated_block(q, CLOSEST_MAX))
        return _paged(VERBATIM_TITLE, blocks, sources)
    if v.verdict == "not verbatim" and v.closest is not None:
        description = (f"**Your text** (struck: words the corpus does not have there):\n{marked_claim(v.diff)}\n\n"
                       f"**In the corpus:**\n{dated_block(v.closest, CLOSEST_MAX)}")
        embed = _embed(NOT_VERBATIM_TITLE, shorten(description, DESCRIPTION_MAX), [_differences_field(v.diff), *sources])
        return [Message(embeds=[embed])]
    return [Message(content=NOT_FOUND_LINE)]
