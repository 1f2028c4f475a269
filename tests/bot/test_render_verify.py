"""bot.render_verify: a quote check as Discord messages — quotes untouched, claim marked, limits."""

from __future__ import annotations

import pytest

from bot.render_verify import (
    NOT_FOUND_LINE,
    NOT_VERBATIM_TITLE,
    VERBATIM_TITLE,
    difference_lines,
    marked_claim,
    render_verification,
)
from bot.text import DESCRIPTION_MAX, FIELD_VALUE_MAX, MESSAGE_TOTAL_MAX, embed_size
from index.types import DocMeta, Quote, Source, Verification, WordEdit

META = DocMeta(title="Rights office report", url="https://example.test/r", source="Example", date="2024-05-01")


def quote(text: str, speaker: str | None = "Mara Quint", kind: str = "direct") -> Quote:
    return Quote(text=text, doc_id="d", start=0, end=len(text), meta=META, speaker=speaker, kind=kind, citation=1)


def checked(verdict, **kw) -> Verification:
    return Verification("claim", verdict, sources=[Source(1, "d", META)], **kw)


EDITS = [WordEdit("same", "We have raised", "We have raised"), WordEdit("changed", "the", "these"),
         WordEdit("same", "concerns with", "concerns with"), WordEdit("missing", "", "the"),
         WordEdit("changed", "government", "ministry"), WordEdit("added", "really", "")]


def test_verbatim_shows_the_quote_speaker_date_and_source():
    [m] = render_verification(checked("verbatim", quote=[quote("We expect action")]))
    [e] = m.embeds
    assert e["title"] == VERBATIM_TITLE
    assert e["description"] == "> We expect action\n— **Mara Quint** [1] · 2024-05-01"
    assert "[Rights office report](https://example.test/r)" in e["fields"][0]["value"]


def test_pieces_are_separate_quotes_with_the_ellipsis_between_them():
    [m] = render_verification(checked("verbatim", quote=[quote("We have raised"), quote("we expect action")]))
    blocks = m.embeds[0]["description"].split("\n\n")
    assert blocks[1] == "…" and blocks[0].startswith("> We have raised") and blocks[2].startswith("> we expect action")


def test_corpus_markdown_and_pings_are_escaped_in_the_quote():
    [m] = render_verification(checked("verbatim", quote=[quote("*Stop* @everyone now", speaker=None, kind="excerpt")]))
    assert m.embeds[0]["description"].startswith("> \\*Stop\\* @\u200beveryone now\n— from the article")


def test_the_claim_is_marked_and_the_quote_is_not():
    closest = quote("We have raised these concerns with the ministry")
    [m] = render_verification(checked("not verbatim", closest=closest, diff=EDITS, similarity=0.8))
    e = m.embeds[0]
    assert e["title"] == NOT_VERBATIM_TITLE
    claim_part, corpus_part = e["description"].split("\n\n**In the corpus:**\n")
    assert claim_part.endswith("We have raised ~~the~~ concerns with ~~government~~ ~~really~~")
    assert corpus_part.startswith("> We have raised these concerns with the ministry\n— **Mara Quint**")
    [diff] = [f for f in e["fields"] if f["name"].startswith("Differences")]
    assert diff["value"].split("\n") == ["~~the~~ → **these**", "**the** (left out)",
                                         "~~government~~ → **ministry**", "~~really~~ (not in the corpus)"]


def test_a_reported_closest_wording_is_not_shown_as_the_speakers_words():
    closest = quote("the agency would publish daily bulletins", kind="reported")
    [m] = render_verification(checked("not verbatim", closest=closest, diff=EDITS, similarity=0.8))
    assert "— **Mara Quint**, as reported by the article [1]" in m.embeds[0]["description"]


def test_same_words_with_other_punctuation_say_so():
    assert difference_lines([WordEdit("same", "a b c", "a, b c")]) == ["The same words; the punctuation differs."]


def test_not_found_is_one_line():
    assert [m.content for m in render_verification(checked("not found"))] == [NOT_FOUND_LINE]


@pytest.mark.parametrize("n", [1, 40, 400])
def test_long_claims_and_many_differences_keep_discords_limits(n):
    edits = [WordEdit("changed", "~word*_" * 3, "corpus_word" * 3) for _ in range(n)]
    closest = quote("x" * 1000 + " *y*" * 100)
    [m] = render_verification(checked("not verbatim", closest=closest, diff=edits, similarity=0.4))
    [e] = m.embeds
    assert len(e["description"]) <= DESCRIPTION_MAX and embed_size(e) <= MESSAGE_TOTAL_MAX
    assert all(len(f["value"]) <= FIELD_VALUE_MAX for f in e["fields"])
    assert e["description"].count("> ") >= 1


def test_a_claim_too_long_to_mark_is_shown_plain():
    edits = [WordEdit("changed", "w" * 9, "v") for _ in range(400)]
    assert "~~" not in marked_claim(edits)
