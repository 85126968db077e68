"""Snoozing the reminder that fired last: "snooze", "snooze that for 10 minutes", "until 5pm"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar, Final

from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.references import CHANGED
from remo_async.assistant.results import ToolResult, changed, reminder_action
from remo_async.assistant.time import WhenError, read_exact, tidy
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import when
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Reminder
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound

SNOOZE_DEFAULT: Final = timedelta(minutes=10)
LATER: Final = timedelta(hours=1)
MAX_SNOOZE_MINUTES: Final = 10080


@dataclass(frozen=True, slots=True)
class Snooze:
    """Remind again, at until (UTC), of the reminder that fired last. casual: the user said
    only "later", "not now"... (an answer to "when should I remind you?" if one is open)."""

    name: ClassVar[str] = "reminder.snooze"
    until: datetime
    casual: bool = False


_SNOOZE: Final = re.compile(
    r"^(?:snooze|remind\s+me\s+(?:again|later)(?:\s+about\s+(?:it|that|this))?)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_PRONOUNS: Final = re.compile(
    r"^(?:(?:it|that|this|the\s+reminder|that\s+reminder|me|again|for|by|another)(?:\s+|$))+",
    re.IGNORECASE,
)
_TITLED: Final = re.compile(
    r"(?<![\w'])(?:to|about)\s+(?!(?:it|that|this|me|them)(?![\w']))[^\W\d_]", re.IGNORECASE
)
_UNTIL: Final = re.compile(r"^(?:until|till|til|to|at)\s+(?P<when>.+)$", re.IGNORECASE)
_MINUTES: Final = re.compile(r"^(?:in\s+|for\s+|another\s+)?(?P<n>\d{1,4})(?:\s+more)?$")
_NOT_NOW: Final = re.compile(
    r"^(?:not\s+now|not\s+yet|not\s+right\s+now|busy|i'?m\s+busy|hold\s+on|in\s+a\s+bit"
    r"|give\s+me\s+a\s+(?:minute|moment|sec|second|bit)|one\s+(?:sec|minute|moment))$",
    re.IGNORECASE,
)
_LATER: Final = re.compile(
    r"^(?:(?:maybe|ask\s+me|tell\s+me|ping\s+me|do\s+it|try\s+again|remind\s+me)\s+)?later(?:\s+on)?$",
    re.IGNORECASE,
)
_MORE: Final = re.compile(
    r"^(?:give\s+me\s+)?(?:another\s+)?(?P<d>\d{1,4}|five|ten|fifteen|twenty|thirty)\s+more\s+"
    r"(?:minutes?|mins?)$",
    re.IGNORECASE,
)


def read(text: str, turn: Turn) -> Snooze | Chat | None:
    """A snooze with its end (10 minutes when none is said), a question, or None."""
    said = text.rstrip(".!?").strip()
    if _NOT_NOW.match(said):
        return Snooze(until=turn.now + SNOOZE_DEFAULT, casual=True)
    if _LATER.match(said):
        return Snooze(until=turn.now + LATER, casual=True)
    more = _MORE.match(said)
    if more is not None:
        later = first_time([f"in {more['d']} minutes"], turn)
        return None if later is None else Snooze(until=later)
    m = _SNOOZE.match(text)
    if m is None or _TITLED.search(m["rest"]):
        return None  # "remind me later today to call the landlord" asks for a new reminder
    rest = _PRONOUNS.sub("", tidy(m["rest"]).rstrip(".!?"))
    if not rest:
        return Snooze(until=turn.now + SNOOZE_DEFAULT)
    minutes = _MINUTES.match(rest)  # "remind me again in 10"
    if minutes is not None:
        return Snooze(until=turn.now + timedelta(minutes=int(minutes["n"])))
    until_word = _UNTIL.match(rest)
    spoken = (
        [until_word["when"], f"at {until_word['when']}"] if until_word else [rest, f"in {rest}"]
    )
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


async def last_fired(turn: Turn, *, within: timedelta | None = None) -> Reminder | None:
    """The reminder that fired last (latest fired_at) and is still fired; within: that
    long ago at most."""
    store, user_id = turn.store, turn.user_id
    fired = [r async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.FIRED)]
    last = max(fired, key=lambda r: (r.fired_at or r.updated_at, r.reminder_id), default=None)
    if last is None or within is None:
        return last
    return last if (last.fired_at or last.updated_at) >= turn.now - within else None


async def act(intent: Snooze, turn: Turn) -> ToolResult:
    """Makes the reminder that fired last due again at until."""
    last = await last_fired(turn)
    if last is None:
        return ToolResult("No reminder has gone off, so there is nothing to snooze.")
    return await snooze(last, intent.until, turn)


async def snooze(last: Reminder, until: datetime, turn: Turn) -> ToolResult:
    """Makes last due again at until (the store re-arms it on its freshest copy)."""
    store, user_id = turn.store, turn.user_id
    try:
        snoozed = await store.reminders.snooze(
            user_id=user_id, reminder_id=last.reminder_id, until=until
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    spoken = when(until, now=turn.now, zone=turn.zone)
    text = f'OK, I\'ll remind you about "{snoozed.title}" again {spoken}.'
    return ToolResult(text, [reminder_action("updated", snoozed)], changed(last, snoozed))


async def snooze_minutes(minutes: int, turn: Turn) -> ToolResult:
    """Snoozes the reminder that fired last for minutes (clamped to 1..10080)."""
    minutes = min(max(int(minutes), 1), MAX_SNOOZE_MINUTES)
    return await act(Snooze(until=turn.now + timedelta(minutes=minutes)), turn)
