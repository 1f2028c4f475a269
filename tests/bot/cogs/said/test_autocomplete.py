"""The /said speaker autocomplete (bot/cogs/said/_autocomplete.py)."""

from __future__ import annotations

import pytest

from bot.cogs.said._autocomplete import MAX_CHOICES, speaker_choices
from index.speakers.directory import Speaker

SPEAKERS = [Speaker("Human Rights Watch", 90, organisation=True), Speaker("Jeremy Laurence", 4),
            Speaker("Volker Türk", 2), Speaker("Laura Lee", 7)]


@pytest.mark.parametrize(("typed", "names"), [
    ("", ["Human Rights Watch", "Laura Lee", "Jeremy Laurence", "Volker Türk"]),
    ("lau", ["Laura Lee", "Jeremy Laurence"]),  # a name starting with it first, then a word
    ("turk", ["Volker Türk"]),  # accents folded
    ("zzz", []),
])
def test_choices_match_a_word_start_and_rank_by_statements(typed: str, names: list[str]) -> None:
    assert [c.value for c in speaker_choices(SPEAKERS, typed)] == names


def test_a_speakers_key_is_computed_once_with_the_record() -> None:
    assert Speaker("Volker Türk", 2).key == "volker turk"


def test_at_most_discords_limit_of_choices() -> None:
    many = [Speaker(f"Speaker {n}", n) for n in range(40)]
    assert len(speaker_choices(many, "")) == MAX_CHOICES
