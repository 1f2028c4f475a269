"""Process-level wiring for `quotebot run` and `quotebot sync`: validate, load, connect, shut down."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

import aiohttp
import discord

from bot.settings import Settings

log = logging.getLogger(__name__)

MISSING_TOKEN = (
    "quotebot: DISCORD_TOKEN is not set. Copy .env.example to .env and fill in the bot token "
    "(see README, 'Run it on Discord')."
)


BAD_TOKEN_CHARS = (
    "quotebot: DISCORD_TOKEN contains a line break, space or control character ({where}); "
    "a bot token is one unbroken line: copy it again from the developer portal (Bot → Reset Token)."
)
# Network errors at start-up: discord.py retries the gateway once connected, never the login.
NETWORK_ERRORS = (aiohttp.ClientError, OSError, asyncio.TimeoutError, discord.GatewayNotFound)


def configure_logging(level: str) -> None:
    # force: whatever configured the root logger before (an import, a caller) must not swallow
    # the bot's own INFO lines (`ready: …`, `connected as …`, `stopped`).
    # discord.py never logs the token; our own records only ever see SecretStr.
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        force=True,
    )
    logging.getLogger("discord.gateway").setLevel(logging.WARNING)
    for noisy in ("bm25s", "faiss", "urllib3", "filelock", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _token(settings: Settings) -> str | None:
    secret = settings.discord_token
    value = secret.get_secret_value().strip() if secret is not None else ""
    return value or None


def token_problem(token: str) -> str | None:
    """Why this token cannot be sent in an HTTP header, without ever showing the token."""
    for i, ch in enumerate(token):
        if ch.isspace() or not ch.isprintable():
            kind = "line break" if ch in "\r\n" else "space" if ch.isspace() else "control character"
            return BAD_TOKEN_CHARS.format(where=f"a {kind} after {i} characters")
    return None


def _checked_token(settings: Settings) -> str | None:
    token = _token(settings)
    if token is None:
        print(MISSING_TOKEN, file=sys.stderr)
        return None
    if problem := token_problem(token):
        print(problem, file=sys.stderr)
        return None
    return token


def _network_reason(exc: BaseException) -> str:
    # aiohttp's messages name the host and the OS reason; they never contain the token.
    reason = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {reason}"


def run_bot(settings: Settings) -> int:
    token = _checked_token(settings)
    if token is None:
        return 2
    configure_logging(settings.log_level)
    from index.engine import Engine  # heavy (torch, FAISS): only once we know we will run

    engine = Engine.open(settings.engine_config())
    # The engine loads the model lazily; a bot will need it for its first question, so load it
    # now, before connecting, rather than make the first user wait ~10 s.
    embedder = getattr(engine, "embedder", None)
    model = getattr(embedder, "query_model", None) or getattr(embedder, "model", None)
    if callable(model):
        model()
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
    except NETWORK_ERRORS as e:
        log.error("cannot reach Discord (%s): check the network; exiting (a service manager "
                  "restarts the bot, see docs/operations.md)", _network_reason(e))
        return 1
    return 0


async def _serve(settings: Settings, engine, token: str) -> None:
    from bot.app import QuotebotBot
    from bot.questionlog import from_settings

    bot = QuotebotBot(settings, engine, question_log=from_settings(settings))
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
    token = _checked_token(settings)
    if token is None:
        return 2
    try:
        return await _sync(settings, token)
    except discord.LoginFailure:
        log.error("Discord rejected the token (DISCORD_TOKEN): check it in the developer portal.")
        return 1
    except NETWORK_ERRORS as e:
        log.error("cannot reach Discord (%s): check the network and try again", _network_reason(e))
        return 1


async def _sync(settings: Settings, token: str) -> int:
    from bot.app import QuotebotBot
    from bot.service import NotReady

    # Sync only reads command definitions, never the index.
    bot = QuotebotBot(settings.model_copy(update={"dev_guild_id": None}), NotReady(settings.engine_config()))
    async with bot:
        await bot.login(token)  # runs setup_hook: cogs added; dev-guild sync suppressed above
        await bot.sync_commands(settings.dev_guild_id)
    return 0
