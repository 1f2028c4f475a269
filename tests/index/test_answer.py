"""Answer composition on fictional articles with the fake embedder: verbatim, attributed, cited."""

from __future__ import annotations

import pytest


def test_every_quote_is_verbatim_with_a_matching_citation(engine):
    state = engine._state
    for q in ["What did the river agency say?", "what did Ilse Varga say", "chess club lessons"]:
        ans = engine.ask(q)
        for quote in ans.quotes:
            doc = state.docs[state.doc_index[quote.doc_id]]
            assert doc.text[quote.start : quote.end] == quote.text
            assert ans.sources[quote.citation - 1].doc_id == quote.doc_id


def test_spokesperson_speaks_for_the_organisation_in_the_article(engine):
    ans = engine.ask("What did the river agency say?")
    assert any(q.speaker == "Mara Quint" and "raised these concerns" in q.text for q in ans.quotes)


def test_organisation_as_subject_of_said_is_its_statement(engine):
    ans = engine.ask("What did the Eastland River Agency say?")
    first = ans.quotes[0]
    assert "deeply worried" in first.text and first.speaker


def test_headline_is_never_quoted_as_a_statement(engine):
    ans = engine.ask("What did the river agency say?")
    assert all(q.text != "River agency warns of floods in Eastland" for q in ans.quotes)


def test_named_speaker_question_prefers_their_words(engine):
    ans = engine.ask("What did Ilse Varga say about the tour?")
    assert ans.quotes[0].speaker and "Varga" in ans.quotes[0].speaker
    assert "It breaks my heart" in ans.quotes[0].text


def test_sources_list_title_outlet_date_and_url(engine):
    ans = engine.ask("What did Ilse Varga say about the tour?")
    src = ans.sources[0]
    assert (src.title, src.source, src.date, src.url) == (
        "Orchestra tour cancelled", "Example Arts", "2024-03-02", "https://example.test/orchestra"
    )
    assert "[1]" in ans.answer and "Orchestra tour cancelled" in ans.answer


def test_attribution_line_is_never_quoted(engine):
    for q in ["Who is the source?", "example-news.test", "What did the river agency say?"]:
        assert all("example-news.test" not in quote.text for quote in engine.ask(q).quotes)


def test_unrelated_question_abstains_plainly(engine):
    ans = engine.ask("What is the best recipe for banana bread?")
    assert ans.abstained and ans.answer == "I couldn't find that in the corpus."
    assert not ans.quotes


def test_quotes_are_grouped_by_document_and_capped(engine):
    ans = engine.ask("What did the river agency say about floods?", k=4)
    assert 1 <= len(ans.quotes) <= 4
    cites = [q.citation for q in ans.quotes]
    assert cites == sorted(cites)


@pytest.mark.parametrize("question", ["", "   ", "\u200b\u202e"])
def test_empty_question_is_refused_with_a_message(engine, question):
    from index.errors import BadQuestion

    with pytest.raises(BadQuestion, match="empty"):
        engine.ask(question)


def test_empty_corpus_says_so(tmp_path, fake_embedder):
    from index.config import EngineConfig
    from index.engine import Engine

    (tmp_path / "c").mkdir()
    eng = Engine.open(EngineConfig(corpus_dir=tmp_path / "c", index_dir=tmp_path / "i"), embedder=fake_embedder)
    ans = eng.ask("What did OHCHR say?")
    assert ans.abstained and "corpus is empty" in ans.answer


def test_what_did_x_say_never_answers_with_a_namesake(tmp_path, fake_embedder):
    from index.config import EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {
        "a.txt": "Floods\n\n“The dikes will hold this winter,” Mara Quint said on Monday.\n",
        "b.txt": "Harvest\n\n“The dikes will not hold this winter,” said Tom Quint, a farmer.\n",
    })
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    ans = engine.ask("What did Mara Quint say about the dikes?")
    assert ans.quotes and {q.speaker for q in ans.quotes} == {"Mara Quint"}
    assert [q.text for q in ans.quotes] == [q.text for q in engine.said("Mara Quint", about="dikes").quotes]


@pytest.mark.parametrize("kept", [512, 0])
def test_a_targets_statement_rows_are_the_same_looked_up_or_kept(engine, kept, monkeypatch):
    from dataclasses import replace

    from index.speakers import resolve_target

    ctx = engine.composer.ctx
    ctx = replace(ctx, config=replace(ctx.config, answer=replace(ctx.config.answer, cached_targets=kept)),
                  _targets={})
    target = resolve_target("Ilse Varga", ctx.glossary, ctx.speakers)
    expected = [ctx.statement_rows[k] for k in ctx.speakers.statements_of(target) if k in ctx.statement_rows]
    lookups = []
    real = ctx.speakers.statements_of
    monkeypatch.setattr(ctx.speakers, "statements_of", lambda t: lookups.append(t) or real(t))
    assert expected and ctx.target_rows(target) == ctx.target_rows(target) == expected
    assert len(lookups) == (1 if kept else 2)


@pytest.mark.parametrize("question, settled", [
    ("Did the Eastland ministry respond about the floods?", True),
    # The question's most specific word is not near the sentence: another topic's response.
    ("Did the Eastland ministry respond about the Zanvik floods?", False),
])
def test_a_yes_no_answer_is_about_the_questions_most_specific_word(tmp_path, fake_embedder, question, settled):
    from index.config import ChunkingConfig, EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    article = ("Floods close the port\n\nThe river floods closed the port on Monday. "
               "The Eastland ministry responded by promising new dikes along the river.\n")
    others = {"zanvik.txt": "Zanvik market\n\nTraders in Zanvik sold apples on Tuesday.\n",
              "rain.txt": "Spring rain\n\nThe floods of last spring ruined the orchards.\n",
              "hills.txt": "Hill floods\n\nFloods in the hills cut two roads.\n"}
    corpus = write_corpus(tmp_path / "corpus", {"port.txt": article, **others})
    config = EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index",
                          chunking=ChunkingConfig(max_chars=400, min_chars=80))
    engine = Engine.open(config, embedder=fake_embedder)
    analysis = engine.composer.analyse(question, engine.retrieve(question, k=8))
    assert any(c.settles for c in analysis.candidates) == settled


def test_a_count_named_outside_the_quoted_words_is_shown_with_its_sentence(tmp_path, fake_embedder):
    from index.config import EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {
        "dossier.txt": ("Dossier on the mayor\n\nThe 53-page dossier claims that “the mayor has "
                        "repeatedly ignored the flood warnings.” The mayor denies it.\n"),
    })
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    ans = engine.ask("How many pages is the dossier on the mayor?")
    assert ans.quotes and "53-page" in ans.quotes[0].text


def test_a_spokesmans_words_are_shown_beside_the_report_of_what_the_office_said(tmp_path, fake_embedder):
    from index.config import EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {
        "floods.txt": ("Floods in Eastland\n\nThe Eastland River Agency expressed grave concern over "
                       "the floods in the Eastland valley. Spokesman Tomas Reyes said the Eastland River Agency was "
                       "“gravely concerned” about the floods in the Eastland valley.\n"),
    })
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    ans = engine.ask("What did the Eastland River Agency say about the floods?")
    assert {q.speaker for q in ans.quotes} >= {"The Eastland River Agency", "Tomas Reyes"}


def test_what_did_x_say_tells_the_story_x_is_the_voice_of():
    from index.answer import voice_document
    from index.scoring import Candidate
    from index.units import Unit

    def cand(doc: int, score: float) -> Candidate:
        return Candidate(row=0, unit=Unit(doc, 0, 1, 0, 1, 0), statement=None, score=score)

    # one close statement in a long report (document 0), three in the story she is the voice of
    assert voice_document([cand(0, 0.3), cand(1, -0.5), cand(1, -0.8), cand(1, -1.0)]) == 1
    assert voice_document([cand(0, 2.0), cand(1, -3.0)]) == 0
