"""Process-level wiring for `quotebot run` and `quotebot sync`: validate, load, connect, shut down."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

import discord

from bot.settings import Settings

log = logging.getLogger(__name__)

MISSING_TOKEN = (
    "quotebot: DISCORD_TOKEN is not set. Copy .env.example to .env and fill in the bot token "
    "(see README, 'Run it on Discord')."
)


def configure_logging(level: str) -> None:
    # discord.py never logs the token; our own records only ever see SecretStr.
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    logging.getLogger("discord.gateway").setLevel(logging.WARNING)


def _token(settings: Settings) -> str | None:
    secret = settings.discord_token
    value = secret.get_secret_value().strip() if secret is not None else ""
    return value or None


def run_bot(settings: Settings) -> int:
    token = _token(settings)
    if token is None:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    from index.engine import Engine  # heavy (torch, FAISS): only once we know we will run

    engine = Engine.open(settings.engine_config())
    stats = engine.stats()
    log.info("ready: %s documents, %s chunks, model %s", stats.get("documents"), stats.get("chunks"), stats.get("model"))
    try:
        asyncio.run(_serve(settings, engine, token))
    except discord.LoginFailure:
        log.error("Discord rejected the token (DISCORD_TOKEN): check it in the developer portal.")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error(
            "LISTEN_CHANNEL_IDS needs the Message Content intent: enable it for the bot in the "
            "developer portal, or leave LISTEN_CHANNEL_IDS empty."
        )
        return 1
    return 0


async def _serve(settings: Settings, engine, token: str) -> None:
    from bot.app import QuotebotBot

    bot = QuotebotBot(settings, engine)
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task] = []

    def stop(signame: str) -> None:
        log.info("%s received: shutting down", signame)
        if not stopping:
            stopping.append(loop.create_task(bot.close()))

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows / non-main thread
            loop.add_signal_handler(sig, stop, sig.name)
    async with bot:
        await bot.start(token)
    if stopping:
        await asyncio.gather(*stopping, return_exceptions=True)
    log.info("stopped")


async def sync_commands(settings: Settings) -> int:
    """Log in over HTTP only, register the slash commands globally or to DEV_GUILD_ID, log out."""
    token = _token(settings)
    if token is None:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    from bot.app import QuotebotBot
    from bot.service import NotReady

    # Sync only reads command definitions, never the index.
    bot = QuotebotBot(settings.model_copy(update={"dev_guild_id": None}), NotReady(settings.engine_config()))
    async with bot:
        await bot.login(token)  # runs setup_hook: cogs added; dev-guild sync suppressed above
        await bot.sync_commands(settings.dev_guild_id)
    return 0
