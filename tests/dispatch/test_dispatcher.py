"""The dispatcher on DynamoDB Local: on time, exactly once, across replicas and outages."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from remo_async.dispatch import Dispatcher
from remo_async.domain import Reminder, ReminderCreate, ReminderStatus, ReminderUpdate
from remo_async.domain.times import utc_now
from remo_async.embedded import DynamoDBLocal
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store, StoreUnavailable
from tests.conftest import make_settings, migrate
from tests.helpers import SettableClock

# Races belong on the real thing.
pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

ALICE = "did:privy:alice"


class Recorder:
    """A notifier that remembers every fire it heard of."""

    def __init__(self) -> None:
        self.fired: list[Reminder] = []

    async def reminder_fired(self, reminder: Reminder) -> None:
        self.fired.append(reminder)


def _dispatcher(store: Store, clock: SettableClock, *notifiers: Recorder) -> Dispatcher:
    return Dispatcher(
        store, settings=store.settings, clock=clock, metrics=Metrics(), notifiers=notifiers
    )


async def _make(store: Store, user_id: str, when: datetime, **extra: object) -> Reminder:
    data = ReminderCreate.model_validate({"title": "t", "reminding_time": when, **extra})
    return await store.reminders.create(user_id=user_id, data=data)


async def test_fires_what_is_due_and_nothing_early(store: Store, clock: SettableClock) -> None:
    due = await _make(store, ALICE, clock.now - timedelta(seconds=1))
    exact = await _make(store, ALICE, clock.now)
    later = await _make(store, ALICE, clock.now + timedelta(minutes=1))
    heard = Recorder()
    dispatcher = _dispatcher(store, clock, heard)
    fired = await dispatcher.poll_once()
    assert sorted(r.reminder_id for r in fired) == sorted([due.reminder_id, exact.reminder_id])
    assert sorted(r.reminder_id for r in heard.fired) == sorted(r.reminder_id for r in fired)
    assert all(r.status is ReminderStatus.FIRED and r.fired_at == clock.now for r in fired)
    assert await dispatcher.poll_once() == []
    clock.advance(seconds=59)
    assert await dispatcher.poll_once() == []
    clock.advance(seconds=1)
    assert [r.reminder_id for r in await dispatcher.poll_once()] == [later.reminder_id]


async def test_cancelled_and_done_never_fire(store: Store, clock: SettableClock) -> None:
    for status in ("cancelled", "done"):
        reminder = await _make(store, ALICE, clock.now + timedelta(seconds=30))
        await store.reminders.update(
            user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status=status)
        )
    clock.advance(minutes=5)
    assert await _dispatcher(store, clock).poll_once() == []


async def test_overdue_reminders_fire_on_the_first_poll(store: Store, clock: SettableClock) -> None:
    made = [await _make(store, ALICE, clock.now - timedelta(hours=i * 7)) for i in range(1, 21)]
    metrics = Metrics()
    dispatcher = Dispatcher(store, settings=store.settings, clock=clock, metrics=metrics)
    fired = await dispatcher.poll_once()
    assert {r.reminder_id for r in fired} == {r.reminder_id for r in made}
    lag_count = metrics.registry.get_sample_value("remo_dispatch_lag_seconds_count")
    assert lag_count == 20
    lag_sum = metrics.registry.get_sample_value("remo_dispatch_lag_seconds_sum")
    assert lag_sum == sum(i * 7 * 3600 for i in range(1, 21))


async def test_three_dispatchers_fire_1000_reminders_exactly_once(
    settings: Settings, clock: SettableClock
) -> None:
    async with (
        Store.open(settings, clock=clock) as a,
        Store.open(settings, clock=clock) as b,
        Store.open(settings, clock=clock) as c,
    ):
        await migrate(a)
        users = [f"did:privy:user{i:03}" for i in range(100)]
        slots = asyncio.Semaphore(32)  # a busy machine refuses 1,000 connections at once

        async def make(i: int) -> Reminder:
            async with slots:
                return await _make(a, users[i % 100], clock.now + timedelta(seconds=i % 60))

        made = await asyncio.gather(*(make(i) for i in range(1000)))
        await _make(a, users[0], clock.now + timedelta(hours=1))  # not due: must stay
        clock.advance(minutes=1)
        heard = [Recorder(), Recorder(), Recorder()]
        replicas = [_dispatcher(s, clock, h) for s, h in zip((a, b, c), heard, strict=True)]
        rounds = await asyncio.gather(*(d.poll_once() for d in replicas))
        rounds += await asyncio.gather(*(d.poll_once() for d in replicas))
        fired = Counter(r.reminder_id for batch in rounds for r in batch)
        assert set(fired) == {r.reminder_id for r in made}
        assert set(fired.values()) == {1}, "each reminder fired exactly once"
        notified = Counter(r.reminder_id for h in heard for r in h.fired)
        assert notified == fired
        assert sum(1 for h in heard if h.fired) >= 2, "the work was shared"
        pending = [
            r async for r in a.reminders.iterate(user_id=users[0], status=ReminderStatus.PENDING)
        ]
        assert len(pending) == 1


async def test_daily_at_9_in_new_york_stays_9_across_dst(store: Store) -> None:
    clock = SettableClock(datetime(2027, 3, 13, 14, 0, 30, tzinfo=UTC))
    store.reminders._clock = clock
    first = await _make(
        store,
        ALICE,
        datetime(2027, 3, 13, 14, 0, tzinfo=UTC),  # 09:00 EST
        timezone="America/New_York",
        recurrence="FREQ=DAILY;COUNT=3",
    )
    dispatcher = _dispatcher(store, clock)
    times = []
    for _ in range(4):
        fired = await dispatcher.poll_once()
        times += [r.reminding_time for r in fired]
        clock.advance(days=1)
    assert times == [
        datetime(2027, 3, 13, 14, 0, tzinfo=UTC),  # 09:00 EST
        datetime(2027, 3, 14, 13, 0, tzinfo=UTC),  # 09:00 EDT, after the change
        datetime(2027, 3, 15, 13, 0, tzinfo=UTC),
    ]
    series = [r async for r in store.reminders.iterate(user_id=ALICE)]
    assert [r.recurrence for r in series] == [
        "FREQ=DAILY;COUNT=3",
        "FREQ=DAILY;COUNT=2",
        "FREQ=DAILY;COUNT=1",
    ]
    assert all(r.status is ReminderStatus.FIRED for r in series)
    assert series[0].reminder_id == first.reminder_id


async def test_cancelling_the_pending_occurrence_ends_the_series(
    store: Store, clock: SettableClock
) -> None:
    await _make(store, ALICE, clock.now, recurrence="FREQ=WEEKLY;BYDAY=WE")
    dispatcher = _dispatcher(store, clock)
    assert len(await dispatcher.poll_once()) == 1
    (following,) = [
        r async for r in store.reminders.iterate(user_id=ALICE, status=ReminderStatus.PENDING)
    ]
    assert following.reminding_time == clock.now + timedelta(days=7)
    await store.reminders.update(
        user_id=ALICE, reminder_id=following.reminder_id, changes=ReminderUpdate(status="cancelled")
    )
    clock.advance(days=8)
    assert await dispatcher.poll_once() == []


async def test_snooze_fires_again_without_doubling_a_series(
    store: Store, clock: SettableClock
) -> None:
    daily = await _make(store, ALICE, clock.now, recurrence="FREQ=DAILY")
    dispatcher = _dispatcher(store, clock)
    assert len(await dispatcher.poll_once()) == 1
    snoozed = await store.reminders.snooze(
        user_id=ALICE, reminder_id=daily.reminder_id, until=clock.now + timedelta(minutes=10)
    )
    assert snoozed.status is ReminderStatus.PENDING
    assert snoozed.fired_at is None
    clock.advance(minutes=9)
    assert await dispatcher.poll_once() == []
    clock.advance(minutes=1)
    again = await dispatcher.poll_once()
    assert [r.reminder_id for r in again] == [daily.reminder_id]
    everything = [r async for r in store.reminders.iterate(user_id=ALICE)]
    assert len(everything) == 2, "the snoozed occurrence did not start a second series"


async def test_run_stops_cleanly(store: Store, clock: SettableClock) -> None:
    await _make(store, ALICE, clock.now)
    heard = Recorder()
    dispatcher = _dispatcher(store, clock, heard)
    task = asyncio.create_task(dispatcher.run())
    for _ in range(200):
        if heard.fired:
            break
        await asyncio.sleep(0.01)
    dispatcher.stop()
    await asyncio.wait_for(task, timeout=5)
    assert len(heard.fired) == 1


def _lose_one_fire_answer(store: Store, monkeypatch: pytest.MonkeyPatch, *, written: str) -> None:
    """The next fire's answer is lost, as when DynamoDB drops; its write is applied at once
    ("written"), never ("not-written"), or late, just before the next fire's ("late")."""
    real_call = store.dynamo.call
    lost: list[tuple[str, dict[str, Any]]] = []

    async def call(operation: str, **kwargs: Any) -> dict[str, Any]:
        if operation in ("update_item", "transact_write_items"):
            if not lost:
                lost.append((operation, kwargs))
                if written == "written":
                    await real_call(operation, **kwargs)
                raise StoreUnavailable("Read timeout on endpoint URL")
            if written == "late" and len(lost) == 1:
                late_operation, late_kwargs = lost[0]
                lost.append((operation, kwargs))
                await real_call(late_operation, **late_kwargs)
        return await real_call(operation, **kwargs)

    monkeypatch.setattr(store.dynamo, "call", call)


@pytest.mark.parametrize("written", ["written", "not-written", "late"])
@pytest.mark.parametrize("recurrence", [None, "FREQ=DAILY"], ids=["once", "daily"])
async def test_a_fire_whose_answer_was_lost_is_heard_of_exactly_once(
    store: Store,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
    written: str,
    recurrence: str | None,
) -> None:
    made = await _make(store, ALICE, clock.now, recurrence=recurrence)
    heard = Recorder()
    dispatcher = _dispatcher(store, clock, heard)
    _lose_one_fire_answer(store, monkeypatch, written=written)
    assert await dispatcher.poll_once() == []
    stored = await store.reminders.get(user_id=ALICE, record_id=made.reminder_id)
    expected = ReminderStatus.FIRED if written == "written" else ReminderStatus.PENDING
    assert stored.status is expected
    fired = []
    for _ in range(3):
        clock.advance(seconds=1)
        fired += await dispatcher.poll_once()
    assert [r.reminder_id for r in fired] == [made.reminder_id]
    assert [r.reminder_id for r in heard.fired] == [made.reminder_id]
    series = (await store.reminders.list(user_id=ALICE)).items
    assert len(series) == (2 if recurrence else 1)  # one next occurrence, not two


@pytest.mark.parametrize("recurrence", [None, "FREQ=DAILY"], ids=["once", "daily"])
async def test_a_fire_retried_after_its_answer_was_lost_is_still_won(
    store: Store, clock: SettableClock, monkeypatch: pytest.MonkeyPatch, recurrence: str | None
) -> None:
    """botocore sends the write again; the retry fails its condition on our own fire."""
    made = await _make(store, ALICE, clock.now, recurrence=recurrence)
    real_call = store.dynamo.call

    async def call(operation: str, **kwargs: Any) -> dict[str, Any]:
        if operation in ("update_item", "transact_write_items"):
            await real_call(operation, **kwargs)  # written; its answer lost
        return await real_call(operation, **kwargs)  # the retry

    monkeypatch.setattr(store.dynamo, "call", call)
    heard = Recorder()
    fired = await _dispatcher(store, clock, heard).poll_once()
    assert [r.reminder_id for r in fired] == [made.reminder_id]
    assert [r.reminder_id for r in heard.fired] == [made.reminder_id]


async def test_survives_dynamodb_local_going_away(backend: str, tmp_path: Path) -> None:
    """Killed and restarted on the same data: nothing lost, nothing fired twice."""
    local = DynamoDBLocal(db_path=tmp_path / "db")
    with local:
        patient = make_settings(local.endpoint)
        async with Store.open(patient) as setup:  # a busy machine answers slowly at first
            await migrate(setup)
            now = utc_now()
            made = [await _make(setup, ALICE, now - timedelta(seconds=1)) for _ in range(30)]
        settings = patient.model_copy(
            update={
                "dispatch_interval": 0.05,
                "dynamodb_connect_timeout": 0.3,
                "dynamodb_read_timeout": 1,
                "dynamodb_max_attempts": 1,
            }
        )
        async with Store.open(settings) as store:
            local.kill()
            heard = Recorder()
            dispatcher = Dispatcher(
                store,
                settings=settings,
                clock=utc_now,
                metrics=Metrics(),
                notifiers=[heard],
                max_backoff=0.5,
            )
            task = asyncio.create_task(dispatcher.run())
            await asyncio.sleep(1.0)
            assert heard.fired == []
            await asyncio.to_thread(local.start)
            for _ in range(1800):  # up to 90 s: a busy machine restarts the JVM slowly
                if len(heard.fired) >= 30:
                    break
                await asyncio.sleep(0.05)
            dispatcher.stop()
            await asyncio.wait_for(task, timeout=10)
            fired = Counter(r.reminder_id for r in heard.fired)
            unheard = [r.reminder_id for r in made if r.reminder_id not in fired]
            states = [
                await store.dynamo.call(
                    "get_item",
                    TableName=store.reminders.table,
                    Key={"user_id": {"S": ALICE}, "reminder_id": {"S": rid}},
                    ConsistentRead=True,
                )
                for rid in unheard
            ]
        assert unheard == [], f"never heard of, as stored now: {states}"
        assert set(fired) == {r.reminder_id for r in made}
        assert set(fired.values()) == {1}
