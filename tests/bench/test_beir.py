"""bench/beir.py on a tiny synthetic BEIR folder: metrics by hand, run file, JSON last line."""

from __future__ import annotations

import json
import math

import pytest

from bench.beir import (
    CachedEmbedder,
    evaluate,
    load_beir,
    main,
    ndcg_at_k,
    recall_at_k,
    score_run,
    write_run,
)
from index.config import EngineConfig
from tests.fakes import FakeEmbedder

DOCS = [
    {"_id": "d1", "title": "Volcano eruptions", "text": "Magma and lava flow from the volcano crater."},
    {"_id": "d2", "title": "Coral reefs", "text": "Coral bleaching follows warm ocean water."},
    {"_id": "d3", "title": "Honey bees", "text": "Bees pollinate flowers and make honey in hives."},
]
QUERIES = [
    {"_id": "q1", "text": "lava from a volcano crater"},
    {"_id": "q2", "text": "why do bees make honey"},
    {"_id": "q3", "text": "a query without judgements"},
]
QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t2\n"


@pytest.fixture
def beir_dir(tmp_path):
    root = tmp_path / "tiny"
    (root / "qrels").mkdir(parents=True)
    (root / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in DOCS))
    (root / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in QUERIES))
    (root / "qrels" / "test.tsv").write_text(QRELS)
    return root


def test_load_beir_keeps_only_judged_queries(beir_dir):
    data = load_beir(beir_dir, "test")
    assert set(data.corpus) == {"d1", "d2", "d3"}
    assert data.corpus["d1"][0] == "Volcano eruptions"
    assert set(data.queries) == {"q1", "q2"}
    assert data.qrels == {"q1": {"d1": 1}, "q2": {"d3": 2}}


def test_load_beir_names_the_missing_split(beir_dir):
    with pytest.raises(SystemExit, match="found: \\['test'\\]"):
        load_beir(beir_dir, "train")


@pytest.mark.parametrize(
    ("ranking", "rels", "k", "expected"),
    [
        (["a", "b"], {"a": 1}, 10, 1.0),
        (["b", "a"], {"a": 1}, 10, 1 / math.log2(3)),
        # graded: gain = relevance, ideal order puts the grade-2 document first
        (["x", "a", "b"], {"a": 2, "b": 1}, 10, (2 / math.log2(3) + 1 / math.log2(4)) / (2 + 1 / math.log2(3))),
        (["x", "a"], {"a": 1}, 1, 0.0),  # cut at k
        (["x"], {}, 10, 0.0),  # nothing relevant: 0, not a division by zero
        (["b", "a"], {"a": 1, "b": 0}, 10, 1 / math.log2(3)),  # grade 0 brings no gain
    ],
)
def test_ndcg_at_k(ranking, rels, k, expected):
    assert ndcg_at_k(ranking, rels, k) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ranking", "rels", "k", "expected"),
    [
        (["a", "b", "c"], {"a": 1, "c": 1}, 100, 1.0),
        (["a", "b", "c"], {"a": 1, "c": 1}, 2, 0.5),
        (["b"], {"a": 1, "c": 1}, 100, 0.0),
        (["a", "b"], {"a": 1, "b": 0}, 100, 1.0),  # grade 0 is not relevant
    ],
)
def test_recall_at_k(ranking, rels, k, expected):
    assert recall_at_k(ranking, rels, k) == pytest.approx(expected)


def test_score_run_counts_a_query_without_results_as_zero():
    qrels = {"q1": {"d1": 1}, "q2": {"d3": 1}}
    run = {"q1": [("d1", 3.0), ("d2", 1.0)]}
    assert score_run(run, qrels) == {"ndcg@10": 0.5, "recall@100": 0.5, "queries": 2}


def test_write_run_is_trec_format_and_stops_at_depth(tmp_path):
    path = tmp_path / "run.tsv"
    write_run({"q1": [("d1", 0.5), ("d2", 0.25), ("d3", 0.125)]}, path, tag="fused", depth=2)
    lines = [line.split() for line in path.read_text().splitlines()]
    assert lines == [["q1", "Q0", "d1", "1", "0.500000", "fused"], ["q1", "Q0", "d2", "2", "0.250000", "fused"]]


def test_evaluate_runs_the_engine_and_maps_back_to_beir_ids(beir_dir, tmp_path):
    data = load_beir(beir_dir, "test")
    results, runs = evaluate(data, FakeEmbedder(), EngineConfig(), work_dir=tmp_path / "work")
    assert set(results) == {"bm25", "dense", "fused", "fused-rrf", "fused-zscore"}
    for mode in results:
        assert results[mode]["queries"] == 2
        assert results[mode]["ndcg@10"] == pytest.approx(1.0)
        assert runs[mode]["q1"][0][0] == "d1"
    assert {d for d, _ in runs["dense"]["q2"]} == {"d1", "d2", "d3"}
    assert [d for d, _ in runs["bm25"]["q2"]] == ["d3"]  # BM25 lists only documents sharing a term


def test_cached_embedder_embeds_each_text_once_across_runs(tmp_path):
    fake = FakeEmbedder()
    first = CachedEmbedder(fake, tmp_path / "cache").encode(["alpha beta", "gamma"])
    again = CachedEmbedder(fake, tmp_path / "cache").encode(["gamma", "alpha beta", "delta"])
    assert fake.texts_embedded == 3
    assert (again[0] == first[1]).all() and (again[1] == first[0]).all()


def test_main_prints_a_table_then_json_on_the_last_line_and_writes_the_run(beir_dir, tmp_path, capsys):
    run_path = tmp_path / "fused.tsv"
    main([str(beir_dir), "--split", "test", "--run", str(run_path), "--cache", str(tmp_path / "c")],
         embedder=FakeEmbedder())
    out = capsys.readouterr().out.strip().splitlines()
    assert any("Recall@100" in line for line in out[:-1])
    last = json.loads(out[-1])
    assert last["split"] == "test"
    assert set(last["results"]) == {"bm25", "dense", "fused", "fused-rrf", "fused-zscore"}
    assert last["results"]["fused"]["ndcg@10"] == pytest.approx(1.0)
    rows = [line.split() for line in run_path.read_text().splitlines()]
    assert {r[0] for r in rows} == {"q1", "q2"}
    assert all(len(r) == 6 and r[1] == "Q0" and r[5] == "quotebot" for r in rows)
    assert [r[3] for r in rows if r[0] == "q1"] == [str(i) for i in range(1, len(rows) // 2 + 1)][: sum(r[0] == "q1" for r in rows)]
