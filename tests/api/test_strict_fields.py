"""Fields a newcomer's attack found too lax: types are not coerced, zones are places."""

from __future__ import annotations

import pytest

from tests.api.conftest import ALICE, Api

R = f"/user/{ALICE}/reminders"


@pytest.mark.parametrize("minutes", ["5", True, 5.5, "5m", None])
async def test_snooze_minutes_must_be_a_json_integer(api: Api, minutes: object) -> None:
    made = await api.ok("POST", R, 201, json={"title": "x", "reminding_time": "tomorrow 9am"})
    answer = await api.call("POST", f"{R}/{made['reminder_id']}/snooze", json={"minutes": minutes})
    assert answer.status == 422, await answer.text()
    assert [e["field"] for e in (await answer.json())["errors"]] == ["minutes"]


@pytest.mark.parametrize("zone", ["localtime", "posixrules", "Factory"])
async def test_zone_files_that_are_not_places_are_refused(api: Api, zone: str) -> None:
    made = await api.call(
        "POST", R, json={"title": "x", "reminding_time": "tomorrow 9am", "timezone": zone}
    )
    assert made.status == 422, await made.text()
    prefs = await api.call("POST", f"/user/{ALICE}/preferences", json={"timezone": zone})
    assert prefs.status == 422, await prefs.text()
    assert (await api.ok("GET", R))["items"] == []
