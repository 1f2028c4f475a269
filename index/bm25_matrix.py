"""bm25s's score matrix, computed with numpy instead of bm25s's loop over documents.

`bm25s.BM25.index` counts terms document by document in Python: 3.1 of a one-speech reindex's
15 seconds on the UN General Debate corpus (83k chunks, 5M tokens; bench/incremental.py). The
same matrix — Lucene's BM25, bm25s's defaults — is here a sort and a few array operations, and is
handed to the bm25s object, which saves, loads and scores it as if it had built it.
tests/index/test_bm25_matrix.py checks the two agree on every score.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import bm25s
import numpy as np


def index(retriever: bm25s.BM25, corpus: Sequence[list[str]]) -> None:
    """`retriever.index(corpus)` for bm25s's default method ("lucene"), in numpy."""
    if retriever.method != "lucene" or retriever.idf_method != "lucene":
        retriever.index(corpus, show_progress=False)
        return
    # Terms numbered in order of first use; the mapping runs in C (dict.fromkeys, map), not a
    # Python loop over the corpus's millions of tokens.
    vocab = {term: i for i, term in enumerate(dict.fromkeys(chain.from_iterable(corpus)))}
    lengths = np.fromiter(map(len, corpus), np.int64, len(corpus))
    term_ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(corpus)), np.int64, int(lengths.sum()))
    n_docs, n_vocab = len(corpus), len(vocab)
    doc_ids = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    # One key per (term, document), sorted by term then document: the matrix's column order.
    keys, tf = np.unique(term_ids * n_docs + doc_ids, return_counts=True)
    term, doc = np.divmod(keys, n_docs)
    df = np.bincount(term, minlength=n_vocab)
    idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5)).astype(retriever.dtype)
    k1, b = retriever.k1, retriever.b
    tfc = tf / (k1 * ((1 - b) + b * lengths[doc] / lengths.mean()) + tf)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    retriever.scores = {
        "data": (idf[term] * tfc).astype(retriever.dtype),
        "indices": doc.astype(retriever.int_dtype),
        "indptr": indptr,
        "num_docs": n_docs,
    }
    if "" not in vocab:  # bm25s's empty token, scored nowhere, for questions with no known term
        vocab[""] = n_vocab
    retriever.vocab_dict = vocab
    retriever.nonoccurrence_array = None  # (only BM25L and BM25+ have one)
    retriever.unique_token_ids_set = set(vocab.values())
