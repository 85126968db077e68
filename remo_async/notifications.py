"""What follows a fire, wired into the app: live event streams, webhooks, the assistant.

Each resource here is owned by one cleanup_ctx generator; create_app registers them before
the dispatcher's, so the dispatcher stops first and its last fires are still delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
import structlog
from aiohttp import web

from remo_async.dispatch import Notifier
from remo_async.dispatch.events import EventHub
from remo_async.dispatch.speak import AssistantSpeaker
from remo_async.dispatch.streams import StreamReader, open_streams_client, stream_finder
from remo_async.dispatch.webhook_urls import PublicOnlyResolver
from remo_async.dispatch.webhooks import WebhookWorker
from remo_async.keys import EVENT_HUB, METRICS, SETTINGS, STORE, STREAM_READER, WEBHOOKS
from remo_async.push.wiring import PUSH_WORKER

log = structlog.get_logger("remo_async.notifications")

WEBHOOK_DRAIN = 3.0


async def events_ctx(app: web.Application) -> AsyncIterator[None]:
    """This replica's event hub, fed by the reminders stream for the app's lifetime."""
    settings = app[SETTINGS]
    hub = EventHub(metrics=app[METRICS])
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
    # Insecure mode (development) may call loopback; otherwise every connection's
    # addresses are checked as it resolves them.
    resolver = None if settings.webhook_allow_insecure else PublicOnlyResolver()
    connector = aiohttp.TCPConnector(resolver=resolver, limit=64)
    async with aiohttp.ClientSession(connector=connector) as session:
        worker = WebhookWorker(session, store=app[STORE], settings=settings, metrics=app[METRICS])
        app[WEBHOOKS] = worker
        task = asyncio.create_task(worker.run(), name="remo-webhooks")
        yield
        left = await worker.drain(grace=WEBHOOK_DRAIN)
        if left:
            log.warning("webhooks left undelivered at shutdown", count=left)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def fire_notifiers(app: web.Application) -> list[Notifier]:
    """What the dispatcher tells of each fire it wins: local streams, conversation, webhook."""
    notifiers: list[Notifier] = []
    hub = app.get(EVENT_HUB)
    if hub is not None:
        notifiers.append(hub)  # first: it takes no time, and clients are waiting
    notifiers.append(AssistantSpeaker(app[STORE]))
    worker = app.get(WEBHOOKS)
    if worker is not None:
        notifiers.append(worker)
    pusher = app.get(PUSH_WORKER)
    if pusher is not None:
        notifiers.append(pusher)
    return notifiers
