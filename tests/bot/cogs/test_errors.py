"""bot.cogs.errors: one message per kind of error, whichever path it came by."""

from __future__ import annotations

import logging

import pytest
from discord import app_commands
from discord.ext import commands

from bot.cogs.errors import GENERIC_ERROR, explain, user_message
from bot.pool import Busy
from index.errors import BadQuestion

SLOW = "Slow down — try again in 3 s."


def _invoke_error(original: Exception) -> app_commands.CommandInvokeError:
    error = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    error.original = original
    return error


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (app_commands.CommandOnCooldown(app_commands.Cooldown(1, 10), 2.2), SLOW),  # slash commands
        (commands.CommandOnCooldown(commands.Cooldown(1, 10), 2.2, commands.BucketType.user), SLOW),  # mentions
        (app_commands.CheckFailure("Only moderators can do that."), "Only moderators can do that."),
        (app_commands.NoPrivateMessage(), "This command cannot be used in direct messages."),
        (BadQuestion("Questions are limited to 5 characters."), "Questions are limited to 5 characters."),
        (_invoke_error(BadQuestion("Please ask a question.")), "Please ask a question."),
        (_invoke_error(Busy()), str(Busy())),
        (RuntimeError("internal detail"), None),
        (_invoke_error(KeyError("x")), None),
    ],
)
def test_user_message(error, message):
    assert user_message(error) == message


def test_the_unexpected_is_logged_and_told_generically(caplog):
    with caplog.at_level(logging.ERROR, logger="bot.cogs.errors"):
        assert explain(_invoke_error(RuntimeError("secret detail")), "command /ask") == GENERIC_ERROR
    [record] = caplog.records
    assert record.getMessage() == "command /ask failed" and "secret detail" in str(record.exc_info[1])
