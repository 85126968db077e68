"""The built-in engine: read the message in its Turn, run the intent's action, remember.

Each turn reads the user's preferences and the assistant's memory in one GetItem
(`users.chat_state`) and writes memory back only when it changed (`users.keep_memory`).
"""

from __future__ import annotations

import structlog

from remo_async.assistant.base import Reply
from remo_async.assistant.intents import Chat, Intent, act, read_turn
from remo_async.assistant.memory import Memory, updated
from remo_async.assistant.turn import Turn
from remo_async.domain.times import Clock
from remo_async.store import Store
from remo_async.store.errors import InvalidValue

log = structlog.get_logger("remo_async.assistant")


class BuiltinEngine:
    """Answers with our own parser and the intents' actions; needs no model."""

    def __init__(self, *, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def turn(self, *, user_id: str, message: str, history: list[dict[str, str]]) -> Turn:
        """The context of one message of user_id: now, the user's zone and memory, history."""
        state = await self._store.users.chat_state(privy_id=user_id)
        return Turn(
            now=self._clock(),
            zone=state.preferences.timezone,
            history=history,
            user_id=user_id,
            db=self._store,
            message=message,
            memory=Memory.load(state.memory),
        )

    async def reply(self, *, user_id: str, message: str, history: list[dict[str, str]]) -> Reply:
        """Answers message; never raises for user text (StoreUnavailable passes through)."""
        turn = await self.turn(user_id=user_id, message=message, history=history)
        try:
            intent: Intent = read_turn(message, turn)
        except (ValueError, OverflowError, LookupError):
            # The parser reads any text; this is a last guard so a bug costs one answer.
            log.warning("assistant.parse_failed", exc_info=True)
            intent = Chat(topic="unknown")
        result = await act(intent, turn)
        await self._remember(turn, updated(turn.memory, result.remember))
        return Reply(text=result.text, actions=result.actions)

    async def _remember(self, turn: Turn, memory: Memory) -> None:
        """Keeps memory beside the user's preferences when it changed (one write)."""
        if memory == turn.memory:
            return
        try:
            await self._store.users.keep_memory(privy_id=turn.user_id, memory=memory.dump())
        except InvalidValue:
            # Memory is a convenience: losing one update costs an "it" or an undo, not data.
            log.warning("assistant.memory_not_saved", exc_info=True)
