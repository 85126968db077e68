"""The assistant speaks once per fire, however many replicas race for it (DynamoDB Local)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from remo_async.app import create_app
from remo_async.dispatch.speak import reminder_message
from remo_async.domain import Reminder, ReminderCreate, Role
from remo_async.keys import METRICS
from remo_async.store import Store
from tests.api.conftest import ALICE, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock
from tests.sse import sample, wait_until

ON_DYNAMODB_LOCAL = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)


def test_the_message_names_the_reminder_and_its_description() -> None:
    at = "2026-12-01T10:00:00Z"
    plain = Reminder.model_validate(
        {
            "reminder_id": "rem_1",
            "user_id": ALICE,
            "title": "call mum",
            "reminding_time": at,
            "status": "fired",
            "created_at": at,
            "updated_at": at,
        }
    )
    assert reminder_message(plain) == "Reminder: call mum"
    described = plain.model_copy(update={"description": "her birthday"})
    assert reminder_message(described) == "Reminder: call mum — her birthday"


@ON_DYNAMODB_LOCAL
async def test_each_fire_adds_exactly_one_assistant_message(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    settings = make_settings(endpoint, dispatch_enabled=True, dispatch_interval=0.05)
    first = await start_api(aiohttp_client, settings, clock)
    second = await aiohttp_client(create_app(settings, clock=clock))
    replicas = [first.client.app[METRICS], second.app[METRICS]]
    async with Store.open(settings, clock=clock) as store:
        for i in range(6):
            data = ReminderCreate(
                title=f"task {i}",
                description="with details" if i % 2 else "",
                reminding_time=clock.now - timedelta(seconds=1),
            )
            await store.reminders.create(user_id=ALICE, data=data)
        await wait_until(
            lambda: sum(sample(m, "remo_reminders_fired_total") for m in replicas) == 6,
            what="six fires between the two replicas",
        )
        # Stopping both replicas waits for the notifiers of every fire in hand.
        await first.client.close()
        await second.close()
        messages = [m async for m in store.conversations.iterate(user_id=ALICE)]
    expected = Counter(
        f"Reminder: task {i}" + (" — with details" if i % 2 else "") for i in range(6)
    )
    assert Counter(m.content for m in messages) == expected
    assert {m.role for m in messages} == {Role.ASSISTANT}
    assert sum(sample(m, "remo_reminders_fired_total") for m in replicas) == 6
