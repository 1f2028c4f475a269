"""Questions: /ask, /search, /sources, /about, and mention / listen-channel mode."""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.errors import explain
from bot.cogs.question_commands import question_commands
from bot.pool import WorkerPool
from bot.render import render_about, render_answer, render_search
from bot.replies import deliver, reply_messages, reply_text, send_kwargs
from bot.scoping import ScopeOptions, collection_choices, filters_for, source_choices
from bot.service import AnswerService
from bot.settings import Settings
from bot.views import SourcesView
from index.types import DocMeta, DocumentInfo, Hit

log = logging.getLogger(__name__)

EMPTY_MENTION = "Ask me a question after the mention, e.g. `@Quotebot what did OHCHR say?`"


def _search(engine: AnswerService, query: str, k: int, filters=None) -> tuple[list[Hit], dict[str, DocMeta]]:
    hits = engine.search(query, k=k, filters=filters)
    return hits, {h.chunk.doc_id: engine.document_meta(h.chunk.doc_id) for h in hits}


def matching(docs: list[DocumentInfo], needle: str) -> list[DocumentInfo]:
    """Documents whose title, outlet or id contains `needle` (case-insensitive)."""
    n = needle.casefold()
    return [d for d in docs if any(n in v.casefold() for v in (d.title, d.source, d.doc_id))]


class AskCog(commands.Cog):
    def __init__(self, bot: commands.Bot, engine: AnswerService, settings: Settings, pool: WorkerPool) -> None:
        self.bot = bot
        self.engine = engine
        self.settings = settings
        self.pool = pool
        # Discord is told the engine's own limit; the engine checks it again (clients may skip).
        self.question_commands = question_commands(self, engine.config.answer.max_question_chars)
        self.mention_cooldown = commands.CooldownMapping.from_cooldown(
            settings.ask_cooldown_rate, settings.ask_cooldown_seconds, commands.BucketType.user
        )

    async def cog_load(self) -> None:
        for command in self.question_commands:
            self.bot.tree.add_command(command)

    async def cog_unload(self) -> None:
        for command in self.question_commands:
            self.bot.tree.remove_command(command.name)

    def question_cooldown(self, interaction: discord.Interaction) -> app_commands.Cooldown | None:
        if self.settings.ask_cooldown_seconds <= 0:
            return None
        return app_commands.Cooldown(self.settings.ask_cooldown_rate, self.settings.ask_cooldown_seconds)

    # /ask and /search (built in question_commands) -------------------------------------------

    def filters(self, interaction: discord.Interaction, scope: ScopeOptions | None = None):
        """The channel's collections (a thread: its parent's) and the command's filter options."""
        return filters_for(self.settings, interaction.channel, interaction.channel_id, scope)

    async def ask(self, interaction: discord.Interaction, question: str, private: bool,
                  scope: ScopeOptions | None = None) -> None:
        filters = self.filters(interaction, scope)  # a bad option is refused before deferring
        # Defer first: embedding and search can take longer than Discord's 3-second deadline.
        await interaction.response.defer(thinking=True, ephemeral=private)
        conversation = self.conversation()
        if conversation is None:
            answer = await self.pool.run(self.engine.ask, question, filters=filters)
            await deliver(interaction, render_answer(answer), ephemeral=private)
            return
        asked = conversation.from_interaction(interaction, question, private=private)
        answer = await self.pool.run(self.engine.ask, asked.question, filters=filters)
        await conversation.answer_interaction(interaction, asked, answer, private=private)

    async def search(self, interaction: discord.Interaction, query: str, private: bool,
                     scope: ScopeOptions | None = None) -> None:
        filters = self.filters(interaction, scope)
        await interaction.response.defer(thinking=True, ephemeral=private)
        hits, metas = await self.pool.run(_search, self.engine, query, 5, filters)
        await deliver(interaction, render_search(query, hits, metas), ephemeral=private)

    async def collection_autocomplete(self, interaction: discord.Interaction, current: str) -> list:
        return collection_choices(self.engine, self.settings, interaction, current)

    async def source_autocomplete(self, interaction: discord.Interaction, current: str) -> list:
        return source_choices(self.engine, current)

    @app_commands.command(name="sources", description="List the documents in the corpus.")
    @app_commands.describe(filter="Only documents whose title, outlet or id contains this text",
                           collection="Only this collection (a corpus folder)")
    async def sources(self, interaction: discord.Interaction, filter: str | None = None,
                      collection: str | None = None) -> None:
        filters = self.filters(interaction, ScopeOptions(collection=collection))
        await interaction.response.defer(thinking=True, ephemeral=True)
        docs = await self.pool.run(self.engine.documents, filters)
        if filter:
            docs = matching(docs, filter)
        counts = await self.pool.run(self.engine.facets)
        view = SourcesView(docs, query=filter or "", owner_id=interaction.user.id,
                           collections=counts.get("collections", {}) if filters is None else None)
        await interaction.followup.send(**send_kwargs(view.render()), view=view, ephemeral=True)

    @sources.autocomplete("collection")
    async def sources_collection(self, interaction: discord.Interaction, current: str) -> list:
        return collection_choices(self.engine, self.settings, interaction, current)

    @app_commands.command(name="about", description="What the bot knows: documents, passages, last reindex, model.")
    async def about(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        stats = await self.pool.run(self.engine.stats)
        message = render_about(stats, self.engine.reindex_status())
        await interaction.followup.send(**send_kwargs(message), ephemeral=True)

    # Follow-ups, threads, buttons and the question log (bot/cogs/conversation) --------------

    def conversation(self):
        """The ConversationCog, or None when it is not loaded (then answers stand alone)."""
        return self.bot.get_cog("ConversationCog")

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
        conversation = self.conversation()
        if conversation is not None and conversation.is_listened_thread(message):
            return message.content.strip()
        return None

    def check_mention_cooldown(self, message: discord.Message) -> None:
        bucket = self.mention_cooldown.get_bucket(message)
        retry_after = bucket.update_rate_limit() if bucket is not None else None
        if retry_after:
            raise commands.CommandOnCooldown(bucket, retry_after, commands.BucketType.user)

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
            await reply_text(message, EMPTY_MENTION)
            return
        conversation = self.conversation()
        asked = conversation.from_message(message, question) if conversation is not None else None
        try:
            self.check_mention_cooldown(message)
            filters = filters_for(self.settings, message.channel, message.channel.id)
            answer = await self.pool.run(self.engine.ask, asked.question if asked else question, filters=filters)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a reply, the unexpected are logged
            await reply_text(message, explain(exc, f"answering message {message.id}"))
            return
        if conversation is not None and asked is not None:
            await conversation.answer_message(message, asked, answer)
            return
        await reply_messages(message, render_answer(answer))


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(AskCog(bot, bot.engine, bot.settings, bot.pool))  # type: ignore[attr-defined]
