"""What the assistant remembers between turns, kept durably beside the user's preferences.

One JSON object in the user's item (`users.keep_memory`; any replica behind a load
balancer reads the same): the item last created or touched ("it", "that"), the last
change the assistant made (for "undo") and an open "which one?" question (the message
it was asked about and the candidates, in the order they were offered). It stays far
below the store's 16 KiB memory limit: ids, and the few fields an undo puts back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final, Literal

MAX_CHOICES: Final = 5
MAX_MESSAGE: Final = 300

Kind = Literal["reminder", "todo"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A stored item: its kind and id."""

    kind: Kind
    id: str

    def dump(self) -> list[str]:
        """[kind, id]."""
        return [self.kind, self.id]


@dataclass(frozen=True, slots=True)
class Change:
    """One change made by the assistant: created (before None) or changed from before.

    stamp is the item's updated_at right after the change: undo refuses when the item
    changed again since.
    """

    ref: Ref
    before: dict[str, Any] | None
    stamp: str

    def dump(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"ref": self.ref.dump(), "before": self.before, "stamp": self.stamp}


@dataclass(frozen=True, slots=True)
class Choice:
    """A "which one?" question: the message it was about and the candidates offered."""

    message: str
    refs: tuple[Ref, ...]

    def dump(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"message": self.message, "refs": [r.dump() for r in self.refs]}


@dataclass(frozen=True, slots=True)
class Memory:
    """The assistant's memory of one user (empty for a new user or unreadable data)."""

    last: Ref | None = None
    undo: tuple[Change, ...] = ()
    choice: Choice | None = None

    def dump(self) -> dict[str, Any]:
        """JSON-ready, for users.keep_memory."""
        return {
            "last": self.last.dump() if self.last else None,
            "undo": [c.dump() for c in self.undo],
            "choice": self.choice.dump() if self.choice else None,
        }

    @classmethod
    def load(cls, raw: object) -> Memory:
        """The memory stored as raw; anything unreadable is forgotten, never an error."""
        if not isinstance(raw, dict):
            return cls()
        undo = tuple(c for c in map(_change, _list(raw.get("undo"))) if c is not None)
        return cls(last=_ref(raw.get("last")), undo=undo, choice=_choice(raw.get("choice")))


@dataclass(frozen=True, slots=True)
class Remember:
    """What a turn asks memory to keep: touched items, the changes made, a question."""

    touched: tuple[Ref, ...] = ()
    changes: tuple[Change, ...] = ()
    choice: Choice | None = None
    forget_undo: bool = False

    def __add__(self, other: Remember) -> Remember:
        return Remember(
            touched=self.touched + other.touched,
            changes=self.changes + other.changes,
            choice=other.choice or self.choice,
            forget_undo=self.forget_undo or other.forget_undo,
        )


def updated(memory: Memory, turn: Remember) -> Memory:
    """Memory after a turn: the open question is kept only if the turn asked again."""
    last = turn.touched[-1] if turn.touched else memory.last
    undo = () if turn.forget_undo else (turn.changes or memory.undo)
    return replace(memory, last=last, undo=undo, choice=turn.choice)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _ref(value: object) -> Ref | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        kind, item_id = value
        if kind == "reminder":
            return Ref("reminder", item_id)
        if kind == "todo":
            return Ref("todo", item_id)
    return None


def _change(value: object) -> Change | None:
    if not isinstance(value, dict):
        return None
    ref, before, stamp = _ref(value.get("ref")), value.get("before"), value.get("stamp")
    if (
        ref is None
        or not isinstance(stamp, str)
        or not (before is None or isinstance(before, dict))
    ):
        return None
    return Change(ref, before, stamp)


def _choice(value: object) -> Choice | None:
    if not isinstance(value, dict) or not isinstance(value.get("message"), str):
        return None
    refs = tuple(r for r in map(_ref, _list(value.get("refs"))) if r is not None)
    return Choice(str(value["message"])[:MAX_MESSAGE], refs[:MAX_CHOICES]) if refs else None


__all__ = ["Change", "Choice", "Memory", "Ref", "Remember", "updated"]
