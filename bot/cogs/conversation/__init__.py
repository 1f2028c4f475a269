"""Conversations: follow-ups rewritten from the previous turn, threads on answers, buttons on
answers, and the question log's record of each — everything around one answer that `AskCog`
hands over (`from_message` / `from_interaction` before asking, `answer_*` after).

The rewriting is the engine's (`index.followup`); this cog only keeps the conversations
(`bot.conversations`, in memory) and decides which one a message continues.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import discord
from discord.ext import commands

from bot.cogs.conversation._render import with_understood
from bot.cogs.conversation._threads import ThreadOpener
from bot.cogs.conversation._where import (
    interaction_conversation,
    message_conversation,
    thread_parent_id,
)
from bot.cogs.feedback import new_answer_key
from bot.conversations import ConversationKey, ConversationMemory, MemoryConfig
from bot.questionlog import AnswerRecord, LoggedQuote, QuestionLog
from bot.render import Message, render_answer
from bot.replies import deliver, reply_messages
from bot.settings import Settings
from index.followup import Turn, rewrite_followup, turn_of
from index.types import Answer

log = logging.getLogger(__name__)

@dataclass(frozen=True, slots=True)
class Asked:
    """A question as the conversation understood it, before the engine answers it."""

    original: str
    question: str  # what the engine is asked
    rewritten: bool
    key: ConversationKey | None  # the conversation it continues; None: a new one
    answer_key: str
    started: float  # perf_counter when it arrived
    asked_at: float  # unix time


class ConversationCog(commands.Cog):
    def __init__(self, bot: commands.Bot, settings: Settings, question_log: QuestionLog | None) -> None:
        self.bot = bot
        self.settings = settings
        self.question_log = question_log
        self.memory = ConversationMemory(MemoryConfig(max_turns=settings.followup_turns,
                                                      ttl_seconds=settings.followup_minutes * 60))
        self.threads = ThreadOpener()

    # Before the engine ------------------------------------------------------------------

    def _understand(self, question: str, key: ConversationKey | None) -> Asked:
        previous = self.memory.last_turn(key) if key is not None else None
        rewrite = rewrite_followup(question, previous)
        if rewrite.rewritten:
            log.debug("follow-up %r read as %r", question, rewrite.question)
        return Asked(question, rewrite.question, rewrite.rewritten, key, new_answer_key(),
                     time.perf_counter(), time.time())

    def from_message(self, message: discord.Message, question: str) -> Asked:
        return self._understand(question, message_conversation(message, self.memory))

    def from_interaction(self, interaction: discord.Interaction, question: str, *, private: bool = False) -> Asked:
        # A private question neither continues nor starts a public conversation.
        key = None if private else interaction_conversation(interaction, self.memory)
        return self._understand(question, key)

    def is_listened_thread(self, message: discord.Message) -> bool:
        """A message without the mention in a thread the bot answered in, under a listen channel."""
        key = message_conversation(message, self.memory)
        return (key is not None and key.root_id == message.channel.id and self.memory.knows(key)
                and thread_parent_id(message.channel) in self.settings.listen_channel_ids)

    # After the engine -------------------------------------------------------------------

    def _render(self, asked: Asked, answer: Answer) -> list[Message]:
        rendered = render_answer(answer)
        return with_understood(rendered, asked.question) if asked.rewritten else rendered

    def _view(self, asked: Asked, answer: Answer) -> discord.ui.View | None:
        feedback = self.bot.get_cog("FeedbackCog")
        return feedback.attach(asked.answer_key, asked.question, answer) if feedback else None  # type: ignore[attr-defined]

    async def answer_message(self, message: discord.Message, asked: Asked, answer: Answer) -> None:
        sent = await reply_messages(message, self._render(asked, answer), self._view(asked, answer))
        guild_id = message.guild.id if message.guild else None
        await self._after(asked, answer, sent, guild_id=guild_id, channel=message.channel,
                          user_id=message.author.id, remember=True)

    async def answer_interaction(self, interaction: discord.Interaction, asked: Asked, answer: Answer,
                                 *, private: bool) -> None:
        sent = await deliver(interaction, self._render(asked, answer), ephemeral=private,
                             view=self._view(asked, answer))
        channel = interaction.channel or discord.Object(id=interaction.channel_id or 0)
        await self._after(asked, answer, sent, guild_id=interaction.guild_id, channel=channel,
                          user_id=interaction.user.id, remember=not private)

    async def _after(self, asked: Asked, answer: Answer, sent: discord.Message | None, *, guild_id: int | None,
                     channel: discord.abc.Snowflake, user_id: int, remember: bool) -> None:
        # Nothing after the answer may fail it: it is already sent.
        try:
            if remember:
                await self._remember(asked, answer, sent, guild_id, channel)
            if self.question_log is not None:
                record = self._record(asked, answer, sent, guild_id, channel.id, user_id)
                await asyncio.to_thread(self.question_log.record, record)
        except Exception:
            log.exception("after answering %s", asked.answer_key)

    async def _remember(self, asked: Asked, answer: Answer, sent: discord.Message | None,
                        guild_id: int | None, channel: discord.abc.Snowflake) -> None:
        channel_id = channel.id
        key = asked.key
        if key is None and sent is not None and self.settings.thread_answers and guild_id is not None:
            thread = await self.threads.open(channel, sent, asked.question)
            if thread is not None:
                key = ConversationKey(guild_id, thread.id, thread.id)
        if key is None and sent is not None:
            key = ConversationKey(guild_id, channel_id, sent.id)
        if key is None:
            return
        # The turn keeps the question as understood, so a chain of follow-ups builds on it.
        self.memory.remember(key, Turn(asked.question, turn_of(answer).answer_speaker))
        if sent is not None:
            self.memory.link_answer(guild_id, channel_id, sent.id, key)

    def _record(self, asked: Asked, answer: Answer, sent: discord.Message | None, guild_id: int | None,
                channel_id: int, user_id: int) -> AnswerRecord:
        return AnswerRecord(
            answer_key=asked.answer_key, asked_at=asked.asked_at, guild_id=guild_id, channel_id=channel_id,
            user_id=user_id, question=asked.original, rewritten=asked.question if asked.rewritten else None,
            abstained=answer.abstained, confidence=answer.confidence,
            latency_ms=(time.perf_counter() - asked.started) * 1000,
            quotes=tuple(LoggedQuote(q.doc_id, q.start, q.end, q.speaker) for q in answer.quotes),
            message_id=sent.id if sent is not None else None,
        )


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(ConversationCog(bot, bot.settings, bot.question_log))  # type: ignore[attr-defined]
