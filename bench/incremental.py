"""One-document reindex on a corpus subset: where its seconds go, stage by stage.

    python bench/incremental.py --corpus ungdc --limit-docs 120 [--embedder torch]

Copies the first N documents, builds once, appends a sentence to one document and reindexes,
timing the builder's own functions (wrapped here, so the figures time the real code). With the
default `--embedder hash` (a deterministic hashing embedder defined below) the model's cost is
left out, which is the point: the figure is what one changed document costs *besides* embedding
its own chunks and sentences (that part is `embedded texts ÷ chunks/s` of the chosen backend,
bench/backends.py). Prints a table and writes JSON with --out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench import common as C  # noqa: E402

_WORD = re.compile(r"\w+")

# The builder's steps, as (module, attribute) pairs: each is wrapped to add its wall time. Names
# a module lacks are skipped (the builder before and after issue 16 differ).
STEPS = (
    ("index.builder", "fingerprint_files"), ("index.builder", "load_corpus"),
    ("index.builder", "chunk_spans"), ("index.builder", "DerivedCache.get"),
    ("index.builder", "embed_cached"), ("index.unit_builder", "embed_cached"),
    ("index.builder", "build_units"), ("index.builder", "_statements"),
    ("index.builder", "LexicalIndex.build"), ("index.builder", "LexicalIndex.from_tokens"),
    ("index.builder", "build_lexicon"), ("index.builder", "lexicon_of"),
    ("index.builder", "make_dense"), ("index.store", "write_generation"),
)


class HashEmbedder:
    """Hashed bag of words, 384 wide: builds the same index shape as the model, for free."""

    name = "bench-hash-384"
    backend = "hash"
    dim = 384

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for w in _WORD.findall(text.lower()):
            v[int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little") % self.dim] += 1
        n = float(np.linalg.norm(v)) or 1.0
        return v / n

    def encode(self, texts, batch_size=64, progress=None):
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def encode_queries(self, texts):
        return self.encode(texts)

    def encode_query(self, text):
        return self._vec(text)


def instrument() -> dict[str, float]:
    """Wrap STEPS in place; returns the dict the wrappers add seconds to."""
    import importlib
    import inspect

    spent: dict[str, float] = defaultdict(float)

    def timed(fn, label):
        def wrapped(*a, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[label] += time.perf_counter() - t0
        return wrapped

    for mod_name, attr in STEPS:
        mod = importlib.import_module(mod_name)
        *cls_name, name = attr.split(".")
        owner = getattr(mod, cls_name[0], None) if cls_name else mod
        if owner is None or not hasattr(owner, name):
            continue
        label = f"{mod_name.split('.')[-1]}.{attr}"
        static = inspect.getattr_static(owner, name)
        if isinstance(static, classmethod):
            setattr(owner, name, classmethod(timed(static.__func__, label)))
        else:
            setattr(owner, name, timed(getattr(owner, name) if owner is mod else static, label))
    return spent


def touch_one(corpus: Path) -> Path:
    """Append a sentence to the middle document: a changed speech, the rest as they were."""
    files = C.corpus_files(corpus)
    victim = files[len(files) // 2]
    with open(victim, "a", encoding="utf-8") as f:
        f.write("\n\nWe thank the President of the Assembly for his leadership this session.\n")
    return victim


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="ungdc")
    ap.add_argument("--limit-docs", type=int, default=120)
    ap.add_argument("--embedder", choices=("hash", "torch", "onnx", "onnx-int8"), default="hash")
    ap.add_argument("--repeat", type=int, default=3, help="one-document reindexes to time")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    opts = ap.parse_args(argv)

    from dataclasses import replace

    from index.config import EngineConfig
    from index.engine import Engine

    label, src = C.resolve_corpus(opts.corpus)
    work = opts.keep or Path(tempfile.mkdtemp(prefix="qb-incr-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(work / "index", ignore_errors=True)
    C.copy_corpus(src, corpus, opts.limit_docs)
    config = EngineConfig(corpus_dir=corpus, index_dir=work / "index")
    if opts.embedder == "hash":
        embedder = HashEmbedder()
    else:
        from index.config import EmbeddingConfig
        from index.embedder import LazyEmbedder

        config = replace(config, embedding=EmbeddingConfig(backend=opts.embedder))
        embedder = LazyEmbedder(config.model, backend=opts.embedder, cache_dir=config.cache_dir)

    spent = instrument()
    t0 = time.perf_counter()
    engine = Engine.open(config, embedder=embedder)
    full = {"seconds": round(time.perf_counter() - t0, 2), "steps": {k: round(v, 3) for k, v in spent.items()}}
    runs = []
    for _ in range(opts.repeat):
        spent.clear()
        touch_one(corpus)
        t0, c0 = time.perf_counter(), time.process_time()
        summary = engine.reindex()
        # CPU seconds too: on a shared box wall time mostly measures the other processes.
        runs.append({"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
                     "steps": dict(spent),
                     "embedded_chunks": summary.embedded_chunks, "embedded_units": summary.embedded_units,
                     "changed": len(summary.changed)})
    best = min(runs, key=lambda r: r["seconds"])
    result = {
        "corpus": label, "documents": engine.stats()["documents"], "chunks": engine.stats()["chunks"],
        "units": int(engine.state.unit_rows.shape[0]), "embedder": opts.embedder,
        "load_average": [round(x, 2) for x in os.getloadavg()], "full_build": full,
        "one_document": {"best_seconds": round(best["seconds"], 3), "cpu_seconds": round(best["cpu_seconds"], 3),
                         "all_seconds": [round(r["seconds"], 3) for r in runs],
                         "embedded_chunks": best["embedded_chunks"], "embedded_units": best["embedded_units"],
                         "steps": {k: round(v, 3) for k, v in sorted(best["steps"].items(), key=lambda kv: -kv[1])}},
    }
    print(f"{label}: {result['documents']} documents, {result['chunks']} chunks, {result['units']} units "
          f"(embedder {opts.embedder}, load average {result['load_average']})")
    print(f"full build {full['seconds']} s; one changed document: best {best['seconds']:.2f} s "
          f"({best['cpu_seconds']:.2f} CPU s) "
          f"of {result['one_document']['all_seconds']} ({best['embedded_chunks']} chunks, "
          f"{best['embedded_units']} sentences embedded)")
    for k, v in result["one_document"]["steps"].items():
        print(f"  {k:32s} {v:8.3f} s")
    if opts.out:
        opts.out.write_text(json.dumps(result, indent=1))
    if not opts.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
