"""bench/check_mixed_questions.py: the committed mixed set passes, and broken questions are caught."""

from __future__ import annotations

import copy

import pytest

from bench.check_mixed_questions import absent_terms, check_question, check_set, load_questions
from bench.eval_corpus import build_eval_corpus, document_texts, missing_sources

TEXTS = {
    "000_9b4a88675f401c22": "The Chinese diplomatic mission in Geneva did not immediately respond.",
    "https://www.hrw.org/a": "Click to expand Image A caption ©\n\nThe body says torture.",
}
GOOD = {
    "id": "m001", "question": "Did China respond?", "answerable": True,
    "expected_doc_ids": ["000_9b4a88675f401c22"], "expected_spans": ["did not immediately respond"],
    "kind": "yes_no", "note": None, "expected_speaker": None, "split": "tune", "corpus": "article",
}
NEGATIVE = {
    "id": "m002", "question": "What did the WHO say about Ebola?", "answerable": False,
    "expected_doc_ids": [], "expected_spans": [], "kind": "unanswerable",
    "note": "absent terms: Ebola | torture + Geneva", "expected_speaker": None, "split": "report",
    "corpus": None,
}


def broken(base: dict, **changes) -> dict:
    q = copy.deepcopy(base)
    q.update(changes)
    return q


def test_a_good_question_has_no_problem():
    assert check_question(GOOD, TEXTS) == [] and check_question(NEGATIVE, TEXTS) == []


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        (broken(GOOD, expected_spans=["did not respond"]), "span not in"),
        (broken(GOOD, expected_doc_ids=["nope"]), "unknown document"),
        (broken(GOOD, kind="who?"), "unknown kind"),
        (broken(GOOD, split="train"), "split"),
        (broken(GOOD, corpus="hrw"), "not all from corpus"),
        (broken(GOOD, answerable=False), "does not fit kind"),
        (broken(GOOD, expected_doc_ids=["https://www.hrw.org/a"], corpus="hrw",
                expected_spans=["A caption"]), "photo caption"),
        (broken(NEGATIVE, note="absent terms: torture"), "occur together"),
        (broken(NEGATIVE, note="absent terms: torture + body"), "occur together"),
        (broken(NEGATIVE, expected_spans=["did not immediately respond"]), "expects no span"),
    ],
)
def test_broken_questions_are_reported(question, problem):
    assert any(problem in p for p in check_question(question, TEXTS))


def test_absent_terms_need_whole_words():
    assert check_question(broken(NEGATIVE, note="absent terms: tort | Gen"), TEXTS) == []
    assert absent_terms("x; absent terms: A | B + C") == [["A"], ["B", "C"]]


def test_an_unlisted_document_holding_every_span_is_reported():
    texts = {**TEXTS, "hrdsattack_test_1": "They did not immediately respond."}
    assert any("unlisted" in p for p in check_question(GOOD, texts))


@pytest.mark.slow
@pytest.mark.skipif(bool(missing_sources()), reason="../shared corpora are absent")
def test_the_committed_mixed_set_passes(tmp_path):
    texts = document_texts(build_eval_corpus(tmp_path / "corpus"))
    assert check_set(load_questions(), texts) == []
