"""/ask and /search, built per cog instance because their length limit is configuration.

`app_commands.Range[str, 1, limit]` is how discord.py declares a string option's min/max length;
the limit is known only once the engine's config is, so the commands are built here, when the
cog is. No `from __future__ import annotations` in this module, on purpose: discord.py resolves
string annotations in module globals, where the per-instance `Question` type does not exist.
"""

import logging
from typing import Protocol

import discord
from discord import app_commands

from bot.scoping import ScopeOptions

log = logging.getLogger(__name__)

# The filter options /ask and /search share (bot/scoping.py turns them into engine filters).
FILTER_HELP = {
    "collection": "Only this collection (a corpus folder); a channel may be limited to its own",
    "source": "Only documents from this outlet",
    "after": "Only documents dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)",
    "before": "Only documents dated on or before this day (YYYY-MM-DD, YYYY-MM or YYYY)",
}


class QuestionHandler(Protocol):
    def question_cooldown(self, interaction: discord.Interaction) -> app_commands.Cooldown | None: ...

    async def ask(self, interaction: discord.Interaction, question: str, private: bool,
                  scope: ScopeOptions | None = None) -> None: ...

    async def search(self, interaction: discord.Interaction, query: str, private: bool,
                     scope: ScopeOptions | None = None) -> None: ...

    async def collection_autocomplete(self, interaction: discord.Interaction, current: str) -> list: ...

    async def source_autocomplete(self, interaction: discord.Interaction, current: str) -> list: ...


def question_commands(handler: QuestionHandler, limit: int) -> list[app_commands.Command]:
    """The /ask and /search commands, `question`/`query` limited to 1..`limit` characters."""
    Question = app_commands.Range[str, 1, limit]

    @app_commands.command(name="ask", description="Ask the corpus: the answer quotes it word for word, with sources.")
    @app_commands.describe(question="Your question, e.g. what did OHCHR say?", private="Only you see the answer",
                           **FILTER_HELP)
    @app_commands.checks.dynamic_cooldown(handler.question_cooldown)
    async def ask(interaction: discord.Interaction, question: Question, private: bool = False,
                  collection: str | None = None, source: str | None = None, after: str | None = None,
                  before: str | None = None) -> None:
        await handler.ask(interaction, question, private, ScopeOptions(collection, source, after, before))

    @app_commands.command(name="search", description="Read the passages that best match a query, with their sources.")
    @app_commands.describe(query="Words to look for", private="Only you see the results (default: yes)",
                           **FILTER_HELP)
    @app_commands.checks.dynamic_cooldown(handler.question_cooldown)
    async def search(interaction: discord.Interaction, query: Question, private: bool = True,
                     collection: str | None = None, source: str | None = None, after: str | None = None,
                     before: str | None = None) -> None:
        await handler.search(interaction, query, private, ScopeOptions(collection, source, after, before))

    for command in (ask, search):
        command.autocomplete("collection")(handler.collection_autocomplete)
        command.autocomplete("source")(handler.source_autocomplete)
    return [ask, search]
