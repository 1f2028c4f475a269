"""tests/data/followups_hrw.jsonl: enough conversations, each judged by its mixed-set question's spans."""

from __future__ import annotations

import json

from bench.check_mixed_questions import QUESTIONS
from bench.followup_hits import load_conversations
from index.followup import Turn, rewrite_followup

MIXED = {q["id"]: q for q in map(json.loads, QUESTIONS.read_text(encoding="utf-8").splitlines()) if q}


def test_at_least_twenty_two_turn_conversations_over_hrw():
    conversations = load_conversations()
    assert len(conversations) >= 20
    assert len({c["id"] for c in conversations}) == len(conversations)
    assert all(MIXED[c["source_ids"][0]]["corpus"] == "hrw" for c in conversations)


def test_each_row_is_its_mixed_set_questions():
    for c in load_conversations():
        first, target = (MIXED[i] for i in c["source_ids"])
        assert c["first"] == first["question"]
        assert c["standalone"] == target["question"]
        assert (c["expected_doc_ids"], c["expected_spans"]) == (target["expected_doc_ids"], target["expected_spans"])


def test_most_followups_need_the_first_turn():
    # The set measures rewriting: most follow-ups must be ones the rules change.
    changed = [c for c in load_conversations() if rewrite_followup(c["followup"], Turn(c["first"])).rewritten]
    assert len(changed) >= 15
