"""Embedding backends side by side: batch encode, one-question encode, agreement with torch,
and warm `ask` latency with each backend on the question side.

    python bench/backends.py [--hrw-docs 60] [--questions 200] [--work DIR] [--out FILE.json]

One process, A/B: the same chunks (the first HRW articles) through torch, onnx and onnx-int8;
the index is built once with torch document vectors and then asked the same questions with each
query backend (an index of one model answers any backend's question vectors). SciFact nDCG@10
per combination is bench/beir.py's job (`--backend`, `--query-backend`). The load average is
printed next to each figure: on a shared box it moves them more than anything else.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench import common as C  # noqa: E402

BACKENDS = ("torch", "onnx", "onnx-int8")


def load() -> float:
    return round(os.getloadavg()[0], 2)


def sample_chunks(corpus: Path, config, n: int) -> list[str]:
    from index.chunking import chunk_spans
    from index.documents import load_corpus

    texts: list[str] = []
    for d in load_corpus(corpus, config).documents:
        texts += [d.text[s:e] for s, e in chunk_spans(d.text, config.chunking.max_chars, config.chunking.min_chars)]
        if len(texts) >= n:
            break
    return texts[:n]


def encode_figures(backend: str, chunks: list[str], questions: list[str], cache: Path,
                   reference: np.ndarray | None, batch_size: int) -> tuple[dict, np.ndarray]:
    from index.backends import load_backend

    docs = load_backend(backend, "", export_dir=cache)
    docs.encode(chunks[:16], batch_size=batch_size)  # warm-up: first-call allocations
    t0 = time.perf_counter()
    vecs = docs.encode(chunks, batch_size=batch_size)
    batch_s = time.perf_counter() - t0
    query = docs if backend == "torch" else load_backend(backend, "", export_dir=cache, threads=1)
    for q in questions[:5]:
        query.encode_query(q)
    single = []
    for q in questions:
        t = time.perf_counter()
        query.encode_query(q)
        single.append((time.perf_counter() - t) * 1000)
    out = {"batch_chunks_per_s": round(len(chunks) / batch_s, 2), "batch_load": load(),
           "query_p50_ms": round(statistics.median(single), 2), "query_load": load()}
    if reference is not None:
        cos = (vecs * reference).sum(axis=1)
        out["cosine_to_torch_mean"] = round(float(cos.mean()), 4)
        out["cosine_to_torch_min"] = round(float(cos.min()), 4)
    return out, vecs


def ask_figures(config, query_backend: str, questions: list[str]) -> dict:
    from index.config import EmbeddingConfig
    from index.engine import Engine

    cfg = replace(config, embedding=EmbeddingConfig(backend="torch", query_backend=query_backend,
                                                    cache_dir=config.embedding.cache_dir))
    engine = Engine.open(cfg, build_if_missing=False)
    engine.wait_ready()
    for q in ("What did the minister say?", "climate", "Who was detained?"):
        engine.ask(q)  # warm-up, and the query model's load
    totals, embed = [], []
    for q in questions:
        t = time.perf_counter()
        ans = engine.ask(q)
        totals.append((time.perf_counter() - t) * 1000)
        embed.append(float(ans.timings_ms.get("embed", 0.0)))
    return {"questions": len(questions), "ask_p50_ms": round(C.percentile(totals, 50), 2),
            "ask_p95_ms": round(C.percentile(totals, 95), 2),
            "embed_p50_ms": round(C.percentile(embed, 50), 2), "load": load()}


def scifact_dense(data_dir: Path, n_docs: int, cache_root: Path, work: Path) -> dict:
    """Dense-only nDCG@10 on a SciFact train subset (every judged document plus distractors up
    to n_docs): torch document vectors, questions through each backend. Dense-only on purpose:
    BM25 in the fused ranking would hide part of a query-vector difference."""
    from bench import beir
    from index.cached_embedding import embed_cached
    from index.config import EngineConfig
    from index.documents import load_corpus
    from index.embedder import LazyEmbedder
    from index.vector_cache import VectorCache

    data = beir.load_beir(data_dir, "train")
    judged = {d for r in data.qrels.values() for d in r}
    order = [d for d in data.corpus if d in judged] + [d for d in data.corpus if d not in judged]
    keep = set(order[:n_docs])
    data.corpus = {d: v for d, v in data.corpus.items() if d in keep}
    folder = beir.write_engine_corpus(data, work / "scifact-corpus").parent
    docs = load_corpus(folder, EngineConfig(corpus_dir=folder)).documents
    texts, ids = [d.text for d in docs], [beir.beir_id(d.doc_id) for d in docs]
    docs_side = LazyEmbedder("", backend="torch")
    cache = VectorCache(cache_root, docs_side.name, "torch", 384, "chunks")
    t0 = time.perf_counter()
    doc_vecs = embed_cached(docs_side, texts, cache=cache, batch_size=64, cache_batch=256,
                            stage="embedding", what="chunks", report=lambda *a: None, dim=384).vectors
    out: dict = {"documents": len(texts), "queries": len(data.queries),
                 "doc_embed_s": round(time.perf_counter() - t0, 1), "load": load()}
    qids = list(data.queries)
    for qb in BACKENDS:
        q_side = LazyEmbedder("", backend="torch", query_backend=qb, cache_dir=work / "cache")
        qtexts = [data.queries[q] for q in qids]
        qv = np.concatenate([q_side.encode_queries(qtexts[i : i + 32]) for i in range(0, len(qtexts), 32)])
        top = np.argsort(-(qv @ doc_vecs.T), axis=1)[:, :10]
        scores = [beir.ndcg_at_k([ids[j] for j in row], data.qrels[q]) for q, row in zip(qids, top, strict=True)]
        out[qb] = {"ndcg@10_dense": round(float(np.mean(scores)), 4), "load": load()}
        print("scifact subset, questions through", qb, out[qb], flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hrw-docs", type=int, default=60, help="HRW articles in the index")
    ap.add_argument("--chunks", type=int, default=160, help="chunks for the batch-encode figure")
    ap.add_argument("--questions", type=int, default=200)
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (kept: the index and exports are reused)")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--scifact", type=Path, help="only the SciFact subset check, on this BEIR folder")
    ap.add_argument("--scifact-docs", type=int, default=1500)
    ap.add_argument("--scifact-cache", type=Path, help="vector cache root with torch SciFact vectors")
    opts = ap.parse_args(argv)

    from index.config import EmbeddingConfig, EngineConfig
    from index.engine import Engine

    work = opts.work or Path("/tmp/quotebot-bench-backends")
    if opts.scifact:
        res = scifact_dense(opts.scifact, opts.scifact_docs, opts.scifact_cache or work / "cache", work)
        print(json.dumps(res, indent=1))
        if opts.out:
            opts.out.write_text(json.dumps(res, indent=1))
        return 0
    corpus = work / "corpus"
    if not corpus.is_dir():
        C.copy_corpus(C.CORPORA["hrw"], corpus, opts.hrw_docs)
    config = EngineConfig(corpus_dir=corpus, index_dir=work / "index",
                          embedding=EmbeddingConfig(cache_dir=work / "cache"))
    res: dict = {"load_start": load(), "cpu": os.cpu_count()}
    t0 = time.perf_counter()
    engine = Engine.open(config)  # torch documents; resumes from the cache when rerun
    res["index"] = {"documents": engine.stats()["documents"], "chunks": engine.stats()["chunks"],
                    "open_or_build_s": round(time.perf_counter() - t0, 1), "load": load()}
    questions = C.make_questions(engine.state.docs, "hrw", opts.questions)
    del engine
    chunks = sample_chunks(corpus, config, opts.chunks)
    ref = None
    res["encode"] = {}
    for b in BACKENDS:
        res["encode"][b], vecs = encode_figures(b, chunks, questions[:40], work / "cache", ref, config.batch_size)
        if b == "torch":
            ref = vecs
        print(b, res["encode"][b], flush=True)
    res["ask"] = {}
    for b in BACKENDS:
        res["ask"][b] = ask_figures(config, b, questions)
        print("ask, questions through", b, res["ask"][b], flush=True)
    res["load_end"] = load()
    print(json.dumps(res, indent=1))
    if opts.out:
        opts.out.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
