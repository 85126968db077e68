"""Editing an item: "make it high priority", "rename it to X", "call it X instead",
"change the title to X", "set the category to work"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final

from pydantic import ValidationError

from remo_async.assistant.intents.create_reminder import unquote
from remo_async.assistant.references import CHANGED, choose, each, name_of, read_target
from remo_async.assistant.results import (
    Item,
    ToolResult,
    changed,
    problem_of,
    reminder_action,
    todo_action,
)
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.domain.enums import Priority
from remo_async.domain.models import Reminder, ReminderUpdate, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound


@dataclass(frozen=True, slots=True)
class Edit:
    """Change the title, priority or category of an item (target None: "it")."""

    name: ClassVar[str] = "item.edit"
    target: str | None
    title: str | None = None
    priority: Priority | None = None
    category: str | None = None


_PRIORITY = r"(?P<p>urgent|high|low|medium|normal|top|important)"
_PRIORITY2 = _PRIORITY.replace("?P<p>", "?P<p2>")
_PRIORITY_EDIT: Final = re.compile(
    rf"^(?:make|mark|set|change|bump|flag)\s+(?P<t>.+?)\s+(?:as\s+|to\s+)?(?:an?\s+)?"
    rf"{_PRIORITY}(?:[- ]prio(?:rity)?)?(?:\s+priority)?$"
    r"|^(?:set|change|make)\s+(?:the\s+)?priority(?:\s+of\s+(?P<t2>.+?))?\s+to\s+"
    rf"{_PRIORITY2}$",
    re.IGNORECASE,
)
_RENAME: Final = re.compile(
    r"^(?:rename|retitle)\s+(?P<t>.+?)\s+(?:to|as)\s+(?P<new>.+)$"
    r"|^(?:call|name)\s+(?P<t2>it|that|this)\s+(?P<new2>.+?)(?:\s+instead)?$"
    r"|^(?:change|set)\s+(?:the\s+)?(?:title|name)(?:\s+of\s+(?P<t3>.+?))?\s+to\s+(?P<new3>.+)$",
    re.IGNORECASE,
)
_CATEGORY: Final = re.compile(
    r"^(?:set|change|put)\s+(?:the\s+)?category(?:\s+of\s+(?P<t>.+?))?\s+to\s+(?P<cat>[\w-]{1,50})$"
    r"|^(?:put|file|move)\s+(?P<t2>it|that|this)\s+(?:under|in(?:to)?)\s+(?:the\s+)?(?P<cat2>[\w-]{1,50})"
    r"\s+(?:category|list)$",
    re.IGNORECASE,
)
_WORDS: Final = {
    "urgent": Priority.URGENT,
    "top": Priority.URGENT,
    "high": Priority.HIGH,
    "important": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "normal": Priority.MEDIUM,
    "low": Priority.LOW,
}


def read(text: str, _turn: Turn) -> Edit | None:
    """An edit of title, priority or category, or None."""
    text = text.rstrip(".!?")
    m = _PRIORITY_EDIT.match(text)
    if m is not None:
        target = read_target(m["t"] or m["t2"] or "")[0]
        return Edit(target=target, priority=_WORDS[(m["p"] or m["p2"]).lower()])
    m = _RENAME.match(text)
    if m is not None:
        new = unquote((m["new"] or m["new2"] or m["new3"]).strip())
        return Edit(target=read_target(m["t"] or m["t2"] or m["t3"] or "")[0], title=new)
    m = _CATEGORY.match(text)
    if m is not None:
        category = (m["cat"] or m["cat2"]).lower()
        return Edit(target=read_target(m["t"] or m["t2"] or "")[0], category=category)
    return None


async def act(intent: Edit, turn: Turn) -> ToolResult:
    """Edits the named item; a priority or category only exists on todos."""
    kinds: tuple[ItemKind, ...] = ("todo",) if intent.title is None else ("reminder", "todo")
    items = await choose(intent.target, kinds, turn, any_status=True)
    return items if isinstance(items, ToolResult) else await apply(intent, items, turn)


async def apply(intent: Edit, items: list[Item], turn: Turn) -> ToolResult:
    """Edits each item."""
    return await each(items, lambda item: _edit(intent, item, turn))


async def _edit(intent: Edit, item: Item, turn: Turn) -> ToolResult:
    name = name_of(item, now=turn.now, zone=turn.zone)
    store, user_id = turn.store, turn.user_id
    try:
        if isinstance(item, Reminder):
            if intent.title is None:
                return ToolResult(f"Reminders have no priority or category; {name} is unchanged.")
            reminder = await store.reminders.update(
                user_id=user_id,
                reminder_id=item.reminder_id,
                changes=ReminderUpdate(title=intent.title),
            )
            text = f'OK, I renamed {name} to "{reminder.title}".'
            return ToolResult(text, [reminder_action("updated", reminder)], changed(item, reminder))
        fields = {"title": intent.title, "priority": intent.priority, "category": intent.category}
        changes = TodoUpdate(**{k: v for k, v in fields.items() if v is not None})
        todo = await store.todos.update(user_id=user_id, todo_id=item.todo_id, changes=changes)
    except ValidationError as exc:
        return ToolResult(f"I couldn't change that ({problem_of(exc)}).")
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    if intent.title is not None:
        text = f'OK, I renamed {name} to "{todo.title}".'
    elif intent.priority is not None:
        text = f'OK, "{todo.title}" is now {todo.priority.value} priority.'
    else:
        text = f'OK, "{todo.title}" is now in #{todo.category}.'
    return ToolResult(text, [todo_action("updated", todo)], changed(item, todo))
