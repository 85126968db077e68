"""Limits per user over HTTP: 409 quota-exceeded that stores nothing, exact under a race."""

from __future__ import annotations

import asyncio

import pytest

from tests.api.conftest import ALICE, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock

# Exactness under concurrency needs atomic transactions: DynamoDB Local, not moto.
pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

LIMIT = 3
REMINDERS = f"/user/{ALICE}/reminders"
TODOS = f"/user/{ALICE}/todos"
LATER = "2030-01-01T10:00:00Z"


@pytest.fixture
async def api(aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock) -> Api:
    settings = make_settings(endpoint, max_pending_reminders=LIMIT, max_todos=LIMIT)
    return await start_api(aiohttp_client, settings, clock)


async def _refused(api: Api, path: str, body: dict[str, str], **kwargs: object) -> None:
    response = await api.call("POST", path, json=body, **kwargs)
    problem = await response.json(content_type=None)
    assert response.status == 409, problem
    assert response.content_type == "application/problem+json"
    assert problem["type"].endswith("quota-exceeded")
    assert problem["status"] == 409


async def test_a_create_past_the_limit_is_409_and_stores_nothing(api: Api) -> None:
    made = [
        await api.ok("POST", REMINDERS, 201, json={"title": f"r{i}", "reminding_time": LATER})
        for i in range(LIMIT)
    ]
    key = {"Idempotency-Key": "the-fourth"}
    fourth = {"title": "fourth", "reminding_time": LATER}
    await _refused(api, REMINDERS, fourth, headers=key)
    listed = await api.ok("GET", REMINDERS)
    assert [r["title"] for r in listed["items"]] == ["r0", "r1", "r2"]

    # A slot freed, the same key creates: the refusal was not kept as its answer.
    path = f"{REMINDERS}/{made[0]['reminder_id']}"
    await api.ok("PATCH", path, json={"status": "done"})
    await api.ok("POST", REMINDERS, 201, json=fourth, headers=key)
    # Re-arming the done one would pass the limit: refused, and it stays done.
    rearm = await api.call("PATCH", path, json={"status": "pending"})
    assert rearm.status == 409
    assert (await rearm.json(content_type=None))["type"].endswith("quota-exceeded")
    assert (await api.ok("GET", path))["status"] == "done"

    for i in range(LIMIT):
        await api.ok("POST", TODOS, 201, json={"title": f"t{i}"})
    await _refused(api, TODOS, {"title": "fourth"})
    assert len((await api.ok("GET", TODOS))["items"]) == LIMIT


async def test_twenty_concurrent_creates_for_the_last_slot_make_one(api: Api) -> None:
    for i in range(LIMIT - 1):
        await api.ok("POST", REMINDERS, 201, json={"title": f"r{i}", "reminding_time": LATER})
        await api.ok("POST", TODOS, 201, json={"title": f"t{i}"})
    for path, body in ((REMINDERS, {"reminding_time": LATER}), (TODOS, {})):
        answers = await asyncio.gather(
            *(api.call("POST", path, json={"title": f"racer{i}", **body}) for i in range(20))
        )
        statuses = sorted(a.status for a in answers)
        assert statuses == [201] + [409] * 19, statuses
        assert len((await api.ok("GET", path))["items"]) == LIMIT


async def test_chat_at_the_limit_answers_instead_of_failing(api: Api) -> None:
    """It answered 409 after storing the user's message: an error that stored something."""
    for n in range(LIMIT):
        await api.ok("POST", REMINDERS, 201, json={"title": f"r{n}", "reminding_time": LATER})
    answer = await api.ok(
        "POST", "/chat", json={"message": "remind me tomorrow at 10am to call mum"}
    )
    assert answer["actions"] == []
    assert f"already have {LIMIT} pending reminders" in answer["response"]
    page = await api.ok("GET", f"/user/{ALICE}/conversation")
    assert [m["role"] for m in page["items"]] == ["user", "assistant"]
    reminders = await api.ok("GET", REMINDERS)
    assert len(reminders["items"]) == LIMIT
