"""index.render: the plain text of a quote check (what `quotebot verify` prints)."""

from __future__ import annotations

import pytest

from index.render import NO_CLOSE_WORDING, diff_line, flowing, quote_line, verification_text
from index.types import DocMeta, Quote, Source, Verification, WordEdit

META = DocMeta(title="Rights office report", source="Example", date="2024-05-01")


def quote(text: str, speaker: str | None = "Mara Quint", kind: str = "direct") -> Quote:
    return Quote(text=text, doc_id="d", start=0, end=len(text), meta=META, speaker=speaker, kind=kind, citation=1)


@pytest.mark.parametrize("edits, line", [
    ([WordEdit("changed", "government", "ministry")], "government → ministry"),
    ([WordEdit("added", "really", "")], "really (not in the corpus)"),
    ([WordEdit("missing", "", "we")], "we (left out)"),
    ([WordEdit("same", "a b", "a, b")], "the same words; the punctuation differs"),
])
def test_diff_line(edits, line):
    assert diff_line(edits) == line


def test_verbatim_pieces_each_on_their_line():
    v = Verification("c", "verbatim", quote=[quote("We have raised"), quote("we expect action")],
                     sources=[Source(1, "d", META)])
    assert verification_text(v).splitlines()[:3] == [
        "Verbatim, in 2 pieces joined by “…”:",
        "“We have raised” — Mara Quint (2024-05-01) [1]", "“we expect action” — Mara Quint (2024-05-01) [1]"]


def test_narrative_closest_wording_gets_no_quote_marks():
    v = Verification("c", "not verbatim", closest=quote("Fields were flooded", None, "excerpt"),
                     diff=[WordEdit("changed", "farms", "Fields")], sources=[Source(1, "d", META)])
    assert verification_text(v).splitlines()[1] == "From the article (2024-05-01): Fields were flooded [1]"


def test_not_found():
    assert verification_text(Verification("c", "not found")) == NO_CLOSE_WORDING


@pytest.mark.parametrize("text, shown", [
    ("We have sought peace through \ntreaties and trade", "We have sought peace through treaties and trade"),
    ("the work of the Secretary-\nGeneral, Mr. Ortega", "the work of the Secretary-General, Mr. Ortega"),
    ("First paragraph.\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
    ("No line break at all.", "No line break at all."),
], ids=["wrapped line", "hyphen at the line end", "paragraphs kept", "unchanged"])
def test_flowing_joins_the_lines_of_a_wrapped_paragraph(text, shown):
    assert flowing(text) == shown


def test_a_wrapped_quote_is_shown_on_one_line():
    line = quote_line(quote("We were never asked whether we \nagreed to any of this"))
    assert line.startswith("“We were never asked whether we agreed to any of this” — Mara Quint")
