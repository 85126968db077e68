"""What a tool hands back: the user-facing text and the actions of API.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from remo_async.assistant.memory import Change, Ref, Remember
from remo_async.domain.models import Reminder, Todo

Item = Reminder | Todo
# The fields undo restores; the rest (ids, created_at) never change.
UNDONE_FIELDS: Final = {
    "reminder": ("title", "reminding_time", "recurrence", "status"),
    "todo": ("title", "priority", "category", "due_date", "status"),
}


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What a tool did: a sentence for the user, the actions API.md lists, and what the
    assistant should remember of it (items touched, changes to undo, a question asked)."""

    text: str
    actions: list[dict[str, Any]] = field(default_factory=list)
    remember: Remember = field(default_factory=Remember)

    def __add__(self, other: ToolResult) -> ToolResult:
        """Both results: texts joined by a space, actions and memories in order."""
        return ToolResult(
            f"{self.text} {other.text}".strip(),
            self.actions + other.actions,
            self.remember + other.remember,
        )


def ref_of(item: Item) -> Ref:
    """The item's kind and id."""
    if isinstance(item, Reminder):
        return Ref("reminder", item.reminder_id)
    return Ref("todo", item.todo_id)


def changed(before: Item, after: Item) -> Remember:
    """Memory of a change: after is touched, and undo puts back before's fields."""
    kind = ref_of(after).kind
    fields = before.model_dump(mode="json", include=set(UNDONE_FIELDS[kind]))
    stamp = after.updated_at.isoformat()
    return Remember(touched=(ref_of(after),), changes=(Change(ref_of(after), fields, stamp),))


def created(item: Item) -> Remember:
    """Memory of a new item: touched, and undo deletes it."""
    stamp = item.updated_at.isoformat()
    return Remember(touched=(ref_of(item),), changes=(Change(ref_of(item), None, stamp),))


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
