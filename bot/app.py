"""The Discord bot: intents, safe mentions, worker pool, cogs, explicit sync, one error handler."""

from __future__ import annotations

import logging
import math
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.pool import WorkerPool
from bot.redact import redact_secret
from bot.render import Message
from bot.settings import Settings
from index.errors import QuotebotError

if TYPE_CHECKING:  # the engine module is heavy (torch, FAISS): import it only where it is built
    from index.engine import Engine

log = logging.getLogger(__name__)

GENERIC_ERROR = "Something went wrong while handling that command. It has been logged."


def intents_for(settings: Settings) -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    # Mentions carry their content without the privileged intent; listen channels need it.
    intents.message_content = bool(settings.listen_channel_ids)
    return intents


def send_kwargs(message: Message) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
    if message.content:
        kwargs["content"] = message.content
    if message.embeds:
        kwargs["embeds"] = [discord.Embed.from_dict(e) for e in message.embeds]
    return kwargs


class QuotebotBot(commands.Bot):
    def __init__(
        self, settings: Settings, engine: Engine, *, executor: Executor | None = None, **options: Any
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
        if settings.discord_token is not None:
            redact_secret(settings.discord_token.get_secret_value())
        self.pool = WorkerPool(settings.answer_workers, settings.answer_queue, executor)
        self.tree.on_error = self.on_tree_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        from bot.cogs.ask import AskCog
        from bot.cogs.moderation import ModerationCog

        await self.add_cog(AskCog(self))
        await self.add_cog(ModerationCog(self))
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to dev guild %s", len(synced), guild.id)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: questions in messages are handled by AskCog's listener only.
        return

    async def on_ready(self) -> None:
        log.info("connected as %s (id %s) in %d guilds", self.user, getattr(self.user, "id", "?"), len(self.guilds))

    async def close(self) -> None:
        self.pool.shutdown()
        await super().close()

    async def on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        original = getattr(error, "original", error)
        if isinstance(original, discord.NotFound) and original.code in EXPIRED_CODES:
            # Acknowledged too late (3 s) or answered after 15 min: nothing can reach the user.
            log.warning("interaction %s expired before the bot could respond (%s)", interaction.id, original.text)
            return
        message = user_message(error)
        if message is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            original = getattr(error, "original", error)
            log.exception("command /%s failed", command, exc_info=original)
            message = GENERIC_ERROR
        await send_ephemeral(interaction, message)


def user_message(error: Exception) -> str | None:
    """What to tell the user about a domain error; None for the unexpected."""
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down — try again in {math.ceil(error.retry_after)} s."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use this command here."
    original = getattr(error, "original", error)
    if isinstance(original, QuotebotError):
        return str(original)
    return None


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not tell the user about an error: %s", exc.status)


# Discord forgets an interaction token after 15 minutes (10015 Unknown Webhook, 10062 Unknown
# interaction): a slow answer then has no followup to go to.
EXPIRED_CODES = (10015, 10062)


async def deliver(interaction: discord.Interaction, messages: list[Message], *, ephemeral: bool) -> None:
    """Send `messages` as followups of a deferred interaction. If the interaction expired before
    they were ready, post them in the channel instead (public ones) or in a DM (private ones)."""
    for i, message in enumerate(messages):
        if not interaction.is_expired():
            try:
                await interaction.followup.send(**send_kwargs(message), ephemeral=ephemeral)
                continue
            except discord.NotFound as exc:
                if exc.code not in EXPIRED_CODES:
                    raise
        await _after_expiry(interaction, messages[i:], ephemeral=ephemeral)
        return


async def _after_expiry(interaction: discord.Interaction, messages: list[Message], *, ephemeral: bool) -> None:
    command = interaction.command.qualified_name if interaction.command else "?"
    who = discord.utils.escape_mentions(discord.utils.escape_markdown(interaction.user.display_name))
    note = f"{who}'s /{command} took longer than Discord allows for a reply, so here is the answer:"
    if ephemeral:
        target: Any = interaction.user  # a private answer must not go to the channel
        where = f"a DM to user {interaction.user.id}"
    else:
        target = interaction.client.get_partial_messageable(interaction.channel_id or 0, guild_id=interaction.guild_id)
        where = f"channel {interaction.channel_id}"
    log.warning("interaction %s (/%s) expired before the answer was ready; posting it in %s",
                interaction.id, command, where)
    try:
        await target.send(note, allowed_mentions=discord.AllowedMentions.none())
        for message in messages:
            await target.send(**send_kwargs(message))
    except discord.HTTPException as exc:
        log.warning("could not post the late answer to /%s in %s: %s %s", command, where, exc.status, exc.text)
