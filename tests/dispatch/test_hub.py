"""The event hub: each fire once per stream, per user only, and no stream outlives it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from remo_async.dispatch.events import EventHub, StreamClosed
from remo_async.domain import Reminder
from remo_async.metrics import Metrics

AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _fire(reminder_id: str, *, user_id: str = "alice", later: int = 0) -> Reminder:
    return Reminder.model_validate(
        {
            "reminder_id": reminder_id,
            "user_id": user_id,
            "title": "t",
            "reminding_time": AT,
            "status": "fired",
            "created_at": AT,
            "updated_at": AT,
            "fired_at": AT + timedelta(minutes=later),
        }
    )


async def test_a_fire_reaches_its_users_streams_once() -> None:
    hub = EventHub(metrics=Metrics())
    with hub.subscribe("alice") as first, hub.subscribe("alice") as second:
        with hub.subscribe("bob") as bobs:
            assert hub.publish(_fire("r1"), source="local")
            assert not hub.publish(_fire("r1"), source="stream")
            # Snoozed and fired again: a new fire.
            assert hub.publish(_fire("r1", later=10), source="stream")
            assert hub.publish(_fire("r2", user_id="bob"), source="stream")
            for stream in (first, second):
                events = [await stream.next(within=1), await stream.next(within=1)]
                assert [e.id for e in events if e] == [
                    f"r1@{AT.isoformat()}",
                    f"r1@{(AT + timedelta(minutes=10)).isoformat()}",
                ]
            bob_event = await bobs.next(within=1)
            assert bob_event is not None
            assert bob_event.name == "reminder.fired"
            assert Reminder.model_validate_json(bob_event.data).reminder_id == "r2"
        assert hub.subscriber_count() == 2
    assert hub.subscriber_count() == 0


async def test_a_stream_that_cannot_keep_up_is_closed() -> None:
    hub = EventHub(metrics=Metrics(), queue_size=2)
    with hub.subscribe("alice") as slow:
        for i in range(3):
            hub.publish(_fire(f"r{i}"), source="stream")
        with pytest.raises(StreamClosed):
            await slow.next(within=1)


async def test_closing_the_hub_ends_streams_and_refuses_new_ones() -> None:
    hub = EventHub(metrics=Metrics())
    with hub.subscribe("alice") as stream:
        hub.close()
        with pytest.raises(StreamClosed):
            await stream.next(within=1)
    with pytest.raises(StreamClosed), hub.subscribe("alice"):
        pass


def test_the_recent_set_is_bounded() -> None:
    hub = EventHub(metrics=Metrics(), recent=2)
    for i in range(3):
        assert hub.publish(_fire(f"r{i}"), source="stream")
    assert not hub.publish(_fire("r2"), source="stream")
    assert hub.publish(_fire("r0"), source="stream")  # forgotten: the set holds the last 2
