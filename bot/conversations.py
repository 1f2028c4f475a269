"""Per-conversation memory for follow-ups: bounded, expiring, in memory only.

A conversation is a thread or a reply chain, always inside one guild and channel: its key
carries both, so nothing is ever shared across channels or guilds. Each keeps its last
`max_turns` turns; a conversation idle for longer than `ttl_seconds` is forgotten, and at most
`max_conversations` are kept (the least recently used go first). Nothing is written to disk.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

from index.followup import Turn

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConversationKey:
    guild_id: int | None
    channel_id: int
    root_id: int  # the thread's id, or the first answer message of a reply chain


@dataclass(frozen=True, slots=True)
class MemoryConfig:
    max_turns: int = 5
    ttl_seconds: float = 30 * 60
    max_conversations: int = 5000


@dataclass
class _Conversation:
    turns: deque[Turn]
    last_seen: float


class ConversationMemory:
    def __init__(self, config: MemoryConfig = MemoryConfig(), clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.clock = clock
        self._conversations: OrderedDict[ConversationKey, _Conversation] = OrderedDict()
        # (guild, channel, message id of one of the bot's answers) → its conversation.
        self._answers: OrderedDict[tuple[int | None, int, int], ConversationKey] = OrderedDict()
        self._lock = threading.Lock()

    def _alive(self, key: ConversationKey) -> _Conversation | None:
        conv = self._conversations.get(key)
        if conv is None:
            return None
        if self.clock() - conv.last_seen > self.config.ttl_seconds:
            del self._conversations[key]
            return None
        return conv

    def last_turn(self, key: ConversationKey) -> Turn | None:
        with self._lock:
            conv = self._alive(key)
            return conv.turns[-1] if conv and conv.turns else None

    def turns(self, key: ConversationKey) -> list[Turn]:
        with self._lock:
            conv = self._alive(key)
            return list(conv.turns) if conv else []

    def knows(self, key: ConversationKey) -> bool:
        with self._lock:
            return self._alive(key) is not None

    def remember(self, key: ConversationKey, turn: Turn) -> None:
        with self._lock:
            conv = self._alive(key)
            if conv is None:
                conv = _Conversation(deque(maxlen=self.config.max_turns), self.clock())
                self._conversations[key] = conv
            conv.turns.append(turn)
            conv.last_seen = self.clock()
            self._conversations.move_to_end(key)
            while len(self._conversations) > self.config.max_conversations:
                self._conversations.popitem(last=False)

    def link_answer(self, guild_id: int | None, channel_id: int, message_id: int, key: ConversationKey) -> None:
        """A reply to this answer message continues `key`."""
        with self._lock:
            self._answers[(guild_id, channel_id, message_id)] = key
            self._answers.move_to_end((guild_id, channel_id, message_id))
            while len(self._answers) > self.config.max_conversations * self.config.max_turns:
                self._answers.popitem(last=False)

    def conversation_of_answer(self, guild_id: int | None, channel_id: int, message_id: int) -> ConversationKey | None:
        with self._lock:
            key = self._answers.get((guild_id, channel_id, message_id))
            return key if key is not None and self._alive(key) is not None else None
