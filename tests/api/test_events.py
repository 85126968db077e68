"""The event stream route: tokens by header, cookie or query; keep-alives; clean endings."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from remo_async.api.auth import LEEWAY, TokenVerifier, mint_dev_token
from remo_async.app import create_app
from remo_async.domain import Reminder
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


class _TokenClock:
    """The verifier's clock (Unix seconds), moved by the test; starts at the real time.

    A whole second, as tokens carry whole seconds: `exp` is then exactly now + expires_in.
    """

    def __init__(self) -> None:
        self.now = float(int(time.time()))

    def __call__(self) -> float:
        return self.now


def _fire(reminder_id: str) -> Reminder:
    at = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    return Reminder.model_validate(
        {
            "reminder_id": reminder_id,
            "user_id": ALICE,
            "title": "t",
            "reminding_time": at,
            "status": "fired",
            "created_at": at,
            "updated_at": at,
            "fired_at": at,
        }
    )


@pytest.mark.parametrize("way", ["header", "cookie", "query"])
async def test_a_stream_ends_with_token_expired_when_its_token_does(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock, way: str
) -> None:
    """Issue 11 item 5: a stream lasts as long as its token is accepted (exp + 60 s leeway)."""
    settings = make_settings(endpoint, events_keepalive=0.05)
    async with Store.open(settings) as store:
        await migrate(store)
    token_clock = _TokenClock()
    app = create_app(settings, clock=clock, verifier=TokenVerifier(settings, clock=token_clock))
    client = await aiohttp_client(app)
    hub = app[EVENT_HUB]
    minted_at = token_clock.now
    token = mint_dev_token(settings, ALICE, expires_in=1, now=minted_at)
    headers, query = _ways(token)[way]
    stream = await client.get(EVENTS + query, headers=headers)
    assert stream.status == 200
    reader = SseReader(stream)

    token_clock.now = minted_at + 1 + LEEWAY - 0.5  # past exp, within the leeway
    hub.publish(_fire("r1"), source="local")
    assert (await reader.next()).event == "reminder.fired"

    token_clock.now = minted_at + 1 + LEEWAY  # refused from now on
    last = await reader.next()
    assert last.event == "token.expired"
    assert last.json()["expired_at"] == datetime.fromtimestamp(
        int(minted_at) + 1 + LEEWAY, UTC
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    with pytest.raises(EOFError):
        await reader.next()
    await wait_until(lambda: hub.subscriber_count() == 0, what="the subscription to end")
    hub.publish(_fire("r2"), source="local")  # goes nowhere
    again = await client.get(EVENTS + query, headers=headers)
    assert again.status == 401
