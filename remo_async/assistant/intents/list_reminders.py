"""Listing reminders: "what are my reminders today?", "what's on this week", "the next few
days", "anything on friday?", "what went off today", "what did I finish"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar, Final, Literal
from zoneinfo import ZoneInfo

from remo_async.assistant.intents.list_todos import MAX_LISTED, is_asking, list_todos
from remo_async.assistant.results import ToolResult
from remo_async.assistant.time import WhenError, read_exact, to_utc
from remo_async.assistant.time.windows import find_window
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import count, day_phrase, listing, reminder_line
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import Reminder

ReminderScope = Literal[
    "open", "all", "pending", "today", "tomorrow", "upcoming", "done",
    "week", "days", "day", "fired", "finished", "window",
]  # fmt: skip
NEXT_FEW_DAYS: Final = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class ShowReminders:
    """List reminders. "open": pending and fired; "week": due from now to the end of Sunday;
    "days": due in the next three days; "day": due on `day` (local); "fired": went off
    today; "finished": done reminders and done todos."""

    name: ClassVar[str] = "reminder.list"
    scope: ReminderScope = "open"
    day: date | None = None
    window: tuple[datetime, datetime] | None = None  # "window": pending, start <= at < end (UTC)
    said: str = ""  # how the window was named ("this afternoon", "in December")


_REMINDER_WORDS: Final = re.compile(
    r"\breminders?\b|\bschedule\b|\bagenda\b|\bcalendar\b|\bplans?\b"
    r"|\bwhat(?:'s|s|\s+is)\s+(?:on\b|due\b|happening\s+|planned\s+|coming\s+up\b|next\b)"
    r"|\bwhat\s+do\s+i\s+have\b|\bwhat\s+have\s+i\s+got\b|\banything\s+(?:on|planned|today|tomorrow|coming\s+up|happening|due|scheduled"
    r"|tonight|this\s+(?:morning|afternoon|evening)|in\s+[a-z]+)\b"
    r"|\bcoming\s+up\b"
    r"|^(?:show|list|see)\s+(?:me\s+)?(?:everything|all|completed|done|finished|pending)\b"
    r"|\bwhat(?:'s|s|\s+is)\s+(?:pending|overdue|outstanding|left)\b"
    r"|\bwhat(?:'ve|\s+have)\s+i\s+got\b|^(?:got\s+)?anything\s+(?:for\s+me\s+)?(?:today|tomorrow)\b",
    re.IGNORECASE,
)
_ABOUT_REMINDERS: Final = re.compile(
    r"^(?:the\s+|my\s+|these\s+|your\s+)?reminders\s+(?:are|were|is|suck|keep|annoy|get)\b"
    r"|^(?:can|could|how\s+do|how\s+can)\s+i\s+(?:cancel|delete|remove|snooze|edit|change|move"
    r"|turn\s+off|stop)\s+(?:reminders|a\s+reminder)\b",
    re.IGNORECASE,
)
_GOT_ANYTHING: Final = re.compile(r"^got\s+anything\b", re.IGNORECASE)
_MAKING: Final = re.compile(
    r"\bremind\s+me\b|\blet\s+me\s+forget\b|^(?:set|create|add|make|schedule|new)\s+(?:a|an|me)\b",
    re.IGNORECASE,
)
_FINISHED: Final = re.compile(
    r"^(?:what|which\s+\w+)\s+(?:did|have)\s+i\s+(?:already\s+)?(?:finish|finished|complete|completed"
    r"|done|do|get\s+done|got\s+done|tick(?:ed)?\s+off)\b",
    re.IGNORECASE,
)
_FIRED: Final = re.compile(
    r"\b(?:went|gone|go)\s+off\b|\bfired\b|\brang\b|\bgone\s+off\b|\bgo\s+off\b", re.IGNORECASE
)
_WEEK: Final = re.compile(r"\bthis\s+week\b|\brest\s+of\s+the\s+week\b", re.IGNORECASE)
_DAYS: Final = re.compile(
    r"\b(?:next|coming)\s+(?:few|couple\s+of|3|three)\s+days\b|\bcoming\s+days\b", re.IGNORECASE
)
_ON_DAY: Final = re.compile(
    r"\b(?:on|for)\s+(?P<day>(?:this\s+|next\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)(?![\w'])"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)(?:\s+of\s+\w+)?|\w+\s+\d{1,2}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_SCOPE_WORDS: Final[tuple[tuple[str, ReminderScope], ...]] = (
    (r"done|completed|finished|past|old|previous", "done"),
    (r"today|today's|tonight", "today"),
    (r"tomm?orr?ow|tomorrow's|tmrw|tmr|2moro", "tomorrow"),
    (r"upcoming|next|coming\s+up|future|scheduled|later", "upcoming"),
    (r"all|every|everything|entire", "all"),
    (r"pending|active|open|outstanding|remaining", "pending"),
)
_SCOPES: Final = tuple(
    (re.compile(rf"\b(?:{words})\b", re.IGNORECASE), scope) for words, scope in _SCOPE_WORDS
)
_SCOPE_STATUSES: Final[Mapping[ReminderScope, tuple[ReminderStatus | None, ...]]] = {
    "open": (ReminderStatus.PENDING, ReminderStatus.FIRED),
    "all": (None,),
    "pending": (ReminderStatus.PENDING,),
    "today": (ReminderStatus.PENDING, ReminderStatus.FIRED),
    "tomorrow": (ReminderStatus.PENDING,),
    "upcoming": (ReminderStatus.PENDING,),
    "done": (ReminderStatus.DONE,),
    "week": (ReminderStatus.PENDING,),
    "days": (ReminderStatus.PENDING,),
    "day": (ReminderStatus.PENDING, ReminderStatus.FIRED),
    "fired": (None,),
    "finished": (ReminderStatus.DONE,),
    "window": (ReminderStatus.PENDING,),
}
_SAID: Final[Mapping[ReminderScope, tuple[str, str]]] = {
    "open": ("", ""),
    "all": ("", ""),
    "pending": ("pending ", ""),
    "today": ("", " today"),
    "tomorrow": ("", " tomorrow"),
    "upcoming": ("upcoming ", ""),
    "done": ("completed ", ""),
    "week": ("", " this week"),
    "days": ("", " in the next few days"),
    "day": ("", ""),
    "fired": ("", " that went off today"),
    "finished": ("completed ", ""),
    "window": ("", ""),
}


_REMIND_WHAT: Final = re.compile(
    r"^(?:remind|tell)\s+me\s+(?:again\s+)?(?:of\s+)?(?:what|what's|whats|which)\s+"
    r"(?:i(?:'ve)?\s+(?:have|got|had)(?:\s+got)?|is\s+on|'s\s+on|reminders\s+i\s+have)\b(?P<rest>.*)$",
    re.IGNORECASE,
)


def read(text: str, turn: Turn) -> ShowReminders | None:
    """A request to see reminders, with its scope, or None."""
    asked = _REMIND_WHAT.match(text)
    if asked is not None:  # "remind me what I have tomorrow" asks to see them
        return read(f"what do I have {asked['rest']}", turn)
    if _MAKING.search(text) or _ABOUT_REMINDERS.match(text):
        return None  # "can you remind me by friday to ...?", "reminders are annoying"
    if _FINISHED.match(text):
        return ShowReminders(scope="finished")
    if not _REMINDER_WORDS.search(text) and not (is_asking(text) and _FIRED.search(text)):
        return None
    if not (is_asking(text) or len(text.split()) <= 3 or _GOT_ANYTHING.match(text)):
        return None
    if _FIRED.search(text):
        return ShowReminders(scope="fired")
    if _WEEK.search(text):
        return ShowReminders(scope="week")
    if _DAYS.search(text):
        return ShowReminders(scope="days")
    dated = _dated(text, turn)
    if dated is not None:
        return dated
    scope: ReminderScope = "open"
    for regex, said in _SCOPES:
        if regex.search(text):
            scope = said
            break
    return ShowReminders(scope=scope)


_SHORT_DAYS: Final[Mapping[str, str]] = {
    **dict.fromkeys(("tue", "tues"), "tuesday"),
    **dict.fromkeys(("wed", "weds"), "wednesday"),
    **dict.fromkeys(("thu", "thur", "thurs"), "thursday"),
    **{"mon": "monday", "fri": "friday", "sat": "saturday", "sun": "sunday"},
}


def _day(said: str, turn: Turn) -> date | None:
    *before, last = said.split()
    said = " ".join([*before, _SHORT_DAYS.get(last.lower(), last)])  # "on fri": Friday
    try:
        at = read_exact(said, now=turn.now, zone=turn.zone)
    except WhenError:
        return None
    return None if at is None else at.astimezone(ZoneInfo(turn.zone)).date()


def _dated(text: str, turn: Turn) -> ShowReminders | None:
    """A list scoped to a named day ("on friday"), part of a day or month, or None."""
    m = _ON_DAY.search(text)
    if m is not None:
        day = _day(m["day"], turn)
        if day is not None:
            return ShowReminders(scope="day", day=day)
    return _window(text, turn)


def _window(text: str, turn: Turn) -> ShowReminders | None:
    found = find_window(text, now=turn.now, zone=turn.zone)
    if found is None:
        return None
    return ShowReminders(scope="window", window=found[0], said=found[1])


async def act(intent: ShowReminders, turn: Turn) -> ToolResult:
    """Lists the reminders in scope, soonest first ("finished": the done todos too)."""
    if intent.scope == "window" and intent.window is not None:
        return await list_reminders(
            turn, scope="window", window=intent.window, said=" " + intent.said
        )
    found = await list_reminders(turn, scope=intent.scope, day=intent.day)
    if intent.scope != "finished":
        return found
    return found + await list_todos(turn, status=TodoStatus.DONE)


async def list_reminders(
    turn: Turn,
    *,
    scope: ReminderScope,
    day: date | None = None,
    window: tuple[datetime, datetime] | None = None,
    said: str = "",
) -> ToolResult:
    """Lists reminders in scope, soonest first (the action carries at most MAX_LISTED);
    window: (start, end) UTC for the "window" scope, said: how the user named it."""
    now, zone = turn.now, turn.zone
    found: list[Reminder] = []
    for status in _SCOPE_STATUSES[scope]:
        found += [
            r async for r in turn.store.reminders.iterate(user_id=turn.user_id, status=status)
        ]
    if window is not None:
        found = [r for r in found if window[0] <= r.reminding_time < window[1]]
    found = sorted((r for r in found if _in_scope(r, scope, turn, day)), key=_soonest)
    lines = [reminder_line(r, now=now, zone=zone) for r in found]
    before, after = _SAID[scope]
    after = after or said
    if scope == "day" and day is not None:
        after = " " + day_phrase(day, now.astimezone(ZoneInfo(zone)).date())
    if not found:
        text = f"You have no {before}reminders{after}."
    else:
        text = listing(f"You have {count(len(found), before + 'reminder')}{after}:", lines)
    listed = [r.model_dump(mode="json") for r in found[:MAX_LISTED]]
    return ToolResult(text, [{"type": "reminders.listed", "reminders": listed}])


def _soonest(reminder: Reminder) -> tuple[datetime, str]:
    return reminder.reminding_time, reminder.reminder_id


def _in_scope(reminder: Reminder, scope: ReminderScope, turn: Turn, day: date | None) -> bool:
    tz = ZoneInfo(turn.zone)
    now, at = turn.now, reminder.reminding_time
    today = now.astimezone(tz).date()
    if scope == "upcoming":
        return at > now
    if scope == "week":
        sunday = today + timedelta(days=6 - today.weekday())
        return now <= at < to_utc(datetime.combine(sunday + timedelta(days=1), time()), tz)
    if scope == "days":
        return now <= at <= now + NEXT_FEW_DAYS
    if scope == "fired":
        fired = reminder.fired_at
        return fired is not None and fired.astimezone(tz).date() == today
    if scope == "day":
        return at.astimezone(tz).date() == day
    if scope not in ("today", "tomorrow"):
        return True
    days = (at.astimezone(tz).date() - today).days
    return days == (0 if scope == "today" else 1)
