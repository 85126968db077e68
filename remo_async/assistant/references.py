"""What the user calls an item ("the dentist reminder", "that") and finding it in the store."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

from remo_async.assistant.matching import find_matches
from remo_async.assistant.results import ToolResult
from remo_async.assistant.time.spans import tidy
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.assistant.wording import and_list, rule_phrase, when
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import Reminder, Todo
from remo_async.store import Store

Item = Reminder | Todo
CHANGED: Final = "That one changed just now, so I left it alone. Please try again."
WHICH_THAT: Final = (
    'I\'m not sure which one you mean. Tell me its name, like "cancel the reminder to call mum".'
)

_ARTICLE: Final = re.compile(r"^(?:the|my|a|an)\s+", re.IGNORECASE)
_THAT: Final = re.compile(
    r"^(?:it|that|this|that\s+one|this\s+one|the\s+last\s+one|the\s+last\s+(?:reminder|todo|task)"
    r"|(?:the|that|this|my)\s+(?:reminder|todo|task|to-do)|the\s+one\s+i\s+just\s+(?:made|set|added)"
    r"|what\s+i\s+just\s+(?:said|asked|set|added)|(?:it|that|this)\s+(?:reminder|one))?$",
    re.IGNORECASE,
)
_KIND_WORDS: Final = re.compile(
    r"\b(?:the|my|a|that|this)\s+(?P<k1>reminder|todo|to-do|task)s?"
    r"(?:\s+(?:to|about|for|of|called|named|saying|that\s+says))?\b"
    r"|\b(?P<k2>reminder|todo|to-do|task)s?(?:\s+(?:to|about|for|of|called|named))?\b"
    r"|\s+from\s+(?:my\s+|the\s+)?(?P<k3>list|todos|todo\s+list|to-do\s+list|tasks|reminders)$"
    r"|^(?:the|my)\s+",
    re.IGNORECASE,
)


def read_target(words: str) -> tuple[str | None, ItemKind | None]:
    """What the user calls an item (None: "it"/"that"), and whether they said todo or reminder."""
    words = tidy(words).rstrip(".!?").strip()
    kind: ItemKind | None = None
    for m in _KIND_WORDS.finditer(words):
        named = (m["k1"] or m["k2"] or m["k3"] or "").lower()
        if named in {"reminder", "reminders"}:
            kind = "reminder"
        elif named:
            kind = "todo"
    if _THAT.fullmatch(words):
        return None, kind
    target = _ARTICLE.sub("", tidy(_KIND_WORDS.sub(" ", words)))
    if not target or _THAT.fullmatch(target):
        return None, kind
    return target, kind


async def open_reminders(store: Store, user_id: str) -> list[Reminder]:
    """The user's pending and fired reminders."""
    found: list[Reminder] = []
    for status in (ReminderStatus.PENDING, ReminderStatus.FIRED):
        found += [r async for r in store.reminders.iterate(user_id=user_id, status=status)]
    return found


async def open_todos(store: Store, user_id: str) -> list[Todo]:
    """The user's pending todos."""
    return [t async for t in store.todos.iterate(user_id=user_id, status=TodoStatus.PENDING)]


def latest(items: list[Item]) -> Item | None:
    """The item changed last; on a tie (two writes in one second) a reminder."""
    return max(items, key=lambda i: (i.updated_at, isinstance(i, Reminder)), default=None)


def name_of(item: Item, *, now: datetime, zone: str) -> str:
    """An item as Remo names it: '"call mum" (tomorrow at 10:00 AM)'."""
    if isinstance(item, Todo):
        return f'"{item.title}"'
    if item.recurrence:
        return f'"{item.title}" ({rule_phrase(item.recurrence)})'
    return f'"{item.title}" ({when(item.reminding_time, now=now, zone=zone)})'


async def choose(target: str | None, kinds: tuple[ItemKind, ...], turn: Turn) -> Item | ToolResult:
    """The one open item target names (None: the latest one), or a question or "not found"."""
    store, user_id = turn.store, turn.user_id
    pools: list[list[Item]] = []
    for kind in kinds:
        pools.append(list(await (open_todos if kind == "todo" else open_reminders)(store, user_id)))
    if target is None:
        found = latest([item for pool in pools for item in pool])
        return ToolResult(WHICH_THAT) if found is None else found
    for pool in pools:
        matched = find_matches(target, pool, title=lambda item: item.title)
        if len(matched) == 1:
            return matched[0]
        if matched:
            names = and_list([name_of(i, now=turn.now, zone=turn.zone) for i in matched[:5]])
            return ToolResult(f'More than one matches "{target}": {names}. Which one do you mean?')
    what = " or ".join("todo" if kind == "todo" else "reminder" for kind in kinds)
    return ToolResult(f'I couldn\'t find an open {what} called "{target}".')
