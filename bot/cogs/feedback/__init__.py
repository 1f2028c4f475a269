"""Feedback on answers: 👍 👎 Wrong speaker, and More quotes, as persistent buttons.

The buttons are dynamic items registered when this cog loads (the bot's `setup_hook` loads it),
so a press is handled whether the answer was sent by this process or by one before a restart.
A vote is one per user per answer and can be changed; the reply is private.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

import discord
from discord.ext import commands

from bot.cogs.errors import on_interaction_error
from bot.cogs.feedback._buttons import MoreQuotesButton, VoteButton, feedback_view, new_answer_key
from bot.cogs.feedback._more import FORGOTTEN, NO_MORE, Shown, more_quotes
from bot.pool import WorkerPool
from bot.questionlog import QuestionLog
from bot.render import render_answer
from bot.replies import NO_PINGS, send_kwargs
from bot.scoping import filters_for
from bot.service import AnswerService
from index.types import Answer

log = logging.getLogger(__name__)

THANKS = "Thanks — noted."
NOT_RECORDED = "Thanks — but I could not record it (that answer is no longer in the question log)."
MORE_QUOTES = 3
RECENT_ANSWERS = 2000

__all__ = ["FeedbackCog", "new_answer_key", "setup"]


class FeedbackCog(commands.Cog):
    def __init__(self, bot: commands.Bot, engine: AnswerService, pool: WorkerPool,
                 question_log: QuestionLog | None) -> None:
        self.bot = bot
        self.engine = engine
        self.pool = pool
        self.question_log = question_log
        # What recent answers showed, for More quotes without a log (lost on restart; the log
        # keeps them across restarts).
        self._recent: OrderedDict[str, Shown] = OrderedDict()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(VoteButton, MoreQuotesButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(VoteButton, MoreQuotesButton)

    def attach(self, answer_key: str, asked: str, answer: Answer) -> discord.ui.View | None:
        """The buttons for an answer (none for an abstention), remembering what it showed."""
        if answer.abstained or not answer.quotes:
            return None
        self._recent[answer_key] = Shown(asked, frozenset((q.doc_id, q.start, q.end) for q in answer.quotes))
        while len(self._recent) > RECENT_ANSWERS:
            self._recent.popitem(last=False)
        return feedback_view(answer_key, votes=self.question_log is not None)

    async def on_vote(self, interaction: discord.Interaction, answer_key: str, vote: str) -> None:
        try:
            outcome = None
            if self.question_log is not None:
                outcome = await asyncio.to_thread(self.question_log.vote, answer_key, interaction.user.id, vote)
            log.info("vote %s on answer %s (%s)", vote, answer_key, outcome or "not recorded")
            await interaction.response.send_message(THANKS if outcome else NOT_RECORDED, ephemeral=True,
                                                    allowed_mentions=NO_PINGS)
        except Exception as exc:  # noqa: BLE001 - a button's failure is told like a command's
            await on_interaction_error(interaction, exc, f"vote button {vote}")

    async def _shown(self, answer_key: str) -> Shown | None:
        if answer_key in self._recent:
            return self._recent[answer_key]
        if self.question_log is None:
            return None
        logged = await asyncio.to_thread(self.question_log.answer, answer_key)
        if logged is None:
            return None
        return Shown(logged.rewritten or logged.question, frozenset((q.doc_id, q.start, q.end) for q in logged.quotes))

    async def on_more(self, interaction: discord.Interaction, answer_key: str) -> None:
        try:
            await interaction.response.defer(thinking=True, ephemeral=True)
            shown = await self._shown(answer_key)
            if shown is None:
                await interaction.followup.send(FORGOTTEN, ephemeral=True, allowed_mentions=NO_PINGS)
                return
            # The channel's own scope (CHANNEL_COLLECTIONS), read again where the button is pressed.
            filters = filters_for(self.bot.settings, interaction.channel, interaction.channel_id)
            more = await self.pool.run(more_quotes, self.engine, shown, MORE_QUOTES, filters)
            if more is None:
                await interaction.followup.send(NO_MORE, ephemeral=True, allowed_mentions=NO_PINGS)
                return
            for message in render_answer(more):
                await interaction.followup.send(**send_kwargs(message), ephemeral=True)
        except Exception as exc:  # noqa: BLE001
            await on_interaction_error(interaction, exc, "More quotes button")


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(FeedbackCog(bot, bot.engine, bot.pool, bot.question_log))  # type: ignore[attr-defined]
