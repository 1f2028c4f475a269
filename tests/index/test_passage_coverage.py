"""Coverage read from the BM25 index (index.passage_coverage) is `coverage` of the text, exactly."""

from __future__ import annotations

import pytest

from index.lexical import analyze
from index.passage_coverage import PassageCoverage, chunk_index
from index.search import Slot, coverage
from index.types import Chunk

SLOTS = {
    "words": [Slot("water", {"water"}, [], 1.5), Slot("lessons", {"lesson"}, [], 0.7)],
    "a phrase only": [Slot("ERA", {"era"}, ["eastland river agency"], 2.0)],
    "nothing in the corpus": [Slot("banana", {"banana"}, ["banana bread"], 1.0)],
    "none": [],
}


@pytest.mark.parametrize("slots", SLOTS.values(), ids=SLOTS.keys())
def test_every_chunk_and_document_gets_the_coverage_of_its_text(engine, slots):
    state = engine.state
    cover = PassageCoverage(slots, state, chunk_index(state))
    chunks = [state.chunk(i) for i in range(state.size)]
    assert cover.chunks(chunks) == [coverage(slots, c.text) for c in chunks]
    for doc in state.docs:
        assert cover.document(doc.doc_id) == coverage(slots, doc.text)


def test_a_chunk_the_index_does_not_hold_is_read_from_its_text(engine):
    slots = SLOTS["words"]
    made_up = Chunk("elsewhere", 0, 0, 20, "Water everywhere.")
    cover = PassageCoverage(slots, engine.state, chunk_index(engine.state))
    assert cover.chunk(made_up) == coverage(slots, made_up.text)


def test_presence_in_the_bm25_index_is_the_chunks_analysed_words(engine):
    state = engine.state
    vocabulary = sorted({t for i in range(state.size) for t in analyze(state.chunk(i).text)})
    present = state.lexical.present([*vocabulary, "neverused"], list(range(state.size)))
    for row in range(state.size):
        words = set(analyze(state.chunk(row).text))
        assert {t for t, yes in zip(vocabulary, present[:-1, row], strict=True) if yes} == words
    assert not present[-1].any()


@pytest.mark.parametrize("kept", [128, 0])
def test_a_documents_coverage_is_the_same_from_its_kept_folded_text(engine, kept):
    from index.passage_coverage import FoldedDocuments

    state, slots = engine.state, SLOTS["a phrase only"]
    folded = FoldedDocuments(kept)
    for _ in range(2):  # the second question reads the kept texts
        cover = PassageCoverage(slots, state, chunk_index(state), folded)
        assert [cover.document(d.doc_id) for d in state.docs] == [coverage(slots, d.text) for d in state.docs]
    # Only documents that need the phrase looked for are folded (alpha.txt has "ERA" itself).
    assert sorted(folded._texts) == (['beta', 'gamma'] if kept else [])
