"""The calendar feed: a secret address per user (POST rotates, DELETE revokes) and the feed."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from aiohttp import web
from pydantic import BaseModel

from remo_async.api.http import dump
from remo_async.api.problems import HttpProblem
from remo_async.api.views.common import now_of, path_user, store_of
from remo_async.domain.enums import ReminderStatus, TodoStatus
from remo_async.feeds import build_feed, feed_etag, fingerprint
from remo_async.keys import METRICS, SETTINGS

CACHE_CONTROL = "private, no-cache"
"""Clients may keep the feed but must revalidate (a 304 is cheap): a revoked address or a
changed reminder shows at the next poll. `private`: the URL is a credential."""
FEED_NAME = "Remo"
RENDERED_KEPT = 64


class RenderedFeeds:
    """The last feeds rendered, by fingerprint: icalendar takes ~0.75 ms of CPU per item, so
    a calendar polled without changes is answered from here (a pure memo: same input,
    same bytes), and a new rendering runs in a thread, off the event loop."""

    def __init__(self, size: int = RENDERED_KEPT) -> None:
        self._size = size
        self._bodies: OrderedDict[str, bytes] = OrderedDict()

    async def render(self, **inputs: Any) -> bytes:
        """build_feed(**inputs), from the memo when its fingerprint was rendered before."""
        key = fingerprint(**inputs)
        body = self._bodies.get(key)
        if body is None:
            body = await asyncio.to_thread(build_feed, **inputs)
            self._bodies[key] = body
            while len(self._bodies) > self._size:
                self._bodies.popitem(last=False)
        self._bodies.move_to_end(key)
        return body


_RENDERED = RenderedFeeds()


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
    reminders = [
        reminder
        for status in (ReminderStatus.PENDING, ReminderStatus.FIRED)
        async for reminder in store.reminders.iterate(user_id=user_id, status=status)
    ]
    todos = [t async for t in store.todos.iterate(user_id=user_id, status=TodoStatus.PENDING)]
    body = await _RENDERED.render(
        reminders=reminders, todos=todos, now=now_of(request), name=FEED_NAME
    )
    etag = feed_etag(body)
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if _matches(request.headers.get("If-None-Match", ""), etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, content_type="text/calendar", charset="utf-8", headers=headers)
