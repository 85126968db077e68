"""Completing an item: "mark buy milk as done", "finished the report", "done"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final

from remo_async.assistant.references import CHANGED, choose, read_target
from remo_async.assistant.results import ToolResult, reminder_action, todo_action
from remo_async.assistant.time.spans import find_spans
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import ReminderUpdate, Todo, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound


@dataclass(frozen=True, slots=True)
class Finish:
    """Mark a todo or reminder done; target None means "that": the latest one."""

    name: ClassVar[str] = "item.complete"
    target: str | None
    kind: ItemKind | None = None


_DONE = r"(?:done|complete|completed|finished|off|ticked\s+off|checked\s+off)"
_FINISH: Final = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^(?:mark|tick|check|cross)\s+(?:off\s+)?(?P<t>.+?)\s+(?:as\s+)?{_DONE}$",
        r"^(?:tick|check|cross)\s+off\s+(?P<t>.+)$",
        r"^(?:complete|finish|done(?:\s+with)?|finished|completed)\s*[:,-]?\s+(?P<t>.+)$",
        r"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:done|finished|completed)\s+(?P<t>.+)$",
        r"^i'?m\s+(?:done|finished)\s+with\s+(?P<t>.+)$",
        rf"^(?P<t>.+?)\s+(?:is|are|was|has\s+been)\s+(?:now\s+|all\s+)?{_DONE}$",
        rf"^(?P<t>)(?:that|it|this)(?:'s|\s+is)\s+(?:all\s+)?{_DONE}$",
        r"^(?P<t>)(?:done|finished|i\s+did\s+it|did\s+it|all\s+done|completed)$",
    )
)
_REMIND_ME: Final = re.compile(r"\bremind\s+me\b|\blet\s+me\s+forget\b", re.IGNORECASE)


def read(text: str, _turn: Turn) -> Finish | None:
    """A completion, or None ("finish the report by friday" asks for something new)."""
    if _REMIND_ME.search(text):
        return None  # "remind me when the laundry is done"
    for regex in _FINISH:
        m = regex.match(text)
        if m is not None:
            if find_spans(m["t"] or ""):
                return None
            target, kind = read_target(m["t"] or "")
            return Finish(target=target, kind=kind)
    return None


async def act(intent: Finish, turn: Turn) -> ToolResult:
    """Marks the named todo or reminder done; todos are looked at first."""
    kinds: tuple[ItemKind, ...] = (intent.kind,) if intent.kind else ("todo", "reminder")
    item = await choose(intent.target, kinds, turn)
    if isinstance(item, ToolResult):
        return item
    store, user_id = turn.store, turn.user_id
    try:
        if isinstance(item, Todo):
            todo = await store.todos.update(
                user_id=user_id, todo_id=item.todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
            )
            return ToolResult(
                f'Nice work! "{todo.title}" is done.', [todo_action("completed", todo)]
            )
        reminder = await store.reminders.update(
            user_id=user_id,
            reminder_id=item.reminder_id,
            changes=ReminderUpdate(status=ReminderStatus.DONE),
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    text = f'OK, I marked the reminder "{reminder.title}" as done.'
    return ToolResult(text, [reminder_action("updated", reminder)])
