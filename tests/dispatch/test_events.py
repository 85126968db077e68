"""Live events across replicas on DynamoDB Local: a fire won by one reaches streams on all."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from remo_async.app import create_app
from remo_async.domain import Reminder, ReminderCreate, ReminderStatus
from remo_async.keys import EVENT_HUB, METRICS, STREAM_READER
from remo_async.store import Store
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock
from tests.sse import SseEvent, SseReader, sample, wait_until

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)


async def _due(store: Store, user_id: str, title: str, clock: SettableClock) -> Reminder:
    data = ReminderCreate(title=title, reminding_time=clock.now - timedelta(seconds=1))
    return await store.reminders.create(user_id=user_id, data=data)


async def _stream(client: TestClient[Any, Any], api: Api, user_id: str) -> SseReader:
    response = await client.get(f"/user/{user_id}/events", headers=api.auth(user_id))
    assert response.status == 200
    return SseReader(response)


def _fired(events: list[SseEvent]) -> dict[str, Reminder]:
    """The reminders of fire events by event id, checking each is well formed."""
    found = {}
    for event in events:
        assert event.event == "reminder.fired"
        reminder = Reminder.model_validate(event.json())
        assert reminder.status is ReminderStatus.FIRED
        assert event.id == f"{reminder.reminder_id}@{reminder.fired_at.isoformat()}"
        found[event.id] = reminder
    return found


async def test_a_fire_won_by_one_replica_reaches_streams_on_every_replica(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    fast = {"dispatch_interval": 0.05, "stream_poll_interval": 0.05}
    winner_settings = make_settings(endpoint, dispatch_enabled=True, **fast)
    winner = await start_api(aiohttp_client, winner_settings, clock)
    other_settings = winner_settings.model_copy(update={"dispatch_enabled": False})
    other = await aiohttp_client(create_app(other_settings, clock=clock))
    apps = (winner.client.app, other.app)
    for app in apps:
        await asyncio.wait_for(app[STREAM_READER].ready.wait(), timeout=30)
    alice_there = await _stream(other, winner, ALICE)
    alice_here = await _stream(winner.client, winner, ALICE)
    bob_there = await _stream(other, winner, BOB)

    async with Store.open(winner_settings, clock=clock) as store:
        made = {(await _due(store, ALICE, f"a{i}", clock)).reminder_id for i in range(3)}
        bobs = (await _due(store, BOB, "b", clock)).reminder_id
        there = _fired(await alice_there.take(3))
        here = _fired(await alice_here.take(3))
        assert {r.reminder_id for r in there.values()} == made
        assert there.keys() == here.keys()
        assert [r.reminder_id for r in _fired([await bob_there.next()]).values()] == [bobs]
        # The winner hears each fire twice (memory and stream, in either order), sends it once.
        winner_metrics = winner.client.app[METRICS]

        def duplicates() -> float:
            return sum(
                sample(winner_metrics, "remo_events_total", source=source, outcome="duplicate")
                for source in ("local", "stream")
            )

        await wait_until(lambda: duplicates() == 4, what="the winner to hear its fires twice")
        # Nothing else is queued: the next event on each stream is a fresh fire.
        last_alice = (await _due(store, ALICE, "last", clock)).reminder_id
        last_bob = (await _due(store, BOB, "last", clock)).reminder_id
    for reader, expected in ((alice_there, last_alice), (alice_here, last_alice)):
        assert [r.reminder_id for r in _fired([await reader.next()]).values()] == [expected]
    assert [r.reminder_id for r in _fired([await bob_there.next()]).values()] == [last_bob]
    other_metrics = other.app[METRICS]
    assert sample(other_metrics, "remo_events_total", source="stream", outcome="sent") == 6
    assert sample(other_metrics, "remo_events_total", source="stream", outcome="duplicate") == 0
    assert other.app[EVENT_HUB].subscriber_count() == 2
