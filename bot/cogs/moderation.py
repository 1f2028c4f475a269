"""Moderator commands: /reindex and /upload, guarded by `is_moderator()`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.progress import ProgressReporter
from bot.render import render_summary
from bot.replies import NO_PINGS
from bot.service import AnswerService
from bot.settings import Settings
from bot.uploads import check_size, sanitise_name, target_path, write_atomic
from index.errors import QuotebotError, ReindexRunning
from index.types import BuildSummary

log = logging.getLogger(__name__)


class NotModerator(app_commands.CheckFailure):
    def __init__(self, message: str = "Only moderators (Manage Server or a moderator role) can do that.") -> None:
        super().__init__(message)


def member_is_moderator(interaction: discord.Interaction, role_ids: list[int]) -> bool:
    """Judged on this interaction's own member payload (permissions Discord computed for it and
    its role ids) — never on a member cached from an earlier event, which may be stale."""
    member = interaction.user
    if interaction.guild_id is None or not isinstance(member, discord.Member):
        return False
    perms = interaction.permissions
    if perms.manage_guild or perms.administrator:
        return True
    return any(role.id in role_ids for role in member.roles)


def is_moderator():
    """App-command check: Manage Server, or a role in MODERATOR_ROLE_IDS; never in DMs."""

    def predicate(interaction: discord.Interaction) -> bool:
        settings = interaction.client.settings  # type: ignore[attr-defined]
        if interaction.guild_id is None:
            raise NotModerator("Moderator commands only work in a server.")
        allowed = settings.moderator_guild_ids
        if interaction.client.get_guild(interaction.guild_id) is None or (
            allowed and interaction.guild_id not in allowed
        ):
            log.warning("moderator command refused in guild %s (not a moderated guild of this bot)",
                        interaction.guild_id)
            raise NotModerator("Moderator commands are not enabled in this server.")
        if not member_is_moderator(interaction, settings.moderator_role_ids):
            raise NotModerator()
        return True

    return app_commands.check(predicate)


class ModerationCog(commands.Cog):
    progress_interval = 2.0

    def __init__(self, bot: commands.Bot, engine: AnswerService, settings: Settings) -> None:
        self.bot = bot
        self.engine = engine
        self.settings = settings

    def refuse_if_running(self) -> None:
        status = self.engine.reindex_status()
        if status is not None:
            raise ReindexRunning(*status)

    async def run_reindex(
        self, interaction: discord.Interaction, *, full: bool, prefix: str = "",
        render: Callable[[BuildSummary], str] = render_summary,
    ) -> None:
        """Reindex in a thread (questions keep using the old index), editing the response as it
        goes; the last edit is `render(summary)` (the build summary by default)."""

        async def edit(text: str) -> None:
            await interaction.edit_original_response(content=text, allowed_mentions=NO_PINGS)

        reporter = ProgressReporter(
            edit, asyncio.get_running_loop(), interval=self.progress_interval, prefix=prefix
        )
        started_by = f"{interaction.user.name} ({interaction.user.id})"
        try:
            summary = await asyncio.to_thread(
                self.engine.reindex, full=full, progress=reporter.from_thread, started_by=started_by
            )
        except ReindexRunning as exc:
            await reporter.finish(prefix + str(exc))
            return
        except QuotebotError as exc:
            text = str(exc)
            if "previous index keeps serving" not in text:
                text += " The previous index keeps serving."
            log.warning("reindex by %s failed: %s", started_by, text)
            await reporter.finish(f"{prefix}Reindex failed: {text}")
            return
        except Exception:
            log.exception("reindex failed")
            await reporter.finish(
                f"{prefix}Reindex failed unexpectedly; the previous index keeps serving. It has been logged."
            )
            return
        log.info("reindex by %s: %d documents, %d chunks", started_by, summary.documents, summary.chunks)
        await reporter.finish(prefix + render(summary))

    @app_commands.command(name="reindex", description="Rebuild the index from the corpus folder (moderators).")
    @app_commands.describe(full="Re-embed every document instead of only new or changed ones")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @is_moderator()
    async def reindex(self, interaction: discord.Interaction, full: bool = False) -> None:
        self.refuse_if_running()
        await interaction.response.send_message(
            "Reindex started… (full)" if full else "Reindex started…",
            allowed_mentions=NO_PINGS,
        )
        await self.run_reindex(interaction, full=full)

    @app_commands.command(name="upload", description="Add a document to the corpus and reindex (moderators).")
    @app_commands.describe(
        file="A txt, md, html, pdf, csv or jsonl file",
        overwrite="Replace a corpus file of the same name (default: no)",
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @is_moderator()
    async def upload(
        self, interaction: discord.Interaction, file: discord.Attachment, overwrite: bool = False
    ) -> None:
        # Every refusal happens before anything is downloaded or written.
        name = sanitise_name(file.filename)
        check_size(file.size, self.settings.max_upload_bytes)
        target = target_path(self.settings.corpus_dir, name, overwrite)
        self.refuse_if_running()
        await interaction.response.defer(thinking=True)
        data = await file.read()
        check_size(len(data), self.settings.max_upload_bytes)
        await asyncio.to_thread(write_atomic, target, data)
        log.info("%s uploaded %s (%d bytes)", interaction.user.id, name, len(data))
        await self.run_reindex(interaction, full=False, prefix=f"Added `{name}`. ")


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(ModerationCog(bot, bot.engine, bot.settings))  # type: ignore[attr-defined]
