"""GET /data carries a reminder's time in its series (`recurrence_id`); answers do not.

A snooze of an occurrence of a series keeps its time in the series (RFC 5545
RECURRENCE-ID, local `YYYYMMDDTHHMMSS` in its zone): GET /user/{id}/data, the export,
must hold it, or a restore anchors the series at the snoozed time. Before, the document
had no such field: this test failed on it. Another user's token gets none of it.
"""

from __future__ import annotations

from tests.api.conftest import ALICE, BOB, Api


async def test_a_snoozed_series_keeps_its_series_time_in_the_export(api: Api) -> None:
    created = await api.ok(
        "POST",
        f"/user/{ALICE}/reminders",
        201,
        json={
            "title": "Water the plants",
            "reminding_time": "2027-03-14T07:30:00Z",  # 03:30 EDT
            "timezone": "America/New_York",
            "recurrence": "FREQ=DAILY",
        },
    )
    path = f"/user/{ALICE}/reminders/{created['reminder_id']}"
    snoozed = await api.ok("POST", f"{path}/snooze", json={"minutes": 20})
    assert "recurrence_id" not in snoozed  # stored, not answered
    assert "recurrence_id" not in await api.ok("GET", path)

    data = await api.ok("GET", f"/user/{ALICE}/data")
    (reminder,) = data["reminders"]
    assert reminder["reminding_time"] == snoozed["reminding_time"]
    assert reminder["recurrence_id"] == "20270314T033000"

    await api.ok("POST", f"/user/{BOB}/reminders", 201, json=_one_off(), user=BOB)
    bobs = await api.ok("GET", f"/user/{BOB}/data", user=BOB)
    assert [r["recurrence_id"] for r in bobs["reminders"]] == [None]
    refused = await api.call("GET", f"/user/{ALICE}/data", user=BOB)
    assert refused.status == 403


def _one_off() -> dict[str, str]:
    return {"title": "Call mum", "reminding_time": "2027-01-04T09:00:00Z"}
