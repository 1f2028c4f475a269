"""The bot end-to-end fixtures (Discord double, fake engine, real client) for fault tests."""

from tests.bot.conftest import corpus, double, engine, start_bot  # noqa: F401
