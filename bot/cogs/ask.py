"""Questions: /ask, /search, /sources, /about, and mention / listen-channel mode."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import GENERIC_ERROR, deliver, send_kwargs
from bot.render import render_about, render_answer, render_search
from bot.views import SourcesView
from index.errors import QuotebotError

if TYPE_CHECKING:
    from bot.app import QuotebotBot

log = logging.getLogger(__name__)


def question_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    settings = interaction.client.settings  # type: ignore[attr-defined]
    if settings.ask_cooldown_seconds <= 0:
        return None
    return app_commands.Cooldown(settings.ask_cooldown_rate, settings.ask_cooldown_seconds)


def _search(engine, query: str, k: int) -> tuple[list, dict[str, dict]]:
    hits = engine.search(query, k=k)
    metas = {h.chunk.doc_id: engine.document_meta(h.chunk.doc_id) for h in hits}
    return hits, metas


class AskCog(commands.Cog):
    def __init__(self, bot: QuotebotBot) -> None:
        self.bot = bot
        self.engine = bot.engine
        self.settings = bot.settings
        limit = self.engine.config.answer.max_question_chars
        # `max_length` comes from settings, known only now: give this cog's copy of each command
        # its own parameter object (the class-level one is shared between instances).
        for command, param in ((self.ask, "question"), (self.search, "query")):
            command._params[param] = dataclasses.replace(command._params[param], min_value=1, max_value=limit)
        self.mention_cooldown = commands.CooldownMapping.from_cooldown(
            self.settings.ask_cooldown_rate, self.settings.ask_cooldown_seconds, commands.BucketType.user
        )

    @app_commands.command(name="ask", description="Ask the corpus: the answer quotes it word for word, with sources.")
    @app_commands.describe(question="Your question, e.g. what did OHCHR say?", private="Only you see the answer")
    @app_commands.checks.dynamic_cooldown(question_cooldown)
    async def ask(self, interaction: discord.Interaction, question: str, private: bool = False) -> None:
        # Defer first: embedding and search can take longer than Discord's 3-second deadline.
        await interaction.response.defer(thinking=True, ephemeral=private)
        answer = await self.bot.pool.run(self.engine.ask, question)
        await deliver(interaction, render_answer(answer), ephemeral=private)

    @app_commands.command(name="search", description="Read the passages that best match a query, with their sources.")
    @app_commands.describe(query="Words to look for", private="Only you see the results (default: yes)")
    @app_commands.checks.dynamic_cooldown(question_cooldown)
    async def search(self, interaction: discord.Interaction, query: str, private: bool = True) -> None:
        await interaction.response.defer(thinking=True, ephemeral=private)
        hits, metas = await self.bot.pool.run(_search, self.engine, query, 5)
        await deliver(interaction, render_search(query, hits, metas), ephemeral=private)

    @app_commands.command(name="sources", description="List the documents in the corpus.")
    @app_commands.describe(filter="Only documents whose title, outlet or id contains this text")
    async def sources(self, interaction: discord.Interaction, filter: str | None = None) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        docs = await self.bot.pool.run(self.engine.documents)
        if filter:
            needle = filter.casefold()
            docs = [
                d for d in docs
                if any(needle in str(d.get(k) or "").casefold() for k in ("title", "source", "doc_id"))
            ]
        view = SourcesView(docs, query=filter or "", owner_id=interaction.user.id)
        await interaction.followup.send(**send_kwargs(view.render()), view=view, ephemeral=True)

    @app_commands.command(name="about", description="What the bot knows: documents, passages, last reindex, model.")
    async def about(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        stats = await self.bot.pool.run(self.engine.stats)
        message = render_about(stats, self.engine.reindex_status())
        await interaction.followup.send(**send_kwargs(message), ephemeral=True)

    # Mention mode and listen channels -------------------------------------------------------

    def question_from(self, message: discord.Message) -> str | None:
        """The question in `message`, or None when it is not addressed to the bot."""
        me = self.bot.user
        if me is None:
            return None
        mention = re.compile(rf"<@!?{me.id}>")
        # The mention must be in the text: a reply to the bot also lists it in `mentions`, and
        # "thanks!" in reply to an answer is not a question.
        if mention.search(message.content):
            return mention.sub(" ", message.content).strip(" \t\n,:;")
        if message.channel.id in self.settings.listen_channel_ids:
            return message.content.strip()
        return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id is not None:
            return
        if self.bot.user is not None and message.author.id == self.bot.user.id:
            return
        question = self.question_from(message)
        if question is None:
            return
        if not question:
            await self._reply(message, "Ask me a question after the mention, e.g. `@Quotebot what did OHCHR say?`")
            return
        retry_after = self.mention_cooldown.get_bucket(message).update_rate_limit()
        if retry_after:
            await self._reply(message, f"Slow down — try again in {math.ceil(retry_after)} s.")
            return
        try:
            answer = await self.bot.pool.run(self.engine.ask, question)
        except QuotebotError as exc:
            await self._reply(message, str(exc))
            return
        except Exception:
            log.exception("answering a mention failed")
            await self._reply(message, GENERIC_ERROR)
            return
        rendered = render_answer(answer)
        try:
            await message.reply(**send_kwargs(rendered[0]), mention_author=False)
            for extra in rendered[1:]:
                await message.channel.send(**send_kwargs(extra))
        except discord.HTTPException as exc:
            # Typically 403 Missing Permissions in this channel: log once, drop, keep serving.
            log.warning("could not answer message %s in channel %s: %s %s",
                        message.id, message.channel.id, exc.status, exc.text)

    async def _reply(self, message: discord.Message, text: str) -> None:
        try:
            await message.reply(text, mention_author=False, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("could not reply to message %s: %s", message.id, exc.status)
