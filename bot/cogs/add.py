"""/add url: [collection:] — moderators add a web page or PDF by its link, then reindex.

Refusals that need no download (bad link, private address, a URL already in the corpus, a
reindex running) come before anything is fetched or written; the reindex is the moderation
cog's, so progress, concurrency and failures read the same as /reindex and /upload.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.adding import check_link, collection_folder, fetch_and_save, render_added
from bot.cogs.moderation import ModerationCog, is_moderator
from bot.scoping import collection_choices
from bot.service import AnswerService
from bot.settings import Settings

log = logging.getLogger(__name__)

MAX_URL_CHARS = 2000


class AddCog(commands.Cog):
    def __init__(self, bot: commands.Bot, engine: AnswerService, settings: Settings) -> None:
        self.bot = bot
        self.engine = engine
        self.settings = settings

    @property
    def moderation(self) -> ModerationCog:
        cog = self.bot.get_cog("ModerationCog")
        if not isinstance(cog, ModerationCog):
            raise RuntimeError("/add needs the moderation cog (bot.cogs.moderation) loaded")
        return cog

    @app_commands.command(name="add", description="Add a web page or PDF by its link, then reindex (moderators).")
    @app_commands.describe(url="An http(s) link to an article or a PDF",
                           collection="The collection (corpus folder) to add it to; default: the corpus root")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @is_moderator()
    async def add(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, MAX_URL_CHARS],
                  collection: str | None = None) -> None:
        collection_folder(self.settings.corpus_dir, collection)
        check_link(self.engine, url, self.settings)
        moderation = self.moderation
        moderation.refuse_if_running()
        await interaction.response.defer(thinking=True)
        saved = await fetch_and_save(self.engine, url, collection, self.settings)
        log.info("%s added %s as %s", interaction.user.id, url, saved.rel)
        await moderation.run_reindex(
            interaction, full=False,
            render=lambda summary: render_added(saved, self.engine.document_report(saved.rel)),
        )

    @add.autocomplete("collection")
    async def add_collection(self, interaction: discord.Interaction, current: str) -> list:
        return collection_choices(self.engine, self.settings, interaction, current)


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(AddCog(bot, bot.engine, bot.settings))  # type: ignore[attr-defined]
