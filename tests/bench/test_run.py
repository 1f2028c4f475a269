"""bench/run.py's measurements (bench/speed/) on a tiny corpus with the fake embedder: structure, not speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import common as C
from bench.speed import approximate, build, cold, floor, incremental, latency, sweep, tables, tasks
from bench.speed.parts import StageClock, make_config
from tests.fakes import FakeEmbedder

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
    return make_config(tmp_path / "copy", tmp_path / "index", batch_size=8)


@pytest.fixture
def built(config):
    return build.measure(config, FakeEmbedder())


def test_build_reports_throughput_size_and_memory(built):
    for key in ("wall_s", "docs_per_s", "chunks_per_s", "index_bytes", "peak_rss_mb"):
        assert built[key] > 0, key
    assert built["documents"] == 4
    assert built["embedded_chunks"] == built["chunks"] > 4


def test_build_times_the_builders_own_stages(built):
    assert list(built["stages_s"]) == ["loading", "chunking", "embedding", "attributing",
                                       "embedding sentences", "indexing", "writing", "swap"]
    assert sum(built["stages_s"].values()) == pytest.approx(built["wall_s"], abs=0.05)


def test_build_puts_memory_on_each_stage_below_the_peak(built):
    assert list(built["stage_rss_mb"]) == list(built["stages_s"])[: len(built["stage_rss_mb"])]
    assert "writing" in built["stage_rss_mb"]
    # The stages' readings (psutil) and the peak (getrusage) count pages a little apart.
    assert 0 < max(built["stage_rss_mb"].values()) <= built["peak_rss_mb"] * 1.02


def test_build_with_the_hashing_embedder_needs_no_model(config):
    from index.store import current_path, read_manifest

    out = build.task(config, {"embedder": "hash"})
    assert read_manifest(current_path(config.index_dir))["model"] == "bench-hash-384"
    assert out["embedded_chunks"] == out["chunks"] > 0
    assert "embedding sentences" in out["stage_rss_mb"]


def test_non_embedding_time_leaves_out_the_model_stages(built):
    rest = sum(v for k, v in built["stages_s"].items() if k not in build.EMBEDDING_STAGES)
    assert built["non_embed_s"] == pytest.approx(rest, abs=0.01)


@pytest.mark.parametrize(("reports", "expected"), [
    ([("loading", 0, 0, 0.0), ("embedding", 0, 9, 1.0), ("embedding", 9, 9, 3.0), ("writing", 1, 1, 3.5)],
     {"loading": 1.0, "embedding": 2.5, "writing": 0.0, "swap": 0.5}),
    ([("loading", 0, 0, 0.0), ("resuming chunks", 4, 9, 0.5), ("embedding", 4, 9, 2.0)],
     {"loading": 2.0, "embedding": 0.0, "swap": 2.0}),
])
def test_stage_clock_splits_time_at_each_new_stage(monkeypatch, reports, expected):
    clock = StageClock()
    for stage, done, total, at in reports:
        monkeypatch.setattr("bench.speed.parts.time.perf_counter", lambda at=at: at)
        clock(stage, done, total)
    assert clock.seconds(4.0) == pytest.approx(expected)


def test_floor_encodes_the_same_chunks_as_the_build(built, config):
    out = floor.measure(config, FakeEmbedder())
    assert out["floor_encode_s"] > 0
    assert (out["chunks"], out["documents"]) == (built["chunks"], built["documents"])


def test_ratio_of_build_to_floor_is_computed(built, config):
    out = floor.measure(config, FakeEmbedder())
    assert floor.build_ratio(built, out) > 0
    assert floor.embedding_ratio(built, out) > 0


def test_latency_percentiles_and_stage_breakdown(built, config):
    out = latency.measure(config, FakeEmbedder(), "tiny", 25)
    assert out["questions"] >= 25
    assert 0 < out["p50_ms"] <= out["p95_ms"]
    assert set(out["stage_p50_ms"]) == set(latency.STAGES)
    assert out["stage_p50_ms"]["total"] > 0


def test_hnsw_comparison_reports_recall_per_ef_search(built, config):
    out = latency.measure(config, FakeEmbedder(), "tiny", 20, hnsw=True)["hnsw"]
    assert [r["ef_search"] for r in out["by_ef"]] == list(approximate.EF_SEARCH)
    assert all(0.0 <= r["recall_at_10"] <= 1.0 for r in out["by_ef"])
    assert out["vectors"] == built["chunks"]


def test_hnsw_answers_are_compared_with_exact_ones_and_exact_search_is_put_back(built, config):
    from index.engine import Engine

    engine = Engine.open(config, FakeEmbedder(), build_if_missing=False)
    exact = engine.state.dense
    out = approximate.answers(engine, ["Who was detained?", "What did the minister say?"], 256)
    assert out["questions"] == 2 and 0 <= out["same_answer"] <= out["same_first_quote"] <= 2
    assert out["hnsw"]["search_p50_ms"] > 0 and out["exact"]["ask_p50_ms"] > 0
    assert engine.state.dense is exact


def test_incremental_embeds_only_the_touched_documents(built, config, copied):
    out = incremental.measure(config, FakeEmbedder(), copied["spare"])
    assert out["consistent"]
    assert 0 < out["embedded_chunks"] < built["chunks"]
    assert len(out["added"]) == len(out["changed"]) == len(out["removed"]) == 1


def test_cold_start_loads_without_embedding_documents_or_rebuilding_bm25(built, config):
    out = cold.measure(config, lambda cfg: FakeEmbedder(), "What did Mara Quint say about floods?")
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


def test_tables_print_from_the_result_structure(built, config, capsys):
    floor_out = floor.measure(config, FakeEmbedder())
    lat = latency.measure(config, FakeEmbedder(), "tiny", 20, hnsw=True)
    results = {"corpora": [
        {"corpus": "tiny", "build": built, "floor": floor_out, "latency": lat,
         "ratio_build_to_floor": floor.build_ratio(built, floor_out)},
        {"corpus": "ap", "skipped": "holds no documents"},
    ]}
    tables.print_all(results)
    out = capsys.readouterr().out
    assert "tiny" in out and "ap: skipped" in out and "Recall@10" in out and "attributing" in out


def test_every_task_is_registered_with_a_description():
    assert set(tasks.describe()) == {"build", "floor", "sweep", "incremental", "latency", "cold", "txtai"}
    assert all(tasks.describe().values())


def test_an_unknown_task_is_refused_by_name():
    with pytest.raises(SystemExit, match="unknown task 'stages'"):
        tasks.run_task("stages", {"corpus_dir": ".", "index_dir": "."})


def test_the_sweep_samples_the_builders_texts_longest_first(config):
    from index.documents import load_corpus

    docs = load_corpus(config.corpus_dir, config).documents
    texts = sweep.unit_texts(docs, config)
    sample = sweep._sample(texts, 5)
    assert texts and len(sample) == min(5, len(texts))
    assert [len(x) for x in sample] == sorted((len(x) for x in sample), reverse=True)
    assert set(sample) <= set(texts)


def test_the_sweep_table_has_a_row_per_text_kind_and_thread_count(capsys):
    rows = [{"texts": kind, "threads": th, "batch": b, "per_s": float(b)}
            for th in (2, 1) for kind in ("chunks", "units") for b in (16, 64)]
    r = {"corpus": "tiny", "sweep": {"rows": rows, "sizes": {"chunks": 4, "units": 8},
                                     "mean_chars": {"chunks": 900, "units": 120}, "default_batch": 64}}
    from rich.console import Console

    Console(width=200).print(tables.sweep_table(r))
    out = capsys.readouterr().out
    assert out.count("chunks") >= 2 and out.count("units") >= 2 and "64.0" in out
