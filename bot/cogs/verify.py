"""Quote checking: `/verify text:` and the message context menu **Check quote**.

Open to everyone, like /ask (a check only reads the corpus), with the same per-user cooldown.
`/verify` answers in the channel unless `private`; **Check quote** answers privately, so
checking a colleague's message never calls them out in public unless the checker chooses
to (with /verify).

No `from __future__ import annotations` here, on purpose: discord.py resolves the commands'
annotations at runtime, and the `text` option's length limit is a per-instance type (the
engine's `VerifyConfig.max_claim_chars`), as in `bot/cogs/question_commands.py`.
"""

import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.pool import WorkerPool
from bot.render_verify import render_verification
from bot.replies import deliver
from bot.service import AnswerService
from bot.settings import Settings
from index.errors import BadQuestion

log = logging.getLogger(__name__)

CHECK_QUOTE = "Check quote"
NO_TEXT = "That message has no text to check."
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|«([^«»]+)»")
_BLOCKQUOTE = re.compile(r"^>>> |^> ", re.MULTILINE)


def claim_in(content: str, min_words: int) -> str:
    """What a message claims someone said: its longest quoted part when it has one of at least
    `min_words` words ("Did she really say “…”?"), else the whole message (block-quote
    markers off)."""
    text = _BLOCKQUOTE.sub("", content or "").strip()
    quoted = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    quoted = [q.strip() for q in quoted if len(q.split()) >= min_words]
    return max(quoted, key=len) if quoted else text


def verify_commands(cog: "VerifyCog", limit: int) -> tuple[app_commands.Command, app_commands.ContextMenu]:
    Claim = app_commands.Range[str, 1, limit]

    @app_commands.command(name="verify", description="Check whether a quote is in the corpus word for word.")
    @app_commands.describe(text="The quote to check, as it was posted", private="Only you see the result")
    @app_commands.checks.dynamic_cooldown(cog.question_cooldown)
    async def verify(interaction: discord.Interaction, text: Claim, private: bool = False) -> None:
        await cog.verify(interaction, text, private)

    @app_commands.checks.dynamic_cooldown(cog.question_cooldown)
    async def check_quote(interaction: discord.Interaction, message: discord.Message) -> None:
        await cog.check_message(interaction, message)

    menu = app_commands.ContextMenu(name=CHECK_QUOTE, callback=check_quote, type=discord.AppCommandType.message)
    return verify, menu


class VerifyCog(commands.Cog):
    def __init__(self, bot: commands.Bot, engine: AnswerService, settings: Settings, pool: WorkerPool) -> None:
        self.bot = bot
        self.engine = engine
        self.settings = settings
        self.pool = pool
        self.verify_command, self.menu = verify_commands(self, engine.config.verify.max_claim_chars)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.verify_command)
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.verify_command.name)
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    def question_cooldown(self, interaction: discord.Interaction) -> app_commands.Cooldown | None:
        if self.settings.ask_cooldown_seconds <= 0:
            return None
        return app_commands.Cooldown(self.settings.ask_cooldown_rate, self.settings.ask_cooldown_seconds)

    async def verify(self, interaction: discord.Interaction, text: str, private: bool) -> None:
        # Defer first: the closest-wording search embeds the claim, which can take seconds.
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self.pool.run(self.engine.verify, text)
        await deliver(interaction, render_verification(result), ephemeral=private)

    async def check_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        claim = claim_in(message.content, self.engine.config.verify.min_claim_words)
        if not claim:
            raise BadQuestion(NO_TEXT)  # answered privately by the error handler, before any defer
        await self.verify(interaction, claim, private=True)


async def setup(bot: commands.Bot) -> None:
    # `bot` is a QuotebotBot; read by attribute so this module never imports bot.app.
    await bot.add_cog(VerifyCog(bot, bot.engine, bot.settings, bot.pool))  # type: ignore[attr-defined]
