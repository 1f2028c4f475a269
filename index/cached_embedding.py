"""Embed texts through the vector cache, batch by batch, with progress a person can plan by.

Each batch's vectors reach the cache before the next batch starts, so a build killed after N
batches keeps them; the rerun says "resuming: N of M chunks already embedded" and embeds the rest.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.build_stages import RESUMING
from index.config import EngineConfig
from index.embedder import Embedder, backend_of
from index.vector_cache import VectorCache, text_key

log = logging.getLogger(__name__)

Report = Callable[[str, int, int], None]
LOG_EVERY_SECONDS = 30.0


@dataclass
class Embedded:
    vectors: np.ndarray
    computed: int  # texts the model embedded now (the rest came from the cache or repeats)
    cached: int  # texts found in the cache


@dataclass
class RateLog:
    """A log line every LOG_EVERY_SECONDS with done, rate and ETA: the progress of a build that
    runs in the bot (no terminal) or a CLI whose output goes to a file."""

    what: str
    total: int
    start_done: int
    t0: float = 0.0
    last: float = 0.0

    def __post_init__(self) -> None:
        self.t0 = self.last = time.monotonic()

    def __call__(self, done: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < LOG_EVERY_SECONDS:
            return
        self.last = now
        rate = (done - self.start_done) / max(now - self.t0, 1e-9)
        eta = (self.total - done) / rate if rate > 0 else float("inf")
        log.info("%s: %d/%d (%.0f%%), %.1f/s, ETA %s", self.what, done, self.total,
                 100 * done / max(self.total, 1), rate, _clock(eta))


def vector_cache(config: EngineConfig, embedder: Embedder, kind: str,
                 dtype: type = np.float32) -> VectorCache | None:
    """The cache of this model and documents' backend, or None when caching is off."""
    if not config.embedding.vector_cache:
        return None
    return VectorCache(config.cache_dir, embedder.name, backend_of(embedder), embedder.dim, kind, dtype)


def _clock(seconds: float) -> str:
    if seconds == float("inf"):
        return "?"
    m, s = divmod(int(seconds + 0.5), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def embed_cached(
    embedder: Embedder, texts: Sequence[str], *, cache: VectorCache | None, batch_size: int,
    cache_batch: int, stage: str, what: str, report: Report, dim: int,
    into: tuple[np.ndarray, np.ndarray] | None = None,
) -> Embedded:
    """Vectors of `texts` (row i = texts[i]), float32, from the cache where it has them.

    `into` = (array, rows): text i's vector is written to array[rows[i]] instead, and
    `vectors` is that array. A full build's 400k answer sentences then go straight into the
    index's float16 table: a float32 result, its float16 copy and the table side by side were
    1.2 GB of a UN build's peak memory."""
    n = len(texts)
    out, targets = into if into is not None else (np.zeros((n, dim), np.float32), np.arange(n))
    if n == 0:
        return Embedded(out, 0, 0)
    # Each distinct text once, by its first position; repeats are copied at the end. Plain ints
    # and one dict, no list or copied text per position: for a UN build's 406k answer
    # sentences that bookkeeping had been ~100 MB of the build's peak.
    first: dict[bytes, int] = {}
    repeats: list[tuple[int, int]] = []  # (position, first position of the same text)
    for i, t in enumerate(texts):
        j = first.setdefault(text_key(t), i)
        if j != i:
            repeats.append((i, j))
    times = Counter(j for _, j in repeats)  # extra positions per first position
    unique = list(first)
    found = cache.lookup_into(unique, out, [int(targets[first[k]]) for k in unique]) if cache is not None else set()
    missing = [k for k in first if k not in found]
    done = n - sum(1 + times[first[k]] for k in missing)
    if found and missing:
        log.info("resuming: %d of %d %s already embedded", done, n, what)
        report(f"{RESUMING}{what}", done, n)
    report(stage, done, n)
    if missing:
        # Longest first, so each batch holds texts of similar length (little padding); the
        # cache batches are small enough that a killed build loses little.
        missing.sort(key=lambda k: len(texts[first[k]]), reverse=True)
        rate = RateLog(f"embedding {what}", n, done)
        for lo in range(0, len(missing), cache_batch):
            batch = missing[lo : lo + cache_batch]
            vecs = embedder.encode([texts[first[k]] for k in batch], batch_size=batch_size)
            if cache is not None:
                cache.put(batch, vecs)
            for k, v in zip(batch, vecs, strict=True):
                out[targets[first[k]]] = v
                done += 1 + times[first[k]]
            report(stage, done, n)
            rate(done)
        rate(done, force=True)
        if cache is not None:
            cache.compact()
    for i, j in repeats:
        out[targets[i]] = out[targets[j]]
    return Embedded(out, len(missing), len(found))
