"""index.render: the plain text of a quote check (what `quotebot verify` prints)."""

from __future__ import annotations

import pytest

from index.render import NO_CLOSE_WORDING, diff_line, verification_text
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
