"""Plain-text rendering of an answer: what `Answer.answer` holds and the CLI prints.

Only a speaker's own quoted words get quote marks added around them; reported speech and
narrative are shown as the article's wording, so no paraphrase ever reads as a quotation.
"""

from __future__ import annotations

import re

from index.types import Answer, Quote, Source, Verification, WordEdit

NOT_FOUND = "I couldn't find that in the corpus."

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def flowing(text: str) -> str:
    """A quote's words as one would read them: the line breaks of hard-wrapped text (a UN speech,
    a PDF) inside a paragraph become spaces, or nothing after a line-end hyphen
    ('Secretary-\nGeneral'). The quote itself, and its offsets, stay the document's exact span."""
    return "\n\n".join(_joined(p) for p in _PARAGRAPH_BREAK.split(text))


def _joined(paragraph: str) -> str:
    lines = paragraph.split("\n")
    out = lines[0].rstrip()
    for line in lines[1:]:
        line = line.strip()
        out += line if out.endswith("-") else f" {line}"
    return out


def quote_line(q: Quote) -> str:
    text = ("…" if q.cut_before else "") + flowing(q.text) + ("…" if q.cut_after else "")
    when = f" ({q.date})" if q.date else ""
    if q.kind == "direct" and q.speaker:
        return f"“{text}” — {q.speaker}{when} [{q.citation}]"
    if q.kind == "publisher" and q.speaker:
        return f"{q.speaker} (own publication){when}: {text} [{q.citation}]"
    if q.kind in ("mixed", "reported") and q.speaker:
        return f"{q.speaker}, as reported{when}: {text} [{q.citation}]"
    return f"From the article{when}: {text} [{q.citation}]"


def source_line(s: Source) -> str:
    meta = ", ".join(x for x in (s.source, s.date) if x)
    return f"[{s.n}] {s.title}" + (f" — {meta}" if meta else "") + (f" — {s.url}" if s.url else "")


def render_text(quotes: list[Quote], sources: list[Source]) -> str:
    lines = [quote_line(q) for q in quotes]
    lines += ["", "Sources:", *(source_line(s) for s in sources)]
    return "\n".join(lines)


NO_CLOSE_WORDING = "Not found: nothing in the corpus is close to that wording."


def diff_line(edits: list[WordEdit]) -> str:
    """The words that differ, claim first: "government → ministry; really (not in the corpus)"."""
    parts = []
    for e in edits:
        if e.op == "changed":
            parts.append(f"{e.claimed} → {e.corpus}")
        elif e.op == "added":
            parts.append(f"{e.claimed} (not in the corpus)")
        elif e.op == "missing":
            parts.append(f"{e.corpus} (left out)")
    return "; ".join(parts) if parts else "the same words; the punctuation differs"


def verification_text(v: Verification) -> str:
    """What `quotebot verify` prints. Quote marks are only ever around corpus text."""
    if v.verdict == "verbatim":
        head = "Verbatim." if len(v.quote) == 1 else f"Verbatim, in {len(v.quote)} pieces joined by “…”:"
        lines = [head, *(quote_line(q) for q in v.quote)]
    elif v.verdict == "not verbatim" and v.closest is not None:
        lines = ["Not verbatim. The closest wording in the corpus:", quote_line(v.closest),
                 "Your text differs: " + diff_line(v.diff)]
    else:
        return NO_CLOSE_WORDING
    lines += ["", "Sources:", *(source_line(s) for s in v.sources)]
    return "\n".join(lines)


def scope_note(answer: Answer) -> str:
    """"Only documents in un from 2024 (“in 2024” in the question)." — what an answer was
    restricted to (and any date of the question that matched nothing); "" when nothing was,
    or when the answer already says it ("No documents from 2019 in un.")."""
    filters = answer.filters or {}
    lines = [filters["note"]] if filters.get("note") else []
    if answer.scope and not answer.answer.rstrip(".").endswith(answer.scope):
        phrase = filters.get("from_question")
        said = f" (“{phrase}” in the question)" if phrase else ""
        lines.append(f"Only documents {answer.scope}{said}.")
    return "\n".join(lines)
