"""Runs chat messages through the engine and checks what it did, by its public interfaces only.

A case is a message, a user's zone, a frozen `now`, the items the user already has (seeds)
and what should happen (an expectation). The runner gives every case a fresh user id, sets
the zone with `store.users.merge_preferences`, seeds the items through the store, stores the
message and the answer in conversation memory as `POST /chat` does, and then checks both the
answer's actions and the STORED items (store.reminders / store.todos).

Expectations (the meanings are those of the chat conventions agreed in issue 12):
- `NewReminder(title, at, rule)`: one `reminder.created`; `at` is compared as a UTC instant,
  `rule` as an order-insensitive set of RFC 5545 RRULE parts.
- `NewTodo(title, priority, category, due)`: one `todo.created`; `due` a date, no time.
- `Listed(titles, kinds)`: only list actions, whose titles together are `titles`.
- `Changed(type, keys, fields)`: one action of `type` per seeded/earlier item `key`; the
  stored item has `fields`; every other item is unchanged.
- `StateIs(items)`: after an undo: each keyed item has these stored fields (None: deleted).
- `Ask()`: actions == [], the answer ends with "?", nothing stored or changed.
- `Nothing()`: actions == [], nothing stored or changed.

`run_corpus(store, clock, cases, dialogues)` runs everything and returns per-intent results;
`benchmarks/chat_engine.py` and the tests share it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from remo_async.assistant import BuiltinEngine
from remo_async.domain import (
    MessageCreate,
    Priority,
    ReminderCreate,
    ReminderStatus,
    ReminderUpdate,
    Role,
    TodoCreate,
    TodoStatus,
    TodoUpdate,
)
from remo_async.store import Store
from tests.assistant.harness_checks import (
    PASSIVE,
    Ask,
    Changed,
    Expectation,
    Fields,
    Listed,
    NewReminder,
    NewTodo,
    Nothing,
    StateIs,
    check,
)
from tests.assistant.harness_results import Outcome, Results, misses_text
from tests.helpers import SettableClock

__all__ = [
    "Ask",
    "Changed",
    "Expectation",
    "Listed",
    "NewReminder",
    "NewTodo",
    "Nothing",
    "Outcome",
    "Results",
    "StateIs",
    "misses_text",
]


@dataclass(frozen=True)
class SeedReminder:
    key: str
    title: str
    at: datetime
    rule: str | None = None
    status: str = "pending"
    """pending, fired (through the store's fire path), done or cancelled."""


@dataclass(frozen=True)
class SeedTodo:
    key: str
    title: str
    priority: str = "medium"
    category: str | None = None
    status: str = "pending"


Seed = SeedReminder | SeedTodo


@dataclass(frozen=True)
class Case:
    text: str
    expect: Expectation
    intent: str
    zone: str = "UTC"
    now: datetime = datetime(2027, 6, 9, 10, 30, tzinfo=UTC)
    seeds: tuple[Seed, ...] = ()


@dataclass(frozen=True)
class Say:
    text: str
    expect: Expectation
    advance: timedelta = timedelta(0)
    """Clock moved by this much before the message."""
    fire_due: bool = False
    """Fire every due pending reminder (the store's fire path) before the message."""


@dataclass(frozen=True)
class Dialogue:
    name: str
    intent: str
    turns: tuple[Say, ...]
    zone: str = "UTC"
    now: datetime = datetime(2027, 6, 9, 10, 30, tzinfo=UTC)
    seeds: tuple[Seed, ...] = ()


class Conversation:
    """One user's session with the engine, as POST /chat runs it."""

    def __init__(self, store: Store, clock: SettableClock, *, zone: str, now: datetime) -> None:
        self.store, self.clock, self.zone = store, clock, zone
        self.user = f"did:privy:{uuid.uuid4().hex}"
        self.keys: dict[str, tuple[str, str]] = {}  # key -> (kind, id)
        self.history: list[dict[str, str]] = []
        self.previous_answer = ""
        clock.now = now

    async def start(self, seeds: Sequence[Seed], *, remember: bool = True) -> None:
        self.remember = remember
        if self.zone != "UTC":
            await self.store.users.merge_preferences(
                privy_id=self.user, patch={"timezone": self.zone}
            )
        fired = 0
        for seed in seeds:
            if isinstance(seed, SeedReminder):
                fired += await self._seed_reminder(seed, fired)
            else:
                await self._seed_todo(seed)

    async def _seed_reminder(self, seed: SeedReminder, fired: int) -> int:
        made = await self.store.reminders.create(
            user_id=self.user,
            data=ReminderCreate(
                title=seed.title, reminding_time=seed.at, timezone=self.zone, recurrence=seed.rule
            ),
        )
        self.keys[seed.key] = ("reminder", made.reminder_id)
        if seed.status == "fired":  # later seeds fire later: the last one fired last
            moment = min(self.clock.now, seed.at) + timedelta(seconds=fired + 1)
            await self.store.reminders.fire(reminder=made, now=moment)
            return 1
        if seed.status != "pending":
            await self.store.reminders.update(
                user_id=self.user,
                reminder_id=made.reminder_id,
                changes=ReminderUpdate(status=ReminderStatus(seed.status)),
            )
        return 0

    async def _seed_todo(self, seed: SeedTodo) -> None:
        made = await self.store.todos.create(
            user_id=self.user,
            data=TodoCreate(
                title=seed.title, priority=Priority(seed.priority), category=seed.category
            ),
        )
        self.keys[seed.key] = ("todo", made.todo_id)
        if seed.status != "pending":
            await self.store.todos.update(
                user_id=self.user,
                todo_id=made.todo_id,
                changes=TodoUpdate(status=TodoStatus(seed.status)),
            )

    async def fire_due(self) -> None:
        """Fires every due pending reminder through the store's fire path, oldest first."""
        due = [
            r
            async for r in self.store.reminders.iterate(
                user_id=self.user, status=ReminderStatus.PENDING
            )
            if r.reminding_time <= self.clock.now
        ]
        for reminder in sorted(due, key=lambda r: r.reminding_time):
            await self.store.reminders.fire(reminder=reminder, now=self.clock.now)

    async def snapshot(self) -> dict[str, Fields]:
        """Every stored item of the user: id -> its checked fields."""
        items: dict[str, Fields] = {}
        async for reminder in self.store.reminders.iterate(user_id=self.user):
            items[reminder.reminder_id] = reminder.model_dump(
                mode="json", include={"title", "reminding_time", "recurrence", "status"}
            )
        async for todo in self.store.todos.iterate(user_id=self.user):
            items[todo.todo_id] = todo.model_dump(
                mode="json", include={"title", "priority", "category", "due_date", "status"}
            )
        return items

    async def stored(self, kind: str, item_id: str) -> Fields | None:
        """The stored item as API fields, or None when it is not stored."""
        repo = self.store.reminders if kind == "reminder" else self.store.todos
        item = await repo.get(user_id=self.user, record_id=item_id)
        return None if item is None else dict(item.model_dump(mode="json"))

    async def resolve(self, key: str) -> tuple[str, str] | None:
        """A key's (kind, id); "@2" is the second of the known items that the previous
        answer names (a "which one?" question), in the order it names them."""
        if not key.startswith("@"):
            return self.keys.get(key)  # None when an earlier turn did not make it
        said = self.previous_answer.casefold()
        named = []
        for kind, item_id in self.keys.values():
            stored = await self.stored(kind, item_id)
            where = said.find(str(stored["title"]).casefold()) if stored else -1
            if where >= 0:
                named.append((where, kind, item_id))
        named.sort()
        index = int(key[1:]) - 1
        return (named[index][1], named[index][2]) if index < len(named) else None

    async def say(self, text: str) -> tuple[str, list[dict[str, Any]]]:
        engine = BuiltinEngine(store=self.store, clock=self.clock)
        if self.remember:
            await self.store.conversations.add(
                user_id=self.user, data=MessageCreate(role=Role.USER, content=text)
            )
        self.previous_answer = self.history[-1]["content"] if self.history else ""
        reply = await engine.reply(user_id=self.user, message=text, history=list(self.history))
        if self.remember:
            await self.store.conversations.add(
                user_id=self.user, data=MessageCreate(role=Role.ASSISTANT, content=reply.text)
            )
        self.history += [
            {"role": "user", "content": text},
            {"role": "assistant", "content": reply.text},
        ]
        return reply.text, list(reply.actions)


async def run_case(
    store: Store, clock: SettableClock, case: Case, *, remember: bool = True
) -> Outcome:
    """Runs one single-turn case on a fresh user."""
    talk = Conversation(store, clock, zone=case.zone, now=case.now)
    await talk.start(case.seeds, remember=remember)
    return await _turn(talk, case.text, case.expect, case.intent, case.now)


async def run_dialogue(store: Store, clock: SettableClock, dialogue: Dialogue) -> list[Outcome]:
    """Runs every turn of a dialogue on one fresh user; each turn is scored on its own."""
    talk = Conversation(store, clock, zone=dialogue.zone, now=dialogue.now)
    await talk.start(dialogue.seeds)
    outcomes = []
    for turn in dialogue.turns:
        clock.now += turn.advance
        if turn.fire_due:
            await talk.fire_due()
        outcome = await _turn(talk, turn.text, turn.expect, dialogue.intent, clock.now)
        outcome.detail = f"[{dialogue.name}] {outcome.detail}"
        outcomes.append(outcome)
    return outcomes


async def run_corpus(
    store: Store,
    clock: SettableClock,
    cases: Sequence[Case],
    dialogues: Sequence[Dialogue] = (),
) -> Results:
    """Every case and every dialogue turn, scored; the store and clock are the caller's."""
    results = Results()
    for case in cases:
        results.outcomes.append(await run_case(store, clock, case))
    for dialogue in dialogues:
        results.outcomes.extend(await run_dialogue(store, clock, dialogue))
    return results


async def _turn(
    talk: Conversation, text: str, expect: Expectation, intent: str, now: datetime
) -> Outcome:
    before = await talk.snapshot()
    try:
        answer, actions = await talk.say(text)
    except Exception as exc:  # an engine that raises is a miss, not a crash of the run
        answer, actions = f"raised {type(exc).__name__}: {exc}", []
        problem: str | None = answer
    else:
        problem = await check(talk, expect, answer, actions, before)
    wrong = isinstance(expect, PASSIVE) and bool(actions)
    return Outcome(
        ok=problem is None,
        wrong_action=wrong,
        detail=problem or "",
        text=text,
        intent=intent,
        zone=talk.zone,
        now=now,
        passive=isinstance(expect, PASSIVE),
    )
