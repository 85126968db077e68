"""Turn: the one context every reader and action of the assistant is given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from remo_async.assistant.memory import Memory
from remo_async.store import Store

Phrasing = Literal["to", "about", "that"]
ItemKind = Literal["todo", "reminder"]
History = Sequence[dict[str, str]]


class NoStore(RuntimeError):
    """An action was run on a turn made for parsing only (parse_message has no store)."""


@dataclass(frozen=True, slots=True)
class Turn:
    """One message being answered: when (UTC `now`), in which IANA zone, after what, whose.

    Readers use now, zone, history (the client's recent turns, oldest first, each
    {"role": "user"|"assistant", "content": text}) and memory (what the assistant kept
    from earlier turns); actions use the store, the user and the message too.
    A turn built by `Turn.offline` has no store: parse_message stays pure.
    """

    now: datetime
    zone: str
    history: History = field(default_factory=tuple)
    user_id: str = ""
    db: Store | None = None
    message: str = ""
    memory: Memory = field(default_factory=Memory)

    @classmethod
    def offline(cls, *, now: datetime, zone: str) -> Turn:
        """A turn for reading only (no store, no user)."""
        return cls(now=now, zone=zone)

    @property
    def store(self) -> Store:
        """The store; NoStore on an offline turn."""
        if self.db is None:
            raise NoStore("this turn was made for parsing only")
        return self.db
