"""Push subscriptions over HTTP: one owner per endpoint, checks, pages, GET/DELETE /data."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.push.vapid import VapidKey, new_private_pem
from remo_async.store import Store
from remo_async.userdata import export_user, import_user, parse_user_data
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.conftest import EXAMPLES, make_settings
from tests.helpers import SettableClock
from tests.push.service import Browser

SUBS = f"/user/{ALICE}/push-subscriptions"


def subscription(name: str = "a", browser: Browser | None = None) -> dict[str, Any]:
    return (browser or Browser()).subscription(f"https://push.example.com/send/{name}")


async def test_push_is_off_without_settings(api: Api) -> None:
    response = await api.client.get("/webpush/public-key")
    assert response.status == 404
    assert response.headers["Content-Type"].startswith("application/problem+json")


async def test_the_public_key_is_the_configured_one(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    pem = new_private_pem()
    settings = make_settings(
        endpoint, vapid_private_key=pem.decode(), vapid_subject="https://remo.example.com"
    )
    api = await start_api(aiohttp_client, settings, clock)
    answer = await api.ok("GET", "/webpush/public-key", user=None)
    assert answer == {"public_key": VapidKey.from_pem(pem, subject="x").public_key}


async def test_subscribe_again_updates_and_another_user_takes_the_endpoint(api: Api) -> None:
    first = await api.call("POST", SUBS, json=subscription())
    assert first.status == 201
    created = await first.json()
    assert set(created) >= {"subscription_id", "endpoint", "created_at"}
    assert "keys" not in created
    assert await api.ok("GET", first.headers["Location"]) == created
    newer = Browser()
    again = await api.ok("POST", SUBS, 200, json=subscription(browser=newer))
    assert again["subscription_id"] == created["subscription_id"]
    assert again["created_at"] == created["created_at"]
    data = await api.ok("GET", f"/user/{ALICE}/data")
    (kept,) = data["push_subscriptions"]
    assert kept["keys"] == subscription(browser=newer)["keys"]
    # Bob subscribes the same endpoint from his account: it moves to him.
    moved = await api.ok(
        "POST", f"/user/{BOB}/push-subscriptions", 201, json=subscription(), user=BOB
    )
    assert moved["subscription_id"] == created["subscription_id"]
    assert (await api.ok("GET", SUBS))["items"] == []
    assert (await api.call("GET", first.headers["Location"])).status == 404
    bobs = await api.ok("GET", f"/user/{BOB}/push-subscriptions", user=BOB)
    assert [s["endpoint"] for s in bobs["items"]] == [created["endpoint"]]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"endpoint": "http://push.example.com/x"}, "endpoint"),
        ({"endpoint": "https://127.0.0.1/x"}, "endpoint"),
        ({"endpoint": "https://10.1.2.3/x"}, "endpoint"),
        ({"endpoint": "not a url"}, "endpoint"),
        ({"keys": {"p256dh": "AAAA", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh"),
        ({"keys": {"p256dh": "B" + "A" * 86, "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh"),
        ({"keys": {"auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh"),
        ({"expirationTime": -1}, "expirationTime"),
        ({"extra": 1}, "extra"),
    ],
)
async def test_bad_subscriptions_are_422_and_store_nothing(
    api: Api, change: dict[str, Any], field: str
) -> None:
    body = {**subscription(), **change}
    response = await api.call("POST", SUBS, json=body)
    assert response.status == 422, await response.text()
    problem = await response.json()
    assert any(e["field"].startswith(field) for e in problem["errors"]), problem
    assert (await api.ok("GET", SUBS))["items"] == []


async def test_a_wrong_auth_length_is_422(api: Api) -> None:
    body = subscription()
    body["keys"]["auth"] = "AAAA"
    response = await api.call("POST", SUBS, json=body)
    assert response.status == 422
    assert (await response.json())["errors"][0]["field"] == "keys.auth"


async def test_another_users_token_is_refused(api: Api) -> None:
    created = await api.ok("POST", SUBS, 201, json=subscription())
    one = f"{SUBS}/{created['subscription_id']}"
    for method, path, body in (
        ("POST", SUBS, subscription("b")),
        ("GET", SUBS, None),
        ("GET", one, None),
        ("DELETE", one, None),
    ):
        response = await api.call(method, path, json=body, user=BOB)
        assert response.status == 403, (method, path)
    assert len((await api.ok("GET", SUBS))["items"]) == 1


async def test_pages_get_and_delete(api: Api) -> None:
    ids = {
        (await api.ok("POST", SUBS, 201, json=subscription(n)))["subscription_id"] for n in "abc"
    }
    first = await api.ok("GET", f"{SUBS}?limit=2")
    assert len(first["items"]) == 2
    rest = await api.ok("GET", f"{SUBS}?limit=2&cursor={first['next_cursor']}")
    assert rest["next_cursor"] is None
    assert {s["subscription_id"] for s in first["items"] + rest["items"]} == ids
    assert (await api.call("GET", f"{SUBS}?cursor=forged")).status == 400
    gone = sorted(ids)[0]
    await api.ok("DELETE", f"{SUBS}/{gone}", 204)
    await api.ok("DELETE", f"{SUBS}/{gone}", 204)
    await api.ok("DELETE", f"{SUBS}/not-an-id", 204)
    assert (await api.call("GET", f"{SUBS}/{gone}")).status == 404
    assert (await api.call("GET", f"{SUBS}/push_{'0' * 32}")).status == 404
    assert (await api.call("GET", f"{SUBS}/junk")).status == 404


async def test_delete_data_frees_the_endpoints(api: Api) -> None:
    for name in "ab":
        await api.ok("POST", SUBS, 201, json=subscription(name))
    deleted = await api.ok("DELETE", f"/user/{ALICE}/data?data_type=push_subscriptions")
    assert deleted == {"deleted": {"push_subscriptions": 2}}
    assert (await api.ok("GET", f"/user/{ALICE}/data"))["push_subscriptions"] == []
    # The endpoint has no owner left: Bob's subscription is new, and Alice's list stays empty.
    await api.ok("POST", f"/user/{BOB}/push-subscriptions", 201, json=subscription("a"), user=BOB)
    assert (await api.ok("GET", SUBS))["items"] == []


async def test_export_and_import_carry_subscriptions(api: Api) -> None:
    await api.ok("POST", SUBS, 201, json=subscription("a"))
    async with Store.open(api.settings) as store:
        exported = await export_user(store, user_id=ALICE)
        text = exported.model_dump_json()
        await store.push.delete_all(user_id=ALICE)
        counts = await import_user(store, data=parse_user_data(text))
        assert counts["push_subscriptions"]["restored"] == 1
        again = await import_user(store, data=parse_user_data(text))
        assert again["push_subscriptions"]["already present"] == 1
        back = [s async for s in store.push.iterate(user_id=ALICE)]
    assert [s.model_dump() for s in back] == [s.model_dump() for s in exported.push_subscriptions]


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(users=st.lists(st.sampled_from([ALICE, BOB, "did:privy:carol"]), min_size=2, max_size=6))
async def test_racing_subscribers_leave_one_owner(api: Api, users: list[str]) -> None:
    EXAMPLES["push subscriptions: racing subscribers of one endpoint"] += 1
    body = subscription("raced")

    async def subscribe(user: str) -> int:
        response = await api.call("POST", f"/user/{user}/push-subscriptions", json=body, user=user)
        return response.status

    statuses = await asyncio.gather(*(subscribe(u) for u in users))
    assert set(statuses) <= {200, 201, 409}
    holders = []
    for user in {ALICE, BOB, "did:privy:carol"}:
        page = await api.ok("GET", f"/user/{user}/push-subscriptions", user=user)
        holders += [user for s in page["items"] if s["endpoint"] == body["endpoint"]]
    assert len(holders) == 1
    assert holders[0] in users


async def test_push_off_is_said_once_at_startup(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    from structlog.testing import capture_logs

    with capture_logs() as logs:
        api = await start_api(aiohttp_client, make_settings(endpoint), clock)
        for _ in range(3):
            assert (await api.client.get("/webpush/public-key")).status == 404
    said = [e for e in logs if e["event"].startswith("web push is off")]
    assert len(said) == 1
    assert "REMO_VAPID_PRIVATE_KEY" in said[0]["event"]


async def test_subscriptions_past_the_limit_are_a_409_that_stores_nothing(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    api = await start_api(aiohttp_client, make_settings(endpoint, max_push_subscriptions=3), clock)
    made = [await api.ok("POST", SUBS, 201, json=subscription(f"d{k}")) for k in range(3)]
    refused = await api.call("POST", SUBS, json=subscription("d3"))
    assert refused.status == 409
    problem = await refused.json()
    assert problem["type"].endswith("quota-exceeded")
    assert "3" in problem["detail"]
    # Nothing stored: not in the list, and the endpoint is still free for another user.
    page = await api.ok("GET", SUBS)
    assert sorted(s["subscription_id"] for s in page["items"]) == sorted(
        m["subscription_id"] for m in made
    )
    await api.ok("POST", f"/user/{BOB}/push-subscriptions", 201, user=BOB, json=subscription("d3"))
    # At the limit a known endpoint is still refreshed, and an endpoint Bob holds cannot
    # move to Alice (Bob keeps it).
    await api.ok("POST", SUBS, 200, json=subscription("d0"))
    assert (await api.call("POST", SUBS, json=subscription("d3"))).status == 409
    bobs = await api.ok("GET", f"/user/{BOB}/push-subscriptions", user=BOB)
    assert [s["endpoint"] for s in bobs["items"]] == [subscription("d3")["endpoint"]]
    # Deleting one makes room.
    await api.ok("DELETE", f"{SUBS}/{made[0]['subscription_id']}", 204)
    await api.ok("POST", SUBS, 201, json=subscription("d4"))
