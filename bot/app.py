"""The Discord bot: intents, safe mentions, worker pool, cogs loaded by name, explicit sync.

Nothing in `bot/` imports this module back: cogs get the engine, settings and pool through
their `setup(bot)`; replies live in `bot.replies`, error messages in `bot.cogs.errors`.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.errors import on_interaction_error
from bot.pool import WorkerPool
from bot.questionlog import QuestionLog
from bot.redact import redact_secret
from bot.service import AnswerService
from bot.settings import Settings

log = logging.getLogger(__name__)

COGS = ("bot.cogs.ask", "bot.cogs.moderation", "bot.cogs.verify", "bot.cogs.conversation", "bot.cogs.feedback",
        "bot.cogs.report", "bot.cogs.add", "bot.cogs.said")


def intents_for(settings: Settings) -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    # Mentions carry their content without the privileged intent; listen channels need it.
    intents.message_content = bool(settings.listen_channel_ids)
    return intents


class QuotebotBot(commands.Bot):
    def __init__(
        self, settings: Settings, engine: AnswerService, *, executor: Executor | None = None,
        question_log: QuestionLog | None = None, **options: Any,
    ) -> None:
        # `options` go to discord.Client as is (tests shorten guild_ready_timeout).
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents_for(settings),
            # Corpus text may contain @everyone or role mentions: nothing ever pings.
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **options,
        )
        self.settings = settings
        self.engine = engine
        # Built by the process wiring (bot.runner); None when LOG_QUESTIONS=false.
        self.question_log = question_log
        if settings.discord_token is not None:
            redact_secret(settings.discord_token.get_secret_value())
        self.pool = WorkerPool(settings.answer_workers, settings.answer_queue, executor)
        self.tree.on_error = self.on_tree_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        for name in COGS:
            await self.load_extension(name)
        if self.settings.dev_guild_id:
            await self.sync_commands(self.settings.dev_guild_id)

    async def sync_commands(self, guild_id: int | None) -> int:
        """Register the slash commands with Discord: to one guild (instant) or globally."""
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands (they may take up to an hour to appear)", len(synced))
        return len(synced)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: questions in messages are handled by AskCog's listener only.
        return

    async def on_ready(self) -> None:
        log.info("connected as %s (id %s) in %d guilds", self.user, getattr(self.user, "id", "?"), len(self.guilds))

    async def close(self) -> None:
        self.pool.shutdown()
        await super().close()
        if self.question_log is not None:
            self.question_log.close()

    async def on_tree_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        await on_interaction_error(interaction, error, f"command /{command}")
