"""What the user calls an item ("the dentist reminder", "that") and finding it in the store."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from remo_async.assistant.matching import find_matches
from remo_async.assistant.memory import Choice, Ref, Remember
from remo_async.assistant.results import Item, ToolResult, ref_of
from remo_async.assistant.time import WhenError, read_exact, tidy
from remo_async.assistant.turn import ItemKind, Turn
from remo_async.assistant.wording import and_list, rule_phrase, when
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.domain.models import Reminder, Todo
from remo_async.store import Store

JUST_FIRED: Final = timedelta(hours=1)
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
    r"|\s+(?:from|off|on)\s+(?:my\s+|the\s+)?(?:[\w-]+\s+)?"  # "eggs from my shopping list"
    r"(?P<k3>list|todos|todo\s+list|to-do\s+list|tasks|reminders)$"
    r"|^(?:the|my)\s+",
    re.IGNORECASE,
)
_ONE: Final = re.compile(r"\s+(?:one|thing|item|task)$", re.IGNORECASE)  # "the milk one"
_CLOCK: Final = re.compile(
    r"^(?:the\s+one\s+(?:at|for)\s+|(?:my|the|that)\s+)?(?:at\s+)?"
    r"(?P<clock>\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\d{1,2}\s*o'?clock|noon|midday)"
    r"(?:\s+(?:one|reminder|meeting|appointment))?$",
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
    if _CLOCK.match(words):
        return words, "reminder"  # "my 3pm", "the one at 3pm": matched by its time
    target = _ONE.sub("", _ARTICLE.sub("", tidy(_KIND_WORDS.sub(" ", words))))
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


def latest(items: Sequence[Item]) -> Item | None:
    """The item changed last; on a tie (two writes in one second) a reminder."""
    return max(items, key=lambda i: (i.updated_at, isinstance(i, Reminder)), default=None)


def name_of(item: Item, *, now: datetime, zone: str) -> str:
    """An item as Remo names it: '"call mum" (tomorrow at 10:00 AM)'."""
    if isinstance(item, Todo):
        return f'"{item.title}"'
    if item.recurrence:
        return f'"{item.title}" ({rule_phrase(item.recurrence)})'
    return f'"{item.title}" ({when(item.reminding_time, now=now, zone=zone)})'


async def each(items: list[Item], one: Callable[[Item], Awaitable[ToolResult]]) -> ToolResult:
    """one applied to every item in turn, the results joined."""
    result = ToolResult("")
    for item in items:
        result += await one(item)
    return result


async def fetch(refs: tuple[Ref, ...], turn: Turn) -> list[Item]:
    """The stored items refs name, in that order (gone ones left out)."""
    found: list[Item] = []
    for ref in refs:
        repo = turn.store.reminders if ref.kind == "reminder" else turn.store.todos
        item = await repo.get(user_id=turn.user_id, record_id=ref.id)
        if item is not None:
            found.append(item)
    return found


async def choose(
    target: str | None, kinds: tuple[ItemKind, ...], turn: Turn, *, any_status: bool = False
) -> list[Item] | ToolResult:
    """The open item target names (None: "it", the one last touched; any_status: even when
    it is done or cancelled), or a question.

    Several matches are a "which one?" question, remembered so that "both", "the
    first one" or "the one at 3pm" can answer it; no match is said so. Never a guess.
    """
    pools: list[list[Item]] = []
    for kind in kinds:
        fetch_open = open_todos if kind == "todo" else open_reminders
        pools.append(list(await fetch_open(turn.store, turn.user_id)))
    every = [item for pool in pools for item in pool]
    if target is None:
        return await _it(every, kinds, turn, any_status=any_status)
    m = _CLOCK.match(target)
    if m is not None:
        return _one_of(target, _at_clock(m["clock"], every, turn), turn, at_clock=True)
    for pool in pools:
        matched = find_matches(target, pool, title=lambda item: item.title)
        if matched:
            return _one_of(target, matched, turn)
    what = " or ".join("todo" if kind == "todo" else "reminder" for kind in kinds)
    return ToolResult(f'I couldn\'t find an open {what} called "{target}".')


async def _it(
    every: list[Item], kinds: tuple[ItemKind, ...], turn: Turn, *, any_status: bool
) -> list[Item] | ToolResult:
    """ "it": the item last created or touched in this conversation, else a reminder that
    went off within the hour; with none, or one that is closed (any_status False) or of
    another kind, Remo asks which one."""
    last = turn.memory.last
    if last is None:
        # Nothing created or touched in this conversation: "it" is a reminder that has
        # just gone off ("done", "ok did it"), else nothing yet.
        fired: list[Item] = [
            i
            for i in every
            if isinstance(i, Reminder)
            and i.status is ReminderStatus.FIRED
            and (i.fired_at or i.updated_at) >= turn.now - JUST_FIRED
        ]
        found = latest(fired)
        return ToolResult(WHICH_THAT) if found is None else [found]
    remembered = [i for i in every if ref_of(i) == last]
    if not remembered and any_status and last.kind in kinds:
        remembered = await fetch((last,), turn)
    return remembered or ToolResult(WHICH_THAT)


def _one_of(
    target: str, matched: list[Item], turn: Turn, *, at_clock: bool = False
) -> list[Item] | ToolResult:
    if len(matched) == 1:
        return matched
    if not matched:
        return ToolResult(f"I couldn't find an open reminder at {target}.")
    shown = sorted(matched, key=_offered_order)[:5]
    names = and_list([name_of(i, now=turn.now, zone=turn.zone) for i in shown])
    said = f"at {target}" if at_clock else f'"{target}"'
    choice = Choice(turn.message, tuple(ref_of(i) for i in shown))
    return ToolResult(
        f"More than one matches {said}: {names}. Which one do you mean?",
        remember=Remember(choice=choice),
    )


def _offered_order(item: Item) -> tuple[int, datetime, str]:
    """Candidates are offered soonest reminder first, then todos oldest first."""
    if isinstance(item, Reminder):
        return 0, item.reminding_time, item.reminder_id
    return 1, item.created_at, item.todo_id


def _at_clock(clock: str, items: list[Item], turn: Turn) -> list[Item]:
    """Open reminders at that time of day: today's, else the next day's that has some."""
    try:
        at = read_exact(f"at {clock}", now=turn.now, zone=turn.zone)
    except WhenError:
        return []
    if at is None:
        return []
    tz = ZoneInfo(turn.zone)
    wanted = at.astimezone(tz).time()
    today = turn.now.astimezone(tz).date()
    by_day: dict[date, list[Item]] = {}
    for item in items:
        if isinstance(item, Reminder):
            local = item.reminding_time.astimezone(tz)
            if local.time() == wanted and local.date() >= today:
                by_day.setdefault(local.date(), []).append(item)
    return by_day[min(by_day)] if by_day else []
