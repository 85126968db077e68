"""Kinds of input the other fuzz tests did not generate, found by attacking the API.

Each test generates a kind, not an instance:

- IANA zone names a client may send: every zone of the published enum, every folder of the
  zone tree ("Europe", "America/Argentina"), the tree's `posix/` and `right/` copies, other
  cases, spaces and slashes. A name is accepted exactly when it is in the OpenAPI enum;
  anything else is a 422 naming `timezone` that stores nothing, on every route that takes
  a zone. Before: a folder name was a 500, and `posix/Europe/Paris` was stored as a
  preference and made every later English time of that user a 500.
- RFC 5545 RRULEs built part by part (every FREQ, in-range and out-of-range BYxxx values,
  ordinals on BYDAY, UNTIL in its three forms, COUNT, INTERVAL, WKST, case, `RRULE:`):
  a create is 201 or 422, never 5xx; what was refused is not stored; what was accepted
  fires, and another user's due reminder fires in the same poll. Before:
  `FREQ=MONTHLY;BYDAY=53MO`, `FREQ=HOURLY;BYHOUR=25` and `FREQ=MINUTELY;BYMINUTE=61` were
  500s.

Compressed bodies are generated against a real server: tests/fuzz/test_newcomer_kinds.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.dispatch import Dispatcher
from remo_async.domain.recurrence import RecurrenceError, check_series, normalize_rule
from remo_async.domain.times import format_time
from remo_async.metrics import Metrics
from remo_async.store import Store
from tests.api.conftest import ALICE, BOB, Api
from tests.conftest import EXAMPLES
from tests.damage import plant_copy

U = f"/user/{ALICE}"
R, T, P = f"{U}/reminders", f"{U}/todos", f"{U}/preferences"
JSON = {"Content-Type": "application/json"}

ON_DYNAMODB_LOCAL = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

GENERATED = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


async def _problem(response: Any, status: int | None = None) -> dict[str, Any]:
    """The answer is a problem+json 4xx (of `status` when given) without a traceback."""
    text = await response.text()
    assert 400 <= response.status < 500, (response.status, text[:300])
    if status is not None:
        assert response.status == status, text[:300]
    assert response.headers["Content-Type"].startswith("application/problem+json"), text[:300]
    assert "Traceback" not in text
    body: dict[str, Any] = await response.json()
    assert body["status"] == response.status
    return body


async def _data(api: Api, user: str = ALICE) -> dict[str, Any]:
    document: dict[str, Any] = await api.ok("GET", f"/user/{user}/data", user=user)
    return document


# --- IANA zone names -------------------------------------------------------------------

_TREE = Path(str(files("tzdata") / "zoneinfo"))
ZONE_FOLDERS = sorted(
    str(p.relative_to(_TREE)) for p in _TREE.rglob("*") if p.is_dir() and "__" not in p.name
)
"""Folders of the zone tree: "Europe", "America/Argentina", ... (never a zone)."""


@st.composite
def zone_names(draw: st.DrawFn, published: list[str]) -> str:
    real = st.sampled_from(published)
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return draw(real)
    if kind == 1:
        return draw(st.sampled_from(ZONE_FOLDERS))
    if kind == 2:  # the zone tree's own copies, not IANA names
        return draw(st.sampled_from(["posix/", "right/", "posix", "right"])) + draw(real)
    if kind == 3:
        return draw(real.map(str.lower) | real.map(str.upper) | real.map(str.swapcase))
    if kind == 4:
        return draw(real) + draw(st.sampled_from([" ", "/", "\t", "\u200e", "\x00", "/."]))
    if kind == 5:
        return draw(st.sampled_from(["", " ", "Local", "localtime", "Factory", "posixrules"]))
    if kind == 6:
        return draw(st.sampled_from(["./", "../", "/"])) + draw(real)
    return draw(st.sampled_from(["Etc/GMT+14", "Etc/GMT-15", "GMT+1", "UTC+1", "Z", "+01:00"]))


async def _published_zones(api: Api) -> list[str]:
    document = await api.ok("GET", "/openapi.json", user=None)
    zones: list[str] = document["components"]["schemas"]["ReminderIn"]["properties"]["timezone"][
        "anyOf"
    ][0]["enum"]
    return zones


@pytest.fixture
async def published_zones(api: Api) -> list[str]:
    return await _published_zones(api)


@pytest.fixture
async def a_reminder(api: Api) -> str:
    made = await api.ok("POST", R, 201, json={"title": "r", "reminding_time": "in 1 day"})
    return f"{R}/{made['reminder_id']}"


@ON_DYNAMODB_LOCAL
@GENERATED
@given(data=st.data())
async def test_a_zone_is_accepted_exactly_when_it_is_published(
    api: Api, published_zones: list[str], a_reminder: str, data: st.DataObject
) -> None:
    EXAMPLES["newcomer kinds: zone names on every route that takes one"] += 1
    zone = data.draw(zone_names(published_zones), label="zone")
    published = zone in published_zones
    writes = [
        ("POST", R, {"title": "z", "reminding_time": "tomorrow 9am", "timezone": zone}),
        ("PATCH", a_reminder, {"timezone": zone}),
        ("POST", P, {"timezone": zone}),
    ]
    for method, path, body in writes:
        before = await _data(api)
        response = await api.call(method, path, json=body)
        if published:
            assert response.status in (200, 201), (zone, await response.text())
            continue
        problem = await _problem(response, 422)
        assert [e["field"] for e in problem["errors"]] == ["timezone"], problem
        assert await _data(api) == before, (zone, method, path)
    # Whatever was accepted, the user's English times and reads still work.
    made = await api.ok("POST", R, 201, json={"title": "after", "reminding_time": "in 2 hours"})
    await api.ok("DELETE", f"{R}/{made['reminder_id']}", 204)
    await api.ok("POST", T, 201, json={"title": "after", "due_date": "next friday"})


# --- RFC 5545 RRULEs --------------------------------------------------------------------

_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]


def _edgy(low: int, high: int) -> st.SearchStrategy[int]:
    """Integers of low..high, often at either end (where ranges are off by one)."""
    return st.one_of(st.integers(low, high), st.sampled_from([low, low + 1, high - 1, high]))


def _values(low: int, high: int, size: int = 3) -> st.SearchStrategy[str]:
    return st.lists(_edgy(low, high), min_size=1, max_size=size).map(
        lambda vs: ",".join(map(str, vs))
    )


_byday = st.lists(
    st.tuples(st.one_of(st.just(""), _edgy(-60, 60).map(str)), st.sampled_from(_DAYS)),
    min_size=1,
    max_size=3,
).map(lambda ds: ",".join(n + d for n, d in ds))
_until = st.tuples(
    st.dates(min_value=date(1960, 1, 1)),
    st.sampled_from(["date", "local", "utc"]),
    st.integers(0, 86399),
).map(
    lambda t: (
        t[0].strftime("%Y%m%d")
        + ("" if t[1] == "date" else f"T{t[2] // 3600:02}{t[2] // 60 % 60:02}{t[2] % 60:02}")
        + ("Z" if t[1] == "utc" else "")
    )
)
_PART_VALUES: dict[str, st.SearchStrategy[str]] = {
    "INTERVAL": st.integers(-1, 2000).map(str),
    "COUNT": st.integers(-1, 30).map(str),
    "UNTIL": _until,
    "BYSECOND": _values(-1, 61, 1),
    "BYMINUTE": _values(-1, 61),
    "BYHOUR": _values(-1, 25),
    "BYDAY": _byday,
    "BYMONTHDAY": _values(-33, 33),
    "BYYEARDAY": _values(-368, 368),
    "BYWEEKNO": _values(-55, 55),
    "BYMONTH": _values(-1, 14),
    "BYSETPOS": _values(-370, 370),
    "WKST": st.sampled_from(_DAYS),
}


@st.composite
def rrules(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(sorted(_PART_VALUES)), max_size=4, unique=True))
    parts = [f"FREQ={draw(st.sampled_from(_FREQS))}"]
    parts += [f"{name}={draw(_PART_VALUES[name])}" for name in names]
    parts = draw(st.permutations(parts))
    rule = ";".join(parts)
    if draw(st.booleans()):
        rule = "RRULE:" + rule
    return draw(st.sampled_from([rule, rule, rule.lower(), f" {rule} "]))


_ODD_ZONES = [
    "UTC",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "Antarctica/Troll",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/Santiago",
    "Europe/London",
]


@settings(max_examples=2000, derandomize=True, database=None, deadline=None)
@given(
    rule=rrules(),
    zone=st.sampled_from(_ODD_ZONES),
    start=st.datetimes(
        min_value=datetime(1970, 1, 2), max_value=datetime(8999, 1, 1), timezones=st.just(UTC)
    ),
)
def test_a_rule_is_accepted_and_fires_or_is_a_recurrence_error(
    rule: str, zone: str, start: datetime
) -> None:
    """The domain's contract: RecurrenceError (a 422) or a series, never another exception."""
    EXAMPLES["newcomer kinds: RFC 5545 rules checked and evaluated"] += 1
    try:
        normalized = normalize_rule(rule)
        check_series(normalized, start=start, zone=zone, now=start)
    except RecurrenceError:
        return


async def _fire_all(api: Api) -> list[Any]:
    async with Store.open(api.settings, clock=api.clock) as store:
        dispatcher = Dispatcher(store, settings=api.settings, clock=api.clock, metrics=Metrics())
        return await dispatcher.poll_once()


@ON_DYNAMODB_LOCAL
@GENERATED
@given(rule=rrules(), zone=st.sampled_from(_ODD_ZONES), minutes=st.sampled_from([-1, 90]))
async def test_a_rule_is_201_or_422_and_never_stops_anyone_s_reminders(
    api: Api, rule: str, zone: str, minutes: int
) -> None:
    EXAMPLES["newcomer kinds: RFC 5545 rules built part by part"] += 1
    before = await _data(api)
    when = format_time(api.clock.now + timedelta(minutes=minutes))
    body = {"title": "odd", "reminding_time": when, "timezone": zone, "recurrence": rule}
    response = await api.call("POST", R, json=body)
    if response.status != 201:
        problem = await _problem(response, 422)
        assert "recurrence" in [e["field"] for e in problem["errors"]], problem
        assert await _data(api) == before, rule
    control = await api.ok(
        "POST",
        f"/user/{BOB}/reminders",
        201,
        user=BOB,
        json={"title": "control", "reminding_time": format_time(api.clock.now)},
    )
    fired = {r.reminder_id for r in await _fire_all(api)}
    assert control["reminder_id"] in fired, rule
    await _data(api)  # the user's own reads still answer


@ON_DYNAMODB_LOCAL
@GENERATED
@given(
    prefix=st.sampled_from(["posix/", "right/"]),
    zone=st.sampled_from(["Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC", "Etc/GMT+12"]),
    when=st.sampled_from(["in 2 hours", "next friday at 3pm", "tomorrow 9am", "12/24"]),
)
async def test_a_zone_an_older_release_stored_is_read_mended(
    api: Api, prefix: str, zone: str, when: str
) -> None:
    """Before the fix such zones were accepted; stored ones must not break the user."""
    EXAMPLES["newcomer kinds: zones older releases stored"] += 1
    async with Store.open(api.settings) as store:
        await store.dynamo.call(
            "update_item",
            TableName=store.users.table,
            Key={"privy_id": {"S": ALICE}},
            UpdateExpression="SET preferences = :p",
            ExpressionAttributeValues={":p": {"S": f'{{"timezone": "{prefix}{zone}"}}'}},
        )
    preferences = await api.ok("GET", P)
    assert preferences["preferences"]["timezone"] == zone
    made = await api.ok("POST", R, 201, json={"title": "old zone", "reminding_time": when})
    assert made["timezone"] == zone
    await api.ok("POST", T, 201, json={"title": "old zone", "due_date": when})
    # A reminder stored with such a zone keeps it (the dispatcher reads it with zoneinfo);
    # a time given in it is read by our rules, and dateparser's fallback is a 422, not 500.
    async with Store.open(api.settings) as store:
        old = await plant_copy(
            store,
            user_id=ALICE,
            reminder_id=made["reminder_id"],
            changes={"timezone": prefix + zone},
        )
    response = await api.call("PATCH", f"{R}/{old}", json={"reminding_time": when})
    if response.status != 200:
        await _problem(response, 422)
    await _data(api)


# --- Chat: a repeat at no interval ------------------------------------------------------


@ON_DYNAMODB_LOCAL
@settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    zero=st.sampled_from(["0", "00", "000", "zero"]),
    unit=st.sampled_from(["minutes", "hours", "days", "weeks", "months", "years"]),
    form=st.sampled_from(
        ["remind me to water the plants every {n} {u}", "every {n} {u} remind me to stretch"]
    ),
)
async def test_a_repeat_every_zero_units_is_a_question_not_a_reminder(
    api: Api, zero: str, unit: str, form: str
) -> None:
    """Before: "every 0 days" made a daily reminder (a wrong action, not a question)."""
    EXAMPLES["newcomer kinds: chat repeats at no interval"] += 1
    before = await api.ok("GET", f"{R}?limit=100")
    answer = await api.ok("POST", "/chat", json={"message": form.format(n=zero, u=unit)})
    assert answer["actions"] == [], answer
    assert await api.ok("GET", f"{R}?limit=100") == before
