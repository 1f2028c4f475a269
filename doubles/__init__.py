"""Test doubles shared by the tests and the benchmarks (never imported by `bot` or `index`):
a local Discord API (`discord_api`), a scripted engine (`engine`), reading what the bot sent
(`messages`). Benchmarks import these, never anything under `tests/`."""
