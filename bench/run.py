"""Speed and memory of Quotebot, side by side, in one run.

    python bench/run.py [--corpus NAME_OR_PATH ...] [--out results.json] [--quick]
                        [--limit-docs N] [--questions N] [--no-peer]

Corpora: `ap` (the repo's corpus/), `hrw` (../shared/corpora/hrw_2024), `ungdc`
(../shared/corpora/ungdc_2000_2024) or any folder. Each measurement runs in its own process so
peak memory figures do not mix. Prints rich tables, then the JSON (also written to --out) as the
last line of stdout. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
try:
    from bench import common as C
except ImportError:  # bench/ without __init__.py
    sys.path.insert(0, str(HERE))
    import common as C  # type: ignore[no-redef]

STAGES = ("expand", "embed", "dense", "bm25", "fusion", "compose", "total")
EF_SEARCH = (16, 32, 64, 128, 256)


# --- building blocks shared by the measurements (embedder injectable for tests) --------------
def make_config(corpus_dir: str | Path, index_dir: str | Path, batch_size: int | None = None):
    from index.config import EngineConfig

    cfg = EngineConfig(corpus_dir=Path(corpus_dir), index_dir=Path(index_dir))
    return replace(cfg, batch_size=batch_size) if batch_size else cfg


def real_embedder(config):
    from index.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(config.model, config.device)


def serving_embedder(config):
    """The embedder the engine itself makes: documents' and questions' backends as configured
    (EngineConfig.embedding), ONNX exports under the index's cache folder; both loaded now."""
    from index.embedder import LazyEmbedder

    embedder = LazyEmbedder(config.model, config.device, backend=config.embedding.backend,
                            query_backend=config.query_backend, cache_dir=config.cache_dir)
    embedder.query_model()
    return embedder


def bare_encode_fn(embedder, batch_size: int):
    """The physical floor: SentenceTransformer.encode itself, same model and batch size."""
    model = getattr(embedder, "_model", None)
    if model is None:  # a fake embedder in tests
        return lambda texts: embedder.encode(texts, batch_size=batch_size)
    return lambda texts: model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                      convert_to_numpy=True, show_progress_bar=False)


def chunk_texts(docs, config) -> list[str]:
    from index.chunking import chunk_spans

    return [d.text[s:e] for d in docs
            for s, e in chunk_spans(d.text, config.chunking.max_chars, config.chunking.min_chars)]


def torch_threads() -> int | None:
    try:
        import torch

        return torch.get_num_threads()
    except ImportError:
        return None


# --- 1. full build ---------------------------------------------------------------------------
def measure_build(config, embedder) -> dict:
    from index.engine import Engine
    from index.store import current_path

    rss_before = C.rss_mb()
    engine = Engine(config, embedder)
    t0 = time.perf_counter()
    summary = engine.reindex(full=True, started_by="bench")
    wall = time.perf_counter() - t0
    path = current_path(config.index_dir)
    return {
        "wall_s": round(wall, 3),
        "summary_seconds": summary.seconds,
        "documents": summary.documents,
        "chunks": summary.chunks,
        "embedded_chunks": summary.embedded_chunks,
        "docs_per_s": round(summary.documents / wall, 2) if wall else 0.0,
        "chunks_per_s": round(summary.chunks / wall, 2) if wall else 0.0,
        "index_bytes": C.dir_size(path) if path else 0,
        "index_type": engine.stats().get("index_type"),
        "query_backend": engine.stats().get("query_backend"),
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(C.peak_rss_mb(), 1),
        "batch_size": config.batch_size,
        "torch_threads": torch_threads(),
    }


# --- 1b. floor and stage breakdown -----------------------------------------------------------
def measure_stages(config, embedder, out_dir: Path) -> dict:
    """The builder's steps one by one, with a bare encode in place of the engine's wrapper."""
    import numpy as np

    from index import builder, store
    from index.documents import fingerprint_files, load_corpus
    from index.lexical import LexicalIndex

    t = C.Timer()
    st: dict[str, float] = {}
    fingerprint_files(config.corpus_dir, glossary_file=config.glossary_file)
    st["fingerprint"] = t.lap()
    loaded = load_corpus(config.corpus_dir, config)
    st["load_parse"] = t.lap()
    docs = loaded.documents
    hashes = {d.doc_id: d.content_hash for d in docs}
    st["hash"] = t.lap()
    texts = chunk_texts(docs, config)
    st["chunk"] = t.lap()
    encode = bare_encode_fn(embedder, config.batch_size)
    vectors = np.asarray(encode(texts), dtype=np.float32) if texts else np.zeros((0, embedder.dim), np.float32)
    st["embed"] = t.lap()
    dense = builder.make_dense(vectors, embedder.dim, config.approximate_above)
    st["faiss"] = t.lap()
    lexical = LexicalIndex.build(texts)
    st["bm25"] = t.lap()
    lexicon = builder.build_lexicon(docs)
    st["lexicon_vocab"] = t.lap()
    from index.chunking import chunk_spans

    rows = np.asarray([(di, i, s, e) for di, d in enumerate(docs) for i, (s, e) in
                       enumerate(chunk_spans(d.text, config.chunking.max_chars, config.chunking.min_chars))],
                      dtype=np.int64).reshape(-1, 4)
    t.lap()  # the rows were already counted under "chunk"
    state = store.IndexState(path=None, manifest={"doc_hashes": hashes}, docs=docs, chunk_rows=rows,
                             dense=dense, lexical=lexical, lexicon=lexicon)
    out_dir.mkdir(parents=True, exist_ok=True)
    store.write_generation(out_dir, state)
    st["write"] = t.lap()
    non_embed = sum(v for k, v in st.items() if k != "embed")
    wrapper = wrapper_vs_bare(embedder, config.batch_size, texts)
    return {
        "wrapper_vs_bare": wrapper,
        "documents": len(docs),
        "chunks": len(texts),
        "chars": sum(len(x) for x in texts),
        "floor_encode_s": round(st["embed"], 3),
        "floor_chunks_per_s": round(len(texts) / st["embed"], 2) if st["embed"] else 0.0,
        "stages_s": {k: round(v, 3) for k, v in st.items()},
        "non_embed_s": round(non_embed, 3),
        "peak_rss_mb": round(C.peak_rss_mb(), 1),
        "batch_size": config.batch_size,
        "torch_threads": torch_threads(),
    }


def build_ratio(build: dict, stages: dict) -> float | None:
    """Full build wall time over the bare encode of the same chunks (1.0 = the physical floor)."""
    floor = stages.get("floor_encode_s") or 0
    return round(build["wall_s"] / floor, 3) if floor and "wall_s" in build else None


def wrapper_vs_bare(embedder, batch_size: int, texts: list[str], sample: int = 192) -> dict:
    """The engine's `encode` vs the bare encode on the same sample, interleaved A B B A so a
    changing machine load hits both equally: the wrapper's own overhead, free of drift."""
    if not texts:
        return {}
    step = max(1, len(texts) // sample)
    part = texts[::step][:sample]
    bare = bare_encode_fn(embedder, batch_size)
    engine_s, bare_s = 0.0, 0.0
    for which in ("engine", "bare", "bare", "engine"):
        t0 = time.perf_counter()
        if which == "engine":
            embedder.encode(part, batch_size=batch_size)
            engine_s += time.perf_counter() - t0
        else:
            bare(part)
            bare_s += time.perf_counter() - t0
    return {"texts": len(part), "engine_s": round(engine_s, 3), "bare_s": round(bare_s, 3),
            "ratio": round(engine_s / bare_s, 3) if bare_s else None}


def query_embed_threads(embedder, questions: list[str], n: int = 40) -> dict:
    """Single-query embedding with torch's default threads vs one thread, interleaved."""
    try:
        import torch
    except ImportError:
        return {}
    default = torch.get_num_threads()
    lat: dict[int, list[float]] = {default: [], 1: []}
    try:
        for q in list(dict.fromkeys(questions))[:n]:
            for th in (default, 1):
                torch.set_num_threads(th)
                t0 = time.perf_counter()
                embedder.encode_query(q)
                lat[th].append((time.perf_counter() - t0) * 1000)
    finally:
        torch.set_num_threads(default)
    return {f"threads_{th}_p50_ms": round(C.percentile(v, 50), 2) for th, v in lat.items()}


# --- 2. incremental --------------------------------------------------------------------------
def measure_incremental(config, embedder, spare: list[str] | None = None) -> dict:
    from index.engine import Engine

    engine = Engine.open(config, embedder, build_if_missing=False)
    before = engine.stats()
    changes = C.mutate_corpus(Path(config.corpus_dir), spare)
    t0 = time.perf_counter()
    summary = engine.reindex(started_by="bench incremental")
    wall = time.perf_counter() - t0
    state = engine._state
    after = engine.stats()
    consistent = (
        state.dense.ntotal == state.size == state.lexical.size
        and len(summary.added) == 1 and len(summary.changed) == 1 and len(summary.removed) == 1
        and not engine.is_stale()
    )
    return {
        "wall_s": round(wall, 3),
        "embedded_chunks": summary.embedded_chunks,
        "added": summary.added, "changed": summary.changed, "removed": summary.removed,
        "chunks_before": before["chunks"], "chunks_after": after["chunks"],
        "documents_before": before["documents"], "documents_after": after["documents"],
        "changes": changes,
        "consistent": bool(consistent),
    }


# --- 3. warm latency (+ 6. approximate index) -----------------------------------------------
def measure_latency(config, embedder, label: str, n_questions: int, hnsw: bool = False) -> dict:
    from index.engine import Engine

    t0 = time.perf_counter()
    engine = Engine.open(config, embedder, build_if_missing=False)
    open_s = time.perf_counter() - t0
    engine._searcher.wait_ready()
    ready_s = time.perf_counter() - t0
    questions = C.make_questions(engine._state.docs, label, n_questions)
    for q in ("What did the minister say?", "climate", "Who was detained?"):
        engine.ask(q)  # warm-up: first-call allocations, not part of the figures
    totals, stages, abstained = [], {s: [] for s in STAGES}, 0
    for q in questions:
        t = time.perf_counter()
        ans = engine.ask(q)
        totals.append((time.perf_counter() - t) * 1000)
        abstained += bool(ans.abstained)
        for s in STAGES:
            stages[s].append(float(ans.timings_ms.get(s, 0.0)))
    search = []
    for q in questions:
        t = time.perf_counter()
        engine.retrieve(q, k=10)
        search.append((time.perf_counter() - t) * 1000)
    out = {
        "questions": len(questions),
        "unique_questions": len(set(questions)),
        "chunks": engine._state.size,
        "index_type": engine.stats().get("index_type"),
        "query_backend": engine.stats().get("query_backend"),
        "open_s": round(open_s, 3),
        "typo_ready_s": round(ready_s, 3),
        "p50_ms": round(C.percentile(totals, 50), 2),
        "p95_ms": round(C.percentile(totals, 95), 2),
        "mean_ms": round(sum(totals) / len(totals), 2),
        "max_ms": round(max(totals), 2),
        "stage_p50_ms": {s: round(C.percentile(v, 50), 2) for s, v in stages.items()},
        "stage_p95_ms": {s: round(C.percentile(v, 95), 2) for s, v in stages.items()},
        "search_p50_ms": round(C.percentile(search, 50), 2),
        "abstained": abstained,
        "rss_mb": round(C.rss_mb(), 1),
    }
    out["p95_over_p50"] = round(out["p95_ms"] / out["p50_ms"], 2) if out["p50_ms"] else 0.0
    out["query_embed"] = query_embed_threads(embedder, questions)
    if hnsw:
        out["hnsw"] = measure_hnsw(engine, embedder, questions)
    return out


def measure_hnsw(engine, embedder, questions: list[str]) -> dict:
    import faiss
    import numpy as np

    from index import builder

    state = engine._state
    n, dim = state.size, embedder.dim
    vectors = state.dense.reconstruct_n(0, n)
    uniq = list(dict.fromkeys(questions))
    queries = np.asarray(embedder.encode(uniq), dtype=np.float32)
    k = min(10, n)
    exact = faiss.IndexFlatIP(dim)
    exact.add(vectors)
    _, truth = exact.search(queries, k)
    t0 = time.perf_counter()
    approx = builder.make_dense(vectors, dim, approximate_above=0)
    build_s = time.perf_counter() - t0

    def single_p50(index) -> float:
        lat = []
        for i in range(len(queries)):
            t = time.perf_counter()
            index.search(queries[i : i + 1], k)
            lat.append((time.perf_counter() - t) * 1000)
        return round(C.percentile(lat, 50), 4)

    rows = []
    for ef in EF_SEARCH:
        approx.hnsw.efSearch = ef
        _, got = approx.search(queries, k)
        recall = np.mean([len(set(a) & set(b)) / k for a, b in zip(got, truth, strict=True)])
        rows.append({"ef_search": ef, "recall_at_10": round(float(recall), 4), "p50_ms": single_p50(approx)})
    return {"vectors": n, "queries": len(uniq), "build_s": round(build_s, 3),
            "exact_p50_ms": single_p50(exact), "by_ef": rows}


# --- 4. cold start ---------------------------------------------------------------------------
def measure_cold(config, embedder_factory, question: str, t_spawn: float | None = None) -> dict:
    """Start-up to first answer, with counters proving that nothing is re-embedded or rebuilt."""
    t_main = time.time()
    t = C.Timer()
    import bm25s

    from index import builder
    from index.engine import Engine
    from index.lexical import LexicalIndex
    imports_s = t.lap()

    counts = {"doc_encode_calls": 0, "doc_texts_embedded": 0, "query_encodes": 0, "query_texts_embedded": 0,
              "bm25_index_calls": 0, "lexical_builds": 0, "lexicon_builds": 0, "builds": 0}
    saved = (bm25s.BM25.index, LexicalIndex.build, builder.build_lexicon, builder.build)

    def wrap(fn, key):
        def inner(*a, **kw):
            counts[key] += 1
            return fn(*a, **kw)
        return inner

    bm25s.BM25.index = wrap(bm25s.BM25.index, "bm25_index_calls")
    LexicalIndex.build = classmethod(wrap(LexicalIndex.build.__func__, "lexical_builds"))
    builder.build_lexicon = wrap(builder.build_lexicon, "lexicon_builds")
    builder.build = wrap(builder.build, "builds")
    try:
        inner = embedder_factory(config)
        model_s = t.lap()

        class Counting:
            name, dim = inner.name, inner.dim

            def encode(self, texts, batch_size=64, progress=None):
                counts["doc_encode_calls"] += 1
                counts["doc_texts_embedded"] += len(texts)
                return inner.encode(texts, batch_size=batch_size, progress=progress)

            def encode_query(self, text):
                counts["query_encodes"] += 1
                counts["query_texts_embedded"] += 1
                return inner.encode_query(text)

            def encode_queries(self, texts):
                counts["query_encodes"] += 1
                counts["query_texts_embedded"] += len(texts)
                return inner.encode_queries(texts)

        engine = Engine.open(config, Counting(), build_if_missing=False)
        index_s = t.lap()
        # Loading itself must embed nothing; what the first answer embeds is query-time work.
        at_load = {f"load_{k}": v for k, v in counts.items()}
        ans = engine.ask(question)
        first_s = t.lap()
        engine._searcher.wait_ready()
        typo_s = t.lap()
    finally:
        bm25s.BM25.index, LexicalIndex.build, builder.build_lexicon, builder.build = saved
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


# --- 5. peer: txtai ------------------------------------------------------------------------
def measure_txtai(config, questions: list[str]) -> dict:
    from index.documents import load_corpus
    from index.embedder import bundled_model_path

    try:
        from txtai import Embeddings
    except ImportError as e:
        return {"error": f"txtai not installed ({e}); pip install -e '.[bench]'"}
    docs = load_corpus(config.corpus_dir, config).documents
    texts = chunk_texts(docs, config)
    rss0 = C.rss_mb()
    t = C.Timer()
    emb = Embeddings(path=str(bundled_model_path()), content=True)
    load_s = t.lap()
    emb.index([(i, x, None) for i, x in enumerate(texts)])
    build_s = t.lap()
    for q in questions[:3]:
        emb.search(q, 10)
    lat = []
    for q in questions:
        t0 = time.perf_counter()
        emb.search(q, 10)
        lat.append((time.perf_counter() - t0) * 1000)
    return {
        "version": _version("txtai"),
        "chunks": len(texts),
        "model_load_s": round(load_s, 3),
        "build_s": round(build_s, 3),
        "chunks_per_s": round(len(texts) / build_s, 2) if build_s else 0.0,
        "search_p50_ms": round(C.percentile(lat, 50), 2),
        "search_p95_ms": round(C.percentile(lat, 95), 2),
        "questions": len(lat),
        "rss_before_mb": round(rss0, 1),
        "rss_after_mb": round(C.rss_mb(), 1),
        "peak_rss_mb": round(C.peak_rss_mb(), 1),
        "backend": type(getattr(emb, "ann", None)).__name__,
    }


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


# --- worker entry ----------------------------------------------------------------------------
def worker(task: str, spec: dict) -> dict:
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    config = make_config(spec["corpus_dir"], spec["index_dir"], spec.get("batch_size"))
    if spec.get("query_backend"):  # --query-backend: questions through another backend
        config = replace(config, embedding=replace(config.embedding, query_backend=spec["query_backend"]))
    if task == "cold":
        t_spawn = float(os.environ.get("BENCH_T0", "0")) or None
        return measure_cold(config, real_embedder, spec["question"], t_spawn)
    if task == "txtai":
        return measure_txtai(config, spec["questions"])
    t0 = time.perf_counter()
    embedder = serving_embedder(config) if task == "latency" else real_embedder(config)
    model_s = round(time.perf_counter() - t0, 3)
    if task == "build":
        out = measure_build(config, embedder)
    elif task == "stages":
        out = measure_stages(config, embedder, Path(spec["scratch"]))
    elif task == "incremental":
        out = measure_incremental(config, embedder, spec.get("spare"))
    elif task == "latency":
        out = measure_latency(config, embedder, spec["label"], spec["questions"], spec.get("hnsw", False))
    else:
        raise SystemExit(f"unknown worker task {task}")
    out["model_load_s"] = model_s
    return out


# --- orchestration ---------------------------------------------------------------------------
def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def count_corpus(root: Path, config) -> tuple[int, int]:
    from index.documents import load_corpus

    docs = load_corpus(root, config).documents
    return len(docs), len(chunk_texts(docs, config))


def run_corpus(label: str, src: Path, opts: argparse.Namespace, scratch: Path, logf: Path) -> dict:
    res: dict = {"corpus": label, "path": str(src)}
    if not src.is_dir():
        res["skipped"] = f"corpus folder {src} is absent"
        return res
    if not C.corpus_files(src):
        res["skipped"] = f"corpus folder {src} holds no documents (only notes/glossary)"
        return res
    limit = opts.limit_docs if label == "ungdc" else None
    if opts.quick and label != "ap":
        limit = opts.quick_docs
    work = scratch / label
    corpus = work / "corpus"
    info = C.copy_corpus(src, corpus, limit)
    res["subset"] = info
    spec = {"corpus_dir": str(corpus), "index_dir": str(work / "index"), "batch_size": opts.batch_size,
            "query_backend": opts.query_backend}
    run = lambda task, **kw: C.run_worker(HERE / "run.py", task, {**spec, **kw}, logf)  # noqa: E731

    res["load_average_start"] = C.load_average()
    log(f"{label}: full build")
    res["build"] = run("build")
    if "error" in res["build"]:
        return res
    if res["build"]["documents"] == 0:
        res["skipped"] = "no documents after loading"
        return res
    log(f"{label}: floor (bare encode) and stage breakdown")
    res["stages"] = run("stages", scratch=str(work / "stages"))
    b, s = res["build"], res["stages"]
    res["ratio_build_to_floor"] = build_ratio(b, s)
    if limit:
        from index.config import EngineConfig

        full_docs, full_chunks = count_corpus(src, EngineConfig(corpus_dir=src))
        res["full_corpus"] = {"documents": full_docs, "chunks": full_chunks}
        if b["chunks"]:
            res["full_corpus"]["extrapolated_build_s"] = round(b["wall_s"] * full_chunks / b["chunks"], 1)
            res["full_corpus"]["extrapolated_floor_s"] = round(s.get("floor_encode_s", 0) * full_chunks / b["chunks"], 1)
    log(f"{label}: warm latency ({opts.questions} questions)")
    res["latency"] = run("latency", label=label, questions=opts.questions, hnsw=label == opts.hnsw_corpus)
    log(f"{label}: cold start")
    question = {"ap": "What did OHCHR say?", "hrw": "What did Human Rights Watch say about Thailand?",
                "ungdc": "What did Tuvalu say about climate change?"}.get(label, "What was said?")
    res["cold"] = run("cold", question=question)
    if label == "hrw" and opts.peer:  # before the incremental test edits the copy
        log("hrw: peer txtai on the same chunks")
        from index.config import EngineConfig
        from index.documents import load_corpus

        docs = load_corpus(corpus, EngineConfig(corpus_dir=corpus)).documents
        res["peer_txtai"] = run("txtai", questions=C.make_questions(docs, label, opts.questions))
    if label != "ap" and b["documents"] >= 3:
        log(f"{label}: incremental reindex (change one, delete one, add one)")
        res["incremental"] = run("incremental", spare=info.get("spare"))
        inc = res["incremental"]
        if "wall_s" in inc and inc["wall_s"]:
            inc["speedup_vs_full"] = round(b["wall_s"] / inc["wall_s"], 1)
    res["load_average_end"] = C.load_average()
    return res


# --- output ----------------------------------------------------------------------------------
def _g(d: dict, *path, default="–"):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def print_tables(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console(width=200)
    cs = [r for r in results["corpora"] if "build" in r and "error" not in r["build"]]
    for r in results["corpora"]:
        if "skipped" in r:
            con.print(f"[yellow]{r['corpus']}: skipped — {r['skipped']}[/]")
        for k in ("build", "stages", "latency", "cold", "incremental", "peer_txtai"):
            if isinstance(r.get(k), dict) and "error" in r[k]:
                con.print(f"[red]{r['corpus']} {k}: {r[k]['error']}[/]")

    t = Table(title="1. Full index build vs bare SentenceTransformer.encode (floor)")
    for c in ("corpus", "docs", "chunks", "build s", "docs/s", "chunks/s", "floor s", "floor chunks/s",
              "ratio", "peak RSS MB", "index MB", "threads/batch", "full corpus (extrapolated)"):
        t.add_column(c, justify="right")
    for r in cs:
        b, s = r["build"], r.get("stages", {})
        full = r.get("full_corpus")
        ext = (f"{full['documents']} docs, {full['chunks']} chunks ≈ {full.get('extrapolated_build_s', 0) / 60:.0f} min"
               if full else "")
        t.add_row(r["corpus"], str(b["documents"]), str(b["chunks"]), f"{b['wall_s']:.1f}", f"{b['docs_per_s']:.1f}",
                  f"{b['chunks_per_s']:.1f}", f"{_g(s, 'floor_encode_s', default=0):.1f}",
                  f"{_g(s, 'floor_chunks_per_s', default=0):.1f}", f"{r.get('ratio_build_to_floor') or 0:.3f}",
                  f"{b['peak_rss_mb']:.0f}", f"{b['index_bytes'] / 2**20:.1f}",
                  f"{b['torch_threads']}/{b['batch_size']}", ext)
    con.print(t)

    t = Table(title="1b. Build stages, seconds (same functions the builder calls; embed = bare encode)")
    keys = ("fingerprint", "load_parse", "hash", "chunk", "embed", "faiss", "bm25", "lexicon_vocab", "write")
    for c in ("corpus", *keys, "non-embed s", "non-embed %", "engine/bare encode (A/B sample)"):
        t.add_column(c, justify="right")
    for r in cs:
        s = r.get("stages", {})
        if "stages_s" not in s:
            continue
        total = sum(s["stages_s"].values())
        t.add_row(r["corpus"], *(f"{s['stages_s'].get(k, 0):.2f}" for k in keys), f"{s['non_embed_s']:.2f}",
                  f"{100 * s['non_embed_s'] / total:.1f}" if total else "0",
                  str(_g(s, "wrapper_vs_bare", "ratio")))
    con.print(t)

    t = Table(title="2. Incremental reindex: change 1 + delete 1 + add 1 document")
    for c in ("corpus", "embedded chunks", "reindex s", "full build s", "speed-up", "chunks before→after",
              "consistent"):
        t.add_column(c, justify="right")
    for r in cs:
        i = r.get("incremental")
        if not i or "wall_s" not in i:
            continue
        t.add_row(r["corpus"], str(i["embedded_chunks"]), f"{i['wall_s']:.2f}", f"{r['build']['wall_s']:.1f}",
                  f"{i.get('speedup_vs_full', 0)}×", f"{i['chunks_before']}→{i['chunks_after']}", str(i["consistent"]))
    con.print(t)

    t = Table(title="3. Warm ask latency, ms (in-process, after start-up and typo index ready)")
    for c in ("corpus", "chunks", "index", "questions", "p50", "p95", "p95/p50", *(f"{s} p50" for s in STAGES[:-1]),
              "retrieve p50", "abstained", "1 query embed p50: default/1 thread"):
        t.add_column(c, justify="right")
    for r in cs:
        lat = r.get("latency")
        if not lat or "p50_ms" not in lat:
            continue
        t.add_row(r["corpus"], str(lat["chunks"]), str(lat["index_type"]), f"{lat['questions']} ({lat['unique_questions']} uniq)",
                  f"{lat['p50_ms']:.1f}", f"{lat['p95_ms']:.1f}", f"{lat['p95_over_p50']:.2f}",
                  *(f"{lat['stage_p50_ms'][s]:.2f}" for s in STAGES[:-1]), f"{lat['search_p50_ms']:.1f}",
                  str(lat["abstained"]), "/".join(str(v) for v in _g(lat, "query_embed", default={}).values()))
    con.print(t)

    t = Table(title="4. Cold start: process start → first answer (prebuilt index)")
    for c in ("corpus", "to first answer s", "interpreter s", "imports s", "model load s", "index load s",
              "first answer s", "RSS MB", "embedded at load", "query texts embedded", "bm25 builds", "lexicon builds", "typo index +s"):
        t.add_column(c, justify="right")
    for r in cs:
        c = r.get("cold")
        if not c or "model_load_s" not in c:
            continue
        t.add_row(r["corpus"], str(c["start_to_first_answer_s"]), str(c["interpreter_start_s"]), str(c["imports_s"]),
                  str(c["model_load_s"]), str(c["index_load_s"]), str(c["first_answer_s"]),
                  str(c["rss_after_first_answer_mb"]), str(c.get("load_doc_texts_embedded", c["doc_texts_embedded"])),
                  str(c.get("query_texts_embedded", "")),
                  str(c["bm25_index_calls"] + c["lexical_builds"]), str(c["lexicon_builds"]), str(c["typo_index_after_s"]))
    con.print(t)

    for r in cs:
        p = r.get("peer_txtai")
        if not p:
            continue
        t = Table(title=f"5. Peer on the same {r['corpus']} chunks: Quotebot vs txtai {p.get('version', '')}")
        for c in ("system", "chunks", "build s", "chunks/s", "search p50 ms", "search p95 ms", "peak RSS MB",
                  "RSS after MB"):
            t.add_column(c, justify="right")
        b, lat = r["build"], r.get("latency", {})
        t.add_row("quotebot (build; retrieve)", str(b["chunks"]), f"{b['wall_s']:.1f}", f"{b['chunks_per_s']:.1f}",
                  str(_g(lat, "search_p50_ms")), "", f"{b['peak_rss_mb']:.0f}", str(_g(lat, "rss_mb")))
        if "error" in p:
            t.add_row("txtai", p["error"], "", "", "", "", "", "")
        else:
            t.add_row(f"txtai ({p['backend']}, content=True)", str(p["chunks"]), f"{p['build_s']:.1f}",
                      f"{p['chunks_per_s']:.1f}", f"{p['search_p50_ms']:.1f}", f"{p['search_p95_ms']:.1f}",
                      f"{p['peak_rss_mb']:.0f}", f"{p['rss_after_mb']:.0f}")
        con.print(t)

    for r in cs:
        h = _g(r, "latency", "hnsw", default=None)
        if not h:
            continue
        t = Table(title=f"6. HNSW (M=32, efConstruction=80) vs exact IndexFlatIP on {r['corpus']}: "
                        f"{h['vectors']} vectors, {h['queries']} queries, HNSW build {h['build_s']}s, "
                        f"exact p50 {h['exact_p50_ms']} ms")
        for c in ("efSearch", "Recall@10", "p50 ms / query", "exact p50 ms"):
            t.add_column(c, justify="right")
        for row in h["by_ef"]:
            t.add_row(str(row["ef_search"]), f"{row['recall_at_10']:.4f}", f"{row['p50_ms']:.3f}", f"{h['exact_p50_ms']:.3f}")
        con.print(t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="+", default=None, help="ap, hrw, ungdc or a folder (default: all three)")
    ap.add_argument("--out", type=Path, default=None, help="write the JSON here too")
    ap.add_argument("--quick", action="store_true", help="AP + a small HRW subset, 30 questions, no peer, no UNGDC")
    ap.add_argument("--limit-docs", type=int, default=None, help="UNGDC: index only the first N files (sorted)")
    ap.add_argument("--questions", type=int, default=None, help="questions per corpus (default 240; quick 30)")
    ap.add_argument("--batch-size", type=int, default=None, help="override EngineConfig.batch_size")
    ap.add_argument("--no-peer", dest="peer", action="store_false", help="skip txtai")
    ap.add_argument("--query-backend", default=None, choices=["torch", "onnx", "onnx-int8"],
                    help="questions' embedding backend (default: EngineConfig's)")
    ap.add_argument("--hnsw-corpus", default=None, help="corpus for the HNSW comparison (default: the largest)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    opts = ap.parse_args(argv)

    if opts.worker:
        out = worker(opts.worker, json.loads(opts.spec))
        print(json.dumps(out))
        return 0

    opts.quick_docs = 8
    if opts.quick:
        opts.corpus = opts.corpus or ["ap", "hrw"]
        opts.corpus = [c for c in opts.corpus if c != "ungdc"]
        opts.peer = False
        opts.questions = opts.questions or 30
    opts.corpus = opts.corpus or ["ap", "hrw", "ungdc"]
    opts.questions = opts.questions or 240
    if opts.hnsw_corpus is None:  # the largest one we embed
        opts.hnsw_corpus = next((c for c in ("ungdc", "hrw", "ap") if c in opts.corpus), opts.corpus[-1])

    scratch = Path(tempfile.mkdtemp(prefix="quotebot-bench-"))
    logf = scratch.parent / f"{scratch.name}.log"
    log(f"scratch {scratch}; worker logs {logf}")
    results = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "load_average": C.load_average(), "python": sys.version.split()[0]},
        "options": {"corpora": opts.corpus, "quick": opts.quick, "limit_docs": opts.limit_docs,
                    "questions": opts.questions, "peer": opts.peer, "hnsw_corpus": opts.hnsw_corpus},
        "corpora": [],
    }
    t0 = time.perf_counter()
    try:
        for name in opts.corpus:
            label, path = C.resolve_corpus(name)
            results["corpora"].append(run_corpus(label, path, opts, scratch, logf))
    finally:
        if not opts.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    print_tables(results)
    line = json.dumps(results, separators=(",", ":"))
    if opts.out:
        opts.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
