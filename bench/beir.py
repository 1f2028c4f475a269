"""Retrieval quality on a BEIR-format folder: BM25 alone, dense alone, and the engine's hybrid.

    python bench/beir.py DATA_DIR [--split train|test] [--run OUT.tsv] [--cache DIR] [--chunked]

The corpus goes through the engine itself (`index.builder.build` on a temporary corpus folder,
then `index.search.Searcher.search`), so the figures judge our retriever, not a re-implementation.
"BM25 alone" and "dense alone" are the same Searcher with the other fusion weight set to 0.
Prints a rich table, then the figures as JSON on the last line of stdout.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as `python bench/beir.py`: make `index` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import builder  # noqa: E402
from index.config import ChunkingConfig, EngineConfig  # noqa: E402
from index.embedder import Embedder  # noqa: E402
from index.glossary import Glossary  # noqa: E402
from index.search import Searcher  # noqa: E402
from index.store import IndexState  # noqa: E402

log = logging.getLogger(__name__)

URL_PREFIX = "beir:"
RUN_DEPTH = 100
# A document may span several chunks: ask the Searcher for this many chunks per wanted document
# so that after keeping each document's best chunk there are still enough documents.
CHUNK_OVERFETCH = 3

Qrels = dict[str, dict[str, int]]
Ranking = list[tuple[str, float]]  # (doc_id, score), best first
Run = dict[str, Ranking]


@dataclass
class BeirData:
    corpus: dict[str, tuple[str, str]]  # _id -> (title, text)
    queries: dict[str, str]  # only the queries that have judgements in the split
    qrels: Qrels


# --- data ------------------------------------------------------------------------------------
def load_beir(data_dir: Path, split: str = "test") -> BeirData:
    data_dir = Path(data_dir)
    qrels_path = data_dir / "qrels" / f"{split}.tsv"
    if not qrels_path.exists():
        have = sorted(p.stem for p in (data_dir / "qrels").glob("*.tsv"))
        raise SystemExit(f"no qrels for split {split!r} in {data_dir / 'qrels'} (found: {have or 'none'})")
    corpus: dict[str, tuple[str, str]] = {}
    with open(data_dir / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                corpus[str(row["_id"])] = (row.get("title") or "", row.get("text") or "")
    qrels: Qrels = {}
    with open(qrels_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        for row in reader:
            if not row or row[0] == "query-id":
                continue
            qid, did, score = row[0], row[1], int(float(row[2]))
            qrels.setdefault(qid, {})[did] = score
    queries: dict[str, str] = {}
    with open(data_dir / "queries.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                if str(row["_id"]) in qrels:
                    queries[str(row["_id"])] = row["text"]
    missing = set(qrels) - set(queries)
    if missing:
        log.warning("%d judged queries have no text and are left out", len(missing))
        qrels = {q: r for q, r in qrels.items() if q in queries}
    return BeirData(corpus, queries, qrels)


def document_text(title: str, text: str) -> str:
    return f"{title}\n\n{text}" if title else text


def write_engine_corpus(data: BeirData, folder: Path) -> Path:
    """The BEIR corpus as one engine jsonl file; the BEIR id rides in `url` (doc_id derives from it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for did, (title, text) in data.corpus.items():
            row = {"text": document_text(title, text), "title": title, "url": URL_PREFIX + did}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def beir_id(doc_id: str) -> str:
    return doc_id[len(URL_PREFIX):] if doc_id.startswith(URL_PREFIX) else doc_id


# --- metrics (BEIR / pytrec_eval definitions) ------------------------------------------------
def ndcg_at_k(ranking: Sequence[str], rels: Mapping[str, int], k: int = 10) -> float:
    """Linear gains, log2(rank+1) discount, ideal DCG from all judged documents of the query."""
    dcg = sum(rels.get(d, 0) / math.log2(r + 2) for r, d in enumerate(ranking[:k]))
    ideal = sorted((g for g in rels.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at_k(ranking: Sequence[str], rels: Mapping[str, int], k: int = 100) -> float:
    relevant = {d for d, g in rels.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def score_run(run: Mapping[str, Ranking], qrels: Qrels) -> dict[str, float]:
    """Mean nDCG@10 and Recall@100 over the judged queries (a query with no results scores 0)."""
    qids = [q for q in qrels if any(g > 0 for g in qrels[q].values())]
    if not qids:
        return {"ndcg@10": 0.0, "recall@100": 0.0, "queries": 0}
    nd, rc = [], []
    for q in qids:
        ranking = [d for d, _ in run.get(q, [])]
        nd.append(ndcg_at_k(ranking, qrels[q], 10))
        rc.append(recall_at_k(ranking, qrels[q], 100))
    return {"ndcg@10": float(np.mean(nd)), "recall@100": float(np.mean(rc)), "queries": len(qids)}


def write_run(run: Mapping[str, Ranking], path: Path, tag: str = "quotebot", depth: int = RUN_DEPTH) -> None:
    """TREC run format: `qid Q0 docid rank score tag`, ranks from 1, at most `depth` per query."""
    with open(path, "w", encoding="utf-8") as f:
        for qid, ranking in run.items():
            for rank, (did, score) in enumerate(ranking[:depth], start=1):
                f.write(f"{qid} Q0 {did} {rank} {score:.6f} {tag}\n")


# --- embedding cache -------------------------------------------------------------------------
class CachedEmbedder:
    """Wraps an embedder with an on-disk cache keyed by text hash (vectors .npy + keys .json)."""

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        # Vectors of one backend are not another's (cosine ~0.99): the backends are in the key.
        self.backend = getattr(inner, "backend", "torch")
        self.query_backend = getattr(inner, "query_backend", self.backend)
        slug = hashlib.sha1(f"{inner.name}|{self.backend}".encode()).hexdigest()[:10]
        cache_dir.mkdir(parents=True, exist_ok=True)
        self._vec_path = cache_dir / f"vectors-{slug}.npy"
        self._key_path = cache_dir / f"keys-{slug}.json"
        self._index: dict[str, int] = {}
        self._vectors = np.zeros((0, self.dim), dtype=np.float32)
        if self._vec_path.exists() and self._key_path.exists():
            keys = json.loads(self._key_path.read_text())
            vectors = np.load(self._vec_path)
            if vectors.shape == (len(keys), self.dim):
                self._vectors = vectors
                self._index = {k: i for i, k in enumerate(keys)}

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def _save(self) -> None:
        keys = sorted(self._index, key=self._index.__getitem__)
        np.save(self._vec_path, self._vectors)
        self._key_path.write_text(json.dumps(keys))

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress=None) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self._index))
        if todo:
            first = {k: t for k, t in zip(keys, texts, strict=True)}
            log.info("embedding %d texts (%d cached)", len(todo), len(texts) - len(todo))
            fresh = self.inner.encode([first[k] for k in todo], batch_size=batch_size, progress=progress)
            base = len(self._vectors)
            self._vectors = np.concatenate([self._vectors, fresh.astype(np.float32)])
            self._index.update({k: base + i for i, k in enumerate(todo)})
            self._save()
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._vectors[[self._index[k] for k in keys]]

    def _qkey(self, text: str) -> str:
        return f"q:{self.query_backend}:" + self._key(text)

    def encode_query(self, text: str) -> np.ndarray:
        k = self._qkey(text)
        if k not in self._index:
            return self.inner.encode_query(text)
        return self._vectors[self._index[k]]

    def encode_queries(self, texts) -> np.ndarray:
        return np.stack([self.encode_query(t) for t in texts]).astype(np.float32)

    def warm_queries(self, texts: Iterable[str]) -> None:
        """Embed queries once, in batches, and keep them in the cache (`encode_query` is one by one)."""
        texts = list(dict.fromkeys(texts))
        todo = [t for t in texts if self._qkey(t) not in self._index]
        if not todo:
            return
        # The query side's own backend, in small batches (normalised, same model).
        vecs = np.concatenate([self.inner.encode_queries(todo[i : i + 32]) for i in range(0, len(todo), 32)])
        base = len(self._vectors)
        self._vectors = np.concatenate([self._vectors, vecs.astype(np.float32)])
        self._index.update({self._qkey(t): base + i for i, t in enumerate(todo)})
        self._save()


# --- the engine on a BEIR corpus -------------------------------------------------------------
def build_state(data: BeirData, embedder: Embedder, work_dir: Path, config: EngineConfig) -> IndexState:
    corpus_dir = work_dir / "corpus"
    write_engine_corpus(data, corpus_dir)
    config = replace(config, corpus_dir=corpus_dir, index_dir=work_dir / "index")
    # Retrieval alone: no statements or answer units (they would embed every sentence).
    state, summary = builder.build(config, embedder, None, full=True, answer_units=False)
    if summary.duplicates or summary.skipped:
        log.warning(
            "engine dropped %d duplicate and %d skipped documents",
            len(summary.duplicates), len(summary.skipped),
        )
    log.info("index: %d documents, %d chunks in %.1fs", summary.documents, summary.chunks, summary.seconds)
    return state


def doc_ranking(searcher: Searcher, query: str, depth: int, per_doc_chunks: int, side: str = "") -> Ranking:
    """The Searcher's chunk hits → BEIR documents, each at the rank of its best chunk.

    `side` ("dense" or "lexical") keeps only hits that side retrieved: with the other weight at 0
    the Searcher still lists the other side's candidates after its own, which would pad the run."""
    hits = searcher.search(query, k=depth * per_doc_chunks).hits
    seen: dict[str, float] = {}
    for h in hits:
        if (side == "dense" and h.dense_rank is None) or (side == "lexical" and h.lexical_rank is None):
            continue
        did = beir_id(h.chunk.doc_id)
        if did not in seen:
            seen[did] = float(h.score)
    return list(seen.items())[:depth]


def run_searcher(
    searcher: Searcher, queries: Mapping[str, str], depth: int = RUN_DEPTH, per_doc_chunks: int = 1,
    side: str = "",
) -> Run:
    return {qid: doc_ranking(searcher, q, depth, per_doc_chunks, side) for qid, q in queries.items()}


MODES: dict[str, tuple[float | None, float | None, str | None]] = {
    # name -> (dense_weight, lexical_weight, fusion); None keeps the configured value
    "bm25": (0.0, None, None),
    "dense": (None, 0.0, None),
    "fused": (None, None, None),
    "fused-rrf": (None, None, "rrf"),
    "fused-zscore": (None, None, "zscore"),
}


def evaluate(
    data: BeirData,
    embedder: Embedder,
    config: EngineConfig | None = None,
    *,
    work_dir: Path | None = None,
    glossary: Glossary | None = None,
    state: IndexState | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, dict[str, float]], dict[str, Run]]:
    """Figures and runs for BM25 alone, dense alone and fused, through the engine's Searcher."""
    config = config or EngineConfig()
    # Recall@100 needs at least 100 candidates from each side of the fusion.
    config = replace(config, retrieval=replace(config.retrieval, candidates=max(config.retrieval.candidates, RUN_DEPTH)))
    if state is None:
        with tempfile.TemporaryDirectory(prefix="beir-index-") as tmp:
            state = build_state(data, embedder, Path(work_dir or tmp), config)
    if isinstance(embedder, CachedEmbedder):
        embedder.warm_queries(data.queries.values())
    multi_chunk = state.size > len(state.docs)
    results: dict[str, dict[str, float]] = {}
    runs: dict[str, Run] = {}
    for mode, (dw, lw, fusion) in MODES.items():
        t0 = time.perf_counter()
        per_doc = CHUNK_OVERFETCH if multi_chunk else 1
        base = config.retrieval
        cfg = replace(config, retrieval=replace(
            base,
            dense_weight=base.dense_weight if dw is None else dw,
            lexical_weight=base.lexical_weight if lw is None else lw,
            fusion=base.fusion if fusion is None else fusion,
            candidates=max(base.candidates, RUN_DEPTH * per_doc),
        ))
        searcher = Searcher(state, embedder, glossary or Glossary(), cfg)
        searcher.wait_ready()
        side = {"bm25": "lexical", "dense": "dense"}.get(mode, "")
        runs[mode] = run_searcher(searcher, data.queries, RUN_DEPTH, per_doc, side)
        results[mode] = score_run(runs[mode], data.qrels)
        results[mode]["seconds"] = round(time.perf_counter() - t0, 2)
        if progress:
            progress(mode)
    return results, runs


# --- CLI -------------------------------------------------------------------------------------
def render(results: Mapping[str, Mapping[str, float]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for col in ("retriever", "nDCG@10", "Recall@100", "queries", "seconds"):
        table.add_column(col, justify="left" if col == "retriever" else "right")
    for mode, r in results.items():
        table.add_row(
            mode, f"{r['ndcg@10']:.4f}", f"{r['recall@100']:.4f}", str(r["queries"]), f"{r['seconds']:.1f}"
        )
    Console().print(table)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir", type=Path, help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv")
    p.add_argument("--split", default="test", help="qrels split (default: test)")
    p.add_argument("--run", type=Path, help="write the fused ranking (top 100) as a TREC run file")
    p.add_argument("--cache", type=Path, help="embedding cache folder (default: a temporary folder)")
    p.add_argument("--chunked", action="store_true",
                   help="chunk documents as the engine does and rank each by its best chunk "
                        "(default: one chunk per document)")
    p.add_argument("--backend", default="torch", help="documents' embedding backend (torch, onnx, onnx-int8)")
    p.add_argument("--query-backend", default=None, help="questions' backend (default: --backend)")
    p.add_argument("--rrf-k", type=int, help="override EngineConfig.rrf_k")
    p.add_argument("--dense-weight", type=float, help="override EngineConfig.dense_weight")
    p.add_argument("--lexical-weight", type=float, help="override EngineConfig.lexical_weight")
    p.add_argument("--fusion", choices=["rrf", "zscore"], help="override EngineConfig.fusion ('fused')")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None, embedder: Embedder | None = None) -> dict:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    data = load_beir(args.data_dir, args.split)
    config = EngineConfig()
    if not args.chunked:
        # min_chars as large as max_chars: every paragraph merges into one chunk per document.
        config = replace(config, chunking=ChunkingConfig(max_chars=10**9, min_chars=10**9))
    overrides = {"rrf_k": args.rrf_k, "dense_weight": args.dense_weight,
                 "lexical_weight": args.lexical_weight, "fusion": args.fusion}
    config = replace(config, retrieval=replace(config.retrieval, **{k: v for k, v in overrides.items() if v is not None}))
    if embedder is None:
        from index.embedder import LazyEmbedder

        exports = (args.cache or Path(tempfile.gettempdir()) / "quotebot-beir") / "exports"
        embedder = LazyEmbedder(config.model, config.device, backend=args.backend,
                                query_backend=args.query_backend, cache_dir=exports)
    with tempfile.TemporaryDirectory(prefix="beir-") as tmp:
        cached = CachedEmbedder(embedder, args.cache or Path(tmp) / "cache")
        results, runs = evaluate(data, cached, config, work_dir=Path(tmp))
    if args.run:
        write_run(runs["fused"], args.run)
    split_note = args.split
    render(results, f"{args.data_dir.name} ({split_note} split, {len(data.queries)} queries, "
                    f"{len(data.corpus)} documents{', chunked' if args.chunked else ''})")
    out = {
        "dataset": args.data_dir.name, "split": args.split, "chunked": args.chunked,
        "model": embedder.name, "backend": getattr(embedder, "backend", "torch"),
        "query_backend": getattr(embedder, "query_backend", getattr(embedder, "backend", "torch")),
        "rrf_k": config.retrieval.rrf_k, "dense_weight": config.retrieval.dense_weight,
        "lexical_weight": config.retrieval.lexical_weight, "fusion": config.retrieval.fusion, "candidates": max(config.retrieval.candidates, RUN_DEPTH),
        "results": {m: {k: round(v, 4) if isinstance(v, float) else v for k, v in r.items()}
                    for m, r in results.items()},
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
