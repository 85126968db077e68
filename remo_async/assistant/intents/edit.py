"""Editing an item: "make it high priority", "rename it to X", "call it X instead",
"change the title to X", "set the category to work", "make it weekly" (a reminder's RRULE)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final

from pydantic import ValidationError

from remo_async.assistant import wording
from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.intents.titles import unquote
from remo_async.assistant.references import CHANGED, choose, each, name_of, read_target
from remo_async.assistant.results import (
    Item,
    ToolResult,
    changed,
    problem_of,
    reminder_action,
    todo_action,
)
from remo_async.assistant.time import find_recurrence
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.domain.enums import Priority
from remo_async.domain.models import Reminder, ReminderUpdate, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound


@dataclass(frozen=True, slots=True)
class Edit:
    """Change the title, priority or category of an item, or a reminder's RRULE (RFC 5545
    text without DTSTART; target None: "it")."""

    name: ClassVar[str] = "item.edit"
    target: str | None
    title: str | None = None
    priority: Priority | None = None
    category: str | None = None
    recurrence: str | None = None


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


# "make it weekly", "make the vet reminder repeat every 2 weeks", "turn it into a daily one".
_REPEAT_VERB: Final = re.compile(
    r"^(?:make|set|change|turn|switch)\s+(?P<rest>.+?)"
    r"(?:\s+(?:reminder|one|instead|please|pls))*$",
    re.IGNORECASE,
)
_LINK_TAIL: Final = re.compile(
    r"(?:\s+(?:to|into|as|an?|repeat(?:ing)?|recur(?:ring)?|so\s+it|it'?s|is))+$", re.IGNORECASE
)
_HOW_OFTEN: Final = re.compile(
    r"^(?:make|set|turn)\s+(?P<t>.+?)\s+(?:to\s+)?(?:recurring|repeating|repeat|recur"
    r"|a\s+(?:recurring|repeating)\s+(?:one|reminder))$",
    re.IGNORECASE,
)
# What names a new item, not one already made ("a reminder to ...", "me an alarm").
_NEW_ITEM: Final = re.compile(r"^(?:a|an|another|me|new|one|some)\b", re.IGNORECASE)
HOW_OFTEN: Final = (
    'How often should it repeat? Say, for example, "make it weekly", "make it daily" or "make '
    'it repeat every 2 weeks".'
)
FIXED_DAYS: Final = (
    "I can change a reminder to repeat hourly, daily, weekly, monthly or yearly, or every few "
    'of those. For set days, ask for a new one, e.g. "remind me every monday at 9 to ...".'
)


def _repeat(text: str) -> Edit | Chat | None:
    """A change of a reminder's repetition; a question when no frequency is said or the
    rule names set days (its first occurrence would not be the reminder's own time)."""
    if _HOW_OFTEN.match(text):
        return Chat(topic="unknown", problem=HOW_OFTEN)
    m = _REPEAT_VERB.match(text)
    if m is None:
        return None
    rest = m["rest"]
    found = find_recurrence(rest)
    if found is None or found.start == 0 or rest[found.end :].strip():
        return None
    target = _LINK_TAIL.sub("", " " + rest[: found.start].rstrip()).strip()
    if not target or _NEW_ITEM.match(target):
        return None  # "set a reminder to walk the dog every morning" asks for a new one
    if found.unsupported or "BY" in found.rule:
        return Chat(topic="unknown", problem=FIXED_DAYS)
    return Edit(target=read_target(target)[0], recurrence=found.rule)


def read(text: str, _turn: Turn) -> Edit | Chat | None:
    """An edit of title, priority, category or repetition, a question about one, or None."""
    text = text.rstrip(".!?")
    repeat = _repeat(text)
    if repeat is not None:
        return repeat
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
    if intent.recurrence is not None:
        kinds = ("reminder",)
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
            if intent.recurrence is not None:
                return await _repeat_reminder(item, intent.recurrence, name, turn)
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


async def _repeat_reminder(item: Reminder, rule: str, name: str, turn: Turn) -> ToolResult:
    """Sets the RRULE of a reminder; its next time stays the first occurrence."""
    reminder = await turn.store.reminders.update(
        user_id=turn.user_id, reminder_id=item.reminder_id, changes=ReminderUpdate(recurrence=rule)
    )
    text = f"OK, {name} now repeats {wording.rule_phrase(rule)}."
    return ToolResult(text, [reminder_action("updated", reminder)], changed(item, reminder))
