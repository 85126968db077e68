"""One module per intent, each with its dataclass, its `read` and its `act`.

Where is X handled? In the module named for it: create_reminder, answer_time,
create_todo, list_reminders, list_todos, complete, cancel, snooze, reschedule,
small_talk. READERS is the order parse_message tries them in; act() runs the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from remo_async.assistant.intents import (
    answer_time,
    cancel,
    complete,
    create_reminder,
    create_todo,
    list_reminders,
    list_todos,
    reschedule,
    small_talk,
    snooze,
)
from remo_async.assistant.intents.answer_time import JustTime
from remo_async.assistant.intents.cancel import Cancel
from remo_async.assistant.intents.complete import Finish
from remo_async.assistant.intents.create_reminder import NeedTime, NewReminder
from remo_async.assistant.intents.create_todo import NewTodo
from remo_async.assistant.intents.list_reminders import ReminderScope, ShowReminders
from remo_async.assistant.intents.list_todos import ShowTodos
from remo_async.assistant.intents.reschedule import Reschedule
from remo_async.assistant.intents.small_talk import Chat, Topic
from remo_async.assistant.intents.snooze import Snooze
from remo_async.assistant.results import ToolResult
from remo_async.assistant.turn import ItemKind, Phrasing, Turn

__all__ = [
    "READERS",
    "Cancel",
    "Chat",
    "Finish",
    "Intent",
    "ItemKind",
    "JustTime",
    "NeedTime",
    "NewReminder",
    "NewTodo",
    "Phrasing",
    "ReminderScope",
    "Reschedule",
    "ShowReminders",
    "ShowTodos",
    "Snooze",
    "Topic",
    "act",
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
    | JustTime
    | Chat
)
Reader = Callable[[str, Turn], Intent | None]

# Order matters: a command verb at the start wins over a time anywhere in the sentence.
READERS: Final[tuple[Reader, ...]] = (
    snooze.read,
    cancel.read,
    complete.read,
    reschedule.read,
    list_todos.read,
    list_reminders.read,
    create_todo.read,
    create_reminder.read,
    answer_time.read,
    create_reminder.read_timed,
)


async def act(intent: Intent, turn: Turn) -> ToolResult:
    """Does what intent asks: the action of the intent's own module."""
    match intent:
        case NewReminder() | NeedTime():
            return await create_reminder.act(intent, turn)
        case JustTime():
            return await answer_time.act(intent, turn)
        case NewTodo():
            return await create_todo.act(intent, turn)
        case ShowReminders():
            return await list_reminders.act(intent, turn)
        case ShowTodos():
            return await list_todos.act(intent, turn)
        case Finish():
            return await complete.act(intent, turn)
        case Cancel():
            return await cancel.act(intent, turn)
        case Snooze():
            return await snooze.act(intent, turn)
        case Reschedule():
            return await reschedule.act(intent, turn)
        case Chat():
            return await small_talk.act(intent, turn)
