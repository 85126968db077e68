"""Items an older release, a restore or a hand left damaged never make a read fail.

Each is answered mended (`failure` says which fields), GET /data still answers, and a
change either mends the item or is a 422 that stores nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from remo_async.store import Store
from tests.api.conftest import ALICE, Api
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
