"""4. Cold start: a fresh process to its first answer on a prebuilt index, with counters that
prove loading embeds no document and rebuilds no BM25, lexicon or index."""

from __future__ import annotations

import os
import time

from bench import common as C
from bench.speed.parts import real_embedder

COUNTERS = ("doc_encode_calls", "doc_texts_embedded", "query_encodes", "query_texts_embedded",
            "bm25_index_calls", "lexical_builds", "lexicon_builds", "builds")


class CountingEmbedder:
    """Passes every call on to `inner`, counting documents' and questions' texts apart."""

    def __init__(self, inner, counts: dict[str, int]) -> None:
        self.inner, self.counts = inner, counts
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts, batch_size=64, progress=None):
        self.counts["doc_encode_calls"] += 1
        self.counts["doc_texts_embedded"] += len(texts)
        return self.inner.encode(texts, batch_size=batch_size, progress=progress)

    def encode_query(self, text):
        self.counts["query_encodes"] += 1
        self.counts["query_texts_embedded"] += 1
        return self.inner.encode_query(text)

    def encode_queries(self, texts):
        self.counts["query_encodes"] += 1
        self.counts["query_texts_embedded"] += len(texts)
        return self.inner.encode_queries(texts)


def measure(config, embedder_factory, question: str, t_spawn: float | None = None) -> dict:
    t_main = time.time()
    t = C.Timer()
    import bm25s

    from index import bm25_matrix, builder
    from index.engine import Engine
    from index.lexical import LexicalIndex
    imports_s = t.lap()

    counts = dict.fromkeys(COUNTERS, 0)
    # (BM25 matrices are built by bm25_matrix.index, or by bm25s for other BM25 variants)
    saved = (bm25s.BM25.index, bm25_matrix.index, LexicalIndex.build, builder.build_lexicon, builder.build)

    def counted(fn, key):
        def inner(*a, **kw):
            counts[key] += 1
            return fn(*a, **kw)
        return inner

    bm25s.BM25.index = counted(bm25s.BM25.index, "bm25_index_calls")
    bm25_matrix.index = counted(bm25_matrix.index, "bm25_index_calls")
    LexicalIndex.build = classmethod(counted(LexicalIndex.build.__func__, "lexical_builds"))
    builder.build_lexicon = counted(builder.build_lexicon, "lexicon_builds")
    builder.build = counted(builder.build, "builds")
    try:
        inner = embedder_factory(config)
        model_s = t.lap()
        engine = Engine.open(config, CountingEmbedder(inner, counts), build_if_missing=False)
        index_s = t.lap()
        # Loading itself must embed nothing; what the first answer embeds is query-time work.
        at_load = {f"load_{k}": v for k, v in counts.items()}
        ans = engine.ask(question)
        first_s = t.lap()
        engine.wait_ready()
        typo_s = t.lap()
    finally:
        bm25s.BM25.index, bm25_matrix.index, LexicalIndex.build, builder.build_lexicon, builder.build = saved
    return {
        "interpreter_start_s": round(t_main - t_spawn, 3) if t_spawn else None,
        "imports_s": round(imports_s, 3),
        "model_load_s": round(model_s, 3),
        "index_load_s": round(index_s, 3),
        "first_answer_s": round(first_s, 3),
        "start_to_first_answer_s": round(time.time() - t_spawn - typo_s, 3) if t_spawn else None,
        "typo_index_after_s": round(typo_s, 3),
        "rss_after_first_answer_mb": round(C.rss_mb(), 1),
        "answered": not ans.abstained,
        **at_load,
        **counts,
    }


def task(config, spec: dict) -> dict:
    """Process start → first answer on the prebuilt index (BENCH_T0: when the parent spawned us)."""
    t_spawn = float(os.environ.get("BENCH_T0", "0")) or None
    return measure(config, real_embedder, spec["question"], t_spawn)
