"""Snoozing the reminder that fired last: "snooze", "snooze that for 10 minutes", "until 5pm"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar, Final

from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.references import CHANGED
from remo_async.assistant.results import ToolResult, reminder_action
from remo_async.assistant.time.spans import read_exact, tidy
from remo_async.assistant.time.when import WhenError
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import when
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound

SNOOZE_DEFAULT: Final = timedelta(minutes=10)
MAX_SNOOZE_MINUTES: Final = 10080


@dataclass(frozen=True, slots=True)
class Snooze:
    """Remind again, at until (UTC), of the reminder that fired last."""

    name: ClassVar[str] = "reminder.snooze"
    until: datetime


_SNOOZE: Final = re.compile(
    r"^(?:snooze|remind\s+me\s+(?:again|later)(?:\s+about\s+(?:it|that|this))?)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_PRONOUNS: Final = re.compile(
    r"^(?:(?:it|that|this|the\s+reminder|that\s+reminder|me|again|for|by|another)(?:\s+|$))+",
    re.IGNORECASE,
)
_UNTIL: Final = re.compile(r"^(?:until|till|til|to|at)\s+(?P<when>.+)$", re.IGNORECASE)


def read(text: str, turn: Turn) -> Snooze | Chat | None:
    """A snooze with its end (10 minutes when none is said), a question, or None."""
    m = _SNOOZE.match(text)
    if m is None:
        return None
    rest = _PRONOUNS.sub("", tidy(m["rest"]).rstrip(".!?"))
    if not rest:
        return Snooze(until=turn.now + SNOOZE_DEFAULT)
    until_word = _UNTIL.match(rest)
    spoken = [until_word["when"]] if until_word else [rest, f"in {rest}"]
    try:
        until = first_time(spoken, turn)
    except WhenError as exc:
        return Chat(topic="unknown", problem=f"I couldn't snooze it: {exc}.")
    if until is None:
        return Chat(topic="unknown", problem="For how long should I snooze it?")
    return Snooze(until=until)


def first_time(candidates: list[str], turn: Turn) -> datetime | None:
    """The first candidate that is all a time phrase; WhenError if that one is past."""
    for text in candidates:
        at = read_exact(text, now=turn.now, zone=turn.zone)
        if at is not None:
            return at
    return None


async def act(intent: Snooze, turn: Turn) -> ToolResult:
    """Makes the reminder that fired last (latest fired_at) due again at until."""
    store, user_id = turn.store, turn.user_id
    fired = [r async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.FIRED)]
    last = max(fired, key=lambda r: (r.fired_at or r.updated_at, r.reminder_id), default=None)
    if last is None:
        return ToolResult("No reminder has gone off, so there is nothing to snooze.")
    try:
        snoozed = await store.reminders.snooze(
            user_id=user_id, reminder_id=last.reminder_id, until=intent.until
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    spoken = when(intent.until, now=turn.now, zone=turn.zone)
    text = f'OK, I\'ll remind you about "{snoozed.title}" again {spoken}.'
    return ToolResult(text, [reminder_action("updated", snoozed)])


async def snooze_minutes(minutes: int, turn: Turn) -> ToolResult:
    """Snoozes the reminder that fired last for minutes (clamped to 1..10080)."""
    minutes = min(max(int(minutes), 1), MAX_SNOOZE_MINUTES)
    return await act(Snooze(until=turn.now + timedelta(minutes=minutes)), turn)
