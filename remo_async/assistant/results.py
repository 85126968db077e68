"""What a tool hands back: the user-facing text and the actions of API.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from remo_async.domain.models import Reminder, Todo


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What a tool did: a sentence for the user and the actions API.md lists."""

    text: str
    actions: list[dict[str, Any]] = field(default_factory=list)


def reminder_action(kind: str, reminder: Reminder) -> dict[str, Any]:
    """{"type": "reminder.<kind>", "reminder": {...}}."""
    return {"type": f"reminder.{kind}", "reminder": reminder.model_dump(mode="json")}


def todo_action(kind: str, todo: Todo) -> dict[str, Any]:
    """{"type": "todo.<kind>", "todo": {...}}."""
    return {"type": f"todo.{kind}", "todo": todo.model_dump(mode="json")}


def problem_of(exc: ValidationError) -> str:
    """The first problem pydantic found, as "field: message"."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {str(first['msg']).removeprefix('Value error, ')}"
