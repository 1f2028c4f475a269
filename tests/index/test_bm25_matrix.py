"""The numpy BM25 matrix is bm25s's own, score for score (index/bm25_matrix.py)."""

from __future__ import annotations

import bm25s
import numpy as np
import pytest

from index import bm25_matrix

CORPUS = [
    ["river", "flood", "flood", "town"],
    ["council", "budget", "town", "vote", "budget", "budget"],
    [""],  # a chunk with no terms, as LexicalIndex pads it
    ["flood", "warn", "river", "river", "river", "bank"],
    ["vote"],
]


def built(corpus, with_numpy: bool) -> bm25s.BM25:
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    if with_numpy:
        bm25_matrix.index(retriever, corpus)
    else:
        retriever.index(corpus, show_progress=False)
    return retriever


@pytest.mark.parametrize("query", [["flood"], ["river", "town"], ["budget", "vote", "bank"], ["absent"], [""]])
def test_scores_match_bm25s(query) -> None:
    ours, theirs = built(CORPUS, True), built(CORPUS, False)
    assert np.array_equal(ours.get_scores(query), theirs.get_scores(query))


def test_each_terms_column_matches_bm25s() -> None:
    ours, theirs = built(CORPUS, True), built(CORPUS, False)
    for term, theirs_id in theirs.vocab_dict.items():
        if theirs_id + 1 >= len(theirs.scores["indptr"]):
            continue  # bm25s's padding entry has no column
        ours_id = ours.vocab_dict[term]
        a = slice(*theirs.scores["indptr"][theirs_id : theirs_id + 2])
        b = slice(*ours.scores["indptr"][ours_id : ours_id + 2])
        assert np.array_equal(theirs.scores["indices"][a], ours.scores["indices"][b]), term
        assert np.array_equal(theirs.scores["data"][a], ours.scores["data"][b]), term


def test_a_saved_matrix_loads_and_scores_the_same(tmp_path) -> None:
    ours = built(CORPUS, True)
    ours.save(str(tmp_path), show_progress=False)
    loaded = bm25s.BM25.load(str(tmp_path), show_progress=False)
    assert np.array_equal(loaded.get_scores(["river", "vote"]), ours.get_scores(["river", "vote"]))
