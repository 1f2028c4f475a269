"""index.refusals: "What did X say about Y?" and "Did X comment on Y?" answered by X's own words
or refused in words that say why."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, answered", [
    ("Did Mara Quint say anything about the dikes?", True),
    ("Has Mara Quint commented on the orchestra?", False),
])
def test_did_x_comment_on_y_is_answered_by_xs_own_words_or_refused_so(tmp_path, fake_embedder, question, answered):
    from index.config import EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {
        "a.txt": "Floods\n\n“The dikes will hold this winter,” Mara Quint said on Monday.\n",
        "b.txt": "Concert\n\n“The orchestra played beautifully,” said Tom Berg, a critic.\n",
    })
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    ans = engine.ask(question)
    if answered:
        assert ans.quotes and {q.speaker for q in ans.quotes} == {"Mara Quint"}
    else:  # Tom Berg's words about the orchestra are never shown as hers
        assert ans.abstained and ans.answer == "No statement from Mara Quint on the orchestra in the corpus."


def test_what_x_said_near_a_topic_is_not_what_x_said_about_it(tmp_path, fake_embedder):
    from index.config import EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    corpus = write_corpus(tmp_path / "corpus", {
        "a.txt": "Dikes hold\n\n“The dikes will hold this winter,” Mara Quint said on Monday. "
                 "The regatta starts next week in the harbour.\n",
    })
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    ans = engine.ask("What did Mara Quint say about the regatta?")
    assert ans.abstained and ans.answer == "No statement from Mara Quint on the regatta in the corpus."
    assert engine.ask("What did Mara Quint say about the dikes?").quotes[0].speaker == "Mara Quint"


def test_a_statement_without_the_topics_most_specific_word_is_not_on_the_topic(tmp_path, fake_embedder):
    from index.config import EngineConfig
    from index.engine import Engine
    from tests.conftest import write_corpus

    # Her words hold "new river dikes", most of the topic's words, but not "Zanvik": they are
    # about other dikes.
    corpus = write_corpus(tmp_path / "corpus", {
        "a.txt": "Valley works\n\n“Our new river dikes will hold all winter, whatever forecasters keep "
                 "telling anxious farmers, bakers, teachers and shopkeepers across this long green "
                 "valley,” Mara Quint said on Monday.\n",
        "b.txt": "Zanvik\n\nThe Zanvik market opened on Tuesday.\n",
        "c.txt": "Bridges\n\nThe old river bridge reopened after the new paint dried near the dikes.\n",
    })
    engine = Engine.open(EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    ans = engine.ask("What did Mara Quint say about the new river dikes of Zanvik?")
    assert ans.abstained and ans.answer == "No statement from Mara Quint on the new river dikes of Zanvik in the corpus."
    assert engine.ask("What did Mara Quint say about the river dikes?").quotes[0].speaker == "Mara Quint"


def test_a_refusal_names_the_organisation_as_the_question_did(engine):
    ans = engine.ask("What did the river agency say about the orchestra?")
    assert ans.abstained and ans.answer == "No statement from the river agency on the orchestra in the corpus."
