"""Engine facade: question hygiene, answering from the current index when it cannot update."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index.builder import BuildLock
from index.errors import BadQuestion

QUESTION = "What did the river agency say?"


@pytest.mark.parametrize(
    "pinged",
    [f"@everyone {QUESTION}", f"{QUESTION} @here", f"<@123456789012345678> {QUESTION}",
     f"<@!42> <@&77> {QUESTION} <#99>", f"@EVERYONE {QUESTION}"],
)
def test_discord_pings_do_not_change_the_answer(engine, pinged):
    plain, noisy = engine.ask(QUESTION), engine.ask(pinged)
    assert noisy.abstained == plain.abstained
    assert [q.text for q in noisy.quotes] == [q.text for q in plain.quotes]


def test_a_question_of_only_pings_is_empty(engine):
    with pytest.raises(BadQuestion, match="empty"):
        engine.ask("@everyone @here")


def test_update_or_serve_keeps_the_index_when_another_build_holds_the_lock(engine, config, corpus):
    (corpus / "delta.txt").write_text("Ferry news\n\nThe ferry will run on Sundays, the captain said.")
    with BuildLock(config.index_dir, "another process"):
        why = engine.update_or_serve(started_by="test")
    assert why is not None and "A reindex is already running, started by another process" in why
    assert engine.stats()["documents"] == 3
    assert not engine.ask(QUESTION).abstained


def test_update_or_serve_updates_when_it_can(engine, corpus):
    (corpus / "delta.txt").write_text("Ferry news\n\nThe ferry will run on Sundays, the captain said.")
    assert engine.update_or_serve(started_by="test") is None
    assert engine.stats()["documents"] == 4


@pytest.mark.parametrize("inside", [False, True])
def test_an_index_dir_that_is_or_is_inside_a_file_is_a_bad_location(config, fake_embedder, tmp_path, inside):
    from index.engine import Engine
    from index.errors import BadLocation

    (tmp_path / "file").write_text("x")
    config = replace(config, index_dir=tmp_path / "file" / "sub" if inside else tmp_path / "file")
    with pytest.raises(BadLocation, match="file"):
        Engine.open(config, embedder=fake_embedder)
