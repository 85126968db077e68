"""The calendar feed: a secret address per user (POST rotates, DELETE revokes) and the feed."""

from __future__ import annotations

import asyncio
import weakref

from aiohttp import web
from pydantic import BaseModel

from remo_async.api.http import dump
from remo_async.api.problems import HttpProblem
from remo_async.api.views.common import now_of, path_user, store_of
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.feeds import Pacer, feed_etag, render_feed
from remo_async.keys import METRICS, SETTINGS

CACHE_CONTROL = "private, no-cache"
"""Clients may keep the feed but must revalidate (a 304 is cheap): a revoked address or a
changed reminder shows at the next poll. `private`: the URL is a credential."""
FEED_NAME = "Remo"
RENDERS_AT_ONCE = 1
"""Feeds rendered at once per process; others wait their turn (other requests do not)."""


class FeedGate:
    """At most RENDERS_AT_ONCE feed renderings at a time on this process's event loop.

    A rendering runs on the loop in slices (feeds.render_feed), so it never stalls other
    requests for more than a slice; the gate bounds the share of the loop feeds take when
    many are fetched at once (a big feed takes ~0.3 ms per item the first time, then a
    lookup per unchanged item).
    """

    def __init__(self, size: int = RENDERS_AT_ONCE) -> None:
        self._size = size
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]
        self._gates = weakref.WeakKeyDictionary()

    def __call__(self) -> asyncio.Semaphore:
        """The gate of the running loop (an asyncio primitive serves one loop only)."""
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self._size)
        return gate


_GATE = FeedGate()


class CalendarFeedOut(BaseModel):
    """The feed's secret address: absolute, `.../calendar/<secret>.ics`."""

    url: str


def _base_url(request: web.Request) -> str:
    public = request.app[SETTINGS].public_url
    if public:
        return public.rstrip("/")
    return f"{request.scheme}://{request.host}"


async def create_feed(request: web.Request) -> web.Response:
    """POST /user/{user_id}/calendar-feed: 201, a new secret address; earlier ones stop working."""
    secret = await store_of(request).feeds.rotate(user_id=path_user(request))
    url = f"{_base_url(request)}/calendar/{secret}.ics"
    return dump(CalendarFeedOut(url=url), status=201, headers={"Location": url})


async def delete_feed(request: web.Request) -> web.Response:
    """DELETE /user/{user_id}/calendar-feed: 204; the address stops working."""
    await store_of(request).feeds.revoke(user_id=path_user(request))
    return web.Response(status=204)


def _matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: weak comparison against each listed tag, or `*`."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in tags)


async def get_feed(request: web.Request) -> web.StreamResponse:
    """GET /calendar/{secret}.ics: the user's calendar; 404 for an unknown or revoked secret."""
    request.app[METRICS].calendar_feed_requests.inc()
    store = store_of(request)
    user_id = await store.feeds.user_for(request.match_info["secret"])
    if user_id is None:
        raise HttpProblem(404, "no calendar feed at this address")
    pacer = Pacer()  # a page of items is parsed in one go: a turn between items too
    reminders = []
    for status in (ReminderStatus.PENDING, ReminderStatus.FIRED):
        async for reminder in store.reminders.iterate(user_id=user_id, status=status):
            reminders.append(reminder)
            await pacer.turn()
    todos = []
    async for todo in store.todos.iterate(user_id=user_id, status=TodoStatus.PENDING):
        todos.append(todo)
        await pacer.turn()
    async with _GATE():
        body = await render_feed(
            reminders=reminders, todos=todos, now=now_of(request), name=FEED_NAME
        )
    etag = feed_etag(body)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("If-None-Match", ""), etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, content_type="text/calendar", charset="utf-8", headers=headers)
