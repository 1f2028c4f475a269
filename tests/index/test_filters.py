"""Collections, outlets and dates as filters applied inside retrieval (real engine, fake embedder)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from index.config import ChunkingConfig, EngineConfig
from index.dates import DateRange
from index.engine import Engine
from index.filters import Filters, NothingInScope, UnknownCollection
from tests.fakes import FakeEmbedder


def md(title: str, day: str, source: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {day}\nsource: {source}\n---\n{body}\n"


# The same topic (flood warnings) in every collection, so only the filter can tell them apart.
CORPUS = {
    "un/flood-2024.md": md("UN warns of floods", "2024-04-02", "un.org",
                           "“The flood warnings must be heeded by every valley town,” UN spokeswoman Ana Ruiz said "
                           "on Tuesday. The river rose two metres overnight."),
    "un/flood-2023.md": md("UN flood report", "2023-09-10", "un.org",
                           "“Flood defences in the valley are failing,” UN envoy Piet Jansen said. Water covered "
                           "the northern fields for a week."),
    "hrw/flood.md": md("Rights group on floods", "2024-05-20", "hrw.org",
                       "“Flood victims in the valley were left without help,” researcher Lena Ford said. "
                       "The group urged the ministry to open shelters."),
    "press.txt": ("Valley flood news\n\nThe flood in the valley closed three schools, the mayor said on "
                  "Friday. Residents piled sandbags along the river.\n\nSource: valley-news.test\n"),
}


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    root = tmp_path / "corpus"
    for rel, text in CORPUS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    config = EngineConfig(corpus_dir=root, index_dir=tmp_path / "index",
                          chunking=ChunkingConfig(max_chars=400, min_chars=80))
    engine = Engine.open(config, embedder=FakeEmbedder())
    engine.today = lambda: date(2025, 6, 15)
    return engine


def cited(answer) -> set[str]:
    return {s.doc_id for s in answer.sources} | {q.doc_id for q in answer.closest}


def test_every_document_carries_its_collection(engine):
    by_id = {d.doc_id: d.collection for d in engine.documents()}
    assert by_id == {"flood-2024": "un", "flood-2023": "un", "flood": "hrw", "press": "default"}
    assert engine.facets()["collections"] == {"default": 1, "hrw": 1, "un": 2}
    assert engine.facets()["sources"] == {"hrw.org": 1, "un.org": 2, "valley-news.test": 1}


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(collections=("un",)), {"flood-2024", "flood-2023"}),
        (Filters(collections=("hrw",)), {"flood"}),
        (Filters(collections=("default",)), {"press"}),
        (Filters(collections=("UN", "hrw")), {"flood-2024", "flood-2023", "flood"}),
        (Filters(sources=("hrw.org",)), {"flood"}),
        (Filters(dates=DateRange(date(2024, 1, 1), date(2024, 12, 31))), {"flood-2024", "flood"}),
        (Filters(dates=DateRange(None, date(2023, 12, 31))), {"flood-2023"}),
        (Filters(collections=("un",), dates=DateRange(date(2024, 1, 1), None)), {"flood-2024"}),
    ],
)
def test_search_keeps_to_the_filter_on_both_sides(engine, filters, allowed):
    hits = engine.search("flood warnings in the valley", k=10, filters=filters)
    assert hits and {h.chunk.doc_id for h in hits} <= allowed
    # Dense and BM25 both kept to it: no hit is a candidate from outside.
    assert {h.chunk.doc_id for h in hits} == allowed


def test_an_answer_cites_only_its_collection(engine):
    answer = engine.ask("What did they say about the flood in the valley?", filters=Filters(collections=("hrw",)))
    assert cited(answer) <= {"flood"}
    assert answer.filters["collections"] == ["hrw"]
    assert answer.to_json()["filters"] == answer.filters


def test_a_speakers_statements_outside_the_filter_are_not_quoted(engine):
    # Ana Ruiz speaks only in un/; asked within hrw/ she has nothing to say there.
    answer = engine.ask("What did Ana Ruiz say?", filters=Filters(collections=("hrw",)))
    assert all(q.doc_id == "flood" for q in answer.quotes)
    assert not any("heeded" in q.text for q in answer.quotes)


def test_the_questions_own_year_becomes_a_date_filter(engine):
    answer = engine.ask("What did the UN say about floods in 2023?")
    assert cited(answer) <= {"flood-2023"}
    assert answer.filters["after"] == "2023-01-01" and answer.filters["before"] == "2023-12-31"
    assert answer.filters["from_question"] == "in 2023"
    assert answer.scope == "from 2023"


def test_last_year_is_relative_to_today(engine):
    answer = engine.ask("What was said about floods last year?")
    assert answer.filters["after"] == "2024-01-01"
    assert cited(answer) <= {"flood-2024", "flood"}


def test_a_filter_that_matches_nothing_says_so(engine):
    in_2019 = DateRange(date(2019, 1, 1), date(2019, 12, 31))
    answer = engine.ask("What did the UN say?", filters=Filters(collections=("un",), dates=in_2019))
    assert answer.abstained and answer.answer == "No documents from 2019 in un."
    assert answer.quotes == [] and answer.closest == []


def test_a_question_date_no_document_has_is_dropped_and_said(engine):
    # "in 2019" may be when the events happened, not when the documents were written.
    answer = engine.ask("Were flood defences in the valley failing in 2019?", filters=Filters(collections=("un",)))
    assert answer.filters["note"] == "No documents from 2019 in un: searched every date instead."
    assert answer.filters["after"] is None and answer.filters["collections"] == ["un"]
    assert cited(answer) <= {"flood-2024", "flood-2023"} and cited(answer)


def test_a_question_date_without_other_filters_is_dropped_and_said(engine):
    answer = engine.ask("Were flood defences in the valley failing this year?")
    assert answer.filters == {"collections": [], "sources": [], "after": None, "before": None,
                              "from_question": None,
                              "note": "No documents between 2025-01-01 and 2025-06-15: searched every date instead."}


def test_search_with_nothing_in_scope_raises_one_line(engine):
    with pytest.raises(NothingInScope, match=r"^No documents by nobody\.test\.$"):
        engine.search("flood", filters=Filters(sources=("nobody.test",)))


def test_an_unknown_collection_names_the_real_ones(engine):
    with pytest.raises(UnknownCollection, match="No collection named “unn”; the collections are: default, hrw, un."):
        engine.ask("floods?", filters=Filters(collections=("unn",)))


def test_undated_documents_are_left_out_by_a_date_filter(engine):
    # press.txt has no date: it cannot be said to be from 2024.
    hits = engine.search("schools sandbags mayor", k=10, filters=Filters(dates=DateRange(date(2024, 1, 1), None)))
    assert "press" not in {h.chunk.doc_id for h in hits}


def test_documents_lists_one_collection(engine):
    assert {d.doc_id for d in engine.documents(Filters(collections=("un",)))} == {"flood-2024", "flood-2023"}


def test_a_format_2_index_is_migrated_without_re_embedding(engine, tmp_path):
    from index import store

    path = store.current_path(engine.config.index_dir)
    # Make the current generation what format 2 wrote: no collection in docs.jsonl.
    rows = [json.loads(line) for line in (path / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    (path / "docs.jsonl").write_text("".join(
        json.dumps({k: v for k, v in r.items() if k != "collection"}, ensure_ascii=False) + "\n" for r in rows),
        encoding="utf-8")
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    manifest["format_version"] = 2
    manifest["files"]["docs.jsonl"] = (path / "docs.jsonl").stat().st_size
    manifest["sha256"]["docs.jsonl"] = store.file_sha256(path / "docs.jsonl")
    manifest["manifest_sha256"] = store._manifest_digest(manifest)
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    embedder = FakeEmbedder()
    reopened = Engine.open(engine.config, embedder=embedder)
    assert reopened.state.manifest["format_version"] == store.FORMAT_VERSION
    assert store.current_path(engine.config.index_dir) != path  # a new generation was written
    assert embedder.texts_embedded == 0  # vectors reused: nothing re-embedded
    assert {d.doc_id: d.collection for d in reopened.documents()}["flood"] == "hrw"
    hits = reopened.search("flood valley", k=10, filters=Filters(collections=("hrw",)))
    assert {h.chunk.doc_id for h in hits} == {"flood"}


def test_an_index_of_an_unknown_format_is_still_refused(engine):
    from index import store
    from index.errors import IndexMismatch

    manifest = dict(engine.state.manifest, format_version=1)
    with pytest.raises(IndexMismatch, match="format 1"):
        store.check_compatible(manifest, manifest["model"], None)


def test_a_speaker_quoted_only_elsewhere_is_not_said_to_be_in_the_filtered_documents(engine):
    answer = engine.ask("What did Ana Ruiz say?", filters=Filters(collections=("hrw",)))
    assert answer.abstained and answer.answer == "No statement from Ana Ruiz in hrw."
