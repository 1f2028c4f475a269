"""1c. Encode throughput by batch size and torch threads, for chunk texts and answer-unit texts.

The builder already sorts what it embeds longest first (index/cached_embedding.py), so each
batch holds texts of similar length; what is left to choose is the batch size and the number
of threads. This measures both on samples of the corpus's own chunk and answer-unit texts,
sorted the way the builder sorts them, after one warm-up encode.
"""

from __future__ import annotations

import time

from bench.speed.parts import chunk_texts, real_embedder

BATCHES = (16, 32, 64, 128, 256)
THREADS = (2, 1)


def unit_texts(docs, config) -> list[str]:
    """What the builder embeds per answer unit (the sentence around a statement or sentence),
    from the builder's own attribution of each document."""
    from index import units as unit_table
    from index.builder import document_statements, publisher_glossary

    glossary = publisher_glossary(config)
    return [unit_table.context_text(d, u) for di, d in enumerate(docs)
            for u in unit_table.document_units(di, d, document_statements(d, glossary))]


def _sample(texts: list[str], size: int) -> list[str]:
    """The first `size` texts (whole documents' worth, so lengths are spread as in a corpus),
    sorted longest first as the builder sorts what it embeds. A thinned-out sample would leave
    big gaps between neighbouring lengths and overstate the padding of large batches."""
    return sorted(texts[:size], key=len, reverse=True)


def _rate(model, texts: list[str], batch: int, window: int) -> float:
    """Texts/s through the builder's own order: windows of `window` (the vector cache's batch)
    of the sorted texts, each encoded in batches of `batch`."""
    t0 = time.perf_counter()
    for lo in range(0, len(texts), window):
        model.encode(texts[lo : lo + window], batch_size=batch, normalize_embeddings=True,
                     convert_to_numpy=True, show_progress_bar=False)
    return len(texts) / (time.perf_counter() - t0)


def task(config, spec: dict) -> dict:
    """Encode throughput by batch size and torch threads, on chunk and answer-unit texts."""
    import torch

    from index.documents import load_corpus

    docs = load_corpus(config.corpus_dir, config).documents
    samples = {"chunks": _sample(chunk_texts(docs, config), spec.get("chunk_sample", 256)),
               "units": _sample(unit_texts(docs, config), spec.get("unit_sample", 768))}
    window = config.embedding.cache_batch
    model = real_embedder(config)._model
    before = torch.get_num_threads()
    rows = []
    try:
        for threads in spec.get("threads", THREADS):
            torch.set_num_threads(threads)
            for kind, texts in samples.items():
                model.encode(texts[:32], batch_size=32, show_progress_bar=False)  # warm-up
                for batch in spec.get("batches", BATCHES):
                    rows.append({"texts": kind, "threads": threads, "batch": batch,
                                 "per_s": round(_rate(model, texts, batch, window), 2)})
    finally:
        torch.set_num_threads(before)
    return {
        "rows": rows,
        "sizes": {k: len(v) for k, v in samples.items()},
        "mean_chars": {k: round(sum(map(len, v)) / max(1, len(v))) for k, v in samples.items()},
        "default_batch": config.batch_size,
        "window": window,
    }
