"""A big calendar feed does not stall other requests on the same event loop.

Against the real app on DynamoDB Local: Alice holds thousands of reminders and todos;
while her feed is rendered, a ticker task measures the event loop's longest wait and Bob
lists his reminders. Rendering in a worker thread held the GIL for 150-400 ms at a time
(and the digest of the whole feed ran on the loop), and botocore parsed each 1 MB page
of items in one go: this test failed on both.
"""

from __future__ import annotations

import asyncio
import gc
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from remo_async.store import Store
from remo_async.store.attrs import to_item
from remo_async.store.reminders import ReminderRepository
from remo_async.store.todos import TodoRepository
from tests.api.conftest import ALICE, BOB, ClientFactory, start_api
from tests.conftest import make_settings
from tests.feeds.loop_watch import LoopWatch
from tests.helpers import SettableClock

REMINDERS = 2000
TODOS = 4000
STALL_LIMIT = 0.15
"""Seconds the loop may wait at most (the slices are 5 ms; the rest is a loaded machine)."""
OTHER_REQUEST_LIMIT = 1.0
"""Seconds Bob's list may take while Alice's feed renders."""
ZONES = ("UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata")
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _reminder(repo: ReminderRepository, user_id: str, i: int) -> dict[str, Any]:
    values: dict[str, Any] = {
        "user_id": user_id,
        "reminder_id": f"rem_01J{i:023d}",
        "title": f"reminder {i}",
        "description": "take the blue folder" * (i % 3),
        "reminding_time": _stamp(NOW + timedelta(hours=i + 1)),
        "timezone": ZONES[i % len(ZONES)],
        "status": "pending",
        "created_at": _stamp(NOW),
        "version": 1,
    }
    if i % 3 == 0:
        values["recurrence"] = "FREQ=WEEKLY;BYDAY=MO,WE"
    return repo._finish(values, NOW)


def _todo(repo: TodoRepository, user_id: str, i: int) -> dict[str, Any]:
    values: dict[str, Any] = {
        "user_id": user_id,
        "todo_id": f"todo_01J{i:023d}",
        "title": f"todo {i}",
        "priority": ("low", "medium", "high", "urgent")[i % 4],
        "status": "pending",
        "created_at": _stamp(NOW),
        "version": 1,
    }
    if i % 2:
        values["category"] = "home"
        values["due_date"] = (NOW.date() + timedelta(days=i)).isoformat()
    return repo._finish(values, NOW)


async def _put_all(store: Store, table: str, items: list[dict[str, Any]]) -> None:
    """BatchWriteItem, 25 at a time (the AWS limit), unprocessed items again."""

    async def batch(chunk: list[dict[str, Any]]) -> None:
        requests: dict[str, Any] = {table: [{"PutRequest": {"Item": to_item(v)}} for v in chunk]}
        while requests:
            answer = await store.dynamo.call("batch_write_item", RequestItems=requests)
            requests = answer.get("UnprocessedItems") or {}

    chunks = [items[i : i + 25] for i in range(0, len(items), 25)]
    for start in range(0, len(chunks), 8):
        await asyncio.gather(*(batch(c) for c in chunks[start : start + 8]))


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_a_big_feed_does_not_stall_another_users_request(
    aiohttp_client: ClientFactory, endpoint: str
) -> None:
    settings = make_settings(endpoint)
    api = await start_api(aiohttp_client, settings, SettableClock(NOW))
    async with Store.open(settings) as store:
        reminders = [_reminder(store.reminders, ALICE, i) for i in range(REMINDERS)]
        todos = [_todo(store.todos, ALICE, i) for i in range(TODOS)]
        await _put_all(store, store.reminders.table, reminders)
        await _put_all(store, store.todos.table, todos)
        await _put_all(store, store.reminders.table, [_reminder(store.reminders, BOB, 0)])
    url = (await api.ok("POST", f"/user/{ALICE}/calendar-feed", 201))["url"]
    path = url[url.index("/calendar/") :]

    async def fetch_feed() -> tuple[int, bytes, float]:
        began = time.perf_counter()
        response = await api.client.get(path)
        body = await response.read()
        return response.status, body, time.perf_counter() - began

    # What is measured is the feed's own work. A full collection of this test process's
    # heap (pytest, hypothesis, earlier tests: ~200k objects) pauses everything for
    # 100-250 ms on a loaded machine whatever runs; freezing it keeps that out (README).
    gc.collect()
    gc.freeze()
    try:
        async with LoopWatch() as watch:
            feed = asyncio.create_task(fetch_feed())
            await asyncio.sleep(0.5)  # Alice's items are read by now, her feed is rendering
            began = time.perf_counter()
            bobs = await api.ok("GET", f"/user/{BOB}/reminders", user=BOB)
            other = time.perf_counter() - began
            overlapped = not feed.done()  # Bob was served while Alice's feed rendered
            status, body, took = await feed
    finally:
        gc.unfreeze()

    assert status == 200
    assert body.count(b"BEGIN:VEVENT") == REMINDERS
    assert body.count(b"BEGIN:VTODO") == TODOS
    assert [r["title"] for r in bobs["items"]] == ["reminder 0"]
    assert overlapped, f"the feed took {took:.2f} s: Bob's request did not overlap it"
    assert watch.longest < STALL_LIMIT, f"the event loop waited {watch.longest * 1000:.0f} ms"
    assert other < OTHER_REQUEST_LIMIT, f"Bob's list took {other * 1000:.0f} ms"
