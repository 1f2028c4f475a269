"""The `speaker:` option's autocomplete: the index's speakers, with their statement counts."""

from __future__ import annotations

from discord import app_commands

from index.speakers import name_key

MAX_CHOICES = 25  # Discord's limit for autocomplete
NAME_MAX = 100  # a choice's name and value


def speaker_choices(speakers, current: str) -> list[app_commands.Choice[str]]:
    """Speakers with a word starting with what was typed (all of them when nothing is), names
    starting with it first, then the most quoted. `speakers`: `Engine.speakers()`."""
    typed = name_key(current)

    def matches(key: str) -> bool:  # Speaker.key: the name's key, computed once per index
        return not typed or key.startswith(typed) or any(w.startswith(typed) for w in key.split()) or typed in key

    found = [s for s in speakers if matches(s.key)]
    found.sort(key=lambda s: (bool(typed) and not s.key.startswith(typed), -s.statements))
    return [app_commands.Choice(name=_label(s.name, s.statements), value=s.name[:NAME_MAX])
            for s in found[:MAX_CHOICES]]


def _label(name: str, statements: int) -> str:
    count = f" ({statements} statement{'s' if statements != 1 else ''})"
    return name[: NAME_MAX - len(count)] + count
