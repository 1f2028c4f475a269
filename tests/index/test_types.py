"""index.types: one DocMeta per citation, and the `ask --json` schema the README documents."""

from __future__ import annotations

import json

import pytest

from index.types import Answer, DocMeta, Document, Quote, Source

META = DocMeta(title="UN rights office alarmed", url="https://news.example/a", source="Example News", date="2024-11-19")
QUOTE_KEYS = {"text", "doc_id", "title", "url", "source", "date", "speaker", "start", "end", "citation", "page",
              "cut_before", "cut_after", "kind", "role", "organisation"}
SOURCE_KEYS = {"n", "doc_id", "title", "url", "source", "date"}


def _answer() -> Answer:
    quote = Quote(text="civilians must be protected", doc_id="a", start=4, end=31, meta=META, speaker="Türk", citation=1)
    return Answer(question="q", abstained=False, answer="x", quotes=[quote], sources=[Source(1, "a", META)])


def test_json_quotes_and_sources_carry_flat_citation_keys():
    out = json.loads(json.dumps(_answer().to_json()))
    assert set(out["quotes"][0]) == QUOTE_KEYS
    assert set(out["sources"][0]) == SOURCE_KEYS
    for record in (out["quotes"][0], out["sources"][0]):
        assert (record["title"], record["url"], record["source"], record["date"]) == (
            META.title, META.url, META.source, META.date)


@pytest.mark.parametrize("field", ["title", "url", "source", "date"])
def test_records_read_their_citation_from_the_one_meta(field):
    doc = Document(doc_id="a", text="text", meta=META)
    quote = Quote(text="t", doc_id="a", start=0, end=1, meta=doc.meta)
    assert getattr(doc, field) == getattr(quote, field) == getattr(Source(1, "a", doc.meta), field) == getattr(META, field)


def test_stored_row_round_trips_and_stays_flat():
    doc = Document(doc_id="a", text="body", meta=META, path="a.txt", pages=[(0, 4, 1)])
    row = {**doc.to_row(), "text": doc.text}
    assert {"title", "url", "source", "date"} <= set(row) and "meta" not in row
    again = Document.from_row(row)
    assert again == doc and again.content_hash == doc.content_hash


def test_doc_meta_is_frozen():
    with pytest.raises(AttributeError):
        META.title = "other"  # type: ignore[misc]
