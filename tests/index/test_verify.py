"""Engine.verify on the small fictional corpus: each verdict, offsets, speakers from build time."""

from __future__ import annotations

import pytest

from index.config import EngineConfig
from index.engine import Engine
from index.errors import BadQuestion, QuotebotError

QUINT = "We have raised these concerns with the ministry and we expect action"


def doc_text(engine: Engine, doc_id: str) -> str:
    return engine.state.doc(doc_id).text


@pytest.mark.parametrize("claim", [
    QUINT,
    f"“{QUINT}”",
    f'"{QUINT}."',
    QUINT.upper(),
    QUINT.replace(" ", "  ").replace("ministry ", "ministry\n"),
])
def test_retyped_quotes_are_verbatim(engine, claim):
    v = engine.verify(claim)
    assert v.verdict == "verbatim"
    [q] = v.quote
    assert q.text == QUINT == doc_text(engine, q.doc_id)[q.start : q.end]


def test_a_verbatim_quote_carries_its_statements_speaker_date_and_citation(engine):
    [q] = engine.verify(QUINT).quote
    assert (q.speaker, q.kind, q.citation) == ("Mara Quint", "direct", 1)
    assert q.doc_id == "alpha"


def test_narrative_is_the_articles_text_not_a_statement(engine):
    v = engine.verify("The Northern Symphony cancelled its spring tour after a dispute over fees")
    assert v.verdict == "verbatim" and v.quote[0].speaker is None and v.quote[0].kind == "excerpt"


def test_straight_quote_marks_match_curly_ones_across_a_quote(engine):
    v = engine.verify('"It breaks my heart," conductor Ilse Varga said. "We will be back')
    assert v.verdict == "verbatim"
    assert v.quote[0].text == "It breaks my heart,” conductor Ilse Varga said. “We will be back"


def test_an_ellipsis_joins_verbatim_pieces_of_one_passage(engine):
    v = engine.verify("We have raised these concerns … we expect action")
    assert v.verdict == "verbatim"
    assert [q.text for q in v.quote] == ["We have raised these concerns", "we expect action"]
    text = doc_text(engine, "alpha")
    assert all(text[q.start : q.end] == q.text for q in v.quote)


def test_pieces_out_of_order_are_not_verbatim(engine):
    v = engine.verify("we expect action … We have raised these concerns")
    assert v.verdict == "not verbatim" and not v.quote


def test_a_changed_word_gives_the_closest_real_wording_and_the_diff(engine):
    v = engine.verify("We have raised these concerns with the government and we expect action")
    assert v.verdict == "not verbatim"
    assert v.closest.text == QUINT and v.closest.speaker == "Mara Quint"
    assert doc_text(engine, "alpha")[v.closest.start : v.closest.end] == v.closest.text
    assert [(d.claimed, d.corpus) for d in v.diff if d.op != "same"] == [("government", "ministry")]
    assert 0.5 < v.similarity < 1


def test_a_span_beyond_a_statements_words_has_no_speaker(engine):
    # The quote plus the attribution around it is the article's text, nobody's statement.
    v = engine.verify("we expect action,” spokeswoman Mara Quint told reporters")
    assert v.verdict == "verbatim"
    assert v.quote[0].speaker is None and v.quote[0].kind == "excerpt"


def test_words_inside_a_reported_clause_are_shown_as_reported(engine):
    v = engine.verify("it was deeply worried about rising water levels")
    [q] = v.quote
    assert (q.speaker, q.kind) == ("The Eastland River Agency", "mixed")


def test_nothing_close_is_not_found(engine):
    v = engine.verify("Quantum zebras dance on the moon every Thursday evening")
    assert v.verdict == "not found"
    assert v.quote == [] and v.closest is None and v.diff == []


@pytest.mark.parametrize("claim, message", [
    ("", "empty"), ("   ", "empty"), ("two words", "at least 3 words"), ("x " * 600, "limited to 1,000"),
])
def test_unusable_claims_get_one_clear_line(engine, claim, message):
    with pytest.raises(BadQuestion, match=message):
        engine.verify(claim)


def test_verify_before_an_index_is_loaded_says_so(tmp_path):
    with pytest.raises(QuotebotError, match="not loaded"):
        Engine(EngineConfig(corpus_dir=tmp_path, index_dir=tmp_path / "i")).verify("some words here")


def test_json_has_the_documented_keys(engine):
    data = engine.verify(QUINT).to_json()
    assert {"verdict", "quote", "closest", "diff", "similarity", "sources", "claim"} <= set(data)
    assert data["quote"][0]["speaker"] == "Mara Quint" and data["closest"] is None


def test_words_found_twice_are_shown_where_a_statement_gives_them_as_someones_own(tmp_path, fake_embedder):
    from tests.conftest import write_corpus

    corpus = write_corpus(tmp_path / "c", {"school.txt": (
        "Schools report\n\nThe inspectors wrote that children need safe schools now, in a short summary.\n\n"
        "“Children need safe schools now,” teacher Lena Ortiz said on Friday.\n")})
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "i"), embedder=fake_embedder)
    [q] = engine.verify("children need safe schools now").quote
    assert (q.speaker, q.kind) == ("Lena Ortiz", "direct")
    assert q.start == doc_text(engine, "school").index("“Children") + 1  # the second occurrence
