"""Items an older release, a restore or a hand left damaged never make a read fail.

Each is answered mended (`failure` says which fields), GET /data still answers, and a
change either mends the item or is a 422 that stores nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.domain import Reminder
from remo_async.store import Store
from tests.api.conftest import ALICE, Api
from tests.conftest import EXAMPLES
from tests.damage import plant_copy

R = f"/user/{ALICE}/reminders"

DAMAGE: dict[str, dict[str, Any]] = {
    "no title": {"title": None},
    "title of the wrong type": {"title": 12345},
    "unreadable time": {"reminding_time": "2026-11-25 08:00"},
    "created_at a list": {"created_at": ["not", "a", "time"]},
    "unknown status": {"status": "snoozing"},
    "description a map": {"description": {"a": 1}},
}

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)


async def _plant(api: Api, template_id: str, changes: dict[str, Any]) -> str:
    async with Store.open(api.settings) as store:
        return await plant_copy(store, user_id=ALICE, reminder_id=template_id, changes=changes)


async def test_damaged_items_are_answered_mended(api: Api) -> None:
    template = await api.ok(
        "POST", R, 201, json={"title": "t", "reminding_time": "2030-01-01T09:00:00Z"}
    )
    planted = {kind: await _plant(api, template["reminder_id"], c) for kind, c in DAMAGE.items()}
    page = await api.ok("GET", R)
    by_id = {item["reminder_id"]: item for item in page["items"]}
    for kind, reminder_id in planted.items():
        item = by_id[reminder_id]
        assert item["failure"].startswith("stored item unreadable: "), kind
        assert (await api.ok("GET", f"{R}/{reminder_id}"))["reminder_id"] == reminder_id
    data = await api.ok("GET", f"/user/{ALICE}/data")
    assert len(data["reminders"]) == len(DAMAGE) + 1


async def test_a_change_mends_a_damaged_item_or_stores_nothing(api: Api) -> None:
    template = await api.ok(
        "POST", R, 201, json={"title": "t", "reminding_time": "2030-01-01T09:00:00Z"}
    )
    untitled = await _plant(api, template["reminder_id"], {"title": None})
    mended = await api.ok("PATCH", f"{R}/{untitled}", json={"title": "found again"})
    assert mended["title"] == "found again"
    assert mended["failure"] is None
    dated = await _plant(api, template["reminder_id"], {"created_at": ["x"]})
    before = await api.ok("GET", f"{R}/{dated}")
    refused = await api.call("PATCH", f"{R}/{dated}", json={"title": "new"})
    assert refused.status == 422, await refused.text()
    assert (await api.ok("GET", f"{R}/{dated}")) == before


FIELDS = sorted(set(Reminder.model_fields) - {"user_id", "reminder_id"})
VALUES = st.one_of(
    st.none(),  # removed
    st.integers(-(10**30), 10**30),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), max_size=2),
    st.booleans(),
    st.sampled_from(["", "2026-11-25 08:00", "9999-99-99T99:99:99Z", "snoozing", "Mars/Base"]),
)


# Index keys (status, reminding_time) DynamoDB itself keeps strings: only text damages them.
KEYS = {"status", "reminding_time"}


async def _listed(api: Api) -> set[str]:
    found: set[str] = set()
    cursor = ""
    while True:
        page = await api.ok("GET", f"{R}?limit=100{cursor}")
        found |= {item["reminder_id"] for item in page["items"]}
        if page["next_cursor"] is None:
            return found
        cursor = f"&cursor={page['next_cursor']}"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damage=st.dictionaries(st.sampled_from(FIELDS), VALUES, min_size=1, max_size=3))
async def test_any_damage_reads_back(api: Api, damage: dict[str, Any]) -> None:
    """Generated damage to any field of a stored reminder: every read still answers 200."""
    damage = {
        k: v for k, v in damage.items() if k not in KEYS or v is None or (v and isinstance(v, str))
    }
    EXAMPLES["damaged stored reminders read back"] += 1
    made = await api.ok(
        "POST", R, 201, json={"title": "t", "reminding_time": "2030-01-01T09:00:00Z"}
    )
    planted = await _plant(api, made["reminder_id"], damage)
    assert planted in await _listed(api)
    await api.ok("GET", f"{R}/{planted}")
    await api.ok("GET", f"/user/{ALICE}/data")
