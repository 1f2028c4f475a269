"""/report [days] (moderators): what was asked, answered and missed, from the question log."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.moderation import is_moderator
from bot.questionlog import QuestionLog
from bot.questionlog.report import build_report, report_lines
from bot.replies import NO_PINGS
from bot.text import CONTENT_MAX, escape, pack

log = logging.getLogger(__name__)

LOG_OFF = "The question log is off on this bot (LOG_QUESTIONS=false): there is nothing to report."
LOG_UNREADABLE = "The question log cannot be read right now; the bot's log says why."


class ReportCog(commands.Cog):
    def __init__(self, bot: commands.Bot, question_log: QuestionLog | None) -> None:
        self.bot = bot
        self.question_log = question_log

    @app_commands.command(name="report", description="Questions asked, answered and missed (moderators).")
    @app_commands.describe(days="How many days back (default 7)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @is_moderator()
    async def report(self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 3650] = 7) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        if self.question_log is None:
            await interaction.followup.send(LOG_OFF, ephemeral=True, allowed_mentions=NO_PINGS)
            return
        # Only this server's questions: moderators of one server never see another's.
        report = await asyncio.to_thread(build_report, self.question_log, days, interaction.guild_id)
        if report is None:
            await interaction.followup.send(LOG_UNREADABLE, ephemeral=True, allowed_mentions=NO_PINGS)
            return
        for part in pack(report_lines(report, escape), CONTENT_MAX, sep="\n"):
            await interaction.followup.send(part, ephemeral=True, allowed_mentions=NO_PINGS, suppress_embeds=True)


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(ReportCog(bot, bot.question_log))  # type: ignore[attr-defined]
