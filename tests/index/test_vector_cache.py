"""The on-disk vector cache: segments written whole, merged without losing or mixing vectors."""

from __future__ import annotations

import numpy as np
import pytest

from index.vector_cache import COMPACT_ABOVE, VectorCache, text_key, text_keys


def vectors(n: int, seed: int, dim: int = 8) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_a_put_segment_is_found_again_by_a_new_cache(tmp_path, dtype):
    keys = text_keys([f"text {i}" for i in range(5)])
    vecs = vectors(5, 1)
    VectorCache(tmp_path, "m", "torch", 8, "chunks", dtype).put(keys, vecs)
    out = np.zeros((5, 8), dtype)
    found = VectorCache(tmp_path, "m", "torch", 8, "chunks", dtype).lookup_into(keys, out, range(5))
    assert found.all()
    assert np.array_equal(out, vecs.astype(dtype))


def test_compacting_many_segments_keeps_every_vector_once(tmp_path):
    cache = VectorCache(tmp_path, "m", "torch", 8, "units", np.float16)
    expected = {}
    for seg in range(COMPACT_ABOVE + 6):
        # Each segment repeats the previous one's last text: the merge keeps one row for it.
        texts = [f"text {seg * 3 + i}" for i in range(4)]
        vecs = vectors(4, seg)
        keys = text_keys(texts)
        cache.put(keys, vecs)
        for k, v in zip(keys, vecs, strict=True):
            expected.setdefault(k.tobytes(), v.astype(np.float16))
    cache.compact()
    assert len(list(cache.folder.glob("*.keys.npy"))) == 1
    reread = VectorCache(tmp_path, "m", "torch", 8, "units", np.float16)
    assert len(reread) == len(expected)
    out = np.zeros((len(expected), 8), np.float16)
    wanted = np.frombuffer(b"".join(expected), np.uint8).reshape(-1, 16)
    assert reread.lookup_into(wanted, out, range(len(expected))).all()
    assert np.array_equal(out, np.stack(list(expected.values())))


def test_a_segment_with_fewer_vectors_than_keys_is_not_written(tmp_path):
    cache = VectorCache(tmp_path, "m", "torch", 8, "chunks")
    with pytest.raises(ValueError):
        cache.put(text_keys(["a", "b"]), vectors(1, 0))
    assert not list(cache.folder.glob("*.npy"))


def test_lookup_into_writes_found_vectors_to_their_rows_across_read_windows(tmp_path, monkeypatch):
    monkeypatch.setattr("index.vector_cache.LOOKUP_WINDOW", 3)  # several windows per segment
    cache = VectorCache(tmp_path, "m", "torch", 8, "chunks")
    keys = text_keys([f"text {i}" for i in range(10)])
    vecs = vectors(10, 4)
    cache.put(keys, vecs)
    wanted = np.stack([keys[8], text_keys(["never embedded"])[0], keys[1], keys[5]])
    out = np.zeros((6, 8), np.float32)
    found = VectorCache(tmp_path, "m", "torch", 8, "chunks").lookup_into(wanted, out, [0, 1, 2, 5])
    assert found.tolist() == [True, False, True, True]
    assert np.array_equal(out[[0, 2, 5]], vecs[[8, 1, 5]])
    assert not out[[1, 3, 4]].any()


def test_text_keys_are_the_text_key_of_each_text():
    texts = ["a", "b", "a", ""]
    assert [k.tobytes() for k in text_keys(texts)] == [text_key(t) for t in texts]


def test_a_put_is_seen_by_the_next_lookup_of_the_same_cache(tmp_path):
    cache = VectorCache(tmp_path, "m", "torch", 8, "chunks")
    out = np.zeros((1, 8), np.float32)
    assert not cache.lookup_into(text_keys(["late"]), out, [0]).any()
    cache.put(text_keys(["late"]), vectors(1, 2))
    assert cache.lookup_into(text_keys(["late"]), out, [0]).all()
    assert np.array_equal(out, vectors(1, 2))
