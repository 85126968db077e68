"""Lists a client can use: every filter and order, paged, equals a plain Python filter and sort.

The oracle below is written from API.md alone (not from store/listing.py): for random
items and random queries, paging through the API with a random page size returns exactly
the items the oracle keeps, in its order, each once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.store.listing import ListQuery, list_spec
from tests.api.conftest import ALICE, Api
from tests.conftest import EXAMPLES

BASE = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
WORDS = ["milk", "Mum", "STRASSE", "straße", "call", "Ünïcode", "dentist"]
RANK = {"urgent": 0, "high": 1, "medium": 2, "low": 3}


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


async def _all_pages(api: Api, user: str, path: str, params: dict[str, str], limit: int) -> list:
    """Every item of a list, following next_cursor; each page is at most `limit` long."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(200):  # a bound: a list that never ends fails the test
        query = {**params, "limit": str(limit), **({"cursor": cursor} if cursor else {})}
        page = await api.ok("GET", f"{path}?{urlencode(query)}", user=user)
        assert len(page["items"]) <= limit
        found += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return found
    raise AssertionError("the list did not end")


async def _check_lists(
    api: Api,
    kind: str,
    *,
    bodies: list[tuple[dict[str, Any], str]],
    queries: list[dict[str, str]],
    limit: int,
    expected: Callable[[list[dict[str, Any]], dict[str, str]], list[str]],
) -> None:
    """Creates the items (then sets each status) for a new user; each query, paged through
    `limit` at a time, answers exactly the ids `expected` computes, in order, each once."""
    user = f"did:privy:{uuid.uuid4().hex[:12]}"
    path = f"/user/{user}/{kind}"
    id_key = "reminder_id" if kind == "reminders" else "todo_id"
    made = []
    for body, status in bodies:
        item = await api.ok("POST", path, 201, user=user, json=body)
        if status != "pending":
            item = await api.ok(
                "PATCH", f"{path}/{item[id_key]}", user=user, json={"status": status}
            )
        made.append(item)
    for query in queries:
        listed = await _all_pages(api, user, path, query, limit)
        ids = [item[id_key] for item in listed]
        assert ids == expected(made, query), query
        assert len(set(ids)) == len(ids)


def _has_text(q: str | None, *texts: str) -> bool:
    return q is None or any(q.casefold() in text.casefold() for text in texts)


@dataclass
class ReminderCase:
    title: str
    description: str
    minutes: int
    status: str


reminder_cases = st.builds(
    ReminderCase,
    title=st.sampled_from(WORDS),
    description=st.sampled_from(["", *WORDS]),
    minutes=st.integers(0, 6).map(lambda n: n * 90),  # equal times happen: ties by id
    status=st.sampled_from(["pending", "pending", "done", "cancelled"]),
)
reminder_queries = st.fixed_dictionaries(
    {"order": st.sampled_from(["created", "due"])},
    optional={
        "status": st.lists(
            st.sampled_from(["pending", "done", "cancelled", "fired"]), min_size=1, max_size=3
        ).map(",".join),
        "from": st.integers(-1, 9).map(lambda n: _fmt(BASE + timedelta(minutes=n * 90))),
        "to": st.integers(-1, 9).map(
            lambda n: _fmt(BASE + timedelta(minutes=n * 90 + 45 * (n % 2)))
        ),
        "q": st.sampled_from(["MILK", "mu", "strasse", "üNÏ", "call", "zzz", "a"]),
    },
)


def _expected_reminders(made: list[dict[str, Any]], query: dict[str, str]) -> list[str]:
    statuses = set(query["status"].split(",")) if "status" in query else None
    keep = [
        r
        for r in made
        if (statuses is None or r["status"] in statuses)
        and ("from" not in query or r["reminding_time"] >= query["from"])
        and ("to" not in query or r["reminding_time"] < query["to"])
        and _has_text(query.get("q"), r["title"], r["description"])
    ]
    if query.get("order") == "due":
        keep.sort(key=lambda r: (r["reminding_time"], r["reminder_id"]))
    else:
        keep.sort(key=lambda r: r["reminder_id"])
    return [r["reminder_id"] for r in keep]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cases=st.lists(reminder_cases, max_size=9),
    queries=st.lists(reminder_queries, min_size=1, max_size=3),
    limit=st.integers(1, 4),
)
async def test_reminder_lists_equal_the_oracle(
    api: Api, cases: list[ReminderCase], queries: list[dict[str, str]], limit: int
) -> None:
    EXAMPLES["lists: reminder queries paged against a Python filter and sort"] += len(queries)
    bodies = [
        (
            {
                "title": case.title,
                "description": case.description,
                "reminding_time": _fmt(BASE + timedelta(minutes=case.minutes)),
            },
            case.status,
        )
        for case in cases
    ]
    await _check_lists(
        api, "reminders", bodies=bodies, queries=queries, limit=limit, expected=_expected_reminders
    )


@dataclass
class TodoCase:
    title: str
    priority: str
    category: str | None
    due: int | None
    bare_day: bool
    status: str


todo_cases = st.builds(
    TodoCase,
    title=st.sampled_from(WORDS),
    priority=st.sampled_from(list(RANK)),
    category=st.sampled_from([None, "home", "work"]),
    due=st.none() | st.integers(0, 3),
    bare_day=st.booleans(),
    status=st.sampled_from(["pending", "pending", "done", "cancelled"]),
)
todo_queries = st.fixed_dictionaries(
    {"order": st.sampled_from(["created", "due", "priority"])},
    optional={
        "status": st.lists(
            st.sampled_from(["pending", "done", "cancelled"]), min_size=1, max_size=2
        ).map(",".join),
        "priority": st.sampled_from(list(RANK)),
        "category": st.sampled_from(["home", "work"]),
        "q": st.sampled_from(["MILK", "mu", "strasse", "zzz"]),
    },
)


def _due_sort(todo: dict[str, Any]) -> tuple[Any, ...]:
    due = todo["due_date"]
    if due is None:
        return (1, date.max, 0, "")
    if len(due) == 10:  # a bare day comes before the times of that day
        return (0, date.fromisoformat(due), 0, "")
    moment = datetime.fromisoformat(due)
    return (0, moment.date(), 1, moment)


def _expected_todos(made: list[dict[str, Any]], query: dict[str, str]) -> list[str]:
    statuses = set(query["status"].split(",")) if "status" in query else None
    keep = [
        t
        for t in made
        if (statuses is None or t["status"] in statuses)
        and query.get("priority", t["priority"]) == t["priority"]
        and ("category" not in query or t["category"] == query["category"])
        and _has_text(query.get("q"), t["title"], t["description"])
    ]
    order = query.get("order", "created")
    if order == "due":
        keep.sort(key=lambda t: (*_due_sort(t), t["todo_id"]))
    elif order == "priority":
        keep.sort(key=lambda t: (RANK[t["priority"]], t["todo_id"]))
    else:
        keep.sort(key=lambda t: t["todo_id"])
    return [t["todo_id"] for t in keep]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cases=st.lists(todo_cases, max_size=9),
    queries=st.lists(todo_queries, min_size=1, max_size=3),
    limit=st.integers(1, 4),
)
async def test_todo_lists_equal_the_oracle(
    api: Api, cases: list[TodoCase], queries: list[dict[str, str]], limit: int
) -> None:
    EXAMPLES["lists: todo queries paged against a Python filter and sort"] += len(queries)
    bodies = []
    for case in cases:
        body: dict[str, Any] = {"title": case.title, "priority": case.priority}
        if case.category is not None:
            body["category"] = case.category
        if case.due is not None:
            moment = BASE + timedelta(hours=case.due * 10)
            body["due_date"] = moment.date().isoformat() if case.bare_day else _fmt(moment)
        bodies.append((body, case.status))
    await _check_lists(
        api, "todos", bodies=bodies, queries=queries, limit=limit, expected=_expected_todos
    )


R = f"/user/{ALICE}/reminders"


async def _two_pages(api: Api, query: str) -> str:
    for minutes in (10, 20, 30):
        await api.ok(
            "POST",
            R,
            201,
            json={"title": "x", "reminding_time": _fmt(BASE + timedelta(minutes=minutes))},
        )
    page = await api.ok("GET", f"{R}?{query}&limit=1")
    assert page["next_cursor"]
    return str(page["next_cursor"])


@pytest.mark.parametrize(
    "other",
    [
        "order=created",
        "order=due&status=done",
        "order=due&q=x",
        "order=due&from=2027-01-01T00:00:00Z",
    ],
)
async def test_a_cursor_used_with_another_query_is_a_400(api: Api, other: str) -> None:
    cursor = await _two_pages(api, "order=due")
    response = await api.call("GET", f"{R}?{other}&limit=1&cursor={cursor}")
    assert response.status == 400, await response.text()
    assert response.content_type == "application/problem+json"
    same = await api.ok("GET", f"{R}?order=due&limit=1&cursor={cursor}")
    assert len(same["items"]) == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=pending,bogus", "query.status"),
        ("status=", "query.status"),
        ("order=title", "query.order"),
        ("from=yesterday", "query.from"),
        ("to=2027-13-01T00:00:00Z", "query.to"),
        ("q=", "query.q"),
        (f"q={'x' * 101}", "query.q"),
        ("q=%00", "query.q"),
    ],
)
async def test_bad_list_parameters_are_422_naming_them(api: Api, query: str, field: str) -> None:
    response = await api.call("GET", f"{R}?{query}")
    assert response.status == 422, await response.text()
    body = await response.json()
    assert field in [e["field"] for e in body["errors"]]


async def test_todo_list_parameters_are_checked(api: Api) -> None:
    for query, field in (
        ("order=due_date", "query.order"),
        ("priority=huge", "query.priority"),
        ("status=fired", "query.status"),
    ):
        response = await api.call("GET", f"/user/{ALICE}/todos?{query}")
        assert response.status == 422, query
        assert field in [e["field"] for e in (await response.json())["errors"]]


@pytest.mark.parametrize("order", ["created", "due"])
async def test_from_after_to_keeps_nothing(api: Api, order: str) -> None:
    await api.ok("POST", R, 201, json={"title": "a", "reminding_time": "2027-01-15T00:00:00Z"})
    for bounds in (
        "from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z",
        "from=9999-01-01T00:00:00Z&to=9998-01-01T00:00:00z",
    ):
        page = await api.ok("GET", f"{R}?order={order}&{bounds}")
        assert page == {"items": [], "next_cursor": None}
    whole = await api.ok(
        "GET", f"{R}?order={order}&from=0001-01-01T00:00:00Z&to=9999-12-31t23:59:60Z"
    )
    assert len(whole["items"]) == 1


async def test_a_time_without_offset_is_read_in_the_users_zone(api: Api) -> None:
    await api.ok("POST", f"/user/{ALICE}/preferences", json={"timezone": "Asia/Kolkata"})
    await api.ok("POST", R, 201, json={"title": "a", "reminding_time": "2027-03-01T06:00:00Z"})
    # 11:30 in Kolkata is 06:00 UTC: from 11:30 local keeps it, from 11:31 does not.
    assert len((await api.ok("GET", f"{R}?from=2027-03-01T11:30:00"))["items"]) == 1
    assert (await api.ok("GET", f"{R}?from=2027-03-01T11:31:00"))["items"] == []


def test_each_list_is_a_key_condition_on_an_index_where_one_serves() -> None:
    """Which GSI serves which query (migration 0004), and what stays a filter."""

    def spec(**kwargs: Any) -> Any:
        return list_spec("t", user_id="u", id_attr="reminder_id", query=ListQuery(**kwargs))

    assert spec().index is None
    assert spec().filter is None
    one = spec(statuses=("pending",), order="due", start=BASE, end=BASE + timedelta(days=1))
    assert one.index == "status-due-index"
    assert one.values[":h"] == {"S": "u#pending"}
    assert "BETWEEN" in one.key_condition
    assert one.filter is None
    assert spec(order="due").index == "user-due-index"
    assert spec(statuses=("done",)).index == "status-created-index"
    several = spec(statuses=("done", "pending"), q="Milk")
    assert several.index is None
    assert several.filter is not None
    assert "IN" in several.filter
    assert several.values[":q"] == {"S": "milk"}
    ranked = list_spec(
        "t", user_id="u", id_attr="todo_id", query=ListQuery(order="priority", priority="high")
    )
    assert ranked.index == "user-priority-index"
    assert "begins_with" in ranked.key_condition


async def test_todos_by_due_date_soonest_first_bare_day_first_undated_last(api: Api) -> None:
    path = f"/user/{ALICE}/todos"
    for title, due in (
        ("undated", None),
        ("day 2 noon", "2027-03-02T12:00:00Z"),
        ("day 2", "2027-03-02"),
        ("day 1 late", "2027-03-01T23:00:00Z"),
    ):
        await api.ok("POST", path, 201, json={"title": title, **({"due_date": due} if due else {})})
    listed = await api.ok("GET", f"{path}?order=due")
    assert [t["title"] for t in listed["items"]] == ["day 1 late", "day 2", "day 2 noon", "undated"]
    ranked = await api.ok("GET", f"{path}?order=priority&status=pending")
    assert len(ranked["items"]) == 4
