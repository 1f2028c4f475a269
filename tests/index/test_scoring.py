"""The yes/no features of index.scoring: does a sentence settle "Did X do Y?"."""

from __future__ import annotations

import pytest

from index.question import read_question
from index.scoring import _subject, predicate_pattern


@pytest.mark.parametrize(
    "question, sentence, settles",
    [
        ("Did China respond?",
         "The Chinese diplomatic mission in Geneva did not immediately respond to a request.", True),
        # Any verb of responding answers a question about saying, responding or commenting.
        ("Has China said anything?", "China declined to comment on the report.", True),
        ("Did China comment?", "China's foreign ministry replied that the report was biased.", True),
        # The question's own verb, in any inflection.
        ("Did Russia deny poisoning him?", "Russia has denied any involvement in the poisoning.", True),
        ("Did Russia deny poisoning him?", "Russia has long poisoned its critics abroad.", False),
        # The subject must be the sentence's: not named late, not named after the verb.
        ("Did China respond?",
         "Since then, Germany has issued a new China strategy in which it commits to responding.", False),
        ("Did China respond?", "Nobody responded to the appeal, not even China.", False),
        ("Did China respond?", "The weather in Geneva was mild.", False),
    ],
)
def test_a_sentence_settles_a_yes_no_question(question, sentence, settles):
    intent = read_question(question)
    names = frozenset({intent.subject.lower()})
    assert _subject(intent, names, predicate_pattern(intent), sentence) == float(settles)


@pytest.mark.parametrize("question", ["What did China say?", "Who is the spokesman?", "How many died?"])
def test_only_yes_no_questions_have_a_predicate(question):
    assert predicate_pattern(read_question(question)) is None


def test_speaker_verdicts_are_speaks_for_of_each_candidate(engine):
    from index.scoring import _candidate, speaker_verdicts
    from index.speakers import resolve_target, speaks_for

    state = engine.state
    candidates = [_candidate(state, row) for row in range(len(state.unit_rows))]
    for label in ("the river agency", "Ilse Varga", "Tomas Beck", "nobody here"):
        target = resolve_target(label, engine.composer.ctx.glossary)
        expected = [bool(c.statement and speaks_for(c.statement, target)) for c in candidates]
        assert speaker_verdicts(candidates, target) == expected
    assert not any(speaker_verdicts(candidates, None))
