"""Recurrence through the API: what is accepted fires; what cannot fire is a 422 up front."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from remo_async.dispatch import Dispatcher
from remo_async.domain.times import format_time
from remo_async.metrics import Metrics
from remo_async.store import Store
from tests.api.conftest import ALICE, Api

R = f"/user/{ALICE}/reminders"

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)


async def _fire_all(api: Api) -> list[Any]:
    async with Store.open(api.settings, clock=api.clock) as store:
        dispatcher = Dispatcher(store, settings=api.settings, clock=api.clock, metrics=Metrics())
        return await dispatcher.poll_once()


async def _pending(api: Api) -> list[dict[str, Any]]:
    page = await api.ok("GET", f"{R}?status=pending")
    return list(page["items"])


async def test_a_utc_until_fires_and_makes_its_next_occurrence(api: Api) -> None:
    """Issue 11: this rule, accepted with 201, killed the dispatcher at its first poll."""
    a_minute_ago = format_time(api.clock.now - timedelta(minutes=1))
    made = await api.ok(
        "POST",
        R,
        201,
        json={
            "title": "water the plants",
            "reminding_time": a_minute_ago,
            "recurrence": "FREQ=WEEKLY;UNTIL=20270301T120000Z",
        },
    )
    fired = await _fire_all(api)
    assert [r.reminder_id for r in fired] == [made["reminder_id"]]
    [following] = await _pending(api)
    assert following["reminding_time"] == format_time(
        api.clock.now - timedelta(minutes=1) + timedelta(weeks=1)
    )
    assert following["recurrence"] == "FREQ=WEEKLY;UNTIL=20270301T120000Z"


@pytest.mark.parametrize(
    ("until", "last_day"),
    [
        # 09:00 in Berlin is 08:00Z in winter: a UTC UNTIL at 08:00Z includes the 3rd.
        ("20261203T080000Z", "2026-12-03"),
        ("20261203T075959Z", "2026-12-02"),
        # A floating UNTIL is wall-clock time in the reminder's zone.
        ("20261203T090000", "2026-12-03"),
        ("20261203T085959", "2026-12-02"),
        # A DATE includes its whole day (RFC 5545: UNTIL is inclusive).
        ("20261203", "2026-12-03"),
    ],
)
async def test_until_in_each_rfc_5545_form(api: Api, until: str, last_day: str) -> None:
    api.clock.now = api.clock.now.replace(year=2026, month=12, day=1, hour=7, minute=0)
    await api.ok(
        "POST",
        R,
        201,
        json={
            "title": "stretch",
            "reminding_time": "2026-12-01T09:00:00+01:00",
            "timezone": "Europe/Berlin",
            "recurrence": f"FREQ=DAILY;UNTIL={until}",
        },
    )
    fired_days = []
    for _ in range(5):
        api.clock.advance(days=1)
        fired_days += [r.reminding_time.date().isoformat() for r in await _fire_all(api)]
        if not await _pending(api):
            break
    assert fired_days[-1] == last_day
    assert await _pending(api) == []


NEVER = [
    "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",  # the 31st of April
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MINUTELY;BYMONTH=6;BYMONTHDAY=31",
    "FREQ=DAILY;COUNT=1",  # no occurrence after the first one
    "FREQ=DAILY;UNTIL=20200101T000000Z",  # ended before it began
    "FREQ=SECONDLY",  # nothing fires more often than once a minute
    "FREQ=HOURLY;BYSETPOS=2",
    "FREQ=DAILY;UNTIL=tomorrow",
]


@pytest.mark.parametrize("rule", NEVER)
async def test_a_rule_that_cannot_fire_is_refused_at_create_and_patch(api: Api, rule: str) -> None:
    body = {"title": "x", "reminding_time": "tomorrow 9am", "recurrence": rule}
    refused = await api.call("POST", R, json=body)
    assert refused.status == 422, await refused.text()
    problem = await refused.json()
    assert [e["field"] for e in problem["errors"]] == ["recurrence"]
    assert (await api.ok("GET", R))["items"] == []  # stored nothing

    made = await api.ok("POST", R, 201, json={**body, "recurrence": "FREQ=DAILY"})
    patched = await api.call("PATCH", f"{R}/{made['reminder_id']}", json={"recurrence": rule})
    assert patched.status == 422, await patched.text()
    assert [e["field"] for e in (await patched.json())["errors"]] == ["recurrence"]
    kept = await api.ok("GET", f"{R}/{made['reminder_id']}")
    assert kept["recurrence"] == "FREQ=DAILY"


# Found by trying the service as a hostile client would (issue 11's newcomer pass).
COSTLY = [
    "FREQ=DAILY;INTERVAL=0",  # ZeroDivisionError: a 500
    "FREQ=DAILY;INTERVAL=99999999999999999999",  # OverflowError: a 500
    # 86,400 times of day, built for every day scanned: ~100 ms of CPU a search
    "FREQ=DAILY;BYSETPOS=-1;BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
    + ";BYSECOND=0,30",
]


@pytest.mark.parametrize("rule", COSTLY)
async def test_a_rule_that_fails_or_costs_too_much_is_a_422(api: Api, rule: str) -> None:
    body = {"title": "x", "reminding_time": "tomorrow 9am", "recurrence": rule}
    refused = await api.call("POST", R, json=body)
    assert refused.status == 422, await refused.text()
    assert [e["field"] for e in (await refused.json())["errors"]] == ["recurrence"]


async def test_a_fired_reminder_cannot_take_a_rule_that_never_fires(api: Api) -> None:
    """A PATCH of a fired reminder's rule, then a snooze, made a never-firing series pending."""
    made = await api.ok(
        "POST", R, 201, json={"title": "x", "reminding_time": format_time(api.clock.now)}
    )
    assert [r.reminder_id for r in await _fire_all(api)] == [made["reminder_id"]]
    path = f"{R}/{made['reminder_id']}"
    never = {"recurrence": "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2"}
    patched = await api.call("PATCH", path, json=never)
    assert patched.status == 422, await patched.text()
    assert (await api.ok("GET", path))["recurrence"] is None
