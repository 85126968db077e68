"""What a message asks for, as the parser reads it: plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar, Literal

from remo_async.domain.enums import Priority, TodoStatus

Phrasing = Literal["to", "about", "that"]
ReminderScope = Literal["open", "all", "pending", "today", "tomorrow", "upcoming", "done"]
ItemKind = Literal["todo", "reminder"]
Topic = Literal["greeting", "help", "thanks", "unknown"]


@dataclass(frozen=True, slots=True)
class NewReminder:
    """Remind the user of title at a time, once or on a recurrence rule."""

    name: ClassVar[str] = "reminder.create"
    title: str
    at: datetime
    recurrence: str | None = None
    phrasing: Phrasing = "to"


@dataclass(frozen=True, slots=True)
class NeedTime:
    """A reminder with no time (or one we could not read): ask when."""

    name: ClassVar[str] = "reminder.need_time"
    title: str
    problem: str | None = None
    phrasing: Phrasing = "to"


@dataclass(frozen=True, slots=True)
class ShowReminders:
    """List reminders; "open" is pending and fired ones."""

    name: ClassVar[str] = "reminder.list"
    scope: ReminderScope = "open"


@dataclass(frozen=True, slots=True)
class Snooze:
    """Remind again, at until, of the reminder that fired last."""

    name: ClassVar[str] = "reminder.snooze"
    until: datetime


@dataclass(frozen=True, slots=True)
class Reschedule:
    """Move a reminder (target None: the latest one) to a time, or by a shift."""

    name: ClassVar[str] = "reminder.reschedule"
    target: str | None
    at: datetime | None = None
    shift: timedelta | None = None


@dataclass(frozen=True, slots=True)
class NewTodo:
    """Add a todo."""

    name: ClassVar[str] = "todo.create"
    title: str
    priority: Priority = Priority.MEDIUM
    category: str | None = None
    due: date | datetime | None = None


@dataclass(frozen=True, slots=True)
class ShowTodos:
    """List todos; status None is every status."""

    name: ClassVar[str] = "todo.list"
    status: TodoStatus | None = TodoStatus.PENDING
    priority: Priority | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Finish:
    """Mark a todo or reminder done; target None means "that": the latest one."""

    name: ClassVar[str] = "item.complete"
    target: str | None
    kind: ItemKind | None = None


@dataclass(frozen=True, slots=True)
class Cancel:
    """Cancel a reminder or todo; target None means "that": the latest one."""

    name: ClassVar[str] = "item.cancel"
    target: str | None
    kind: ItemKind | None = None


@dataclass(frozen=True, slots=True)
class JustTime:
    """Only a time: the answer to "when should I remind you?"."""

    name: ClassVar[str] = "time"
    at: datetime


@dataclass(frozen=True, slots=True)
class Chat:
    """Small talk, help, or something we cannot act on."""

    name: ClassVar[str] = "chat"
    topic: Topic
    problem: str | None = None


Intent = (
    NewReminder
    | NeedTime
    | ShowReminders
    | Snooze
    | Reschedule
    | NewTodo
    | ShowTodos
    | Finish
    | Cancel
    | JustTime
    | Chat
)
