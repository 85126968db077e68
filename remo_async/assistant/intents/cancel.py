"""Cancelling an item: "cancel the reminder to take out the trash", "stop reminding me to X"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final

from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.references import CHANGED, choose, each, name_of, read_target
from remo_async.assistant.results import Item, ToolResult, changed, reminder_action, todo_action
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import ReminderUpdate, Todo, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound

WHICH_STOP: Final = "Which reminder should I stop?"
ONE_AT_A_TIME: Final = (
    "I cancel one thing at a time, so nothing is lost by mistake. Which one should I cancel?"
)


@dataclass(frozen=True, slots=True)
class Cancel:
    """Cancel a reminder or todo; target None means "that": the latest one."""

    name: ClassVar[str] = "item.cancel"
    target: str | None
    kind: ItemKind | None = None


_CANCEL: Final = re.compile(
    r"^(?:cancel|delete|remove|clear|erase|call\s+off"
    r"|(?P<forget>forget(?:\s+about)?))(?:\s+(?P<t>.+))?$",
    re.IGNORECASE,
)
# Casual verbs that also mean other things ("drop off the kids", "bin day", "get rid of the
# old sofa"): they cancel only what names one of Remo's items ("bin the gym reminder",
# "ditch my 3pm", "drop the reminder to call mum", "scrap that", "get rid of eggs from my
# shopping list"), never a thing in the world.
_CASUAL: Final = re.compile(
    r"^(?:bin|ditch|nuke|drop|scrap|trash|axe|kill|dump|get\s+rid\s+of)\s+(?P<t>.+)$", re.I
)
_AN_ITEM: Final = re.compile(
    r"^(?:it|that|this|(?:that|this)\s+one"
    r"|(?:the|my|that|this)\s+(?:\S+\s+){0,4}?(?:reminder|one|todo|to-do|task)"
    r"|(?:the|my|that|this)\s+(?:reminder|todo|to-do|task|one)\s+(?:to|about|for|of|at|on|called)\s.+"
    r"|(?:the|my)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)"
    r"|.+\s(?:from|off)\s+(?:my\s+|the\s+)?(?:\S+\s+)?(?:list|todos|to-dos|tasks|reminders))[.!]*$",
    re.IGNORECASE,
)
# "don't remind me to call mum tomorrow": the reminder is named by its title.
_WHEN_SAID: Final = re.compile(
    r"\s+(?:tomorrow|today|tonight|anymore|any\s+more|again|at\s+\S+|on\s+\w+day)$", re.IGNORECASE
)
_EVERYTHING: Final = re.compile(
    r"^(?:all|every|everything)\b|^(?:my\s+|the\s+)?(?:reminders|todos|tasks|to-dos|list)$",
    re.IGNORECASE,
)
_STOP: Final = re.compile(
    r"^(?:stop\s+reminding\s+me|(?:don'?t|do\s+not|no\s+need\s+to)\s+remind\s+me)"
    r"(?:\s+(?:to|about|of|that))?(?:\s+(?P<t>.+))?$",
    re.IGNORECASE,
)


# "I don't need the dentist reminder anymore": the item is named, and "anymore" or the word
# "reminder"/"todo" says it is one of Remo's, not a statement about the world.
_NO_NEED: Final = re.compile(
    r"^i\s+(?:don'?t|do\s+not|no\s+longer)\s+need\s+(?P<t>.+?)(?:\s+(?:anymore|any\s+more))?$",
    re.IGNORECASE,
)
_OURS: Final = re.compile(r"\b(?:anymore|any\s+more|reminders?|todos?|to-dos?|tasks?)$", re.I)


def read(text: str, _turn: Turn) -> Cancel | Chat | None:
    """A cancellation, a refusal to cancel everything at once, or None."""
    said = text.rstrip(".!")
    m = _NO_NEED.match(said)
    if m is not None and _OURS.search(said):
        target, kind = read_target(m["t"])
        return Cancel(target=target, kind=kind) if target else None
    m = _STOP.match(text)
    if m is not None:
        target, _ = read_target(_WHEN_SAID.sub("", m["t"] or ""))
        if target is None:
            return Chat(topic="unknown", problem=WHICH_STOP)  # never a guess, never a create
        return Cancel(target=target, kind="reminder")
    m = _CANCEL.match(text)
    if m is None:
        m = _CASUAL.match(text)
        if m is None or not _AN_ITEM.match(m["t"]):
            return None
    if _EVERYTHING.match(m["t"] or ""):
        return Chat(topic="unknown", problem=ONE_AT_A_TIME)
    target, kind = read_target(m["t"] or "")
    if target is None and m.groupdict().get("forget"):
        return Chat(topic="thanks")  # "forget it" drops the subject; it cancels nothing
    return Cancel(target=target, kind=kind)


async def act(intent: Cancel, turn: Turn) -> ToolResult:
    """Cancels the named reminder or todo; reminders are looked at first."""
    kinds: tuple[ItemKind, ...] = (intent.kind,) if intent.kind else ("reminder", "todo")
    items = await choose(intent.target, kinds, turn)
    return items if isinstance(items, ToolResult) else await apply(intent, items, turn)


async def apply(_intent: Cancel, items: list[Item], turn: Turn) -> ToolResult:
    """Cancels each item."""
    return await each(items, lambda item: _cancel(item, turn))


async def _cancel(item: Item, turn: Turn) -> ToolResult:
    name = name_of(item, now=turn.now, zone=turn.zone)
    store, user_id = turn.store, turn.user_id
    try:
        if isinstance(item, Todo):
            todo = await store.todos.update(
                user_id=user_id,
                todo_id=item.todo_id,
                changes=TodoUpdate(status=TodoStatus.CANCELLED),
            )
            return ToolResult(
                f"OK, I took {name} off your todos.",
                [todo_action("updated", todo)],
                changed(item, todo),
            )
        reminder = await store.reminders.update(
            user_id=user_id,
            reminder_id=item.reminder_id,
            changes=ReminderUpdate(status=ReminderStatus.CANCELLED),
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    return ToolResult(
        f"OK, I cancelled the reminder {name}.",
        [reminder_action("cancelled", reminder)],
        changed(item, reminder),
    )
