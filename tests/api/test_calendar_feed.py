"""The calendar feed over HTTP: the secret address, rotation, revocation, ETag, ownership."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import icalendar
import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.settings import Settings
from remo_async.store import Store
from remo_async.store.feeds import secret_hash
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.conftest import EXAMPLES, make_settings
from tests.helpers import SettableClock

FEED = f"/user/{ALICE}/calendar-feed"


def feed_path(url: str) -> str:
    return urlsplit(url).path


async def get_feed(api: Api, url: str, **headers: str) -> Any:
    return await api.client.get(feed_path(url), headers=headers)


async def test_the_feed_holds_the_users_reminders_and_todos(api: Api) -> None:
    await api.ok(
        "POST",
        f"/user/{ALICE}/reminders",
        201,
        json={
            "title": "Stand-up",
            "reminding_time": "2026-12-01T09:00:00",
            "timezone": "Europe/Berlin",
            "recurrence": "FREQ=WEEKLY;BYDAY=TU",
        },
    )
    await api.ok(
        "POST", f"/user/{ALICE}/todos", 201, json={"title": "Taxes", "due_date": "2026-12-31"}
    )
    await api.ok("POST", f"/user/{BOB}/todos", 201, json={"title": "Bob's"}, user=BOB)
    created = await api.ok("POST", FEED, 201)
    url = created["url"]
    host = api.client.server.host
    assert url.startswith(f"http://{host}:{api.client.server.port}/calendar/")
    assert url.endswith(".ics")
    response = await get_feed(api, url)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, no-cache"
    calendar = icalendar.Calendar.from_ical(await response.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Stand-up"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["RRULE"]["BYDAY"] == ["TU"]
    assert [str(t["SUMMARY"]) for t in calendar.walk("VTODO")] == ["Taxes"]
    # The secret is not stored, only its hash.
    secret = feed_path(url).removeprefix("/calendar/").removesuffix(".ics")
    async with Store.open(api.settings) as store:
        scan = await store.dynamo.call("scan", TableName=store.feeds.table)
    text = repr(scan["Items"])
    assert secret not in text
    assert secret_hash(secret) in text


async def test_etag_and_if_none_match(api: Api) -> None:
    url = (await api.ok("POST", FEED, 201))["url"]
    first = await get_feed(api, url)
    etag = first.headers["ETag"]
    again = await get_feed(api, url, **{"If-None-Match": etag})
    assert again.status == 304
    assert await again.read() == b""
    assert again.headers["ETag"] == etag
    assert (await get_feed(api, url, **{"If-None-Match": f'W/{etag}, "other"'})).status == 304
    assert (await get_feed(api, url, **{"If-None-Match": '"other"'})).status == 200
    # HEAD gives the ETag without the body, as calendar clients ask for it.
    head = await api.client.head(feed_path(url))
    assert (head.status, head.headers["ETag"], await head.read()) == (200, etag, b"")
    assert head.headers["Content-Type"] == first.headers["Content-Type"]
    # A change to the data changes the ETag.
    await api.ok(
        "POST", f"/user/{ALICE}/reminders", 201, json={"title": "new", "reminding_time": "in 1 day"}
    )
    changed = await get_feed(api, url, **{"If-None-Match": etag})
    assert changed.status == 200
    assert changed.headers["ETag"] != etag


async def test_rotating_and_revoking_close_the_old_address(api: Api) -> None:
    first = (await api.ok("POST", FEED, 201))["url"]
    second = (await api.ok("POST", FEED, 201))["url"]
    assert first != second
    gone = await get_feed(api, first)
    assert gone.status == 404
    assert gone.headers["Content-Type"].startswith("application/problem+json")
    assert (await get_feed(api, second)).status == 200
    await api.ok("DELETE", FEED, 204)
    assert (await get_feed(api, second)).status == 404
    await api.ok("DELETE", FEED, 204)  # idempotent
    third = (await api.ok("POST", FEED, 201))["url"]
    assert (await get_feed(api, third)).status == 200


async def test_delete_data_revokes_the_feed(api: Api) -> None:
    url = (await api.ok("POST", FEED, 201))["url"]
    answer = await api.ok("DELETE", f"/user/{ALICE}/data?data_type=calendar_feed")
    assert answer == {"deleted": {"calendar_feed": 1}}
    assert (await get_feed(api, url)).status == 404
    url = (await api.ok("POST", FEED, 201))["url"]
    answer = await api.ok("DELETE", f"/user/{ALICE}/data")
    assert answer["deleted"]["calendar_feed"] == 1
    assert (await get_feed(api, url)).status == 404


async def test_another_users_token_is_refused_and_changes_nothing(api: Api) -> None:
    url = (await api.ok("POST", FEED, 201))["url"]
    for method in ("POST", "DELETE"):
        response = await api.call(method, FEED, user=BOB)
        assert response.status == 403, method
        assert (await api.call(method, FEED, user=None)).status == 401
    assert (await get_feed(api, url)).status == 200


async def test_the_public_url_setting_makes_the_address(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    settings = make_settings(endpoint, public_url="https://remo.example.com/api/")
    api = await start_api(aiohttp_client, settings, clock)
    url = (await api.ok("POST", FEED, 201))["url"]
    assert url.startswith("https://remo.example.com/api/calendar/")
    secret = url.removeprefix("https://remo.example.com/api/calendar/").removesuffix(".ics")
    assert len(secret) == 43


async def test_a_fired_series_shows_the_fire_and_the_next_occurrence(api: Api) -> None:
    reminder = await api.ok(
        "POST",
        f"/user/{ALICE}/reminders",
        201,
        json={
            "title": "Pills",
            "reminding_time": "2026-11-26T08:00:00Z",
            "recurrence": "FREQ=DAILY",
        },
    )
    async with Store.open(api.settings) as store:
        pending = await store.reminders.get(user_id=ALICE, record_id=reminder["reminder_id"])
        assert pending is not None
        fired = await store.reminders.fire(
            reminder=pending, now=datetime(2026, 11, 26, 8, tzinfo=UTC)
        )
        assert fired is not None
    url = (await api.ok("POST", FEED, 201))["url"]
    calendar = icalendar.Calendar.from_ical(await (await get_feed(api, url)).read())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert [e.decoded("DTSTART") for e in events] == [
        datetime(2026, 11, 26, 8, tzinfo=UTC),
        datetime(2026, 11, 27, 8, tzinfo=UTC),
    ]
    assert "RRULE" not in events[0]
    assert "RRULE" in events[1]


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    secret=st.one_of(
        st.text(min_size=0, max_size=80),
        st.text(alphabet="ABCDEFabcdef0123456789-_", min_size=43, max_size=43),
        st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    ),
    suffix=st.sampled_from((".ics", ".ICS", "", ".ics/", ".ics?x=1")),
)
async def test_no_secret_path_makes_a_5xx(api: Api, secret: str, suffix: str) -> None:
    EXAMPLES["calendar feed: generated secret paths"] += 1
    client: TestClient[Any, Any] = api.client
    response = await client.get("/calendar/" + quote(secret, safe="") + suffix)
    assert response.status in (400, 404), response.status
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_the_secret_form_is_256_bits() -> None:
    from remo_async.store.feeds import SECRET_FORM, new_secret

    secrets = {new_secret() for _ in range(100)}
    assert len(secrets) == 100
    assert all(SECRET_FORM.match(s) for s in secrets)


async def test_the_feed_counts_requests(api: Api, settings: Settings) -> None:
    url = (await api.ok("POST", FEED, 201))["url"]
    await get_feed(api, url)
    await api.client.get("/calendar/" + "A" * 43 + ".ics")
    metrics = await (await api.client.get("/metrics")).text()
    assert "remo_calendar_feed_requests_total 2.0" in metrics
