"""What a chat turn should have done, and the check of what it did (answer, actions, store).

Shared by the hand-written corpus and the phrase generator through `tests.assistant.harness`.
Titles compare case-insensitively with spaces collapsed and end punctuation dropped; times
compare as UTC instants; RRULEs (RFC 5545 section 3.3.10) as sets of KEY=VALUE parts, list
values order-insensitive and INTERVAL=1 the same as no INTERVAL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.assistant.harness import Conversation

Fields = dict[str, Any]
Action = dict[str, Any]
KIND_OF_TYPE = {"reminder": "reminder", "todo": "todo"}


@dataclass(frozen=True)
class NewReminder:
    title: str
    at: datetime
    rule: str | None = None
    key: str = ""
    """Name the created item gets for later turns of a dialogue."""
    says: str = ""
    """Words the answer must hold (case-insensitive), e.g. a duplicate's warning."""


@dataclass(frozen=True)
class NewTodo:
    title: str
    priority: str = "medium"
    category: str | None = None
    due: date | None = None
    key: str = ""


@dataclass(frozen=True)
class Listed:
    titles: tuple[str, ...]
    kinds: tuple[str, ...] = ("reminders.listed", "todos.listed")


@dataclass(frozen=True)
class Changed:
    type: str
    keys: tuple[str, ...]
    fields: Fields = field(default_factory=dict)


@dataclass(frozen=True)
class StateIs:
    items: dict[str, Fields | None]


@dataclass(frozen=True)
class Ask:
    pass


@dataclass(frozen=True)
class Nothing:
    pass


Expectation = NewReminder | NewTodo | Listed | Changed | StateIs | Ask | Nothing
PASSIVE = (Ask, Nothing)
"""Expectations under which any action is a wrong action."""


def norm_title(title: object) -> str:
    return " ".join(str(title).casefold().split()).strip(" .!?,;:")


def rule_parts(rule: object) -> dict[str, tuple[str, ...]] | None:
    """An RRULE's parts, order-insensitive; None for no rule."""
    if rule is None or rule == "":
        return None
    text = str(rule).upper().removeprefix("RRULE:")
    parts = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        parts[name.strip()] = tuple(sorted(v.strip() for v in value.split(",")))
    if parts.get("INTERVAL") == ("1",):
        del parts["INTERVAL"]
    return parts


def _instant(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def field_problem(name: str, want: Any, got: Any) -> str | None:
    """Why a stored or answered field differs from what is wanted, or None."""
    if name == "title":
        same = norm_title(want) == norm_title(got)
    elif name == "reminding_time":
        same = _instant(got) == want
    elif name == "recurrence":
        same = rule_parts(want) == rule_parts(got)
    elif name == "due_date":
        same = (None if want is None else want.isoformat()) == (None if got is None else str(got))
    elif name == "category":
        same = (want or None) == (str(got).strip().casefold() if got else None)
    else:
        same = str(want) == str(got)
    return None if same else f"{name}: want {want!r}, got {got!r}"


def _fields_problem(want: Fields, got: Fields, where: str) -> str | None:
    for name, value in want.items():
        problem = field_problem(name, value, got.get(name))
        if problem:
            return f"{where} {problem}"
    return None


def _unchanged(before: dict[str, Fields], after: dict[str, Fields], but: set[str]) -> str | None:
    for item_id, fields in after.items():
        if item_id not in but and before.get(item_id) != fields:
            return f"item {fields.get('title')!r} changed or was created: {fields}"
    gone = set(before) - set(after) - but
    return f"{len(gone)} item(s) deleted" if gone else None


def _one_action(actions: list[Action], kind: str) -> Action | str:
    if len(actions) != 1 or actions[0].get("type") != f"{kind}.created":
        return f"want one {kind}.created, got {[a.get('type') for a in actions]}"
    return actions[0]


def _id_of(action: Action) -> tuple[str, str] | None:
    for kind in ("reminder", "todo"):
        item = action.get(kind)
        if isinstance(item, dict):
            return kind, str(item.get(f"{kind}_id"))
    return None


async def _check_new(
    talk: Conversation,
    expect: NewReminder | NewTodo,
    answer: str,
    actions: list[Action],
    before: Any,
) -> str | None:
    kind = "reminder" if isinstance(expect, NewReminder) else "todo"
    got = _one_action(actions, kind)
    if isinstance(got, str):
        return got
    item = got[kind]
    if isinstance(expect, NewReminder):
        want: Fields = {
            "title": expect.title,
            "reminding_time": expect.at,
            "recurrence": expect.rule,
            "status": "pending",
            "timezone": talk.zone,
        }
    else:
        want = {
            "title": expect.title,
            "priority": expect.priority,
            "category": expect.category,
            "due_date": expect.due,
            "status": "pending",
        }
    problem = _fields_problem(want, item, "answered")
    if problem:
        return problem
    if isinstance(expect, NewReminder) and expect.says.casefold() not in answer.casefold():
        return f"the answer does not say {expect.says!r}: {answer!r}"
    item_id = str(item[f"{kind}_id"])
    after = await talk.snapshot()
    stored = await talk.stored(kind, item_id)
    if stored is None:
        return "answered a created item that is not stored"
    problem = _fields_problem(want, stored, "stored") or _unchanged(before, after, {item_id})
    if expect.key:
        talk.keys[expect.key] = (kind, item_id)
    return problem


def _listed_titles(actions: list[Action], kinds: tuple[str, ...]) -> list[str] | str:
    if not actions:
        return "want a list, got no action"
    titles = []
    for action in actions:
        if action.get("type") not in kinds:
            return f"want only {kinds}, got {action.get('type')}"
        items = action.get("reminders") or action.get("todos") or []
        titles += [norm_title(item.get("title")) for item in items]
    return sorted(titles)


async def _check_changed(
    talk: Conversation, expect: Changed, actions: list[Action], before: dict[str, Fields]
) -> str | None:
    types = [a.get("type") for a in actions]
    if not actions or any(t != expect.type for t in types):
        return f"want {expect.type} x{len(expect.keys)}, got {types}"
    resolved = [await talk.resolve(key) for key in expect.keys]
    if None in resolved:
        return f"no item for {expect.keys} (an earlier turn missed, or no answer named it)"
    targets = {item for item in resolved if item is not None}
    touched = {_id_of(a) for a in actions}
    if touched != targets:
        names = [(a.get("reminder") or a.get("todo") or {}).get("title") for a in actions]
        return f"acted on {names}, not on {list(expect.keys)}"
    for kind, item_id in targets:
        stored = await talk.stored(kind, item_id)
        if stored is None:
            return f"{kind} {item_id} is gone"
        problem = _fields_problem(expect.fields, stored, "stored")
        if problem:
            return problem
    return _unchanged(before, await talk.snapshot(), {i for _, i in targets})


async def _check_state(
    talk: Conversation, expect: StateIs, before: dict[str, Fields]
) -> str | None:
    ids = set()
    for key, fields in expect.items.items():
        if key not in talk.keys:
            return f"no item {key!r}: an earlier turn did not make it"
        kind, item_id = talk.keys[key]
        ids.add(item_id)
        stored = await talk.stored(kind, item_id)
        if fields is None:
            if stored is not None:
                return f"{key} should be deleted, is {stored}"
            continue
        if stored is None:
            return f"{key} is gone"
        problem = _fields_problem(fields, stored, f"{key}")
        if problem:
            return problem
    return _unchanged(before, await talk.snapshot(), ids)


async def check(
    talk: Conversation,
    expect: Expectation,
    answer: str,
    actions: list[Action],
    before: dict[str, Fields],
) -> str | None:
    """Why the turn did not do what was expected, or None when it did."""
    if isinstance(expect, NewReminder | NewTodo):
        return await _check_new(talk, expect, answer, actions, before)
    if isinstance(expect, Changed):
        return await _check_changed(talk, expect, actions, before)
    if isinstance(expect, StateIs):
        return await _check_state(talk, expect, before)
    if isinstance(expect, Listed):
        titles = _listed_titles(actions, expect.kinds)
        want = sorted(norm_title(t) for t in expect.titles)
        if isinstance(titles, str) or titles != want:
            return f"listed {titles}, want {want}"
        return _unchanged(before, await talk.snapshot(), set())
    if actions:
        return f"want no action, got {[a.get('type') for a in actions]}"
    if isinstance(expect, Ask) and not answer.rstrip().endswith("?"):
        return "want a question (ending with ?)"
    return _unchanged(before, await talk.snapshot(), set())
