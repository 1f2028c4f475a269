"""bench/verify.py and its set: the generation rules (seeded) and the figures, from hand-made results."""

from __future__ import annotations

import random

import pytest

from bench.verify import accuracy, confusion, summary, verdict_at
from bench.verify_set import Item, change_words, paraphrase, retype, word_similarity
from index.verify_text import normalise, pieces

SOURCE = Item("true", "We will not stop until our children are safe, the government must act now",
              "d", 0, 74, "Ana Ruiz")


@pytest.mark.parametrize("seed", range(20))
def test_a_retyped_true_quote_still_holds_only_the_sources_words(seed):
    claim = retype(SOURCE, random.Random(seed)).text
    assert all(p in normalise(SOURCE.text) for p in pieces(claim))


@pytest.mark.parametrize("seed", range(20))
def test_a_changed_quote_differs_by_one_or_two_words(seed):
    changed = change_words(SOURCE, random.Random(seed), ["river", "market", "window"])
    assert 0.8 <= word_similarity(changed.text, SOURCE.text) < 1
    assert 1 <= len(changed.how) <= 2


def test_a_paraphrase_is_reported_speech_with_synonyms_and_swapped_clauses():
    p = paraphrase(SOURCE, random.Random(0))
    assert p.text.startswith("Ana Ruiz said that ")
    assert "they would not stop" in p.text and "their" in p.text
    assert {"reported speech", "clauses swapped"} <= set(p.how)
    assert word_similarity(p.text, SOURCE.text) <= 0.85


def test_generation_rules_are_seeded():
    a = [retype(SOURCE, random.Random(7)).text, paraphrase(SOURCE, random.Random(7)).text]
    b = [retype(SOURCE, random.Random(7)).text, paraphrase(SOURCE, random.Random(7)).text]
    assert a == b


RESULTS = [
    {"cls": "true", "verdict": "verbatim", "similarity": 1.0, "ms": 5.0, "source": True, "speaker_ok": True, "how": []},
    {"cls": "changed", "verdict": "not verbatim", "similarity": 0.9, "ms": 50.0, "source": True, "speaker_ok": True, "how": []},
    {"cls": "paraphrase", "verdict": "not found", "similarity": 0.3, "ms": 60.0, "source": False, "speaker_ok": False, "how": []},
    {"cls": "outside", "verdict": "not found", "similarity": 0.2, "ms": 70.0, "source": False, "speaker_ok": False, "how": []},
]


def test_a_lower_threshold_turns_not_found_into_not_verbatim():
    assert [verdict_at(r, 0.25) for r in RESULTS] == ["verbatim", "not verbatim", "not verbatim", "not found"]


def test_confusion_and_balanced_accuracy():
    table = confusion(RESULTS)
    assert table["paraphrase"] == {"verbatim": 0, "not verbatim": 0, "not found": 1}
    assert accuracy(table) == 0.75
    figures = summary(RESULTS, 0.35)
    assert figures["sweep"]["0.3"] == 1.0 and figures["p50_ms"] == 55.0
    assert figures["source_shown"] == {"true": 1.0, "changed": 1.0, "paraphrase": 0.0}
