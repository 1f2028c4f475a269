"""Reading a question's intent: type, speaker target, topic, yes/no subject."""

from __future__ import annotations

import pytest

from index.question import read_question


@pytest.mark.parametrize(
    "question, kind, target, topic, subject",
    [
        ("What did OHCHR say?", "said", "OHCHR", None, None),
        ("what did the UN rights office say about Sri Lanka", "said", "UN rights office", "Sri Lanka", None),
        ("How did Mara Quint respond?", "said", "Mara Quint", None, None),
        ("according to the river agency, what happened?", "said", "river agency", None, None),
        ("what did the WHO say about Ebola?", "said", "WHO", "Ebola", None),
        ("Why are farmers angry?", "why", None, None, None),
        ("When did it open?", "when", None, None, None),
        ("How many boards are there?", "how_many", None, None, None),
        ("Who is the spokesman for the river agency?", "who", None, None, None),
        ("Did China respond?", "yes_no", "China", None, "China"),
        ("Did North Korea ease border restrictions?", "yes_no", None, None, "North Korea"),
        ("Is Laurence a spokesman?", "yes_no", None, None, "Laurence"),
        ("What risks do returnees face?", "other", None, None, None),
        ("what else did he say?", "other", None, None, None),
    ],
)
def test_intent_is_read_from_the_question(question, kind, target, topic, subject):
    intent = read_question(question)
    assert (intent.kind, intent.target, intent.topic, intent.subject) == (kind, target, topic, subject)
