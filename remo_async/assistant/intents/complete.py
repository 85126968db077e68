"""Completing an item: "mark buy milk as done", "finished the report", "done"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Final

from remo_async.assistant.matching import find_matches
from remo_async.assistant.references import (
    CHANGED,
    choose,
    each,
    open_reminders,
    open_todos,
    read_target,
)
from remo_async.assistant.results import Item, ToolResult, changed, reminder_action, todo_action
from remo_async.assistant.time import find_spans
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import ReminderUpdate, Todo, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Conflict, NotFound


@dataclass(frozen=True, slots=True)
class Finish:
    """Mark a todo or reminder done; target None means "that": the latest one."""

    name: ClassVar[str] = "item.complete"
    target: str | None
    kind: ItemKind | None = None
    thing: str | None = None  # said in the past tense: the object alone, if no title has the verb


_DONE = r"(?:done|complete|completed|finished|off|ticked\s+off|checked\s+off)"
_FINISH: Final = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^(?:mark|tick|check|cross)\s+(?:off\s+)?(?P<t>.+?)\s+(?:as\s+)?{_DONE}$",
        r"^(?:tick|check|cross)\s+off\s+(?P<t>.+)$",
        r"^(?:complete|finish|done(?:\s+with)?|finished|completed)\s*[:,-]?\s+(?P<t>.+)$",
        r"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:done|finished|completed)\s+(?P<t>.+)$",
        r"^i'?m\s+(?:done|finished)\s+with\s+(?P<t>.+)$",
        rf"^(?P<t>.+?)\s+(?:is|are|was|has\s+been)\s+(?:now\s+|all\s+)?{_DONE}$",
        rf"^(?P<t>)(?:that|it|this)(?:'s|\s+is)\s+(?:all\s+)?{_DONE}$",
        r"^(?P<t>)(?:done|finished|i\s+did\s+it|did\s+it|all\s+done|completed)$",
        # "slides done lol", "report's sorted": the item, then the word that it is done.
        r"^(?!(?:all|i|i'm|im|we|we're|it|that|this|so|not|almost|nearly|never|show|list|see"
        r"|view|display|get|what|which|how|when|why|who|is|are|keep|mark|tick|check|cross)\b)"
        r"(?P<t>\w.*?)"
        r"(?:'s|\s+(?:is|are|was|has\s+been|have\s+been))?\s+(?:now\s+|all\s+)?"
        r"(?:done|sorted|finished|completed|complete)(?:\s+(?:lol|haha|now|already|finally|yay))*$",
    )
)
_REMIND_ME: Final = re.compile(r"\bremind\s+me\b|\blet\s+me\s+forget\b", re.IGNORECASE)
# Past tense: "I've renewed the passport", "sorted the invoices", "just paid the rent".
_PAST: Final = re.compile(
    r"^(?:i(?:'ve|\s+have)?\s+|we(?:'ve|\s+have)?\s+)?(?:just\s+|already\s+|finally\s+|now\s+)?"
    r"(?P<t>(?P<v>[a-z]{3,}ed|paid|bought|sent|made|took|got|wrote|rang|fed|met|sold|built|did"
    r"|found|gave|went\s+to|took)\s+(?!to\b|that\b|you\b|me\b).+)$",
    re.IGNORECASE,
)
_NOT_PAST: Final = frozenset(
    (
        *("need", "feed", "speed", "seed", "weed", "bleed", "breed", "proceed", "exceed"),
        *("succeed", "embed", "shred", "wanted", "needed", "hoped", "planned", "decided"),
        *("forgot", "asked", "wished", "liked", "loved", "hated", "wondered", "scheduled"),
        *("arranged", "started", "tried", "used", "supposed", "expected", "meant"),
        *("agreed", "promised"),
    )
)
# A question about what was done asks, it does not tell: "did I call the bank?".
_ASKING: Final = re.compile(
    r"^(?:did|do|does)\s+(?:i|we|you)\b"  # "did the laundry" tells; "did I ...?" asks
    r"|^(?:have|has|had|is|are|was|were|can|could|should|will|would)\s+(?:i|we|you|my|the)\b"
    r"|^.*\?\s*$",
    re.IGNORECASE,
)
_WHEN_DONE: Final = re.compile(
    r"\s+(?:yesterday|today|earlier(?:\s+today)?|this\s+morning|last\s+night|already|just\s+now"
    r"|at\s+last|finally|lol|haha|yay|phew)$",
    re.IGNORECASE,
)


def read(text: str, _turn: Turn) -> Finish | None:
    """A completion, or None ("finish the report by friday" asks for something new)."""
    if _REMIND_ME.search(text) or _ASKING.match(text):
        return None  # "remind me when the laundry is done", "did I buy milk?"
    for regex in _FINISH:
        m = regex.match(text)
        if m is not None:
            if find_spans(m["t"] or ""):
                return None
            target, kind = read_target(m["t"] or "")
            return Finish(target=target, kind=kind)
    m = _PAST.match(text)
    if m is not None and m["v"].lower() not in _NOT_PAST and not find_spans(m["t"]):
        said = _WHEN_DONE.sub("", m["t"])
        # "bought the eggs" names "eggs"; "did" keeps its verb ("did the parcel arrive").
        thing = None if m["v"].lower() == "did" else read_target(said[len(m["v"]) :])[0]
        return Finish(target=read_target(said)[0], thing=thing)
    return None


async def act(intent: Finish, turn: Turn) -> ToolResult:
    """Marks the named todo or reminder done; todos are looked at first."""
    kinds: tuple[ItemKind, ...] = (intent.kind,) if intent.kind else ("todo", "reminder")
    target = intent.target
    if intent.thing and target and not await _named(target, turn):
        target = intent.thing  # "got the milk" names "buy milk"; "bought the eggs" "eggs"
    items = await choose(target, kinds, turn)
    return items if isinstance(items, ToolResult) else await apply(intent, items, turn)


async def _named(target: str, turn: Turn) -> bool:
    """Whether some open todo or reminder is named by target, verb and all."""
    pool: list[Item] = [*await open_todos(turn.store, turn.user_id)]
    pool += await open_reminders(turn.store, turn.user_id)
    return bool(find_matches(target, pool, title=lambda item: item.title))


async def apply(_intent: Finish, items: list[Item], turn: Turn) -> ToolResult:
    """Marks each item done."""
    return await each(items, lambda item: _complete(item, turn))


async def _complete(item: Item, turn: Turn) -> ToolResult:
    store, user_id = turn.store, turn.user_id
    try:
        if isinstance(item, Todo):
            todo = await store.todos.update(
                user_id=user_id, todo_id=item.todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
            )
            return ToolResult(
                f'Nice work! "{todo.title}" is done.',
                [todo_action("completed", todo)],
                changed(item, todo),
            )
        reminder = await store.reminders.update(
            user_id=user_id,
            reminder_id=item.reminder_id,
            changes=ReminderUpdate(status=ReminderStatus.DONE),
        )
    except (NotFound, Conflict, InvalidTransition):
        return ToolResult(CHANGED)
    text = f'OK, I marked the reminder "{reminder.title}" as done.'
    return ToolResult(text, [reminder_action("updated", reminder)], changed(item, reminder))
