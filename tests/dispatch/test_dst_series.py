"""A series keeps its wall-clock time through the store and dispatcher (RFC 5545 3.3.5).

On DynamoDB Local: each fire stores the follower with its time in the series
(`recurrence_id`), so a spring-forward gap or a snooze moves one occurrence, not the
series; a PATCH of the pending occurrence moves the series (documented); items stored by
older releases (no `recurrence_id`) fire as they did; and a broken `recurrence_id` parks
that reminder alone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from remo_async.dispatch import Dispatcher
from remo_async.domain import Reminder, ReminderCreate, ReminderStatus, ReminderUpdate
from remo_async.metrics import Metrics
from remo_async.store import Store
from remo_async.store.attrs import from_item
from tests.damage import plant_copy
from tests.helpers import SettableClock

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

ALICE = "did:privy:alice"
NEW_YORK = ZoneInfo("America/New_York")


def _dispatcher(store: Store, clock: SettableClock, metrics: Metrics | None = None) -> Dispatcher:
    return Dispatcher(store, settings=store.settings, clock=clock, metrics=metrics or Metrics())


async def _make(store: Store, user_id: str, when: datetime, **extra: object) -> Reminder:
    data = ReminderCreate.model_validate({"title": "t", "reminding_time": when, **extra})
    return await store.reminders.create(user_id=user_id, data=data)


async def _pending(store: Store, user_id: str = ALICE) -> Reminder:
    (pending,) = [
        r async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.PENDING)
    ]
    return pending


async def _raw(store: Store, user_id: str, reminder_id: str) -> dict[str, Any]:
    response = await store.dynamo.call(
        "get_item",
        TableName=store.reminders.table,
        Key={"user_id": {"S": user_id}, "reminder_id": {"S": reminder_id}},
        ConsistentRead=True,
    )
    return from_item(response["Item"])


def _ny(*args: int) -> datetime:
    return datetime(*args, tzinfo=NEW_YORK).astimezone(UTC)  # type: ignore[misc]


async def _fire_daily(store: Store, clock: SettableClock, days: int) -> list[datetime]:
    """Polls once a minute for `days` days' worth of due times; what fired, in local time."""
    dispatcher = _dispatcher(store, clock)
    fired: list[datetime] = []
    for _ in range(days):
        pending = await _pending(store)
        clock.now = pending.reminding_time
        fired += [r.reminding_time.astimezone(NEW_YORK) for r in await dispatcher.poll_once()]
    return fired


async def test_a_daily_series_at_0230_is_0330_on_the_gap_day_only(store: Store) -> None:
    clock = SettableClock(datetime(2027, 3, 11, tzinfo=UTC))
    store.reminders._clock = clock
    await _make(
        store, ALICE, _ny(2027, 3, 12, 2, 30), timezone="America/New_York", recurrence="FREQ=DAILY"
    )
    fired = await _fire_daily(store, clock, 5)
    # 2027-03-14 02:30 does not exist: 03:30 EDT that day (RFC 5545 3.3.5), 02:30 after.
    assert [t.strftime("%d %H:%M %Z") for t in fired] == [
        "12 02:30 EST",
        "13 02:30 EST",
        "14 03:30 EDT",
        "15 02:30 EDT",
        "16 02:30 EDT",
    ]
    pending = await _pending(store)
    assert (await _raw(store, ALICE, pending.reminder_id))["recurrence_id"] == "20270317T023000"
    assert "recurrence_id" not in pending.model_dump()  # stored, never answered


async def test_a_follower_stored_by_an_older_release_fires_as_it_did(store: Store) -> None:
    clock = SettableClock(datetime(2027, 3, 1, tzinfo=UTC))
    store.reminders._clock = clock
    template = await _make(
        store, ALICE, _ny(2027, 3, 2, 9, 0), timezone="America/New_York", recurrence="FREQ=DAILY"
    )
    # Older releases wrote no recurrence_id: its reminding_time's wall time is the anchor.
    legacy = await plant_copy(
        store,
        user_id=ALICE,
        reminder_id=template.reminder_id,
        changes={"reminding_time": "2027-03-01T14:00:00Z", "recurrence_id": None},
    )
    clock.now = datetime(2027, 3, 1, 14, 0, tzinfo=UTC)
    fired = await _dispatcher(store, clock).poll_once()
    assert [r.reminder_id for r in fired] == [legacy]
    following = await _raw(store, ALICE, (await _raw(store, ALICE, legacy))["followed_by"])
    assert following["reminding_time"] == "2027-03-02T14:00:00Z"
    assert following["recurrence_id"] == "20270302T090000"


async def test_a_snoozed_occurrence_moves_alone(store: Store) -> None:
    clock = SettableClock(_ny(2027, 6, 1, 8, 0))
    store.reminders._clock = clock
    first = await _make(
        store, ALICE, _ny(2027, 6, 1, 9, 0), timezone="America/New_York", recurrence="FREQ=DAILY"
    )
    await store.reminders.snooze(
        user_id=ALICE, reminder_id=first.reminder_id, until=_ny(2027, 6, 1, 9, 30)
    )
    fired = await _fire_daily(store, clock, 3)
    assert [t.strftime("%d %H:%M") for t in fired] == ["01 09:30", "02 09:00", "03 09:00"]


async def test_moving_the_pending_occurrence_moves_the_series(store: Store) -> None:
    clock = SettableClock(_ny(2027, 3, 12, 0, 0))
    store.reminders._clock = clock
    await _make(
        store, ALICE, _ny(2027, 3, 12, 2, 30), timezone="America/New_York", recurrence="FREQ=DAILY"
    )
    await _fire_daily(store, clock, 2)  # the follower holds recurrence_id 2027-03-14 02:30
    pending = await _pending(store)
    await store.reminders.update(
        user_id=ALICE,
        reminder_id=pending.reminder_id,
        changes=ReminderUpdate(reminding_time=_ny(2027, 3, 14, 10, 0)),
    )
    assert "recurrence_id" not in await _raw(store, ALICE, pending.reminder_id)
    fired = await _fire_daily(store, clock, 3)
    assert [t.strftime("%d %H:%M") for t in fired] == ["14 10:00", "15 10:00", "16 10:00"]


async def test_a_broken_recurrence_id_parks_that_reminder_alone(store: Store) -> None:
    clock = SettableClock(datetime(2027, 3, 1, 14, 0, tzinfo=UTC))
    store.reminders._clock = clock
    users = [f"did:privy:user{i}" for i in range(3)]
    good = [
        await _make(store, user, clock.now, timezone="America/New_York", recurrence="FREQ=DAILY")
        for user in users
    ]
    poisons = {}
    for value in ("20270230T023000", "not a time", "2027-03-01T02:30:00", "99999999T999999"):
        poisons[value] = await plant_copy(
            store,
            user_id=good[0].user_id,
            reminder_id=good[0].reminder_id,
            changes={"recurrence_id": value},
        )
    metrics = Metrics()
    fired = await _dispatcher(store, clock, metrics).poll_once()
    assert sorted(r.reminder_id for r in fired) == sorted(r.reminder_id for r in good)
    for value, reminder_id in poisons.items():
        values = await _raw(store, good[0].user_id, reminder_id)
        assert values["status"] == "failed", value
        assert "recurrence_id" in values["failure"], values["failure"]
    assert metrics.parked._value.get() == len(poisons)
    for user in users:  # every good series goes on
        assert (await _pending(store, user)).reminding_time == clock.now + timedelta(days=1)
