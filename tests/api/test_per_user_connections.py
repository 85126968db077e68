"""One user cannot use up what every user's live connections share.

Each open event stream holds a connection, a task and a queue of the replica's. Without
a cap, one token could open thousands and leave none for anyone else; with it, a user's
streams past REMO_MAX_EVENT_STREAMS are a 429 problem+json, and other users (and the
same user, once a stream closes) are served as before.
"""

from __future__ import annotations

import pytest
from aiohttp import ClientResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.keys import EVENT_HUB
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock
from tests.sse import wait_until


def _events(user: str) -> str:
    return f"/user/{user}/events"


async def _open(api: Api, user: str) -> ClientResponse:
    stream = await api.call("GET", _events(user), user=user)
    if stream.status == 200:
        assert (await stream.content.readline()).startswith(b"retry: ")
    return stream


@pytest.mark.parametrize("limit", [1, 3])
async def test_streams_past_the_limit_are_a_429_and_others_are_served(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock, limit: int
) -> None:
    settings_ = make_settings(endpoint, max_event_streams=limit, events_keepalive=0.2)
    api = await start_api(aiohttp_client, settings_, clock)
    hub = api.client.app[EVENT_HUB]
    streams = [await _open(api, ALICE) for _ in range(limit)]
    assert [s.status for s in streams] == [200] * limit

    refused = await _open(api, ALICE)
    assert refused.status == 429
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert int(refused.headers["Retry-After"]) > 0
    problem = await refused.json()
    assert problem["status"] == 429
    assert str(limit) in problem["detail"]
    assert hub.subscriber_count() == limit  # the refused one holds nothing

    other = await _open(api, BOB)  # another user is not affected
    assert other.status == 200

    streams[0].close()
    await wait_until(lambda: hub.subscriber_count() == limit, what="the closed stream to leave")
    again = await _open(api, ALICE)
    assert again.status == 200
    for stream in [*streams[1:], other, again]:
        stream.close()
    await wait_until(lambda: hub.subscriber_count() == 0, what="every stream to leave")


LIMIT = 3
ON_DYNAMODB_LOCAL = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)


@ON_DYNAMODB_LOCAL
@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.sampled_from([ALICE, BOB]), st.booleans()), max_size=16))
async def test_open_streams_never_pass_the_limit_whatever_opens_and_closes(
    aiohttp_client: ClientFactory,
    endpoint: str,
    clock: SettableClock,
    steps: list[tuple[str, bool]],
) -> None:
    """A generated sequence of opens and closes by two users: each open succeeds exactly
    when that user holds fewer than the limit, whatever the other user does."""
    settings_ = make_settings(endpoint, max_event_streams=LIMIT, events_keepalive=0.2)
    api = await start_api(aiohttp_client, settings_, clock)
    hub = api.client.app[EVENT_HUB]
    held: dict[str, list[ClientResponse]] = {ALICE: [], BOB: []}
    try:
        for user, close in steps:
            if close and held[user]:
                held[user].pop().close()
                expected = sum(len(v) for v in held.values())
                await wait_until(lambda n=expected: hub.subscriber_count() == n, what="a close")
                continue
            stream = await _open(api, user)
            assert stream.status == (200 if len(held[user]) < LIMIT else 429)
            if stream.status == 200:
                held[user].append(stream)
            else:
                stream.close()
    finally:
        for stream in held[ALICE] + held[BOB]:
            stream.close()
        await api.client.close()
