"""The built-in engine: read the message in its Turn, then run the intent's action."""

from __future__ import annotations

import structlog

from remo_async.assistant.base import Reply
from remo_async.assistant.intents import Chat, Intent, act
from remo_async.assistant.parser import read_turn
from remo_async.assistant.turn import Turn
from remo_async.domain.times import Clock
from remo_async.store import Store

log = structlog.get_logger("remo_async.assistant")


class BuiltinEngine:
    """Answers with our own parser and the intents' actions; needs no model."""

    def __init__(self, *, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def turn(self, *, user_id: str, history: list[dict[str, str]]) -> Turn:
        """The context of one message of user_id: now, the user's zone, the history."""
        preferences = await self._store.users.get_preferences(privy_id=user_id)
        return Turn(
            now=self._clock(),
            zone=preferences.timezone,
            history=history,
            user_id=user_id,
            db=self._store,
        )

    async def reply(self, *, user_id: str, message: str, history: list[dict[str, str]]) -> Reply:
        """Answers message; never raises for user text (StoreUnavailable passes through)."""
        turn = await self.turn(user_id=user_id, history=history)
        try:
            intent: Intent = read_turn(message, turn)
        except (ValueError, OverflowError, LookupError):
            # The parser reads any text; this is a last guard so a bug costs one answer.
            log.warning("assistant.parse_failed", exc_info=True)
            intent = Chat(topic="unknown")
        result = await act(intent, turn)
        return Reply(text=result.text, actions=result.actions)
