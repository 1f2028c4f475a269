"""`/said speaker:<autocomplete> [about:<text>]`: what one speaker said across the corpus.

Newest first, five statements a page with Previous / Next, every line a verbatim quote with its
speaker and its source (`Engine.said`, the same lookup as `/ask "what did X say"`: a person
alone, an organisation with its spokespeople, never a namesake). Nobody by that name quoted:
one line saying so ("No statements from X in the corpus." or "The corpus mentions X but quotes
nothing from them."). The autocomplete lists the index's speakers with their statement counts.

No `from __future__ import annotations` here, on purpose: discord.py resolves the command's
annotations (the options' length limits) at runtime.
"""

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.said._autocomplete import speaker_choices
from bot.cogs.said._pages import SaidView, render_said_page
from bot.pool import WorkerPool
from bot.replies import deliver
from bot.service import AnswerService
from bot.settings import Settings

log = logging.getLogger(__name__)

SPEAKER_MAX = 100  # an autocomplete choice's value
ABOUT_MAX = 200


class SaidCog(commands.Cog):
    def __init__(self, bot: commands.Bot, engine: AnswerService, settings: Settings, pool: WorkerPool) -> None:
        self.bot = bot
        self.engine = engine
        self.settings = settings
        self.pool = pool

    @app_commands.command(name="said", description="What one speaker said across the corpus, newest first.")
    @app_commands.describe(speaker="A person or an organisation the corpus quotes",
                           about="Only their statements on this", private="Only you see the list")
    async def said(self, interaction: discord.Interaction, speaker: app_commands.Range[str, 1, SPEAKER_MAX],
                   about: app_commands.Range[str, 1, ABOUT_MAX] | None = None, private: bool = False) -> None:
        # Defer first: the lookup runs in the worker pool and may wait for a free worker.
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self.pool.run(self.engine.said, speaker, about)
        if not result.quotes:
            await deliver(interaction, [render_said_page(result, 0)], ephemeral=private)
            return
        view = SaidView(result, owner_id=interaction.user.id)
        await deliver(interaction, [view.render()], ephemeral=private, view=view if view.pages > 1 else None)

    @said.autocomplete("speaker")
    async def speaker_autocomplete(self, interaction: discord.Interaction, current: str) -> list:
        return speaker_choices(self.engine.speakers(), current)


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(SaidCog(bot, bot.engine, bot.settings, bot.pool))  # type: ignore[attr-defined]
