"""The shipped corpus end to end with the real bundled model: what a newcomer's first questions get.

Each answer is checked for the verbatim quote (`text == document[start:end]`), the speaker and
the source. Builds one index of `corpus/` (a few seconds: one article).
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

ARTICLE = "000_9b4a88675f401c22"
OTHERS_WORDS = ("unacceptable silence", "not too late", "as many as 2,000")


@pytest.fixture(scope="module")
def engine(tmp_path_factory, real_embedder):
    from index.config import EngineConfig
    from index.engine import Engine

    eng = Engine.open(EngineConfig(corpus_dir=REPO / "corpus", index_dir=tmp_path_factory.mktemp("index")),
                      real_embedder)
    eng.wait_ready(60)
    return eng


@pytest.fixture(scope="module")
def article(engine):
    return engine.state.doc(ARTICLE)


def ask(engine, question):
    ans = engine.ask(question)
    for q in [*ans.quotes, *ans.closest]:
        doc = engine.state.doc(q.doc_id)
        assert doc.text[q.start : q.end] == q.text
    for q in ans.quotes:
        assert ans.sources[q.citation - 1].doc_id == q.doc_id
    return ans


def test_source_is_the_article_with_a_real_title_and_outlet(engine, article):
    assert article.source == "abcnews.go.com"
    assert article.title.startswith("The U.N. human rights office expressed grave concern")
    assert "Sourse" not in article.text


def test_what_did_ohchr_say_opens_with_the_spokesman_on_forced_repatriations(engine):
    ans = ask(engine, "What did OHCHR say?")
    assert not ans.abstained
    first = ans.quotes[0]
    assert "gravely concerned" in first.text and "forced repatriations" in first.text
    assert first.speaker == "Jeremy Laurence"
    assert ans.sources[0].source == "abcnews.go.com"
    assert ans.sources[0].title.startswith("The U.N. human rights office")


def test_what_did_ohchr_say_never_credits_the_office_with_others_words(engine):
    ans = ask(engine, "What did OHCHR say?")
    # The office's own statements: its spokesman's, or the office itself as the reporter puts it.
    assert all(q.speaker in ("Jeremy Laurence", "The U.N. human rights office") for q in ans.quotes)
    assert not any(w in q.text for q in ans.quotes for w in OTHERS_WORDS)
    assert not any(q.text.startswith("Responding to a request") for q in ans.quotes)


def test_what_did_ohchr_say_includes_the_risks_statement(engine):
    ans = ask(engine, "What did OHCHR say?")
    assert any("arbitrary detention, torture" in q.text for q in ans.quotes)


def test_spokesman_question_names_laurence(engine):
    ans = ask(engine, "Who is the spokesman for the U.N. human rights office?")
    assert not ans.abstained
    assert "spokesman Jeremy Laurence" in ans.quotes[0].text


ABSTAINS = pytest.mark.xfail(
    strict=True,
    reason="known gap: the fitted abstention model (bench/fit_answer.py, tuned on the 484-document "
    "mixed corpus) gives this one-article answer a probability below the threshold; see the note "
    "on issue 15",
)


def test_did_china_respond_quotes_the_non_response_as_narrative(engine):
    ans = ask(engine, "Did China respond?")
    assert not ans.abstained
    first = ans.quotes[0]
    assert "did not immediately respond" in first.text
    assert first.speaker is None and first.kind == "excerpt"


def test_did_china_respond_answers_with_that_sentence_alone(engine):
    """The answer to "did X do Y?" is the sentence that says whether X did, not the story."""
    ans = ask(engine, "Did China respond?")
    assert [q.text for q in ans.quotes] == [
        "The Chinese diplomatic mission in Geneva did not immediately respond to an emailed request "
        "for comment from The Associated Press."
    ]


def test_detained_count_is_the_groups_citing_a_report_not_the_un(engine):
    ans = ask(engine, "How many North Koreans are detained in China?")
    assert not ans.abstained
    first = ans.quotes[0]
    assert "2,000 North Koreans" in first.text
    assert first.speaker is None or "U.N." not in first.speaker


@pytest.mark.parametrize(
    "question, words",
    [
        pytest.param("What risks do returnees face?", "real risks of serious human rights violations",
                     marks=ABSTAINS),
        pytest.param("What sporting event is coming up in Hangzhou?", "Asian Games", marks=ABSTAINS),
        ("What did Jeremy Laurence say about torture?", "torture"),
    ],
)
def test_answer_quotes_the_sentence_that_answers(engine, question, words):
    ans = ask(engine, question)
    assert not ans.abstained
    assert words in ans.quotes[0].text


def test_rights_groups_words_are_theirs(engine):
    ans = ask(engine, "what did the rights groups say")
    assert not ans.abstained
    assert any("not too late" in q.text for q in ans.quotes)
    assert all(q.speaker and "rights groups" in q.speaker for q in ans.quotes)


def test_laurence_about_torture_is_his_statement(engine):
    ans = ask(engine, "What did Jeremy Laurence say about torture?")
    assert ans.quotes[0].speaker == "Jeremy Laurence"


@pytest.mark.parametrize(
    "question",
    ["What did the WHO say about Ebola?", "Who won the 2022 FIFA World Cup?", "best banana bread recipe"],
)
def test_questions_the_article_cannot_answer_abstain(engine, question):
    ans = ask(engine, question)
    assert ans.abstained and not ans.quotes


def test_mentioned_but_never_quoted_says_so(engine):
    ans = ask(engine, "What did Volker Türk say?")
    assert ans.abstained and not ans.quotes
    assert "mentions Volker Türk" in ans.answer and "quotes nothing" in ans.answer


def test_sourse_line_is_never_quoted_or_a_passage(engine):
    for question in ["abcnews.go.com", "What is the source?", "Sourse"]:
        ans = ask(engine, question)
        assert all("abcnews" not in q.text for q in [*ans.quotes, *ans.closest])
