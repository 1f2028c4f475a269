"""What /said lists: a speaker's statements, verbatim, newest first, with `about`, in pages."""

from __future__ import annotations

import pytest

from index.config import ChunkingConfig, EngineConfig
from index.engine import Engine
from index.speakers.listing import page, pages
from tests.conftest import write_corpus

# Fictional articles, dated by their front matter.
ARTICLES = {
    "old.md": (
        "---\ntitle: Floods rise\ndate: 2023-01-10\nsource: Example News\n---\n"
        "“The dikes will hold this winter,” Mara Quint, a spokeswoman for the Eastland River Agency, said.\n"
    ),
    "farm.md": (
        "---\ntitle: Farmers wait\ndate: 2023-02-01\nsource: Example News\n---\n"
        "“We cannot promise anything,” said Tom Quint, a farmer in the valley.\n"
    ),
    "new.md": (
        "---\ntitle: Floods recede\ndate: 2024-06-02\nsource: Example News\n---\n"
        "“The water is going down and the bulletins will continue,” Mara Quint said on Sunday.\n\n"
        "Ilse Varga, a conductor, was mentioned in passing.\n"
    ),
    "reprint.md": (
        "---\ntitle: Floods recede (reprint)\ndate: 2024-06-01\nsource: Other News\n---\n"
        "“The water is going down and the bulletins will continue,” Mara Quint said on Sunday.\n"
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, request):
    from tests.fakes import FakeEmbedder

    root = tmp_path_factory.mktemp("listing")
    config = EngineConfig(corpus_dir=write_corpus(root / "corpus", ARTICLES), index_dir=root / "index",
                          chunking=ChunkingConfig(max_chars=400, min_chars=80))
    return Engine.open(config, embedder=FakeEmbedder())


def test_newest_first_verbatim_with_speaker_and_citation(engine):
    result = engine.said("Mara Quint")
    assert [q.text for q in result.quotes] == [
        "The water is going down and the bulletins will continue",  # 2024-06-02; the reprint dropped
        "The dikes will hold this winter",
    ]
    for q in result.quotes:
        doc = engine.state.doc(q.doc_id)
        assert doc.text[q.start : q.end] == q.text and q.speaker == "Mara Quint" and q.kind == "direct"
        assert result.sources[q.citation - 1].doc_id == q.doc_id
    assert result.total == 2 and result.message == ""


def test_the_namesake_is_not_listed(engine):
    assert all(q.speaker != "Tom Quint" for q in engine.said("Mara Quint").quotes)
    assert [q.speaker for q in engine.said("Tom Quint").quotes] == ["Tom Quint"]


def test_a_surname_alone_is_the_person_the_corpus_quotes_with_it(engine):
    assert len(engine.said("Quint").quotes) == 3  # two people share it: both are listed


def test_about_keeps_the_statements_on_it(engine):
    result = engine.said("Mara Quint", about="dikes")
    assert [q.text for q in result.quotes] == ["The dikes will hold this winter"]


@pytest.mark.parametrize(("about", "listed"), [
    ("the winter dikes", ["The dikes will hold this winter"]),
    # Only the topic's less specific word is in her words ("winter"; "Zanvik" is nowhere): not
    # a statement on it, as "What did X say about Y?" decides.
    ("the Zanvik winter", []),
])
def test_about_asks_what_ask_asks(engine, about, listed):
    assert [q.text for q in engine.said("Mara Quint", about=about).quotes] == listed
    assert engine.ask(f"What did Mara Quint say about {about}?").abstained == (not listed)


@pytest.mark.parametrize(
    "name, about, message, mentioned",
    [
        ("Nobody Atall", None, "No statements from Nobody Atall in the corpus.", False),
        ("Ilse Varga", None, "The corpus mentions Ilse Varga but quotes nothing from them.", True),
        ("Mara Quint", "orchestras", "No statement from Mara Quint on orchestras in the corpus.", True),
    ],
)
def test_nothing_to_list_says_why(engine, name, about, message, mentioned):
    result = engine.said(name, about=about)
    assert (result.quotes, result.message, result.mentioned) == ([], message, mentioned)


def test_limit_keeps_the_newest_and_counts_them_all(engine):
    result = engine.said("Quint", limit=1)
    assert len(result.quotes) == 1 and result.total == 3


def test_speakers_with_counts(engine):
    counts = {s.name: s.statements for s in engine.speakers()}
    assert counts["Mara Quint"] == 3 and counts["Tom Quint"] == 1  # the reprint is a statement too


@pytest.mark.parametrize("number, expected", [(0, [0, 1, 2, 3, 4]), (1, [5, 6]), (9, [5, 6]), (-1, [0, 1, 2, 3, 4])])
def test_pages(number, expected):
    assert page(list(range(7)), number, 5) == expected and pages(7, 5) == 2
