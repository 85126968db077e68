"""Changing what exists: complete, cancel, snooze and move, by name or as "that"."""

from __future__ import annotations

from datetime import datetime, timedelta

from remo_async.assistant.intents import ItemKind
from remo_async.assistant.matching import find_matches
from remo_async.assistant.results import ToolResult, reminder_action, todo_action
from remo_async.assistant.wording import and_list, rule_phrase, when
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import Reminder, ReminderUpdate, Todo, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound, Store

Item = Reminder | Todo
CHANGED = "That one changed just now, so I left it alone. Please try again."
WHICH_THAT = (
    'I\'m not sure which one you mean. Tell me its name, like "cancel the reminder to call mum".'
)


async def open_reminders(store: Store, user_id: str) -> list[Reminder]:
    """The user's pending and fired reminders."""
    found: list[Reminder] = []
    for status in (ReminderStatus.PENDING, ReminderStatus.FIRED):
        found += [r async for r in store.reminders.iterate(user_id=user_id, status=status)]
    return found


async def open_todos(store: Store, user_id: str) -> list[Todo]:
    """The user's pending todos."""
    return [t async for t in store.todos.iterate(user_id=user_id, status=TodoStatus.PENDING)]


def _latest(items: list[Item]) -> Item | None:
    # On a tie (two writes in one second) the reminder wins: "that" is most often one.
    return max(items, key=lambda i: (i.updated_at, isinstance(i, Reminder)), default=None)


def _name(item: Item, *, now: datetime, zone: str) -> str:
    if isinstance(item, Todo):
        return f'"{item.title}"'
    if item.recurrence:
        return f'"{item.title}" ({rule_phrase(item.recurrence)})'
    return f'"{item.title}" ({when(item.reminding_time, now=now, zone=zone)})'


async def choose(
    target: str | None,
    kinds: tuple[ItemKind, ...],
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
) -> Item | ToolResult:
    """The one item target names (None: the latest one), or a question or "not found" answer."""
    pools: list[list[Item]] = []
    for kind in kinds:
        pools.append(list(await (open_todos if kind == "todo" else open_reminders)(store, user_id)))
    if target is None:
        latest = _latest([item for pool in pools for item in pool])
        return ToolResult(WHICH_THAT) if latest is None else latest
    for pool in pools:
        found = find_matches(target, pool, title=lambda item: item.title)
        if len(found) == 1:
            return found[0]
        if found:
            names = and_list([_name(item, now=now, zone=zone) for item in found[:5]])
            return ToolResult(f'More than one matches "{target}": {names}. Which one do you mean?')
    what = " or ".join("todo" if kind == "todo" else "reminder" for kind in kinds)
    return ToolResult(f'I couldn\'t find an open {what} called "{target}".')


async def complete_item(
    target: str | None,
    kind: ItemKind | None,
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
) -> ToolResult:
    """Marks the named todo or reminder done; todos are looked at first."""
    kinds: tuple[ItemKind, ...] = (kind,) if kind else ("todo", "reminder")
    item = await choose(target, kinds, user_id, store=store, now=now, zone=zone)
    if isinstance(item, ToolResult):
        return item
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


async def cancel_item(
    target: str | None,
    kind: ItemKind | None,
    user_id: str,
    *,
    store: Store,
    now: datetime,
    zone: str,
) -> ToolResult:
    """Cancels the named reminder or todo; reminders are looked at first."""
    kinds: tuple[ItemKind, ...] = (kind,) if kind else ("reminder", "todo")
    item = await choose(target, kinds, user_id, store=store, now=now, zone=zone)
    if isinstance(item, ToolResult):
        return item
    name = _name(item, now=now, zone=zone)
    try:
        if isinstance(item, Todo):
            todo = await store.todos.update(
                user_id=user_id,
                todo_id=item.todo_id,
                changes=TodoUpdate(status=TodoStatus.CANCELLED),
            )
            return ToolResult(f"OK, I took {name} off your todos.", [todo_action("updated", todo)])
        reminder = await store.reminders.update(
            user_id=user_id,
            reminder_id=item.reminder_id,
            changes=ReminderUpdate(status=ReminderStatus.CANCELLED),
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    return ToolResult(
        f"OK, I cancelled the reminder {name}.", [reminder_action("cancelled", reminder)]
    )


async def snooze_last(
    until: datetime, user_id: str, *, store: Store, now: datetime, zone: str
) -> ToolResult:
    """Makes the reminder that fired last (latest fired_at) due again at until."""
    fired = [r async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.FIRED)]
    last = max(fired, key=lambda r: (r.fired_at or r.updated_at, r.reminder_id), default=None)
    if last is None:
        return ToolResult("No reminder has gone off, so there is nothing to snooze.")
    try:
        snoozed = await store.reminders.snooze(
            user_id=user_id, reminder_id=last.reminder_id, until=until
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    text = f'OK, I\'ll remind you about "{snoozed.title}" again {when(until, now=now, zone=zone)}.'
    return ToolResult(text, [reminder_action("updated", snoozed)])


async def move_reminder(
    target: str | None,
    user_id: str,
    *,
    at: datetime | None,
    shift: timedelta | None,
    store: Store,
    now: datetime,
    zone: str,
) -> ToolResult:
    """Moves the named reminder (None: the latest) to at, or later by shift."""
    item = await choose(target, ("reminder",), user_id, store=store, now=now, zone=zone)
    if isinstance(item, ToolResult):
        return item
    if not isinstance(item, Reminder):  # only reminders were looked at; keeps mypy sure
        return ToolResult(WHICH_THAT)
    new_time = at or max(item.reminding_time, now) + (shift or timedelta())
    if new_time <= now:
        return ToolResult("That time has already passed; when should it be instead?")
    changes = ReminderUpdate(reminding_time=new_time, status=ReminderStatus.PENDING)
    try:
        moved = await store.reminders.update(
            user_id=user_id, reminder_id=item.reminder_id, changes=changes
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    text = (
        f'OK, I moved "{moved.title}" to {when(new_time, now=now, zone=zone).removeprefix("on ")}.'
    )
    return ToolResult(text, [reminder_action("updated", moved)])


async def complete_todo(
    title: str, user_id: str, *, store: Store, now: datetime, zone: str
) -> ToolResult:
    """Marks the todo the user calls title done (asks when more than one matches)."""
    return await complete_item(title or None, "todo", user_id, store=store, now=now, zone=zone)


async def cancel_reminder(
    title: str, user_id: str, *, store: Store, now: datetime, zone: str
) -> ToolResult:
    """Cancels the reminder the user calls title (asks when more than one matches)."""
    return await cancel_item(title or None, "reminder", user_id, store=store, now=now, zone=zone)


async def snooze_reminder(
    minutes: int, user_id: str, *, store: Store, now: datetime, zone: str
) -> ToolResult:
    """Snoozes the reminder that fired last for minutes (1..10080)."""
    minutes = min(max(int(minutes), 1), 10080)
    return await snooze_last(
        now + timedelta(minutes=minutes), user_id, store=store, now=now, zone=zone
    )
