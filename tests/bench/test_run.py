"""bench/run.py's measurements on a tiny corpus with the fake embedder: structure, not speed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.fakes import FakeEmbedder

REPO = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


run = _load("bench_run_under_test", REPO / "bench" / "run.py")
C = run.C

# Fictional articles, long enough to make several chunks each.
TOPICS = ["floods", "orchestra", "chess", "harvest", "railway"]


def _article(i: int, topic: str) -> str:
    paras = [f"Report on the {topic} in Eastland number {i}"]
    for p in range(4):
        paras.append(
            f"The council spokeswoman Mara Quint said on Monday that the {topic} were “a matter "
            f"of concern” for paragraph {p}. Officials met residents and promised a plan. "
            f"“We will publish a bulletin every day about the {topic},” she told reporters in "
            f"the town hall, adding that the budget would cover the {topic} until next year."
        )
    return "\n\n".join(paras) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for i, topic in enumerate(TOPICS):
        (src / f"{i:02d}_{topic}.txt").write_text(_article(i, topic), encoding="utf-8")
    return src


@pytest.fixture
def copied(tmp_path: Path, corpus: Path) -> dict:
    # The copy holds 4 documents; the others are kept aside as `spare` for the incremental run.
    return C.copy_corpus(corpus, tmp_path / "copy", limit_docs=4)


@pytest.fixture
def config(tmp_path: Path, copied: dict):
    return run.make_config(tmp_path / "copy", tmp_path / "index", batch_size=8)


@pytest.fixture
def built(config):
    return run.measure_build(config, FakeEmbedder())


def test_build_reports_throughput_size_and_memory(built):
    for key in ("wall_s", "docs_per_s", "chunks_per_s", "index_bytes", "peak_rss_mb"):
        assert built[key] > 0, key
    assert built["documents"] == 4
    assert built["embedded_chunks"] == built["chunks"] > 4


def test_stages_cover_every_builder_step_and_the_floor(config, tmp_path):
    out = run.measure_stages(config, FakeEmbedder(), tmp_path / "stages")
    assert set(out["stages_s"]) == {"fingerprint", "load_parse", "hash", "chunk", "embed", "faiss",
                                    "bm25", "lexicon_vocab", "write"}
    assert out["floor_encode_s"] > 0 and out["chunks"] > 4
    assert out["non_embed_s"] == pytest.approx(sum(v for k, v in out["stages_s"].items() if k != "embed"), abs=0.01)


def test_ratio_of_build_to_floor_is_computed(built, config, tmp_path):
    stages = run.measure_stages(config, FakeEmbedder(), tmp_path / "stages")
    ratio = run.build_ratio(built, stages)
    assert ratio is not None and ratio > 0


def test_stages_count_the_same_chunks_as_the_build(built, config, tmp_path):
    stages = run.measure_stages(config, FakeEmbedder(), tmp_path / "stages")
    assert stages["chunks"] == built["chunks"]
    assert stages["documents"] == built["documents"]


def test_latency_percentiles_and_stage_breakdown(built, config):
    out = run.measure_latency(config, FakeEmbedder(), "tiny", 25)
    assert out["questions"] >= 25
    assert 0 < out["p50_ms"] <= out["p95_ms"]
    assert set(out["stage_p50_ms"]) == set(run.STAGES)
    assert out["stage_p50_ms"]["total"] > 0


def test_hnsw_comparison_reports_recall_per_ef_search(built, config):
    out = run.measure_latency(config, FakeEmbedder(), "tiny", 20, hnsw=True)["hnsw"]
    assert [r["ef_search"] for r in out["by_ef"]] == list(run.EF_SEARCH)
    assert all(0.0 <= r["recall_at_10"] <= 1.0 for r in out["by_ef"])
    assert out["vectors"] == built["chunks"]


def test_incremental_embeds_only_the_touched_documents(built, config, copied):
    out = run.measure_incremental(config, FakeEmbedder(), copied["spare"])
    assert out["consistent"]
    assert 0 < out["embedded_chunks"] < built["chunks"]
    assert len(out["added"]) == len(out["changed"]) == len(out["removed"]) == 1


def test_cold_start_loads_without_embedding_documents_or_rebuilding_bm25(built, config):
    out = run.measure_cold(config, lambda cfg: FakeEmbedder(), "What did Mara Quint say about floods?")
    assert out["load_doc_texts_embedded"] == out["load_query_texts_embedded"] == 0
    assert out["doc_texts_embedded"] == 0
    assert out["bm25_index_calls"] == out["lexical_builds"] == out["lexicon_builds"] == out["builds"] == 0
    assert out["query_encodes"] >= 1
    assert out["rss_after_first_answer_mb"] > 0


def test_csv_corpus_subset_and_mutation(tmp_path):
    src = tmp_path / "csvsrc"
    src.mkdir()
    rows = [{"title": f"T{i}", "text": _article(i, TOPICS[i]), "url": f"https://x.test/{i}"} for i in range(5)]
    C.write_csv(src / "a.csv", rows)
    dst = tmp_path / "csvcopy"
    assert C.copy_corpus(src, dst, limit_docs=3)["rows"] == 3
    changes = C.mutate_corpus(dst)
    left = C.read_csv(dst / "a.csv")
    assert len(left) == 2 and left[0]["text"] != rows[0]["text"]
    assert changes["deleted"] == "https://x.test/1"
    assert (dst / changes["added"]).exists()


def test_questions_are_deterministic_and_include_repeats(built, config):
    from index.documents import load_corpus

    docs = load_corpus(config.corpus_dir, config).documents
    a = C.make_questions(docs, "hrw", 200)
    assert a == C.make_questions(docs, "hrw", 200)
    assert len(a) >= 200
    assert len(set(a)) < len(a)


@pytest.mark.parametrize(("values", "p", "expected"), [
    ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 100, 5.0),
    ([10.0], 95, 10.0),
    ([], 50, 0.0),
])
def test_percentile(values, p, expected):
    assert C.percentile(values, p) == pytest.approx(expected)


def test_tables_print_from_the_result_structure(built, config, tmp_path, capsys):
    stages = run.measure_stages(config, FakeEmbedder(), tmp_path / "stages")
    lat = run.measure_latency(config, FakeEmbedder(), "tiny", 20, hnsw=True)
    results = {"corpora": [
        {"corpus": "tiny", "build": built, "stages": stages, "latency": lat,
         "ratio_build_to_floor": run.build_ratio(built, stages)},
        {"corpus": "ap", "skipped": "holds no documents"},
    ]}
    run.print_tables(results)
    out = capsys.readouterr().out
    assert "tiny" in out and "ap: skipped" in out and "Recall@10" in out
