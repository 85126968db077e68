"""DELETE /data?data_type=all erases the user's stored Idempotency-Key answers too.

Those answers hold the user's own words (a create's answer, the assistant's reply) for
24 hours; after "delete everything" none may be left, and a retried create must create
again rather than replay an answer about a reminder that no longer exists.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.domain.times import utc_now
from remo_async.settings import Settings
from remo_async.store import Store
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.helpers import SettableClock

R = f"/user/{ALICE}/reminders"


@pytest.fixture
async def api(aiohttp_client: ClientFactory, settings: Settings) -> Api:
    """The app on a clock at the real time: answers expire (TTL) 24 h after it, and
    DynamoDB Local's TTL sweeper deletes items whose TTL is past in real time."""
    return await start_api(aiohttp_client, settings, SettableClock(utc_now()))


async def _idempotency_items(api: Api) -> list[dict[str, Any]]:
    async with Store.open(api.settings) as store:
        found = await store.dynamo.call("scan", TableName=store.idempotency.table)
    items: list[dict[str, Any]] = found.get("Items", [])
    return items


async def test_erasing_everything_erases_the_stored_answers_and_a_retry_creates_anew(
    api: Api,
) -> None:
    body = {"title": "private words", "reminding_time": "in 2 hours"}
    key = {"Idempotency-Key": "k-1"}
    first = await api.ok("POST", R, 201, json=body, headers=key)
    await api.ok("POST", "/chat", 200, json={"message": "remind me to call mum at 6"}, headers=key)
    await api.ok("POST", f"/user/{BOB}/reminders", 201, user=BOB, json=body, headers=key)
    assert len(await _idempotency_items(api)) == 3

    await api.ok("DELETE", f"/user/{ALICE}/data?data_type=all")
    left = await _idempotency_items(api)
    assert [i["user_id"]["S"] for i in left] == [BOB]  # Bob's answer is his, and kept
    assert all("private words" not in str(i) or i["user_id"]["S"] == BOB for i in left)

    again = await api.call("POST", R, json=body, headers=key)
    assert again.status == 201
    assert "Idempotent-Replayed" not in again.headers
    made = await again.json()
    assert made["reminder_id"] != first["reminder_id"]
    assert (await api.ok("GET", f"/user/{ALICE}/reminders/{made['reminder_id']}")) == made


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    keys=st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
        ),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    kind=st.sampled_from(["reminders", "todos", "conversations", "user", "all"]),
)
async def test_only_erasing_everything_erases_answers_whatever_the_keys(
    api: Api, keys: list[str], kind: str
) -> None:
    """Keys of any characters and length (long ones are stored by hash): all of the
    user's answers go with data_type=all, none with a narrower data_type."""
    before = len(await _idempotency_items(api))
    for idem in keys:
        header = idem.encode("utf-8").decode("latin-1")  # HTTP carries the header's bytes
        await api.ok(
            "POST",
            R,
            201,
            json={"title": "t", "reminding_time": "in 1 hour"},
            headers={"Idempotency-Key": header},
        )
    assert len(await _idempotency_items(api)) == before + len(keys)
    await api.ok("DELETE", f"/user/{ALICE}/data?data_type={kind}")
    mine = [i for i in await _idempotency_items(api) if i.get("user_id", {}).get("S") == ALICE]
    assert len(mine) == (0 if kind == "all" else before + len(keys))
    await api.ok("DELETE", f"/user/{ALICE}/data?data_type=all")
