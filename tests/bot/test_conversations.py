"""bot.conversations: bounded, expiring, per-channel memory of follow-up turns."""

from __future__ import annotations

from bot.conversations import ConversationKey, ConversationMemory, MemoryConfig
from index.followup import Turn


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _memory(**config) -> tuple[ConversationMemory, Clock]:
    clock = Clock()
    return ConversationMemory(MemoryConfig(**config), clock), clock


KEY = ConversationKey(1, 2, 3)


def test_the_last_turn_is_returned():
    memory, _ = _memory()
    memory.remember(KEY, Turn("a"))
    memory.remember(KEY, Turn("b"))
    assert memory.last_turn(KEY) == Turn("b")


def test_only_the_last_n_turns_are_kept():
    memory, _ = _memory(max_turns=2)
    for q in "abc":
        memory.remember(KEY, Turn(q))
    assert [t.question for t in memory.turns(KEY)] == ["b", "c"]


def test_an_idle_conversation_expires():
    memory, clock = _memory(ttl_seconds=60)
    memory.remember(KEY, Turn("a"))
    clock.now = 61
    assert memory.last_turn(KEY) is None
    assert not memory.knows(KEY)


def test_a_new_turn_keeps_the_conversation_alive():
    memory, clock = _memory(ttl_seconds=60)
    memory.remember(KEY, Turn("a"))
    clock.now = 50
    memory.remember(KEY, Turn("b"))
    clock.now = 100
    assert memory.last_turn(KEY) == Turn("b")


def test_conversations_in_other_channels_or_guilds_are_apart():
    memory, _ = _memory()
    memory.remember(KEY, Turn("a"))
    assert memory.last_turn(ConversationKey(1, 9, 3)) is None
    assert memory.last_turn(ConversationKey(9, 2, 3)) is None


def test_the_least_recently_used_conversation_goes_first():
    memory, _ = _memory(max_conversations=2)
    keys = [ConversationKey(1, 2, i) for i in range(3)]
    for k in keys:
        memory.remember(k, Turn("q"))
    assert [memory.knows(k) for k in keys] == [False, True, True]


def test_an_answer_message_leads_back_to_its_conversation_in_its_channel_only():
    memory, _ = _memory()
    memory.remember(KEY, Turn("a"))
    memory.link_answer(1, 2, 77, KEY)
    assert memory.conversation_of_answer(1, 2, 77) == KEY
    assert memory.conversation_of_answer(1, 5, 77) is None


def test_an_answer_of_an_expired_conversation_leads_nowhere():
    memory, clock = _memory(ttl_seconds=10)
    memory.remember(KEY, Turn("a"))
    memory.link_answer(1, 2, 77, KEY)
    clock.now = 11
    assert memory.conversation_of_answer(1, 2, 77) is None
