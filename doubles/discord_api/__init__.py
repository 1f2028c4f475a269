"""A local Discord API double for end-to-end tests with the real discord.py client."""

from doubles.discord_api.server import Call, DiscordDouble, SentInteraction

__all__ = ["Call", "DiscordDouble", "SentInteraction"]
