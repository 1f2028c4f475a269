"""Which documents a Discord question may use: the channel's collections (CHANNEL_COLLECTIONS,
a thread following its parent channel) and the `collection:` / `source:` / `after:` /
`before:` options, turned into the engine's `Filters`; and the options' autocomplete."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.settings import Settings
from index.dates import DateRange, parse_day
from index.errors import QuotebotError
from index.filters import Filters

log = logging.getLogger(__name__)

MAX_CHOICES = 25  # Discord's limit for autocomplete


class BadFilter(QuotebotError):
    """A filter option that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class ScopeOptions:
    """The filter options of /ask, /search and /sources, as typed."""

    collection: str | None = None
    source: str | None = None
    after: str | None = None
    before: str | None = None


def scope_channel(channel: object, channel_id: int | None) -> int | None:
    """The channel whose collections apply: a thread's parent, else the channel itself."""
    if isinstance(channel, discord.Thread):
        return channel.parent_id
    return channel_id


def channel_collections(settings: Settings, channel: object, channel_id: int | None) -> tuple[str, ...]:
    return settings.collections_for(scope_channel(channel, channel_id))


def _dates(options: ScopeOptions) -> DateRange:
    try:
        after = parse_day(options.after) if options.after else None
        before = parse_day(options.before, end=True) if options.before else None
    except ValueError as exc:
        raise BadFilter(str(exc)) from None
    if after and before and after > before:
        raise BadFilter("after: is later than before: — no date is both.")
    return DateRange(after, before)


def filters_for(settings: Settings, channel: object, channel_id: int | None,
                options: ScopeOptions | None = None) -> Filters | None:
    """The engine filters for a question asked in `channel` with `options`; None = everything."""
    options = options or ScopeOptions()
    allowed = channel_collections(settings, channel, channel_id)
    wanted = (options.collection or "").strip()
    if wanted and allowed and wanted.casefold() not in {c.casefold() for c in allowed}:
        raise BadFilter(f"This channel searches {', '.join(allowed)} only; ask about {wanted} in its own channel.")
    collections = (wanted,) if wanted else allowed
    sources = ((options.source or "").strip(),) if (options.source or "").strip() else ()
    filters = Filters(tuple(collections), sources, _dates(options))
    return filters or None


def _choices(counts: dict[str, int], current: str, keep: tuple[str, ...] = ()) -> list[app_commands.Choice[str]]:
    needle = current.casefold().strip()
    kept = {k.casefold() for k in keep}
    names = [n for n in counts if (not kept or n.casefold() in kept) and needle in n.casefold()]
    # Names starting with what was typed first, then the biggest.
    names.sort(key=lambda n: (not n.casefold().startswith(needle), -counts[n], n.casefold()))
    return [app_commands.Choice(name=f"{n[:80]} ({counts[n]} documents)", value=n[:100])
            for n in names[:MAX_CHOICES]]


def collection_choices(engine, settings: Settings, interaction: discord.Interaction,
                       current: str) -> list[app_commands.Choice[str]]:
    counts = engine.facets().get("collections", {})
    return _choices(counts, current, channel_collections(settings, interaction.channel, interaction.channel_id))


def source_choices(engine, current: str) -> list[app_commands.Choice[str]]:
    return _choices(engine.facets().get("sources", {}), current)
