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
        # A verb's opposite settles the question too (the answer is "no").
        ("Did the ministry admit the abuse?", "The ministry denied that any abuse took place.", True),
        ("Did the ministry admit the abuse?", "The ministry published its annual budget.", False),
        # A several-word subject, named again by its last word.
        ("Did the Special Criminal Court confirm the arrest?", "The court confirmed the arrest on May 2.", True),
        ("Did the Special Criminal Court confirm the arrest?", "The lawyer confirmed the arrest on May 2.", False),
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


def test_settling_sentences_are_read_from_the_whole_retrieved_document(tmp_path, fake_embedder):
    """"Did the ministry respond?" finds the one sentence where the ministry does, wherever it
    is in a retrieved document, and no sentence where someone else does."""
    from index.config import ChunkingConfig, EngineConfig
    from index.engine import Engine
    from index.scoring import settling_rows
    from index.units import from_row
    from tests.conftest import write_corpus

    filler = " ".join(f"Boats on the river carried {n} crates of grain to the port." for n in range(30))
    article = (f"Floods close the port\n\nThe river flooded the port on Monday. {filler} "
               "The Eastland ministry did not immediately respond to a request for comment. "
               "The harbour master responded by closing the gates.\n")
    corpus = write_corpus(tmp_path / "corpus", {"port.txt": article})
    config = EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index",
                          chunking=ChunkingConfig(max_chars=400, min_chars=80))
    engine = Engine.open(config, embedder=fake_embedder)
    question = "Did the Eastland ministry respond?"
    ctx = engine.composer.ctx
    rows = settling_rows(engine.retrieve(question, k=4), ctx.state, ctx.unit_ranges,
                         read_question(question), frozenset({"eastland ministry"}), documents=1)
    texts = [article[(u := from_row(ctx.state.unit_rows[r])).start : u.end] for r in rows]
    assert len(texts) == 1 and texts[0].startswith("The Eastland ministry did not immediately respond")
