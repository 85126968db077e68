"""Times at the edges of what a datetime holds are a 422, never a 500 (found by tests/fuzz)."""

from __future__ import annotations

import pytest

from tests.api.conftest import ALICE, Api

R = f"/user/{ALICE}/reminders"
T = f"/user/{ALICE}/todos"

EDGES = [
    "9999-12-31T23:59:59Z",  # its TTL (retention after it) overflowed: 500
    "0001-01-01T00:00:00+14:00",  # before year 1 in UTC: OverflowError, 500
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "9001-01-01T00:00:00Z",
]


@pytest.mark.parametrize("when", EDGES)
async def test_a_time_out_of_range_is_a_422_and_stores_nothing(api: Api, when: str) -> None:
    created = await api.call("POST", R, json={"title": "edge", "reminding_time": when})
    assert created.status == 422, await created.text()
    assert [e["field"] for e in (await created.json())["errors"]] == ["reminding_time"]
    made = await api.ok("POST", R, 201, json={"title": "ok", "reminding_time": "tomorrow 9am"})
    patched = await api.call(
        "PATCH", f"{R}/{made['reminder_id']}", json={"reminding_time": when, "status": "pending"}
    )
    assert patched.status == 422, await patched.text()
    todo = await api.call("POST", T, json={"title": "edge", "due_date": when})
    assert todo.status == 422, await todo.text()
    assert [r["reminder_id"] for r in (await api.ok("GET", R))["items"]] == [made["reminder_id"]]
    assert (await api.ok("GET", T))["items"] == []


async def test_the_last_accepted_time_is_stored_and_read_back(api: Api) -> None:
    made = await api.ok(
        "POST", R, 201, json={"title": "far", "reminding_time": "9000-12-31T23:59:59Z"}
    )
    assert made["reminding_time"] == "9000-12-31T23:59:59Z"
    assert (await api.ok("GET", f"{R}/{made['reminder_id']}"))["title"] == "far"
