"""bench/attribution.py on a tiny PolNeAR-shaped split written here (no PolNeAR text)."""

from __future__ import annotations

import pytest

from bench import attribution

pytestmark = pytest.mark.skipif(not (attribution.POLNEAR / "score.py").exists(),
                                reason=f"PolNeAR scorer not found at {attribution.POLNEAR}")

TEXT = ("“The bridge will reopen in May,” Mayor Ana Costa said.\n\n"
        "“We were never asked,” a resident said.\n")


@pytest.fixture
def split(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    q1, s1 = TEXT.index("“The"), TEXT.index("Mayor")
    q2 = TEXT.index("“We")
    ann = [
        f"T1\tContent {q1} {q1 + 31}\t{TEXT[q1:q1 + 31]}",
        f"T2\tSource {s1} {s1 + 14}\t{TEXT[s1:s1 + 14]}",
        "E1\tAttribution:T1 Content:T1 Source:T2",
        f"T3\tContent {q2} {q2 + 22}\t{TEXT[q2:q2 + 22]}",
        "E2\tAttribution:T3 Content:T3",
    ]
    (tmp_path / "attributions" / "a_X.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return tmp_path


def test_predictions_are_scored_by_the_benchmarks_own_metric(split) -> None:
    preds, _ = attribution.predict(split)
    row = attribution.score(attribution.load_scorer(), split, preds)
    assert (row["right"], row["gold"], row["headline"], row["speaker_precision"]) == (1, 1, 1.0, 1.0)


def test_breakdown_counts_nothing_when_all_is_right(split) -> None:
    pn = attribution.load_scorer()
    preds, _ = attribution.predict(split)
    causes, shown = attribution.breakdown(pn, split, preds, examples=5)
    assert sum(causes.values()) == 0 and shown == []


def test_breakdown_names_the_cause_of_a_missing_speaker(split) -> None:
    pn = attribution.load_scorer()
    preds, _ = attribution.predict(split)
    for _, stmts in preds:
        for s in stmts:
            s["speaker"] = s["source_start"] = s["source_end"] = None
    causes, _ = attribution.breakdown(pn, split, preds, examples=0)
    assert causes == {"no speaker: name source, same sentence": 1}
