"""Report variables that look like Quotebot settings but are not one (typos, old names).

pydantic-settings ignores unknown names, so `DISCORD_TOKN=…` would silently leave the token unset.
Checked: every key of `.env` that starts like a known name (`MODERATOR_…`, `CHUNK_…`) or with
`QUOTEBOT_`, or is a near miss of a known name. The process environment is shared with other
programs (`LOGLEVEL`, `MAX_JOBS` may be theirs), so there only `QUOTEBOT_…` names and near misses
that keep a known name's first word (`DISCORD_TOKN`, `MODERATOR_ROLE_ID`) count.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from dotenv import dotenv_values

log = logging.getLogger(__name__)

OUR_PREFIX = "QUOTEBOT_"


class UnknownSetting(ValueError):
    """One or more unknown settings; the message has one line per name."""


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _near_miss(name: str, known: Iterable[str]) -> str | None:
    """The known name `name` is probably a typo of: one edit for short names, two for long ones."""
    scored = sorted((edit_distance(name, k), k) for k in known)
    if not scored:
        return None
    distance, best = scored[0]
    return best if distance <= (1 if len(best) < 8 else 2) else None


def _suggestion(name: str, known: set[str]) -> str | None:
    bare = name.removeprefix(OUR_PREFIX)
    if bare in known:
        return bare
    near = _near_miss(bare, known)
    if near:
        return near
    # Same first words, another ending: MODERATOR_ROLES → MODERATOR_ROLE_IDS.
    stems = [k for k in sorted(known) if k.startswith(bare.rsplit("_", 1)[0] + "_")]
    return stems[0] if stems else None


def _first_word(name: str) -> str:
    return name.split("_", 1)[0] + "_"


def line(name: str, known: set[str]) -> str:
    hint = _suggestion(name, known)
    return f"unknown setting {name} — did you mean {hint}?" if hint else f"unknown setting {name} (see .env.example)"


def unknown_names(
    known: set[str], env_file: Mapping[str, str | None], environ: Mapping[str, str]
) -> list[str]:
    first_words = {_first_word(k) for k in known if "_" in k}

    def looks_ours(name: str, in_env_file: bool) -> bool:
        if name in known:
            return False
        if name.startswith(OUR_PREFIX):
            return True
        near = _near_miss(name, known)
        if in_env_file:
            return near is not None or any(name.startswith(w) for w in first_words)
        return near is not None and name.startswith(_first_word(near))

    found = [n.upper() for n in env_file if looks_ours(n.upper(), True)]
    found += [n.upper() for n in environ if looks_ours(n.upper(), False)]
    return sorted(set(found))


def check_unknown(field_names: set[str], env_file: str | Path | None, environ: Mapping[str, str] | None = None) -> None:
    """Raise UnknownSetting naming every variable that looks like ours but is not a setting."""
    known = {f.upper() for f in field_names}
    from_file = dotenv_values(env_file) if env_file is not None and Path(env_file).is_file() else {}
    names = unknown_names(known, from_file, os.environ if environ is None else environ)
    if names:
        raise UnknownSetting("\n".join(line(n, known) for n in names))
