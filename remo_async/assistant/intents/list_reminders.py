"""Listing reminders: "what are my reminders today?", "what's coming up", "done reminders"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Final, Literal
from zoneinfo import ZoneInfo

from remo_async.assistant.intents.list_todos import MAX_LISTED, is_asking
from remo_async.assistant.results import ToolResult
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import count, listing, reminder_line
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Reminder

ReminderScope = Literal["open", "all", "pending", "today", "tomorrow", "upcoming", "done"]


@dataclass(frozen=True, slots=True)
class ShowReminders:
    """List reminders; "open" is pending and fired ones."""

    name: ClassVar[str] = "reminder.list"
    scope: ReminderScope = "open"


_REMINDER_WORDS: Final = re.compile(
    r"\breminders?\b|\bschedule\b|\bagenda\b|\bcalendar\b|\bplans?\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:on\s+|happening\s+|planned\s+|coming\s+up\b|next\b)"
    r"|\bwhat\s+do\s+i\s+have\b|\bwhat\s+have\s+i\s+got\b|\banything\s+(?:on|planned|today|tomorrow)\b",
    re.IGNORECASE,
)
_SCOPE_WORDS: Final[tuple[tuple[str, ReminderScope], ...]] = (
    (r"done|completed|finished|past|old|previous", "done"),
    (r"today|today's|tonight", "today"),
    (r"tomorrow|tomorrow's|tmrw", "tomorrow"),
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
}
_SAID: Final[Mapping[ReminderScope, tuple[str, str]]] = {
    "open": ("", ""),
    "all": ("", ""),
    "pending": ("pending ", ""),
    "today": ("", " today"),
    "tomorrow": ("", " tomorrow"),
    "upcoming": ("upcoming ", ""),
    "done": ("completed ", ""),
}


def read(text: str, _turn: Turn) -> ShowReminders | None:
    """A request to see reminders, with its scope, or None."""
    if not (_REMINDER_WORDS.search(text) and (is_asking(text) or len(text.split()) <= 3)):
        return None
    scope: ReminderScope = "open"
    for regex, said in _SCOPES:
        if regex.search(text):
            scope = said
            break
    return ShowReminders(scope=scope)


async def act(intent: ShowReminders, turn: Turn) -> ToolResult:
    """Lists the reminders in scope, soonest first."""
    return await list_reminders(turn, scope=intent.scope)


async def list_reminders(turn: Turn, *, scope: ReminderScope) -> ToolResult:
    """Lists reminders in scope, soonest first (the action carries at most MAX_LISTED)."""
    now, zone = turn.now, turn.zone
    found: list[Reminder] = []
    for status in _SCOPE_STATUSES[scope]:
        found += [
            r async for r in turn.store.reminders.iterate(user_id=turn.user_id, status=status)
        ]
    found = sorted((r for r in found if _in_scope(r, scope, now, zone)), key=_soonest)
    lines = [reminder_line(r, now=now, zone=zone) for r in found]
    before, after = _SAID[scope]
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
