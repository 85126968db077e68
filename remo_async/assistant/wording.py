"""How Remo says things: times in the user's zone, rules, items and lists."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from remo_async.assistant.turn import Phrasing
from remo_async.domain.enums import Priority, ReminderStatus
from remo_async.domain.models import Reminder, Todo

LIST_LIMIT: Final = 10
_STATUS_SAID: Final[Mapping[ReminderStatus, str]] = {
    ReminderStatus.PENDING: "pending",
    ReminderStatus.FIRED: "went off",
    ReminderStatus.DONE: "done",
    ReminderStatus.CANCELLED: "cancelled",
    ReminderStatus.FAILED: "could not be fired",
}
_DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CODES: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UNITS: Final[Mapping[str, str]] = {
    "MINUTELY": "minute",
    "HOURLY": "hour",
    "DAILY": "day",
    "WEEKLY": "week",
    "MONTHLY": "month",
    "YEARLY": "year",
}
_PRONOUNS: Final[Mapping[str, str]] = {
    "my": "your",
    "me": "you",
    "myself": "yourself",
    "mine": "yours",
}
_PRONOUN_RE: Final = re.compile(r"\b(my|me|myself|mine)\b", re.IGNORECASE)
_BACK: Final[Mapping[str, str]] = {"your": "my", "you": "me", "yourself": "myself", "yours": "mine"}
_BACK_RE: Final = re.compile(r"\b(your|you|yourself|yours)\b", re.IGNORECASE)

HELP: Final = (
    'I can set reminders ("remind me to call mum tomorrow at 10am", "every weekday at '
    '7:30 remind me to stretch"), keep your todos ("add buy milk to my list, high '
    'priority"), show them ("what are my reminders today?", "show my urgent todos"), '
    'and change them ("mark buy milk as done", "cancel that", "snooze for 10 minutes", '
    '"move it to 5pm").'
)
GREETING: Final = "Hi! What can I do for you? I can set reminders and keep your todos."
THANKS: Final = "You're welcome! Anything else?"
# When unsure, ask (issue 12): the answer is a question, and nothing is done.
UNKNOWN: Final = (
    "I'm not sure what you'd like me to do. You can say things like \"remind me to call mum "
    'tomorrow at 10am" or "add buy milk to my list". Could you say it another way?'
)


def sentence(text: str) -> str:
    """text with a capital first letter and a full stop."""
    return f"{text[:1].upper()}{text[1:]}."


def as_yours(text: str) -> str:
    """The user's words as Remo says them back: "my mum" becomes "your mum"."""
    return _PRONOUN_RE.sub(lambda m: _PRONOUNS[m[1].lower()], text)


def as_mine(text: str) -> str:
    """as_yours undone, to read a title back out of Remo's own question."""
    return _BACK_RE.sub(lambda m: _BACK[m[1].lower()], text)


def clock(instant: datetime, zone: str) -> str:
    """The time of day in zone, like "10:00 AM"."""
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def day_phrase(day: date, today: date) -> str:
    """The day: "today", "tomorrow", "on Friday" within a week, else "on Friday, December 4"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    name = _DAY_NAMES[day.weekday()]
    if 1 < days < 7:
        return f"on {name}"
    year = f", {day.year}" if day.year != today.year else ""
    return f"on {name}, {day:%B} {day.day}{year}"


def when(instant: datetime, *, now: datetime, zone: str) -> str:
    """The day and time in zone, like "tomorrow at 10:00 AM"."""
    tz = ZoneInfo(zone)
    day = day_phrase(instant.astimezone(tz).date(), now.astimezone(tz).date())
    return f"{day} at {clock(instant, zone)}"


def rule_phrase(rule: str) -> str:
    """An RRULE in words: "every weekday", "every Monday and Friday", "every 2 hours"."""
    parts = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    days = [d for d in parts.get("BYDAY", "").split(",") if d in _CODES]
    interval = int(parts.get("INTERVAL", "1") or 1)
    every = "every other" if interval == 2 else "every"
    if days == ["MO", "TU", "WE", "TH", "FR"]:
        return f"{every} weekday"
    if days == ["SA", "SU"]:
        return f"{every} weekend"
    if days:
        return f"{every} " + and_list([_DAY_NAMES[_CODES.index(d)] for d in days])
    unit = _UNITS.get(parts.get("FREQ", ""), "time")
    phrase = f"every {unit}" if interval == 1 else f"every {interval} {unit}s"
    if "BYMONTHDAY" in parts:
        phrase += f" on the {ordinal(int(parts['BYMONTHDAY']))}"
    return phrase


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def and_list(words: Sequence[str]) -> str:
    """Words joined as a list: "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def about(title: str, phrasing: Phrasing) -> str:
    """What follows "remind you": "to call your mum", 'about "dentist"'."""
    if phrasing == "about":
        return f'about "{title}"'
    return f"{phrasing} {as_yours(title)}"


def reminder_set(reminder: Reminder, *, phrasing: Phrasing, now: datetime, zone: str) -> str:
    """The answer to a new reminder."""
    what = about(reminder.title, phrasing)
    at = reminder.reminding_time
    if not reminder.recurrence:
        return f"OK, I'll remind you {what} {when(at, now=now, zone=zone)}."
    tz = ZoneInfo(zone)
    start = day_phrase(at.astimezone(tz).date(), now.astimezone(tz).date()).removeprefix("on ")
    every = rule_phrase(reminder.recurrence)
    return f"OK, I'll remind you {what} {every} at {clock(at, zone)}, starting {start}."


def reminder_line(reminder: Reminder, *, now: datetime, zone: str) -> str:
    """One reminder in a list."""
    line = f'- "{reminder.title}" {when(reminder.reminding_time, now=now, zone=zone)}'
    if reminder.recurrence:
        line += f" ({rule_phrase(reminder.recurrence)})"
    if reminder.status is not ReminderStatus.PENDING:
        line += f" ({_STATUS_SAID[reminder.status]})"
    return line


def todo_line(todo: Todo, *, now: datetime, zone: str) -> str:
    """One todo in a list."""
    details = [] if todo.priority is Priority.MEDIUM else [todo.priority.value]
    if todo.category:
        details.append(f"#{todo.category}")
    if todo.due_date is not None:
        details.append(f"due {due_phrase(todo.due_date, now=now, zone=zone)}")
    if todo.status.value != "pending":
        details.append(todo.status.value)
    extra = f" ({', '.join(details)})" if details else ""
    return f'- "{todo.title}"{extra}'


def due_phrase(due: date | datetime, *, now: datetime, zone: str) -> str:
    """A due date or time as a phrase, without a leading "on"."""
    if isinstance(due, datetime):
        return when(due, now=now, zone=zone).removeprefix("on ")
    return day_phrase(due, now.astimezone(ZoneInfo(zone)).date()).removeprefix("on ")


def listing(heading: str, lines: Sequence[str]) -> str:
    """A heading and at most LIST_LIMIT lines, then how many more there are."""
    shown = list(lines[:LIST_LIMIT])
    if len(lines) > LIST_LIMIT:
        shown.append(f"...and {len(lines) - LIST_LIMIT} more.")
    return "\n".join([heading, *shown])


def count(n: int, noun: str) -> str:
    """A count and its noun: "1 reminder", "3 reminders"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
