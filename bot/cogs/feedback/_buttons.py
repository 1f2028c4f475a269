"""The answer's buttons as dynamic items: their custom ids carry the answer key and the action,
so any process of the bot — this one or one started after a restart — can handle a press."""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

import discord

log = logging.getLogger(__name__)

KEY_HEX = 12
VOTE_LABELS = {"up": ("👍", None), "down": ("👎", None), "wrong_speaker": (None, "Wrong speaker")}
# Short names in the custom id (100 characters at most, and shorter is tidier).
_VOTE_CODES = {"up": "up", "down": "dn", "wrong_speaker": "ws"}
_CODE_VOTES = {v: k for k, v in _VOTE_CODES.items()}


def new_answer_key() -> str:
    return secrets.token_hex(KEY_HEX // 2)


def _cog(interaction: discord.Interaction) -> Any:
    return interaction.client.get_cog("FeedbackCog")  # type: ignore[attr-defined]


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"qb:v:(?P<code>up|dn|ws):(?P<key>[0-9a-f]{{{KEY_HEX}}})"):
    def __init__(self, vote: str, answer_key: str) -> None:
        emoji, label = VOTE_LABELS[vote]
        super().__init__(discord.ui.Button(
            style=discord.ButtonStyle.secondary, emoji=emoji, label=label,
            custom_id=f"qb:v:{_VOTE_CODES[vote]}:{answer_key}",
        ))
        self.vote = vote
        self.answer_key = answer_key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]):
        return cls(_CODE_VOTES[match["code"]], match["key"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).on_vote(interaction, self.answer_key, self.vote)


class MoreQuotesButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"qb:more:(?P<key>[0-9a-f]{{{KEY_HEX}}})"):
    def __init__(self, answer_key: str) -> None:
        super().__init__(discord.ui.Button(
            style=discord.ButtonStyle.primary, label="More quotes", custom_id=f"qb:more:{answer_key}",
        ))
        self.answer_key = answer_key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]):
        return cls(match["key"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).on_more(interaction, self.answer_key)


def feedback_view(answer_key: str, *, votes: bool) -> discord.ui.View:
    """👍 👎 Wrong speaker (when votes are recorded) and More quotes, for one answer."""
    view = discord.ui.View(timeout=None)
    if votes:
        for vote in VOTE_LABELS:
            view.add_item(VoteButton(vote, answer_key))
    view.add_item(MoreQuotesButton(answer_key))
    return view
