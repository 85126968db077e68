"""The assistant's tools: the seed's four, async, over the store; both engines call them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from remo_async.assistant.intents import Phrasing, ReminderScope
from remo_async.assistant.manage import cancel_reminder, complete_todo, snooze_reminder
from remo_async.assistant.results import ToolResult, problem_of, reminder_action, todo_action
from remo_async.assistant.time.when import WhenError, parse_when
from remo_async.assistant.wording import count, listing, reminder_line, reminder_set, todo_line
from remo_async.domain.enums import Priority, ReminderStatus, TodoStatus
from remo_async.domain.models import Reminder, ReminderCreate, Todo, TodoCreate
from remo_async.store import Store

__all__ = [
    "ToolResult",
    "add_todo",
    "cancel_reminder",
    "complete_todo",
    "list_reminders",
    "list_todos",
    "set_reminder",
    "snooze_reminder",
]

# A listed action carries at most this many records; the text says how many there were.
MAX_LISTED = 100


async def set_reminder(
    title: str,
    when: str | datetime,
    description: str,
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
    recurrence: str | None = None,
    phrasing: Phrasing = "to",
) -> ToolResult:
    """Creates a reminder; when is read in the user's zone ("tomorrow 10am", ISO 8601)."""
    try:
        at = when if isinstance(when, datetime) else parse_when(when, now=now, zone=zone)
        if at < now:
            # ISO 8601 with an offset is read as given, even when past; a reminder never is.
            raise WhenError(f"{at.isoformat()} has already passed")
        data = ReminderCreate(
            title=title,
            description=description,
            reminding_time=at,
            timezone=zone,
            recurrence=recurrence or None,
        )
    except WhenError as exc:
        return ToolResult(f"I couldn't read that time: {exc}.")
    except ValidationError as exc:
        return ToolResult(f"I couldn't set that reminder ({problem_of(exc)}).")
    reminder = await store.reminders.create(user_id=user_id, data=data)
    text = reminder_set(reminder, phrasing=phrasing, now=now, zone=zone)
    return ToolResult(text, [reminder_action("created", reminder)])


_SCOPE_STATUSES: Final[Mapping[ReminderScope, tuple[ReminderStatus | None, ...]]] = {
    "open": (ReminderStatus.PENDING, ReminderStatus.FIRED),
    "all": (None,),
    "pending": (ReminderStatus.PENDING,),
    "today": (ReminderStatus.PENDING, ReminderStatus.FIRED),
    "tomorrow": (ReminderStatus.PENDING,),
    "upcoming": (ReminderStatus.PENDING,),
    "done": (ReminderStatus.DONE,),
}
_SCOPE_WORDS: Final[Mapping[ReminderScope, tuple[str, str]]] = {
    "open": ("", ""),
    "all": ("", ""),
    "pending": ("pending ", ""),
    "today": ("", " today"),
    "tomorrow": ("", " tomorrow"),
    "upcoming": ("upcoming ", ""),
    "done": ("completed ", ""),
}


async def list_reminders(
    show_completed: bool,
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
    scope: ReminderScope | None = None,
) -> ToolResult:
    """Lists reminders, soonest first: open ones, or every one with show_completed."""
    scope = scope or ("all" if show_completed else "open")
    found: list[Reminder] = []
    for status in _SCOPE_STATUSES[scope]:
        found += [r async for r in store.reminders.iterate(user_id=user_id, status=status)]
    found = sorted((r for r in found if _in_scope(r, scope, now, zone)), key=_soonest)
    lines = [reminder_line(r, now=now, zone=zone) for r in found]
    before, after = _SCOPE_WORDS[scope]
    if not found:
        text = f"You have no {before}reminders{after}."
    else:
        text = listing(f"You have {count(len(found), before + 'reminder')}{after}:", lines)
    listed = [r.model_dump(mode="json") for r in found[:MAX_LISTED]]
    return ToolResult(text, [{"type": "reminders.listed", "reminders": listed}])


def _soonest(reminder: Reminder) -> tuple[datetime, str]:
    return reminder.reminding_time, reminder.reminder_id


def _in_scope(reminder: Reminder, scope: ReminderScope, now: datetime, zone: str) -> bool:
    if scope == "upcoming":
        return reminder.reminding_time > now
    if scope not in ("today", "tomorrow"):
        return True
    tz = ZoneInfo(zone)
    days = (reminder.reminding_time.astimezone(tz).date() - now.astimezone(tz).date()).days
    return days == (0 if scope == "today" else 1)


async def add_todo(
    title: str,
    priority: str | Priority,
    category: str | None,
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
    due: date | datetime | None = None,
) -> ToolResult:
    """Adds a todo (priority low, medium, high or urgent; category optional)."""
    try:
        data = TodoCreate(
            title=title, priority=Priority(priority), category=category or None, due_date=due
        )
    except ValueError as exc:  # pydantic's ValidationError is one too
        problem = problem_of(exc) if isinstance(exc, ValidationError) else str(exc)
        return ToolResult(f"I couldn't add that todo ({problem}).")
    todo = await store.todos.create(user_id=user_id, data=data)
    line = todo_line(todo, now=now, zone=zone).removeprefix("- ")
    return ToolResult(f"Added {line} to your todos.", [todo_action("created", todo)])


async def list_todos(
    show_completed: bool,
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
    status: TodoStatus | None = None,
    priority: Priority | None = None,
    category: str | None = None,
) -> ToolResult:
    """Lists todos, most urgent first: pending ones, every one with show_completed, or status."""
    if status is None and not show_completed:
        status = TodoStatus.PENDING
    found = [
        t
        async for t in store.todos.iterate(user_id=user_id, status=status, priority=priority)
        if category is None or (t.category or "").lower() == category.lower()
    ]
    found.sort(key=_most_urgent)
    # Pending is what "todos" means; only other statuses are named.
    said = _STATUS_WORDS.get(status, "") if status else ""
    noun = " ".join(w for w in (said, priority or "", "todo") if w)
    where = f" in #{category}" if category else ""
    if not found:
        text = f"You have no {noun}s{where}."
    else:
        lines = [todo_line(t, now=now, zone=zone) for t in found]
        text = listing(f"You have {count(len(found), noun)}{where}:", lines)
    listed = [t.model_dump(mode="json") for t in found[:MAX_LISTED]]
    return ToolResult(text, [{"type": "todos.listed", "todos": listed}])


_STATUS_WORDS: Final[Mapping[TodoStatus, str]] = {
    TodoStatus.DONE: "completed",
    TodoStatus.CANCELLED: "cancelled",
}
_RANK: Final[Mapping[Priority, int]] = {
    Priority.URGENT: 0,
    Priority.HIGH: 1,
    Priority.MEDIUM: 2,
    Priority.LOW: 3,
}


def _most_urgent(todo: Todo) -> tuple[int, datetime, str]:
    return _RANK[todo.priority], todo.created_at, todo.todo_id
