"""Vectors kept on disk as they are computed, keyed by (model, backend, text hash).

A build writes one segment per batch it embeds, so a killed or failed build loses at most one
batch: the next build finds the rest here and embeds only what is missing. Because the key is the
text, changing chunk settings or the glossary re-embeds only the chunk texts that changed.

Layout (one folder per model, backend, dimension and kind):
  <cache_dir>/vectors/<model>-<backend>-<dim>-<kind>/
    <segment>.vecs.npy   float vectors, one row per key
    <segment>.keys.npy   (n, 16) uint8 blake2b digests of the texts, written last, atomically;
                          the segment name ends with the sha256 of the vecs file, checked on use
A segment without its keys file is an interrupted write and is ignored; one whose vectors fail
their digest is deleted (its texts are embedded again).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from index.store import file_sha256

log = logging.getLogger(__name__)

KEY_BYTES = 16
# Past this many segments a finished build merges them into one (fewer files to open).
COMPACT_ABOVE = 64
# Rows read from a segment at a time when looking vectors up (~50 MB of 384-d float32).
LOOKUP_WINDOW = 32_768


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


def text_keys(texts: Sequence[str]) -> np.ndarray:
    """The (n, KEY_BYTES) uint8 keys of texts, as one array.

    One array rather than n bytes objects in lists and dicts: a UN build's 406k answer
    sentences cost ~6 MB of keys this way against ~45 MB as a dict of bytes."""
    buf = bytearray(len(texts) * KEY_BYTES)
    for i, t in enumerate(texts):
        buf[i * KEY_BYTES : (i + 1) * KEY_BYTES] = text_key(t)
    return np.frombuffer(bytes(buf), dtype=np.uint8).reshape(len(texts), KEY_BYTES)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")[:80] or "model"



class VectorCache:
    def __init__(self, root: Path, model: str, backend: str, dim: int, kind: str,
                 dtype: type = np.float32) -> None:
        self.folder = Path(root) / "vectors" / f"{_slug(model)}-{_slug(backend)}-{dim}-{kind}"
        self.dim = dim
        self.dtype = np.dtype(dtype)
        self._index: dict[bytes, tuple[str, int]] | None = None
        self._verified: dict[str, np.ndarray | None] = {}
        self._written = 0

    # --- reading ---------------------------------------------------------------------------
    def _segments(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name[: -len(".keys.npy")] for p in self.folder.glob("*.keys.npy"))

    def _load_index(self) -> dict[bytes, tuple[str, int]]:
        if self._index is None:
            index: dict[bytes, tuple[str, int]] = {}
            for seg in self._segments():
                try:
                    keys = np.load(self.folder / f"{seg}.keys.npy")
                except (OSError, ValueError) as e:
                    log.warning("vector cache segment %s is unreadable (%s): dropping it", seg, e)
                    self._drop(seg)
                    continue
                for row, key in enumerate(keys):
                    index[key.tobytes()] = (seg, row)
            self._index = index
        return self._index

    def _vectors(self, seg: str) -> np.ndarray | None:
        if seg not in self._verified:
            path = self.folder / f"{seg}.vecs.npy"
            vecs = None
            try:
                if file_sha256(path) == seg.rsplit("-", 1)[-1]:
                    vecs = np.load(path, mmap_mode="r")
                    if vecs.ndim != 2 or vecs.shape[1] != self.dim:
                        vecs = None
            except (OSError, ValueError):
                vecs = None
            if vecs is None:
                log.warning("vector cache segment %s fails its checksum: its texts are embedded again", seg)
                self._drop(seg)
            self._verified[seg] = vecs
        return self._verified[seg]

    def _drop(self, seg: str) -> None:
        for suffix in (".keys.npy", ".vecs.npy"):
            (self.folder / f"{seg}{suffix}").unlink(missing_ok=True)
        if self._index is not None:
            self._index = {k: v for k, v in self._index.items() if v[0] != seg}

    def __len__(self) -> int:
        return len(self._load_index())

    def lookup_into(self, keys: np.ndarray, out: np.ndarray, targets: Sequence[int]) -> np.ndarray:
        """Write the cached vector of keys[i] to out[targets[i]]; a boolean mask of the keys
        found (a damaged segment's keys are simply missing).

        Segments are read a window of rows at a time with plain file reads: a resumed UN
        build's 400k cached sentence vectors held as a dict of rows, beside the segment's
        memory map, were 650 MB of its peak."""
        index = self._load_index()
        found = np.zeros(len(keys), dtype=bool)
        if not index:  # a clean build: nothing cached, and no need to hash n keys to learn it
            return found
        by_segment: dict[str, list[tuple[int, int, int]]] = {}
        for i, (k, t) in enumerate(zip(keys, targets, strict=True)):
            hit = index.get(k.tobytes())
            if hit is not None:
                by_segment.setdefault(hit[0], []).append((hit[1], int(t), i))
        for seg, hits in by_segment.items():
            if self._vectors(seg) is None:  # checks the digest once; a damaged one is dropped
                continue
            hits.sort()
            seg_rows = np.asarray([r for r, _, _ in hits], dtype=np.int64)
            seg_targets = np.asarray([t for _, t, _ in hits], dtype=np.int64)
            with open(self.folder / f"{seg}.vecs.npy", "rb") as f:
                major, _ = np.lib.format.read_magic(f)
                read_header = (np.lib.format.read_array_header_1_0 if major == 1
                               else np.lib.format.read_array_header_2_0)
                shape, _, dtype = read_header(f)
                start, width = f.tell(), dtype.itemsize * shape[1]
                for lo in range(0, shape[0], LOOKUP_WINDOW):
                    a, b = np.searchsorted(seg_rows, [lo, lo + LOOKUP_WINDOW])
                    if a == b:
                        continue
                    f.seek(start + lo * width)
                    n = min(LOOKUP_WINDOW, shape[0] - lo)
                    block = np.frombuffer(f.read(n * width), dtype=dtype).reshape(n, shape[1])
                    out[seg_targets[a:b]] = block[seg_rows[a:b] - lo]
            found[[i for _, _, i in hits]] = True
        return found

    # --- writing ---------------------------------------------------------------------------
    def put(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Write one segment: vectors first, keys last by rename (a segment is whole or absent)."""
        if not len(keys):
            return
        self._write(keys, [vectors])

    def _write(self, keys: np.ndarray, blocks: Iterable[np.ndarray]) -> None:
        """A segment of len(keys) vectors, written block by block with plain file writes.

        Nothing written stays in memory (a segment is read back memory-mapped when looked up):
        keeping each batch, then merging them in memory and through memory maps, held three
        copies of a UN build's 406k sentence vectors at its peak."""
        self.folder.mkdir(parents=True, exist_ok=True)
        key_arr = np.ascontiguousarray(keys, dtype=np.uint8).reshape(-1, KEY_BYTES)
        self._written += 1
        stem = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{self._written:06d}"
        tmp = self.folder / f".{stem}.vecs.tmp.npy"
        header = {"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False,
                  "shape": (len(keys), self.dim)}
        rows = 0
        with open(tmp, "wb") as f:
            np.lib.format.write_array_header_2_0(f, header)
            for block in blocks:
                block = np.ascontiguousarray(block, dtype=self.dtype).reshape(-1, self.dim)
                f.write(block.tobytes())
                rows += block.shape[0]
        if rows != len(keys):
            tmp.unlink(missing_ok=True)
            raise ValueError(f"vector cache segment: {rows} vectors for {len(keys)} keys")
        seg = f"{stem}-{file_sha256(tmp)}"
        final = self.folder / f"{seg}.vecs.npy"
        os.replace(tmp, final)
        tmp_keys = self.folder / f".{stem}.keys.tmp.npy"
        np.save(tmp_keys, key_arr)
        os.replace(tmp_keys, self.folder / f"{seg}.keys.npy")
        # Forget the key index rather than grow it: a build looks its texts up once, before it
        # embeds, and a clean UN build's index grown by every put was ~85 MB of its peak. The
        # next lookup reads the keys files again.
        self._index = None
        self._verified[seg] = np.load(final, mmap_mode="r")

    def compact(self) -> None:
        """Merge many small segments into one; the old ones are deleted only once it is written."""
        segments = self._segments()
        if len(segments) <= COMPACT_ABOVE:
            return
        keys, good, sizes = [], [], []
        for seg in segments:
            vecs = self._vectors(seg)
            if vecs is None:
                continue
            keys.append(np.load(self.folder / f"{seg}.keys.npy"))
            good.append(seg)
            sizes.append(len(vecs))
        if not good:
            return
        all_keys = np.concatenate(keys)
        _, first = np.unique(all_keys, axis=0, return_index=True)
        first.sort()
        # Drop the memory maps: a segment's pages, once read, would count against this process
        # for as long as its map is held.
        self._index = None
        self._verified = {}

        def blocks() -> Iterator[np.ndarray]:  # one segment at a time, in the keys' order
            offset = 0
            for seg, n in zip(good, sizes, strict=True):
                rows = first[(first >= offset) & (first < offset + n)] - offset
                yield np.load(self.folder / f"{seg}.vecs.npy")[rows]
                offset += n

        self._write(all_keys[first], blocks())
        for seg in segments:
            self._drop(seg)
        self._index = None
        log.info("vector cache %s: merged %d segments", self.folder.name, len(segments))
