"""Undo: "undo", "undo that", "revert" reverses the last change the assistant made.

A create is deleted; a completion, cancellation, snooze, move or edit is put back to the
fields it had (memory.Change.before). An item changed again since is left alone, and
with nothing remembered it says so. Undo never cancels anything on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from pydantic import ValidationError

from remo_async.assistant.memory import Change, Remember
from remo_async.assistant.references import CHANGED
from remo_async.assistant.results import (
    ToolResult,
    problem_of,
    reminder_action,
    todo_action,
)
from remo_async.assistant.turn import Turn
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Reminder, ReminderUpdate, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound

NOTHING: Final = "There is nothing for me to undo."


@dataclass(frozen=True, slots=True)
class Undo:
    """Reverse the last change the assistant made in this conversation."""

    name: ClassVar[str] = "undo"


_UNDO: Final = re.compile(
    r"^(?:(?:oops|whoops|no|sorry)[,!.]?\s+)?(?:undo|revert|reverse)(?:\s+(?:that|it|this|the\s+last"
    r"(?:\s+(?:one|change|thing|action))?|what\s+you\s+(?:just\s+)?did|my\s+last\s+request))?"
    r"(?:\s+please)?$|^take\s+(?:that|it)\s+back$|^put\s+(?:it|that)\s+back(?:\s+how\s+it\s+was)?$"
    r"|^(?:un+d+o+|scratch\s+that)[\s!.]*$",
    re.IGNORECASE,
)


def read(text: str, _turn: Turn) -> Undo | None:
    """An undo request, or None."""
    return Undo() if _UNDO.match(text.rstrip(".!?")) else None


async def act(_intent: Undo, turn: Turn) -> ToolResult:
    """Reverses the remembered changes, newest first; then forgets them."""
    if not turn.memory.undo:
        return ToolResult(NOTHING, remember=Remember(forget_undo=True))
    result = ToolResult("", remember=Remember(forget_undo=True))
    for change in reversed(turn.memory.undo):
        result += await _undo(change, turn)
    return result


async def _put_back(current: Reminder, back: dict[str, Any], turn: Turn) -> Reminder:
    """The reminder with back's fields. A snooze undone makes it `fired` again (pending to
    fired is a transition the rules allow); from done or cancelled only `pending` is, so a
    fired one closed by mistake comes back pending, at its old time."""
    reminders, user_id = turn.store.reminders, turn.user_id
    try:
        return await reminders.update(
            user_id=user_id,
            reminder_id=current.reminder_id,
            changes=ReminderUpdate.model_validate(back),
        )
    except InvalidTransition:
        if back.get("status") != ReminderStatus.FIRED.value:
            raise
    back = {**back, "status": ReminderStatus.PENDING.value}
    return await reminders.update(
        user_id=user_id,
        reminder_id=current.reminder_id,
        changes=ReminderUpdate.model_validate(back),
    )


async def _undo(change: Change, turn: Turn) -> ToolResult:
    store, user_id, ref = turn.store, turn.user_id, change.ref
    repo = store.reminders if ref.kind == "reminder" else store.todos
    current = await repo.get(user_id=user_id, record_id=ref.id)
    if current is None:
        return ToolResult("That one is already gone, so there is nothing to undo.")
    if current.updated_at.isoformat() != change.stamp:
        return ToolResult(f'"{current.title}" changed since, so I left it as it is.')
    try:
        if change.before is None:
            await repo.delete(user_id=user_id, record_id=ref.id)
            action = {"type": f"{ref.kind}.deleted", ref.kind: current.model_dump(mode="json")}
            return ToolResult(f'OK, I removed "{current.title}".', [action])
        now = current.model_dump(mode="json")
        back: dict[str, Any] = {k: v for k, v in change.before.items() if now.get(k) != v}
        if isinstance(current, Reminder):
            reminder = await _put_back(current, back, turn)
            text = f'OK, I put "{reminder.title}" back as it was.'
            return ToolResult(text, [reminder_action("updated", reminder)])
        todo = await store.todos.update(
            user_id=user_id, todo_id=ref.id, changes=TodoUpdate.model_validate(back)
        )
    except ValidationError as exc:
        return ToolResult(f"I couldn't undo that ({problem_of(exc)}).")
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    return ToolResult(f'OK, I put "{todo.title}" back as it was.', [todo_action("updated", todo)])
