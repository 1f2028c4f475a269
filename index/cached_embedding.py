"""Embed texts through the vector cache, batch by batch, with progress a person can plan by.

Each batch's vectors reach the cache before the next batch starts, so a build killed after N
batches keeps them; the rerun says "resuming: N of M chunks already embedded" and embeds the rest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.build_stages import RESUMING
from index.config import EngineConfig
from index.embedder import Embedder, backend_of
from index.vector_cache import VectorCache, text_keys

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
    targets = np.asarray(targets, dtype=np.int64)
    if n == 0:
        return Embedded(out, 0, 0)
    # Each distinct text once, by its first position; repeats are copied at the end. Keys,
    # positions and counts are numpy arrays, not dicts and lists of bytes and ints: for a UN
    # build's 406k answer sentences that bookkeeping had been ~100 MB of the build's peak.
    keys = text_keys(texts)
    unique_keys, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    copies = np.bincount(inverse, minlength=len(first))  # positions per distinct text
    found = (cache.lookup_into(unique_keys, out, targets[first]) if cache is not None
             else np.zeros(len(first), dtype=bool))
    missing = np.flatnonzero(~found)  # indexes into unique_keys / first
    done = n - int(copies[missing].sum())
    if found.any() and len(missing):
        log.info("resuming: %d of %d %s already embedded", done, n, what)
        report(f"{RESUMING}{what}", done, n)
    report(stage, done, n)
    if len(missing):
        # Longest first, so each batch holds texts of similar length (little padding); the
        # cache batches are small enough that a killed build loses little. Equal lengths keep
        # corpus order, so the batches (and their padding) are those of earlier builds.
        missing = missing[np.argsort(first[missing], kind="stable")]
        lengths = np.fromiter((len(texts[first[u]]) for u in missing), dtype=np.int64, count=len(missing))
        missing = missing[np.argsort(-lengths, kind="stable")]
        rate = RateLog(f"embedding {what}", n, done)
        for lo in range(0, len(missing), cache_batch):
            batch = missing[lo : lo + cache_batch]
            vecs = embedder.encode([texts[first[u]] for u in batch], batch_size=batch_size)
            if cache is not None:
                cache.put(unique_keys[batch], vecs)
            out[targets[first[batch]]] = vecs
            done += int(copies[batch].sum())
            report(stage, done, n)
            rate(done)
        rate(done, force=True)
        if cache is not None:
            cache.compact()
    repeated = np.flatnonzero(first[inverse] != np.arange(n))
    if len(repeated):
        out[targets[repeated]] = out[targets[first[inverse[repeated]]]]
    return Embedded(out, len(missing), int(found.sum()))
