import pytest

from index.chunking import chunk_document, chunk_spans
from index.types import Document

LONG_PARA = " ".join(f"Sentence number {i} talks about the U.N. office and more." for i in range(80))

CASES = {
    "short paragraphs": "First line.\n\nSecond short paragraph.\n\nThird one here.",
    "one long paragraph": LONG_PARA,
    "mixed": "Title line\n\n" + LONG_PARA + "\n\nHe said.\n\n" + LONG_PARA[:500],
    "monster sentence": "word " * 800,
    "curly quotes": "“We are concerned,” he said.\n\n‘Fine,’ she said. " * 30,
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_chunk_text_is_the_documents_text_at_its_span(text):
    doc = Document(doc_id="d", text=text)
    for chunk in chunk_document(doc, max_chars=300, min_chars=80):
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.text.strip() == chunk.text


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_chunks_respect_the_size_limit(text):
    for s, e in chunk_spans(text, max_chars=300, min_chars=80):
        assert e - s <= 300


def test_tiny_paragraphs_are_merged():
    text = "A.\n\nB.\n\nC."
    assert chunk_spans(text, max_chars=300, min_chars=80) == [(0, len(text))]


def test_long_paragraph_splits_at_sentence_boundaries():
    spans = chunk_spans(LONG_PARA, max_chars=300, min_chars=80)
    assert len(spans) > 1
    for s, e in spans:
        assert LONG_PARA[s:e].endswith(".")
        assert LONG_PARA[s:e].startswith("Sentence")


def test_abbreviation_does_not_end_a_sentence():
    text = "The U.N. human rights office said it was concerned. " * 20
    for s, e in chunk_spans(text, max_chars=200, min_chars=50):
        assert not text[s:e].startswith("human")


def test_ordinals_and_ids_are_stable():
    doc = Document(doc_id="x", text=LONG_PARA)
    chunks = chunk_document(doc, max_chars=300, min_chars=80)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    assert chunks[1].chunk_id == "x#1"


def test_every_word_lands_in_some_chunk():
    text = CASES["mixed"]
    spans = chunk_spans(text, max_chars=300, min_chars=80)
    covered = " ".join(text[s:e] for s, e in spans).split()
    assert covered == text.split()
