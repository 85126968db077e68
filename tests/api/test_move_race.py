"""A fire that lands between a PATCH's read and its write: the moved reminder still fires.

The rule "moving a fired reminder into the future arms it again" is applied to the copy
the write replaces (ReminderRepository.update), not to a copy the view read earlier.
"""

from __future__ import annotations

from typing import Any

import pytest

from remo_async.domain import Reminder, ReminderStatus
from remo_async.keys import STORE
from remo_async.store.records import Values
from tests.api.conftest import ALICE, Api


async def _due_ids(api: Api) -> set[str]:
    reminders = api.client.app[STORE].reminders
    shards = api.settings.dispatch_shards
    return {
        due.values["reminder_id"]
        for shard in range(shards)
        async for due in reminders.due(shard=str(shard), now=api.clock())
    }


@pytest.mark.parametrize(
    "zone", [None, "Europe/London"], ids=["view-reads-the-zone", "zone-in-body"]
)
async def test_a_fire_between_read_and_write_leaves_the_moved_reminder_armed(
    api: Api, monkeypatch: pytest.MonkeyPatch, zone: str | None
) -> None:
    base = f"/user/{ALICE}/reminders"
    made = await api.ok(
        "POST", base, 201, json={"title": "stretch", "reminding_time": "2026-11-25T09:05:00Z"}
    )
    api.clock.advance(minutes=6)  # it is due: the dispatcher's next poll would fire it
    reminders = api.client.app[STORE].reminders
    read = reminders._get_values
    fired: list[Reminder | None] = []
    raced = False

    async def read_then_fire(user_id: str, record_id: str) -> Values | None:
        nonlocal raced
        values = await read(user_id, record_id)
        if not raced and values is not None:  # the first read of the PATCH, then a fire
            raced = True
            fired.append(await reminders.fire(reminder=reminders._read(values), now=api.clock()))
        return values

    monkeypatch.setattr(reminders, "_get_values", read_then_fire)
    body: dict[str, Any] = {"reminding_time": "2026-11-25T10:00:00Z"}
    if zone is not None:
        body["timezone"] = zone
    moved = await api.ok("PATCH", f"{base}/{made['reminder_id']}", json=body)
    monkeypatch.undo()

    [fire] = fired
    assert fire is not None, "the race did not happen"
    assert fire.status is ReminderStatus.FIRED
    assert moved["status"] == "pending"
    assert moved["reminding_time"] == "2026-11-25T10:00:00Z"
    assert moved["fired_at"] is None
    stored = await api.ok("GET", f"{base}/{made['reminder_id']}")
    assert stored["status"] == "pending"

    assert made["reminder_id"] not in await _due_ids(api)  # not before its new time
    api.clock.advance(hours=1)
    assert made["reminder_id"] in await _due_ids(api)  # it fires again


async def test_moving_into_the_past_keeps_a_fired_reminder_fired(api: Api) -> None:
    base = f"/user/{ALICE}/reminders"
    made = await api.ok(
        "POST", base, 201, json={"title": "stretch", "reminding_time": "2026-11-25T09:05:00Z"}
    )
    api.clock.advance(minutes=6)
    reminders = api.client.app[STORE].reminders
    current = await reminders.get_or_raise(user_id=ALICE, record_id=made["reminder_id"])
    assert await reminders.fire(reminder=current, now=api.clock()) is not None
    moved = await api.ok(
        "PATCH",
        f"{base}/{made['reminder_id']}",
        json={"reminding_time": "2026-11-25T09:00:00Z"},
    )
    assert moved["status"] == "fired"
    assert made["reminder_id"] not in await _due_ids(api)
