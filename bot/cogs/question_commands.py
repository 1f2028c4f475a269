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

log = logging.getLogger(__name__)


class QuestionHandler(Protocol):
    def question_cooldown(self, interaction: discord.Interaction) -> app_commands.Cooldown | None: ...

    async def ask(self, interaction: discord.Interaction, question: str, private: bool) -> None: ...

    async def search(self, interaction: discord.Interaction, query: str, private: bool) -> None: ...


def question_commands(handler: QuestionHandler, limit: int) -> list[app_commands.Command]:
    """The /ask and /search commands, `question`/`query` limited to 1..`limit` characters."""
    Question = app_commands.Range[str, 1, limit]

    @app_commands.command(name="ask", description="Ask the corpus: the answer quotes it word for word, with sources.")
    @app_commands.describe(question="Your question, e.g. what did OHCHR say?", private="Only you see the answer")
    @app_commands.checks.dynamic_cooldown(handler.question_cooldown)
    async def ask(interaction: discord.Interaction, question: Question, private: bool = False) -> None:
        await handler.ask(interaction, question, private)

    @app_commands.command(name="search", description="Read the passages that best match a query, with their sources.")
    @app_commands.describe(query="Words to look for", private="Only you see the results (default: yes)")
    @app_commands.checks.dynamic_cooldown(handler.question_cooldown)
    async def search(interaction: discord.Interaction, query: Question, private: bool = True) -> None:
        await handler.search(interaction, query, private)

    return [ask, search]
