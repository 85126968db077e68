"""One module per intent, each with its dataclass, its `read` and its `act`.

Where is X handled? In the module named for it: create_reminder, answer_time,
create_todo, list_reminders, list_todos, complete, cancel, snooze, reschedule, edit,
undo, pick (answers to "which one?"), aside (what is not a request), small_talk.
READERS is the order read_turn tries them in; act() runs the intent's action.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Final

from remo_async.assistant.intents import (
    answer_time,
    aside,
    cancel,
    complete,
    create_reminder,
    create_todo,
    edit,
    list_reminders,
    list_todos,
    pick,
    reschedule,
    small_talk,
    snooze,
    undo,
)
from remo_async.assistant.intents.answer_time import JustTime
from remo_async.assistant.intents.cancel import Cancel
from remo_async.assistant.intents.complete import Finish
from remo_async.assistant.intents.create_reminder import NeedTime, NewReminder
from remo_async.assistant.intents.create_todo import NewTodo
from remo_async.assistant.intents.edit import Edit
from remo_async.assistant.intents.list_reminders import ReminderScope, ShowReminders
from remo_async.assistant.intents.list_todos import ShowTodos
from remo_async.assistant.intents.pick import Pick
from remo_async.assistant.intents.reschedule import Reschedule
from remo_async.assistant.intents.small_talk import Chat, Topic
from remo_async.assistant.intents.snooze import Snooze
from remo_async.assistant.intents.undo import Undo
from remo_async.assistant.results import Item, ToolResult
from remo_async.assistant.text import (
    MAX_REQUEST,
    TOO_LONG,
    fix_typos,
    normalize,
    spoken_punctuation,
    strip_politeness,
)
from remo_async.assistant.time import WhenError
from remo_async.assistant.turn import ItemKind, Phrasing, Turn
from remo_async.assistant.wording import sentence

__all__ = [
    "READERS",
    "Cancel",
    "Chat",
    "Edit",
    "Finish",
    "Intent",
    "ItemKind",
    "JustTime",
    "NeedTime",
    "NewReminder",
    "NewTodo",
    "Phrasing",
    "Pick",
    "ReminderScope",
    "Reschedule",
    "ShowReminders",
    "ShowTodos",
    "Snooze",
    "Topic",
    "Undo",
    "act",
    "read_turn",
]

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
    | Edit
    | Undo
    | Pick
    | JustTime
    | Chat
)
Reader = Callable[[str, Turn], Intent | None]

# Order matters: a command verb at the start wins over a time anywhere in the sentence,
# and what is not a request (aside) is told apart before anything is created.
READERS: Final[tuple[Reader, ...]] = (
    undo.read,
    pick.read,
    snooze.read,
    cancel.read,
    complete.read,
    edit.read,
    reschedule.read,
    list_todos.read,
    list_reminders.read,
    aside.read,
    create_todo.read,
    create_reminder.read,
    answer_time.read,
    create_reminder.read_timed,
)
_Action = Callable[[Any, Turn], Awaitable[ToolResult]]
_ACT: Final[dict[type[Any], _Action]] = {
    NewReminder: create_reminder.act,
    NeedTime: create_reminder.act,
    JustTime: answer_time.act,
    NewTodo: create_todo.act,
    ShowReminders: list_reminders.act,
    ShowTodos: list_todos.act,
    Finish: complete.act,
    Cancel: cancel.act,
    Snooze: snooze.act,
    Reschedule: reschedule.act,
    Edit: edit.act,
    Undo: undo.act,
    Chat: small_talk.act,
}
# The intents that act on items the user names: what "both" or "the first one" redo.
_APPLY: Final[dict[type[Any], Callable[[Any, list[Item], Turn], Awaitable[ToolResult]]]] = {
    Finish: complete.apply,
    Cancel: cancel.apply,
    Reschedule: reschedule.apply,
    Edit: edit.apply,
}


def read_turn(text: str, turn: Turn) -> Intent:
    """What a message asks for in turn (its now, zone, history, memory); never raises.

    A message longer than MAX_REQUEST characters (spaces collapsed) is asked about, unread.
    """
    clean = normalize(text)
    if len(clean) > MAX_REQUEST:
        return Chat(topic="unknown", problem=TOO_LONG)
    clean = fix_typos(spoken_punctuation(clean))
    found: Intent | None = small_talk.read(clean)
    if found is not None:
        return found
    found = reschedule.correction(clean, turn)  # "no, 7" after Remo set a reminder
    if found is not None:
        return found
    request = strip_politeness(clean)
    if not request:
        return Chat(topic="unknown")
    found = small_talk.read(request)
    if found is not None:
        return found
    for reader in READERS:
        try:
            found = reader(request, turn)
        except WhenError as exc:
            return Chat(topic="unknown", problem=sentence(str(exc)))
        if found is not None:
            return found
    return Chat(topic="unknown")


async def act(intent: Intent, turn: Turn) -> ToolResult:
    """Does what intent asks: the action of the intent's own module."""
    if isinstance(intent, Pick):
        return await _picked(intent, turn)
    return await _ACT[type(intent)](intent, turn)


async def _picked(intent: Pick, turn: Turn) -> ToolResult:
    """Redoes the message the "which one?" question was about, on the items picked."""
    items = await pick.chosen(intent, turn)
    if isinstance(items, ToolResult):
        return items
    choice = turn.memory.choice
    asked = read_turn(choice.message, turn) if choice else None
    apply = _APPLY.get(type(asked))
    if apply is None:
        return ToolResult(pick.LOST)
    return await apply(asked, items, turn)
