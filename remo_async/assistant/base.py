"""What every engine answers, and the shape the chat view relies on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Reply:
    """The answer to one message: text for the user and what was done (API.md actions)."""

    text: str
    actions: list[dict[str, Any]] = field(default_factory=list)


class Assistant(Protocol):
    """An engine that answers chat messages."""

    async def reply(self, *, user_id: str, message: str, history: list[dict[str, str]]) -> Reply:
        """Answers message; never raises for user text (StoreUnavailable may pass through)."""
        ...
