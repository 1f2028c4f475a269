"""What the measurements share: the engine's config, embedders, chunk texts, a stage clock."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench import common as C
from index.build_stages import RESUMING


def make_config(corpus_dir: str | Path, index_dir: str | Path, batch_size: int | None = None,
                query_backend: str | None = None):
    from index.config import EngineConfig

    cfg = EngineConfig(corpus_dir=Path(corpus_dir), index_dir=Path(index_dir))
    if batch_size:
        cfg = replace(cfg, batch_size=batch_size)
    if query_backend:  # --query-backend: questions through another backend than documents
        cfg = replace(cfg, embedding=replace(cfg.embedding, query_backend=query_backend))
    return cfg


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


@dataclass
class StageClock:
    """The builder's progress hook as a stopwatch: a stage lasts from its first report to the
    next stage's, so the stage table times the builder's real code, not a re-enactment of it."""

    starts: list[tuple[str, float]] = field(default_factory=list)
    last_report: float = 0.0
    # The highest RSS read at any report of each stage (reports come every batch of texts),
    # so a build's memory peak can be put on the stage that makes it.
    rss_mb: dict[str, float] = field(default_factory=dict)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.last_report = now
        if stage.startswith(RESUMING):
            return
        self.note_memory()
        if not self.starts or self.starts[-1][0] != stage:
            self.starts.append((stage, now))

    def note_memory(self) -> None:
        """The RSS now, on the stage the work since the last report belonged to."""
        if self.starts:
            stage = self.starts[-1][0]
            self.rss_mb[stage] = max(self.rss_mb.get(stage, 0.0), round(C.rss_mb(), 1))

    def seconds(self, end: float) -> dict[str, float]:
        """Seconds per stage (a stage reported twice apart is summed); what the engine does
        after the builder's last report (swapping the generation in) is `swap`."""
        out: dict[str, float] = {}
        ends = [t for _, t in self.starts[1:]] + [self.last_report]
        for (stage, start), stop in zip(self.starts, ends, strict=True):
            out[stage] = out.get(stage, 0.0) + stop - start
        if self.starts:
            out["swap"] = end - self.last_report
        return {k: round(v, 3) for k, v in out.items()}
