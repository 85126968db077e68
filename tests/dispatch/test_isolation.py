"""No reminder can stop dispatch for anyone: poison is parked, everything else fires once.

The poison here is data the API no longer accepts but a table may still hold (written by
an older release, a restore, or by hand): a rule that never occurs, a rule that is not
one, an unknown zone, an item missing a field or holding one of the wrong type.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest

from remo_async.app import create_app
from remo_async.dispatch import Dispatcher
from remo_async.domain import Reminder, ReminderCreate, ReminderStatus, ReminderUpdate
from remo_async.keys import DISPATCHER
from remo_async.metrics import Metrics
from remo_async.store import Store
from remo_async.store.attrs import from_item
from tests.damage import plant_copy
from tests.helpers import SettableClock

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

USERS = [f"did:privy:user{i}" for i in range(4)]
POISONER = "did:privy:poisoner"

# Each: what is changed in an otherwise good stored reminder.
POISONS: dict[str, dict[str, Any]] = {
    "rule that never occurs": {"recurrence": "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31"},
    "minutely rule that never occurs": {
        "recurrence": "FREQ=MINUTELY;INTERVAL=7;BYHOUR=3;BYMONTHDAY=31;BYMONTH=2,4"
    },
    "not a rule": {"recurrence": "EVERY OTHER BLUE MOON"},
    "rule with SECONDLY": {"recurrence": "FREQ=SECONDLY;BYSETPOS=2"},
    "unknown zone": {"recurrence": "FREQ=DAILY", "timezone": "Mars/Olympus_Mons"},
    "no title": {"title": None},
    "title of the wrong type": {"title": 12345},
    "unreadable time": {"reminding_time": "2026-11-25 08:00"},
    "created_at of the wrong type": {"created_at": ["not", "a", "time"]},
}


class Recorder:
    """A notifier that remembers every fire it heard of."""

    def __init__(self) -> None:
        self.fired: list[Reminder] = []
        self.heard = asyncio.Event()

    async def reminder_fired(self, reminder: Reminder) -> None:
        self.fired.append(reminder)
        self.heard.set()


async def _make(store: Store, user_id: str, when: datetime, **extra: object) -> Reminder:
    data = ReminderCreate.model_validate({"title": "t", "reminding_time": when, **extra})
    return await store.reminders.create(user_id=user_id, data=data)


async def _plant(store: Store, template: Reminder, changes: dict[str, Any]) -> str:
    """A copy of template, due at the test clock's start, changed as legacy data might be."""
    due = {"reminding_time": "2026-11-25T08:00:00Z", **changes}
    return await plant_copy(
        store, user_id=template.user_id, reminder_id=template.reminder_id, changes=due
    )


async def _raw(store: Store, user_id: str, reminder_id: str) -> dict[str, Any]:
    response = await store.dynamo.call(
        "get_item",
        TableName=store.reminders.table,
        Key={"user_id": {"S": user_id}, "reminder_id": {"S": reminder_id}},
        ConsistentRead=True,
    )
    return from_item(response["Item"])


async def test_poison_is_parked_and_every_other_reminder_fires_once(
    store: Store, clock: SettableClock
) -> None:
    due = clock.now - timedelta(minutes=1)
    good = [await _make(store, user, due) for user in USERS for _ in range(3)]
    template = await _make(store, POISONER, clock.now + timedelta(days=1))
    planted = {kind: await _plant(store, template, changes) for kind, changes in POISONS.items()}
    heard = Recorder()
    metrics = Metrics()
    dispatcher = Dispatcher(
        store, settings=store.settings, clock=clock, metrics=metrics, notifiers=[heard]
    )

    fired = await dispatcher.poll_once()

    assert sorted(r.reminder_id for r in fired) == sorted(r.reminder_id for r in good)
    assert sorted(r.reminder_id for r in heard.fired) == sorted(r.reminder_id for r in good)
    for kind, reminder_id in planted.items():
        values = await _raw(store, POISONER, reminder_id)
        assert values["status"] == "failed", kind
        assert values["failure"], kind
        assert "due_shard" not in values, f"{kind}: still in the due-index"
    assert metrics.parked._value.get() == len(POISONS)
    assert metrics.dispatch_errors.labels("reminder")._value.get() == len(POISONS)
    # Parked means left alone: the next poll reads and fires nothing.
    clock.advance(minutes=1)
    assert await dispatcher.poll_once() == []
    assert metrics.parked._value.get() == len(POISONS)


async def test_a_parked_reminder_is_visible_and_can_be_rearmed(
    store: Store, clock: SettableClock
) -> None:
    template = await _make(store, POISONER, clock.now + timedelta(days=1))
    reminder_id = await _plant(
        store,
        template,
        {"recurrence": "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31"},
    )
    dispatcher = Dispatcher(store, settings=store.settings, clock=clock, metrics=Metrics())
    assert await dispatcher.poll_once() == []
    parked = await store.reminders.get_or_raise(user_id=POISONER, record_id=reminder_id)
    assert parked.status is ReminderStatus.FAILED
    assert parked.failure is not None
    assert "600 months" in parked.failure
    failed = await store.reminders.list(user_id=POISONER, status=ReminderStatus.FAILED)
    assert [r.reminder_id for r in failed.items] == [reminder_id]
    # Its user fixes the rule and re-arms it; it fires at the next poll.
    rearmed = await store.reminders.update(
        user_id=POISONER,
        reminder_id=reminder_id,
        changes=ReminderUpdate(status=ReminderStatus.PENDING, recurrence="FREQ=DAILY"),
    )
    assert rearmed.status is ReminderStatus.PENDING
    assert rearmed.failure is None
    fired = await dispatcher.poll_once()
    assert [r.reminder_id for r in fired] == [reminder_id]


async def test_run_goes_on_after_poison_and_fires_what_comes_later(
    store: Store, clock: SettableClock
) -> None:
    """Issue 11, first instance: one reminder's rule ended the dispatcher task for everyone."""
    template = await _make(store, POISONER, clock.now + timedelta(days=1))
    await _plant(store, template, {"title": None})
    settings = store.settings.model_copy(update={"dispatch_interval": 0.05})
    heard = Recorder()
    dispatcher = Dispatcher(
        store, settings=settings, clock=clock, metrics=Metrics(), notifiers=[heard]
    )
    task = asyncio.create_task(dispatcher.supervise())
    try:
        later = await _make(store, USERS[0], clock.now + timedelta(seconds=30))
        clock.advance(seconds=31)
        await asyncio.wait_for(heard.heard.wait(), timeout=10)
        assert [r.reminder_id for r in heard.fired] == [later.reminder_id]
        assert not task.done()
        assert dispatcher.stalled_for() is None
    finally:
        dispatcher.stop()
        await asyncio.wait_for(task, timeout=10)


class BrokenOnce(Dispatcher):
    """A dispatcher whose loop ends with a bug once, as a future regression might make it."""

    ended = 0

    async def run(self) -> None:
        if not self.ended:
            self.ended += 1
            raise RuntimeError("a bug that escaped the poll loop")
        await super().run()


async def test_the_supervisor_restarts_a_dispatcher_that_ended(
    store: Store, clock: SettableClock
) -> None:
    settings = store.settings.model_copy(update={"dispatch_interval": 0.05})
    heard = Recorder()
    metrics = Metrics()
    dispatcher = BrokenOnce(
        store, settings=settings, clock=clock, metrics=metrics, notifiers=[heard]
    )
    task = asyncio.create_task(dispatcher.supervise())
    try:
        due = await _make(store, USERS[0], clock.now)
        await asyncio.wait_for(heard.heard.wait(), timeout=10)
        assert [r.reminder_id for r in heard.fired] == [due.reminder_id]
        assert metrics.dispatch_errors.labels("supervisor")._value.get() == 1
    finally:
        dispatcher.stop()
        await asyncio.wait_for(task, timeout=10)
    assert task.result() is None  # stop() ends it cleanly


class Stuck(Dispatcher):
    """A dispatcher whose poll never completes (a hung call, a deadlock)."""

    async def poll_once(self) -> list[Reminder]:
        await asyncio.Event().wait()
        return []


async def test_readyz_is_503_while_the_dispatcher_makes_no_progress(
    aiohttp_client: Any, store: Store, clock: SettableClock
) -> None:
    app = create_app(store.settings, clock=clock)
    stuck = Stuck(store, settings=store.settings, clock=clock, metrics=Metrics(), stall_after=0.2)
    app[DISPATCHER] = stuck
    client = await aiohttp_client(app)
    task = asyncio.create_task(stuck.supervise())
    try:
        ready = await client.get("/readyz")
        assert ready.status == 200, await ready.text()
        assert (await ready.json())["checks"]["dispatcher"] == "ok"
        await asyncio.sleep(0.3)  # the stall is the passing of time itself
        stalled = await client.get("/readyz")
        assert stalled.status == 503
        body = await stalled.json()
        assert body["checks"]["dispatcher"] == "stalled"
        assert stalled.content_type == "application/problem+json"
    finally:
        stuck.stop()
        task.cancel()
