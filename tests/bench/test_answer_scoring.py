"""bench/answer_scoring.py on tiny hand-made answers: hits, speakers, abstention, per-kind figures."""

from __future__ import annotations

import pytest

from bench.answer_scoring import (
    Aliases,
    score_answer,
    speaker_correct,
    summarize,
    summarize_by,
)
from index.types import Answer, DocMeta, Document, Quote, Source

TEXT = (
    "GENEVA — The office faced criticism for its “unacceptable silence” on the issue. "
    "Spokesman Jeremy Laurence said returns expose them to real risks of torture. "
    "The mission did not immediately respond."
)
DOC = Document(doc_id="ap", text=TEXT, meta=DocMeta(source="abcnews.go.com"))
OTHER = Document(doc_id="other", text="Returns expose them to real risks of torture, it said.")
DOCS = {"ap": DOC, "other": OTHER}
RISKS = "real risks of torture"
ALIASES = Aliases(
    (
        frozenset({"ohchr", "un human rights office", "jeremy laurence"}),
        frozenset({"hrw", "human rights watch"}),
    )
)


def quote_of(doc: Document, span: str, speaker: str | None = None, citation: int = 1) -> Quote:
    start = doc.text.index(span)
    return Quote(text=span, doc_id=doc.doc_id, start=start, end=start + len(span),
                 speaker=speaker, citation=citation)


def answer(*quotes: Quote, abstained: bool = False) -> Answer:
    sources = []
    for q in quotes:
        if q.doc_id not in [s.doc_id for s in sources]:
            sources.append(Source(len(sources) + 1, q.doc_id, DocMeta()))
    return Answer(question="q", abstained=abstained, answer="", quotes=list(quotes), sources=sources)


def question(spans=(RISKS,), speaker="Jeremy Laurence", answerable=True, kind="said", split="tune",
             docs=("ap",)) -> dict:
    return {"id": "m1", "kind": kind, "split": split, "answerable": answerable,
            "expected_doc_ids": list(docs) if answerable else [], "expected_spans": list(spans),
            "expected_speaker": speaker if answerable else None}


@pytest.mark.parametrize(
    ("got", "expected", "ok"),
    [
        ("Jeremy Laurence", "Jeremy Laurence", True),
        ("Laurence", "Jeremy Laurence", True),
        ("U.N. human rights office", "Jeremy Laurence", True),  # a spokesman speaks for his office
        ("HRW", "Human Rights Watch", True),
        ("a dozen rights groups", "rights groups", True),
        ("U.N. human rights office", "rights groups", False),  # "rights" alone names no one
        ("Volker Türk", "Jeremy Laurence", False),
        (None, "Jeremy Laurence", False),
        ("Michael Page", "Human Rights Watch", False),
    ],
)
def test_speaker_matches_by_distinctive_token_or_alias(got, expected, ok):
    assert speaker_correct(got, expected, publisher="", aliases=ALIASES) is ok


@pytest.mark.parametrize(
    ("got", "publisher", "ok"),
    [(None, "", True), ("Human Rights Watch", "donate.hrw.org", True), ("Jeremy Laurence", "abcnews.go.com", False)],
)
def test_narrative_expects_no_speaker_or_the_publisher(got, publisher, ok):
    assert speaker_correct(got, None, publisher=publisher, aliases=ALIASES) is ok


def test_quote_covering_half_the_span_is_a_hit():
    partial = quote_of(DOC, "real risks")  # 10 of 21 characters: under half
    more = quote_of(DOC, "them to real risks of")
    assert not score_answer(question(), answer(partial), DOCS, ALIASES).hit
    assert score_answer(question(), answer(more), DOCS, ALIASES).hit


def test_the_span_in_an_unlisted_document_is_not_a_hit():
    result = score_answer(question(), answer(quote_of(OTHER, RISKS, "Jeremy Laurence")), DOCS, ALIASES)
    assert not result.hit and result.speaker_ok is None


def test_speaker_is_scored_on_the_quote_that_made_the_hit():
    wrong = answer(quote_of(DOC, "unacceptable silence", "OHCHR"), quote_of(DOC, RISKS, "rights groups"))
    assert score_answer(question(), wrong, DOCS, ALIASES).speaker_ok is False


def test_altered_text_is_neither_verbatim_nor_a_correct_citation():
    bad = quote_of(DOC, RISKS, "Jeremy Laurence")
    bad.text = "real risk of torture"
    result = score_answer(question(), answer(bad), DOCS, ALIASES)
    assert (result.quotes, result.verbatim, result.citations_ok) == (1, 0, 0)


def test_citation_to_another_source_is_wrong():
    q = quote_of(DOC, RISKS, "Jeremy Laurence", citation=2)
    ans = answer(q)
    ans.sources.append(Source(2, "other", DocMeta()))
    assert score_answer(question(), ans, DOCS, ALIASES).citations_ok == 0


@pytest.mark.parametrize(
    ("ans", "declined"),
    [(answer(abstained=True), True), (answer(), True), (answer(quote_of(DOC, RISKS)), False)],
)
def test_an_answer_without_quotes_counts_as_declining(ans, declined):
    assert score_answer(question(answerable=False, kind="said_absent"), ans, DOCS).declined is declined


def test_abstention_precision_and_recall():
    results = [
        score_answer(question(answerable=False, kind="unanswerable"), answer(abstained=True), DOCS),
        score_answer(question(answerable=False, kind="unanswerable"), answer(quote_of(DOC, RISKS)), DOCS),
        score_answer(question(), answer(abstained=True), DOCS, ALIASES),
        score_answer(question(), answer(quote_of(DOC, RISKS, "Laurence")), DOCS, ALIASES),
    ]
    figures = summarize(results)
    assert figures["abstention_precision"] == 0.5  # one of the two abstentions was right
    assert figures["abstention_recall"] == 0.5  # one of the two unanswerable was declined
    assert (figures["hits"], figures["answerable"], figures["speaker_correctness"]) == (1, 2, 1.0)


def test_undefined_figures_are_none():
    figures = summarize([score_answer(question(), answer(abstained=True), DOCS)])
    assert figures["verbatim_rate"] is None and figures["abstention_recall"] is None
    assert figures["abstention_precision"] == 0.0


def test_summaries_per_split_and_kind():
    results = [
        score_answer(question(split="tune", kind="said"), answer(quote_of(DOC, RISKS, "Laurence")), DOCS),
        score_answer(question(split="report", kind="who"), answer(abstained=True), DOCS),
    ]
    figures = summarize_by(results, ["tune", "report", "all"])
    assert figures["tune"]["all"]["hit_rate"] == 1.0
    assert list(figures["report"]["by_kind"]) == ["who"]
    assert figures["all"]["all"]["questions"] == 2


def test_an_acronym_the_document_defines_is_the_same_speaker():
    text = "Human Rights Writers Association of Nigeria (HURIWA) on Tuesday urged the president."
    expected = "Human Rights Writers Association of Nigeria"
    assert speaker_correct("HURIWA", expected, publisher="", text=text)
    assert speaker_correct("the HURIWA", expected, publisher="", text=text)
    assert not speaker_correct("HURIWA", expected, publisher="", text="HURIWA urged the president.")


def test_the_hitting_quote_is_recorded():
    result = score_answer(question(), answer(quote_of(DOC, "unacceptable silence"), quote_of(DOC, RISKS)), DOCS)
    assert result.hit_quote == 1 and result.returned[1]["start"] == TEXT.index(RISKS)


def test_aliases_from_a_glossary_file(tmp_path):
    glossary = tmp_path / "glossary.toml"
    glossary.write_text('[[entity]]\nnames = ["OHCHR", "U.N. human rights office"]\npeople = ["Volker Türk"]\n')
    aliases = Aliases.from_glossary(glossary)
    assert speaker_correct("Volker Turk", "OHCHR", publisher="", aliases=aliases)
    assert Aliases.from_glossary(tmp_path / "absent.toml").groups == ()
