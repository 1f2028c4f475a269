"""Which conversation a message or an interaction continues: its thread, or the reply chain of
the answer it replies to. Always within one guild and channel (the key carries both)."""

from __future__ import annotations

import logging

import discord

from bot.conversations import ConversationKey, ConversationMemory

log = logging.getLogger(__name__)

THREAD_TYPES = (discord.ChannelType.public_thread, discord.ChannelType.private_thread,
                discord.ChannelType.news_thread)


def thread_key(guild_id: int | None, channel: object, memory: ConversationMemory) -> ConversationKey | None:
    """The thread's conversation: any thread (the bot answers there in its context), or a channel
    the bot knows as one of its threads even when discord.py has not cached it."""
    channel_id = getattr(channel, "id", None)
    if channel_id is None:
        return None
    key = ConversationKey(guild_id, channel_id, channel_id)
    if isinstance(channel, discord.Thread) or getattr(channel, "type", None) in THREAD_TYPES or memory.knows(key):
        return key
    return None


def message_conversation(message: discord.Message, memory: ConversationMemory) -> ConversationKey | None:
    guild_id = message.guild.id if message.guild else None
    if key := thread_key(guild_id, message.channel, memory):
        return key
    ref = message.reference
    if ref is not None and ref.message_id is not None:
        return memory.conversation_of_answer(guild_id, message.channel.id, ref.message_id)
    return None


def interaction_conversation(interaction: discord.Interaction, memory: ConversationMemory) -> ConversationKey | None:
    return thread_key(interaction.guild_id, interaction.channel, memory)


def thread_parent_id(channel: object) -> int | None:
    return getattr(channel, "parent_id", None)
