"""Sending to Discord: rendered `Message`s as discord.py kwargs, deferred followups with the
expired-interaction fallback, ephemeral notes, and replies to messages. Nothing here pings."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.render import Message

log = logging.getLogger(__name__)

# Discord forgets an interaction token after 15 minutes (10015 Unknown Webhook, 10062 Unknown
# interaction): a slow answer then has no followup to go to.
EXPIRED_CODES = (10015, 10062)
NO_PINGS = discord.AllowedMentions.none()


def send_kwargs(message: Message) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"allowed_mentions": NO_PINGS}
    if message.content:
        kwargs["content"] = message.content
    if message.embeds:
        kwargs["embeds"] = [discord.Embed.from_dict(e) for e in message.embeds]
    return kwargs


def is_expired(error: BaseException) -> bool:
    """The interaction was acknowledged too late (3 s) or answered after 15 min."""
    return isinstance(error, discord.NotFound) and error.code in EXPIRED_CODES


def _command_name(interaction: discord.Interaction) -> str:
    return interaction.command.qualified_name if interaction.command else "?"


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """A short private note to whoever used the interaction, whether or not it was answered yet."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)
    except discord.HTTPException as exc:
        log.warning("could not tell the user about an error: %s", exc.status)


def _with_view(kwargs: dict[str, Any], view: discord.ui.View | None, last: bool) -> dict[str, Any]:
    # Buttons go under the last part of an answer, after every quote they are about.
    if view is not None and last:
        kwargs["view"] = view
    return kwargs


async def deliver(
    interaction: discord.Interaction, messages: list[Message], *, ephemeral: bool,
    view: discord.ui.View | None = None,
) -> discord.Message | None:
    """Send `messages` as followups of a deferred interaction. If the interaction expired before
    they were ready, post them in the channel instead (public ones) or in a DM (private ones).
    Returns the first message sent (the answer's own, for threads and jump links)."""
    first: discord.Message | None = None
    for i, message in enumerate(messages):
        if not interaction.is_expired():
            try:
                kwargs = _with_view(send_kwargs(message), view, i == len(messages) - 1)
                sent = await interaction.followup.send(**kwargs, ephemeral=ephemeral, wait=True)
                first = first or sent
                continue
            except discord.NotFound as exc:
                if not is_expired(exc):
                    raise
        late = await _after_expiry(interaction, messages[i:], ephemeral=ephemeral, view=view)
        return first or late
    return first


async def _after_expiry(
    interaction: discord.Interaction, messages: list[Message], *, ephemeral: bool, view: discord.ui.View | None = None
) -> discord.Message | None:
    command = _command_name(interaction)
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
    first: discord.Message | None = None
    try:
        await target.send(note, allowed_mentions=NO_PINGS)
        for i, message in enumerate(messages):
            sent = await target.send(**_with_view(send_kwargs(message), view, i == len(messages) - 1))
            first = first or sent
    except discord.HTTPException as exc:
        log.warning("could not post the late answer to /%s in %s: %s %s", command, where, exc.status, exc.text)
    return first


async def reply_text(message: discord.Message, text: str) -> None:
    """A one-line reply to a message (a refusal or an explanation); dropped with a log line if
    the channel does not let the bot post."""
    try:
        await message.reply(text, mention_author=False, allowed_mentions=NO_PINGS)
    except discord.HTTPException as exc:
        log.warning("could not reply to message %s: %s", message.id, exc.status)


async def reply_messages(
    message: discord.Message, rendered: list[Message], view: discord.ui.View | None = None
) -> discord.Message | None:
    """An answer to a message: the first part as a reply, the rest after it in the channel.
    Returns the reply (None when the channel refused it)."""
    last = len(rendered) - 1
    first: discord.Message | None = None
    try:
        first = await message.reply(**_with_view(send_kwargs(rendered[0]), view, last == 0), mention_author=False)
        for i, extra in enumerate(rendered[1:], 1):
            await message.channel.send(**_with_view(send_kwargs(extra), view, i == last))
    except discord.HTTPException as exc:
        # Typically 403 Missing Permissions in this channel: log once, drop, keep serving.
        log.warning("could not answer message %s in channel %s: %s %s",
                    message.id, message.channel.id, exc.status, exc.text)
    return first
