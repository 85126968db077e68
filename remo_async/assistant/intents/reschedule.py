"""Moving a reminder: "move it to 5pm", "push the dentist back by an hour", "make it 6pm"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar, Final

from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.intents.snooze import first_time
from remo_async.assistant.references import CHANGED, WHICH_THAT, choose, read_target
from remo_async.assistant.results import ToolResult, reminder_action
from remo_async.assistant.time.when import WhenError
from remo_async.assistant.turn import Turn
from remo_async.assistant.wording import sentence, when
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Reminder, ReminderUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound


@dataclass(frozen=True, slots=True)
class Reschedule:
    """Move a reminder (target None: the latest one) to a time (UTC), or by a shift."""

    name: ClassVar[str] = "reminder.reschedule"
    target: str | None
    at: datetime | None = None
    shift: timedelta | None = None


_MOVE: Final = re.compile(
    r"^(?:move|reschedule|change|push|shift|postpone|delay|bump|put\s+off|make)\s+(?P<body>.+)$",
    re.IGNORECASE,
)
_SPLIT: Final = re.compile(r"\s+(?:back\s+)?(?P<w>to|until|till|for|at|on)\s+", re.IGNORECASE)
_SHIFT: Final = re.compile(
    r"^(?P<t>.+?)\s+(?:back\s+|forward\s+|later\s+)?(?:by\s+|back\s+)(?P<d>.+)$", re.IGNORECASE
)
_IT_AT: Final = re.compile(r"^(?:it|that|this)\s+(?P<when>.+)$", re.IGNORECASE)
_TO: Final = frozenset({"to", "until", "till"})


def read(text: str, turn: Turn) -> Reschedule | Chat | None:
    """A move to a time or by a shift, or None."""
    m = _MOVE.match(text)
    if m is None:
        return None
    body = re.sub(r"\s+instead$", "", m["body"].rstrip(".!?"), flags=re.IGNORECASE)
    try:
        shift = _SHIFT.match(body)
        if shift is not None:
            moved = first_time([f"in {shift['d']}"], turn)
            if moved is not None:
                return Reschedule(target=read_target(shift["t"])[0], shift=moved - turn.now)
        it_at = _IT_AT.match(body)  # "make it 6pm"
        if it_at is not None:
            at = first_time([it_at["when"], f"at {it_at['when']}"], turn)
            if at is not None:
                return Reschedule(target=None, at=at)
        for split in _SPLIT.finditer(body):
            rest = body[split.end() :]
            word = split["w"].lower()
            spoken = [rest, f"at {rest}"] if word in _TO else [f"{word} {rest}"]
            at = first_time(spoken, turn)
            if at is not None:
                return Reschedule(target=read_target(body[: split.start()])[0], at=at)
    except WhenError as exc:
        return Chat(topic="unknown", problem=sentence(str(exc)))
    return None


async def act(intent: Reschedule, turn: Turn) -> ToolResult:
    """Moves the named reminder (None: the latest) to at, or later by shift."""
    item = await choose(intent.target, ("reminder",), turn)
    if isinstance(item, ToolResult):
        return item
    if not isinstance(item, Reminder):  # only reminders were looked at; keeps mypy sure
        return ToolResult(WHICH_THAT)
    now = turn.now
    new_time = intent.at or max(item.reminding_time, now) + (intent.shift or timedelta())
    if new_time <= now:
        return ToolResult("That time has already passed; when should it be instead?")
    changes = ReminderUpdate(reminding_time=new_time, status=ReminderStatus.PENDING)
    try:
        moved = await turn.store.reminders.update(
            user_id=turn.user_id, reminder_id=item.reminder_id, changes=changes
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    spoken = when(new_time, now=now, zone=turn.zone).removeprefix("on ")
    return ToolResult(
        f'OK, I moved "{moved.title}" to {spoken}.', [reminder_action("updated", moved)]
    )
