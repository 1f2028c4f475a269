"""From an error to what the user reads — one mapping for every path: slash commands, mentions,
listen channels and buttons. Domain errors carry their own message; the unexpected are logged
with their traceback and the user gets one generic line that leaks nothing."""

from __future__ import annotations

import logging
import math

import discord
from discord import app_commands
from discord.ext import commands

from bot.replies import is_expired, send_ephemeral
from index.errors import QuotebotError

log = logging.getLogger(__name__)

GENERIC_ERROR = "Something went wrong while handling that command. It has been logged."
COOLDOWNS = (app_commands.CommandOnCooldown, commands.CommandOnCooldown)


def slow_down(retry_after: float) -> str:
    return f"Slow down — try again in {math.ceil(retry_after)} s."


def user_message(error: BaseException) -> str | None:
    """What to tell the user about `error`; None for the unexpected (a bug to log)."""
    if isinstance(error, COOLDOWNS):
        return slow_down(error.retry_after)
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You can't use this command here."
    original = getattr(error, "original", error)  # discord.py wraps what a command raised
    if isinstance(original, QuotebotError):
        return str(original)
    return None


def explain(error: BaseException, what: str) -> str:
    """`user_message(error)`, or — for the unexpected — log it (with `what` failed) and say so."""
    message = user_message(error)
    if message is None:
        log.exception("%s failed", what, exc_info=getattr(error, "original", error))
        message = GENERIC_ERROR
    return message


async def on_interaction_error(interaction: discord.Interaction, error: BaseException, what: str) -> None:
    """The handler of every failed interaction (the command tree's and the views')."""
    if is_expired(getattr(error, "original", error)):
        # Nothing can reach the user any more: log, and do not try.
        log.warning("interaction %s expired before the bot could respond (%s)", interaction.id,
                    getattr(getattr(error, "original", error), "text", ""))
        return
    await send_ephemeral(interaction, explain(error, what))
