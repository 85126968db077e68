"""Limits per user: pending reminders and open todos are counted exactly, races included.

On DynamoDB Local only: the counter is held by TransactWriteItems conditions, which moto's
server does not make atomic across its threads.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiobotocore.awsrequest import AioAWSResponse
from botocore.exceptions import ReadTimeoutError

from remo_async.dispatch import Dispatcher
from remo_async.domain import (
    ReminderCreate,
    ReminderStatus,
    ReminderUpdate,
    TodoCreate,
    TodoStatus,
    TodoUpdate,
)
from remo_async.domain.rules import InvalidTransition, new_todo_id
from remo_async.metrics import Metrics
from remo_async.store import NotFound, QuotaExceeded, Store
from remo_async.store.attrs import to_item
from remo_async.userdata import UserDataError, export_user, import_user
from tests.conftest import make_settings, migrate
from tests.faults.inject import attempt_of, header, install, operation_of, response
from tests.helpers import SettableClock

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

ALICE = "did:privy:alice"
LIMIT = 5

StoreFactory = Callable[..., Awaitable[Store]]


@pytest.fixture
async def limited(endpoint: str, clock: SettableClock) -> AsyncIterator[StoreFactory]:
    """Opens migrated Stores with the given limits (one table prefix for all of them)."""
    prefix = make_settings(endpoint).table_prefix
    opened: list[Any] = []

    async def open_store(reminders: int = LIMIT, todos: int = LIMIT) -> Store:
        settings = make_settings(
            endpoint, table_prefix=prefix, max_pending_reminders=reminders, max_todos=todos
        )
        context = Store.open(settings, clock=clock)
        store = await context.__aenter__()
        opened.append(context)
        await migrate(store)
        return store

    yield open_store
    for context in reversed(opened):
        await context.__aexit__(None, None, None)


def _reminder(clock: SettableClock, title: str = "r", **extra: Any) -> ReminderCreate:
    return ReminderCreate.model_validate(
        {"title": title, "reminding_time": clock.now + timedelta(hours=1), **extra}
    )


async def _pending_reminders(store: Store, user_id: str = ALICE) -> int:
    pending = store.reminders.iterate(user_id=user_id, status=ReminderStatus.PENDING)
    return len([r async for r in pending])


async def _pending_todos(store: Store, user_id: str = ALICE) -> int:
    return len([t async for t in store.todos.iterate(user_id=user_id, status=TodoStatus.PENDING)])


async def test_at_the_limit_a_create_is_refused_and_stores_nothing(
    limited: StoreFactory, clock: SettableClock
) -> None:
    store = await limited(reminders=3, todos=2)
    for i in range(3):
        await store.reminders.create(user_id=ALICE, data=_reminder(clock, f"r{i}"))
    with pytest.raises(QuotaExceeded) as refused:
        await store.reminders.create(user_id=ALICE, data=_reminder(clock, "one too many"))
    assert (refused.value.kind, refused.value.limit) == ("reminders", 3)
    titles = sorted([r.title async for r in store.reminders.iterate(user_id=ALICE)])
    assert titles == ["r0", "r1", "r2"]
    assert await store.reminders.quota.current(user_id=ALICE) == 3

    for i in range(2):
        await store.todos.create(user_id=ALICE, data=TodoCreate(title=f"t{i}"))
    with pytest.raises(QuotaExceeded):
        await store.todos.create(user_id=ALICE, data=TodoCreate(title="one too many"))
    assert sorted([t.title async for t in store.todos.iterate(user_id=ALICE)]) == ["t0", "t1"]
    # Another user's limit is their own.
    await store.reminders.create(user_id="did:privy:bob", data=_reminder(clock))


async def test_every_way_out_of_pending_frees_a_slot(
    limited: StoreFactory, clock: SettableClock
) -> None:
    store = await limited(reminders=2)
    dispatcher = Dispatcher(store, settings=store.settings, clock=clock, metrics=Metrics())

    async def full() -> list[str]:
        """Fills the limit and shows it is full; returns the pending ids."""
        while True:
            try:
                await store.reminders.create(user_id=ALICE, data=_reminder(clock))
            except QuotaExceeded:
                break
        pending = store.reminders.iterate(user_id=ALICE, status=ReminderStatus.PENDING)
        return [r.reminder_id async for r in pending]

    async def done(reminder_id: str) -> None:
        change = ReminderUpdate(status=ReminderStatus.DONE)
        await store.reminders.update(user_id=ALICE, reminder_id=reminder_id, changes=change)

    async def cancelled(reminder_id: str) -> None:
        change = ReminderUpdate(status=ReminderStatus.CANCELLED)
        await store.reminders.update(user_id=ALICE, reminder_id=reminder_id, changes=change)

    async def deleted(reminder_id: str) -> None:
        assert await store.reminders.delete(user_id=ALICE, record_id=reminder_id)

    async def fired(reminder_id: str) -> None:
        change = ReminderUpdate(reminding_time=clock.now - timedelta(minutes=1))
        await store.reminders.update(user_id=ALICE, reminder_id=reminder_id, changes=change)
        assert [r.reminder_id for r in await dispatcher.poll_once()] == [reminder_id]

    async def parked(reminder_id: str) -> None:
        assert await store.reminders.park(
            user_id=ALICE, reminder_id=reminder_id, reason="test", now=clock.now
        )

    for way_out in (done, cancelled, deleted, fired, parked):
        first, *_ = await full()
        await way_out(first)
        assert await store.reminders.quota.current(user_id=ALICE) == 1, way_out.__name__
        await store.reminders.create(user_id=ALICE, data=_reminder(clock))
        assert await _pending_reminders(store) == 2

    # And back in: re-arming or snoozing a reminder at the limit is refused, and changes nothing.
    closed = [r async for r in store.reminders.iterate(user_id=ALICE) if r.status != "pending"]
    assert {r.status for r in closed} >= {"done", "cancelled", "fired", "failed"}
    for reminder in closed:
        rearm = (
            store.reminders.snooze(user_id=ALICE, reminder_id=reminder.reminder_id, until=clock.now)
            if reminder.status is ReminderStatus.FIRED
            else store.reminders.update(
                user_id=ALICE,
                reminder_id=reminder.reminder_id,
                changes=ReminderUpdate(status=ReminderStatus.PENDING),
            )
        )
        with pytest.raises(QuotaExceeded):
            await rearm
        assert await store.reminders.get(user_id=ALICE, record_id=reminder.reminder_id) == reminder
    assert await store.reminders.quota.current(user_id=ALICE) == 2


async def test_a_recurring_fire_keeps_the_count(
    limited: StoreFactory, clock: SettableClock
) -> None:
    store = await limited(reminders=1)
    data = _reminder(clock, recurrence="FREQ=DAILY")
    series = await store.reminders.create(user_id=ALICE, data=data)
    clock.advance(hours=2)
    dispatcher = Dispatcher(store, settings=store.settings, clock=clock, metrics=Metrics())
    assert [r.reminder_id for r in await dispatcher.poll_once()] == [series.reminder_id]
    # At the limit, the next occurrence is still made: it replaces the one that fired.
    assert await _pending_reminders(store) == 1
    assert await store.reminders.quota.current(user_id=ALICE) == 1


async def _race(
    create: Callable[[int], Awaitable[Any]], *, attempts: int = 20
) -> tuple[int, list[BaseException]]:
    outcomes = await asyncio.gather(*(create(i) for i in range(attempts)), return_exceptions=True)
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    return attempts - len(refused), refused


async def _naive_create(store: Store, clock: SettableClock, i: int) -> None:
    """A count-then-write create, as a limit is often (wrongly) kept."""
    if await _pending_reminders(store) >= store.reminders.quota.limit:
        raise QuotaExceeded("full", kind="reminders", limit=store.reminders.quota.limit)
    values = {
        "user_id": ALICE,
        "reminder_id": f"rem_naive{i:02}",
        "title": f"naive {i}",
        "reminding_time": "2030-01-01T00:00:00Z",
        "timezone": "UTC",
        "status": "pending",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    await store.dynamo.call("put_item", TableName=store.reminders.table, Item=to_item(values))


@pytest.mark.parametrize(
    "way",
    [
        "counted",
        pytest.param(
            "count-then-write",
            marks=pytest.mark.xfail(reason="the race this test exists to catch", strict=True),
        ),
    ],
)
async def test_concurrent_creates_at_the_last_slot_make_exactly_one(
    limited: StoreFactory, clock: SettableClock, way: str
) -> None:
    store = await limited()
    for i in range(LIMIT - 1):
        await store.reminders.create(user_id=ALICE, data=_reminder(clock, f"r{i}"))

    async def create(i: int) -> None:
        if way == "counted":
            await store.reminders.create(user_id=ALICE, data=_reminder(clock, f"racer{i}"))
        else:
            await _naive_create(store, clock, i)

    made, refused = await _race(create)
    assert made == 1
    assert all(isinstance(e, QuotaExceeded) for e in refused), refused
    assert await _pending_reminders(store) == LIMIT
    assert await store.reminders.quota.current(user_id=ALICE) == LIMIT


async def test_concurrent_todo_creates_at_the_last_slot_make_exactly_one(
    limited: StoreFactory,
) -> None:
    store = await limited()
    for i in range(LIMIT - 1):
        await store.todos.create(user_id=ALICE, data=TodoCreate(title=f"t{i}"))
    made, refused = await _race(
        lambda i: store.todos.create(user_id=ALICE, data=TodoCreate(title=f"racer{i}"))
    )
    assert made == 1
    assert all(isinstance(e, QuotaExceeded) for e in refused), refused
    assert await _pending_todos(store) == LIMIT
    assert await store.todos.quota.current(user_id=ALICE) == LIMIT


async def test_records_from_before_the_counter_are_counted_once(
    limited: StoreFactory, clock: SettableClock
) -> None:
    """Data older than the counter: the first counted write counts it; racers agree."""
    store = await limited()
    for i in range(3):
        await store.reminders.create(user_id=ALICE, data=_reminder(clock, f"old{i}"))
    done = await store.reminders.create(user_id=ALICE, data=_reminder(clock, "closed"))
    await store.reminders.update(
        user_id=ALICE, reminder_id=done.reminder_id, changes=ReminderUpdate(status="done")
    )
    await store.reminders.quota.remove(user_id=ALICE)  # as before migration 0003
    made, refused = await _race(
        lambda i: store.reminders.create(user_id=ALICE, data=_reminder(clock, f"racer{i}"))
    )
    assert made == LIMIT - 3
    assert all(isinstance(e, QuotaExceeded) for e in refused), refused
    assert await store.reminders.quota.current(user_id=ALICE) == LIMIT
    assert await _pending_reminders(store) == LIMIT


async def test_deleting_all_data_resets_the_counter(
    limited: StoreFactory, clock: SettableClock
) -> None:
    store = await limited(reminders=2, todos=2)
    for _ in range(2):
        await store.reminders.create(user_id=ALICE, data=_reminder(clock))
        await store.todos.create(user_id=ALICE, data=TodoCreate(title="t"))
    await store.delete_user_data(user_id=ALICE, data_type="reminders")
    await store.reminders.create(user_id=ALICE, data=_reminder(clock))
    assert await store.reminders.quota.current(user_id=ALICE) == 1
    with pytest.raises(QuotaExceeded):  # todos were not part of it
        await store.todos.create(user_id=ALICE, data=TodoCreate(title="t"))
    await store.delete_user_data(user_id=ALICE)
    await store.todos.create(user_id=ALICE, data=TodoCreate(title="t"))
    assert await store.todos.quota.current(user_id=ALICE) == 1
    assert await store.reminders.quota.current(user_id=ALICE) is None


async def test_expired_todos_are_recounted_at_the_limit(
    limited: StoreFactory, clock: SettableClock
) -> None:
    """A pending todo past retention expires without a write: the refused create recounts."""
    store = await limited(todos=2)
    for i in range(2):
        await store.todos.create(user_id=ALICE, data=TodoCreate(title=f"old{i}"))
    clock.advance(days=store.settings.retention_days + 1)
    assert await _pending_todos(store) == 0
    await store.todos.create(user_id=ALICE, data=TodoCreate(title="fresh"))
    assert await store.todos.quota.current(user_id=ALICE) == 1
    await store.todos.create(user_id=ALICE, data=TodoCreate(title="fresh"))
    with pytest.raises(QuotaExceeded):  # counted just now: no recount, the limit holds
        await store.todos.create(user_id=ALICE, data=TodoCreate(title="fresh"))


async def test_import_past_the_limit_writes_nothing(
    limited: StoreFactory, clock: SettableClock
) -> None:
    roomy = await limited(reminders=10, todos=10)
    for i in range(3):
        await roomy.reminders.create(user_id=ALICE, data=_reminder(clock, f"r{i}"))
        await roomy.todos.create(user_id=ALICE, data=TodoCreate(title=f"t{i}"))
    exported = await export_user(roomy, user_id=ALICE)
    await roomy.delete_user_data(user_id=ALICE)

    tight = await limited(reminders=2, todos=10)
    with pytest.raises(UserDataError, match=r"nothing was imported: .* 3 pending reminders"):
        await import_user(tight, data=exported)
    nothing = await export_user(tight, user_id=ALICE)
    untouched = await export_user(tight, user_id="did:privy:nobody")
    assert (nothing.reminders, nothing.todos) == ([], [])
    assert nothing.preferences == untouched.preferences

    counts = await import_user(roomy, data=exported)
    assert counts["reminders"]["restored"] == 3
    assert await roomy.reminders.quota.current(user_id=ALICE) == 3
    # Stored items need no room: importing again at the limit is still "once".
    at_limit = await limited(reminders=3, todos=3)
    again = await import_user(at_limit, data=exported)
    assert again["reminders"]["already present"] == 3
    assert await at_limit.reminders.quota.current(user_id=ALICE) == 3


async def test_import_refused_item_by_item_when_a_create_takes_the_room(
    limited: StoreFactory, clock: SettableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check passes, then a create takes the last slot: that item alone is refused."""
    roomy = await limited(reminders=10)
    for i in range(2):
        await roomy.reminders.create(user_id=ALICE, data=_reminder(clock, f"r{i}"))
    exported = await export_user(roomy, user_id=ALICE)
    await roomy.delete_user_data(user_id=ALICE)
    tight = await limited(reminders=2)
    real_room = tight.reminders.pending_room

    async def room_then_a_create(*, user_id: str) -> int:
        room = await real_room(user_id=user_id)
        await tight.reminders.create(user_id=user_id, data=_reminder(clock, "meanwhile"))
        return room

    monkeypatch.setattr(tight.reminders, "pending_room", room_then_a_create)
    with pytest.raises(UserDataError, match="1 pending item"):
        await import_user(tight, data=exported)
    titles = sorted([r.title async for r in tight.reminders.iterate(user_id=ALICE)])
    assert titles in (["meanwhile", "r0"], ["meanwhile", "r1"])
    assert await tight.reminders.quota.current(user_id=ALICE) == 2


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_the_counter_is_the_number_pending_after_any_sequence(
    limited: StoreFactory, clock: SettableClock, seed: int
) -> None:
    """A seeded random walk over every operation; after each, counter == pending items."""
    store = await limited(reminders=3, todos=2)
    dispatcher = Dispatcher(store, settings=store.settings, clock=clock, metrics=Metrics())
    rng = random.Random(seed)
    history: list[str] = []

    async def ids() -> tuple[list[str], list[str]]:
        reminders = [r.reminder_id async for r in store.reminders.iterate(user_id=ALICE)]
        todos = [t.todo_id async for t in store.todos.iterate(user_id=ALICE)]
        return reminders, todos

    async def step() -> str:
        reminders, todos = await ids()
        some_reminder = rng.choice(reminders) if reminders else "rem_none"
        some_todo = rng.choice(todos) if todos else new_todo_id()
        action = rng.choice(
            ["create", "create", "status", "snooze", "delete", "fire", "park", "todo", "todo"]
        )
        if action == "create":
            when = clock.now + timedelta(minutes=rng.choice([-5, 1, 30]))
            recurrence = rng.choice([None, None, "FREQ=HOURLY"])
            data = ReminderCreate(title="r", reminding_time=when, recurrence=recurrence)
            await store.reminders.create(user_id=ALICE, data=data)
        elif action == "status":
            status = ReminderStatus(rng.choice(["pending", "done", "cancelled"]))
            await store.reminders.update(
                user_id=ALICE, reminder_id=some_reminder, changes=ReminderUpdate(status=status)
            )
        elif action == "snooze":
            until = clock.now + timedelta(minutes=rng.choice([-1, 10]))
            await store.reminders.snooze(user_id=ALICE, reminder_id=some_reminder, until=until)
        elif action == "delete":
            await store.reminders.delete(user_id=ALICE, record_id=some_reminder)
        elif action == "fire":
            clock.advance(minutes=rng.choice([1, 40]))
            await dispatcher.poll_once()
        elif action == "park":
            await store.reminders.park(
                user_id=ALICE, reminder_id=some_reminder, reason="test", now=clock.now
            )
        else:
            kind = rng.choice(["create", "pending", "done", "cancelled", "delete"])
            if kind == "create":
                await store.todos.create(user_id=ALICE, data=TodoCreate(title="t"))
            elif kind == "delete":
                await store.todos.delete(user_id=ALICE, record_id=some_todo)
            else:
                await store.todos.update(
                    user_id=ALICE, todo_id=some_todo, changes=TodoUpdate(status=TodoStatus(kind))
                )
            action = f"todo {kind}"
        return action

    for _ in range(100):
        try:
            history.append(await step())
        except (QuotaExceeded, InvalidTransition, NotFound) as refused:
            history.append(type(refused).__name__)  # NotFound: a made-up or deleted id
        counted = (
            await store.reminders.quota.current(user_id=ALICE) or 0,
            await store.todos.quota.current(user_id=ALICE) or 0,
        )
        real = (await _pending_reminders(store), await _pending_todos(store))
        assert counted == real, (
            f"seed {seed}: counters {counted} but {real} pending after {history}"
        )
        assert real <= (3, 2), f"seed {seed}: over a limit after {history}"
    assert "QuotaExceeded" in history, f"seed {seed}: the walk never reached a limit"


@dataclass(eq=False)  # hashable: botocore keeps handlers in a mapping
class LostTransactionAnswers:
    """Sends each transaction's first attempt itself; when it was written, loses the answer."""

    session: aiohttp.ClientSession
    lost: list[str] = field(default_factory=list)

    async def __call__(self, request: Any, **_: Any) -> AioAWSResponse | None:
        invocation, attempt = attempt_of(request)
        if operation_of(request) != "TransactWriteItems" or attempt > 1:
            return None  # sent as usual: botocore's retry carries the same ClientRequestToken
        headers = {name: header(request, name) for name in request.headers}
        async with self.session.post(request.url, data=request.body, headers=headers) as sent:
            answer = await sent.read()
            if sent.status != 200:
                return response(request.url, sent.status, dict(sent.headers), answer)
        self.lost.append(invocation)
        raise ReadTimeoutError(endpoint_url=request.url)


async def test_a_counted_write_whose_answer_was_lost_counts_once(
    limited: StoreFactory, clock: SettableClock
) -> None:
    """botocore resends the transaction; DynamoDB answers it as the first attempt was."""
    store = await limited(reminders=3)
    await store.reminders.create(user_id=ALICE, data=_reminder(clock, "first"))  # counter made
    async with aiohttp.ClientSession() as session:
        lost = LostTransactionAnswers(session)
        uninstall = install(store.dynamo.client, lost, name="lost-transactions")
        made = await store.reminders.create(user_id=ALICE, data=_reminder(clock, "lost"))
        done = await store.reminders.update(
            user_id=ALICE, reminder_id=made.reminder_id, changes=ReminderUpdate(status="done")
        )
        uninstall()
    assert len(lost.lost) == 2
    assert done.status is ReminderStatus.DONE
    assert await _pending_reminders(store) == 1
    assert await store.reminders.quota.current(user_id=ALICE) == 1
