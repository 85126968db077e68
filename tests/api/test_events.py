"""The event stream route: tokens by header, cookie or query; keep-alives; clean endings."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiohttp.test_utils import TestClient, TestServer

from remo_async.api.auth import mint_dev_token
from remo_async.app import create_app
from remo_async.keys import EVENT_HUB
from remo_async.settings import Settings
from remo_async.store import Store
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.conftest import make_settings, migrate
from tests.helpers import SettableClock
from tests.sse import SseReader, wait_until

EVENTS = f"/user/{ALICE}/events"


def _ways(token: str) -> dict[str, tuple[dict[str, str], str]]:
    """The three ways a token may come: (headers, query string)."""
    return {
        "header": ({"Authorization": f"Bearer {token}"}, ""),
        "cookie": ({"Cookie": f"privy-token={token}"}, ""),
        "query": ({}, f"?access_token={token}"),
    }


@pytest.mark.parametrize("way", ["header", "cookie", "query"])
async def test_the_token_may_come_by_header_cookie_or_query(api: Api, way: str) -> None:
    headers, query = _ways(api.token(ALICE))[way]
    async with api.client.get(EVENTS + query, headers=headers) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert response.headers["Cache-Control"] == "no-cache"
        assert (await response.content.readline()).startswith(b"retry: ")


@pytest.mark.parametrize("way", ["header", "cookie", "query"])
async def test_a_bad_token_is_401_and_another_users_is_403(api: Api, way: str) -> None:
    headers, query = _ways("not.a.token")[way]
    refused = await api.client.get(EVENTS + query, headers=headers)
    assert refused.status == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    headers, query = _ways(api.token(BOB))[way]
    forbidden = await api.client.get(EVENTS + query, headers=headers)
    assert forbidden.status == 403
    assert ALICE not in (await forbidden.json())["detail"]


async def test_no_token_at_all_is_401_and_other_routes_ignore_query_tokens(api: Api) -> None:
    assert (await api.client.get(EVENTS)).status == 401
    token = api.token(ALICE)
    # Only the event stream reads tokens from the query or a cookie.
    query = await api.client.get(f"/user/{ALICE}/reminders?access_token={token}")
    assert query.status == 401
    cookie = await api.client.get(
        f"/user/{ALICE}/reminders", headers={"Cookie": f"privy-token={token}"}
    )
    assert cookie.status == 401


async def test_keep_alives_flow_and_subscribers_are_released(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    api = await start_api(aiohttp_client, make_settings(endpoint, events_keepalive=0.05), clock)
    hub = api.client.app[EVENT_HUB]
    streams = [await api.call("GET", EVENTS) for _ in range(3)]
    assert hub.subscriber_count() == 3
    reader = SseReader(streams[0])
    read = asyncio.create_task(reader.next(within=10))
    await wait_until(lambda: len(reader.comments) >= 2, what="two keep-alives")
    read.cancel()
    assert reader.comments[:2] == [": keep-alive", ": keep-alive"]
    for stream in streams:
        stream.close()
    await wait_until(lambda: hub.subscriber_count() == 0, what="subscribers to leave")


async def test_shutdown_ends_open_streams_at_once(settings: Settings, clock: SettableClock) -> None:
    async with Store.open(settings) as store:
        await migrate(store)
    client = TestClient(TestServer(create_app(settings, clock=clock)))
    await client.start_server()
    try:
        headers = {"Authorization": f"Bearer {mint_dev_token(settings, ALICE)}"}
        stream = await client.get(EVENTS, headers=headers)
        assert stream.status == 200
        assert (await stream.content.readline()).startswith(b"retry: ")
        started = time.monotonic()
        await client.server.close()  # would wait out its 60 s shutdown timeout if a stream hung
        assert time.monotonic() - started < 10
        assert await asyncio.wait_for(stream.content.read(), timeout=5) == b"\n"
    finally:
        await client.close()


async def test_events_can_be_switched_off(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    api = await start_api(aiohttp_client, make_settings(endpoint, events_enabled=False), clock)
    response = await api.call("GET", EVENTS)
    assert response.status == 404
    assert EVENT_HUB not in api.client.app
