"""Cleanup contexts of what follows a fire: live event streams and webhooks.

Each resource here is owned by one cleanup_ctx generator; create_app registers them before
the dispatcher's (and tells the dispatcher of them), so the dispatcher stops first and its
last fires are still delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog
from aiohttp import web

from remo_async.dispatch.events import EventHub
from remo_async.dispatch.streams import StreamReader, open_streams_client, stream_finder
from remo_async.dispatch.webhook_urls import outbound_session
from remo_async.dispatch.webhooks import WebhookWorker
from remo_async.keys import EVENT_HUB, METRICS, SETTINGS, STORE, STREAM_READER, WEBHOOKS

log = structlog.get_logger("remo_async.notifications")

WEBHOOK_DRAIN = 3.0


async def events_ctx(app: web.Application) -> AsyncIterator[None]:
    """This replica's event hub, fed by the reminders stream for the app's lifetime."""
    settings = app[SETTINGS]
    hub = EventHub(metrics=app[METRICS], per_user=settings.max_event_streams)
    app[EVENT_HUB] = hub
    async with open_streams_client(settings) as client:
        reader = StreamReader(
            client,
            find_stream=stream_finder(app[STORE]),
            hub=hub,
            metrics=app[METRICS],
            poll_interval=settings.stream_poll_interval,
        )
        app[STREAM_READER] = reader
        task = asyncio.create_task(reader.run(), name="remo-stream-reader")
        yield
        hub.close()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def close_event_streams(app: web.Application) -> None:
    """Ends open event streams at shutdown, so the server need not wait them out."""
    hub = app.get(EVENT_HUB)
    if hub is not None:
        hub.close()


async def webhooks_ctx(app: web.Application) -> AsyncIterator[None]:
    """The webhook worker and its one HTTP client session."""
    settings = app[SETTINGS]
    async with outbound_session(allow_insecure=settings.webhook_allow_insecure) as session:
        worker = WebhookWorker(session, store=app[STORE], settings=settings, metrics=app[METRICS])
        app[WEBHOOKS] = worker
        async with worker.running(name="remo-webhooks", grace=WEBHOOK_DRAIN):
            yield
