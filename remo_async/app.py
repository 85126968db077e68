"""The application factory; nothing is created at import time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import structlog
from aiohttp import web

from remo_async.api.auth import TokenVerifier
from remo_async.api.middleware import MAX_BODY_BYTES, auth_middleware, context_middleware
from remo_async.api.openapi import build_openapi
from remo_async.api.ratelimit import RateLimiter
from remo_async.api.routes import ROUTES, add_routes
from remo_async.assistant import create_assistant
from remo_async.dispatch import Dispatcher
from remo_async.domain.times import Clock, utc_now
from remo_async.keys import (
    ASSISTANT,
    CLOCK,
    DISPATCHER,
    METRICS,
    OPENAPI,
    RATE_LIMITER,
    SETTINGS,
    STORE,
    VERIFIER,
)
from remo_async.metrics import Metrics
from remo_async.notifications import (
    close_event_streams,
    events_ctx,
    fire_notifiers,
    webhooks_ctx,
)
from remo_async.settings import Settings
from remo_async.store import Store

log = structlog.get_logger("remo_async.app")
DISPATCHER_STOP_TIMEOUT = 10.0


async def dispatcher_ctx(app: web.Application) -> AsyncIterator[None]:
    """Runs the reminder dispatcher for the app's lifetime; stops it between reminders."""
    dispatcher = Dispatcher(
        app[STORE],
        settings=app[SETTINGS],
        clock=app[CLOCK],
        metrics=app[METRICS],
        notifiers=fire_notifiers(app),
    )
    app[DISPATCHER] = dispatcher
    task = asyncio.create_task(dispatcher.run(), name="remo-dispatcher")
    yield
    dispatcher.stop()
    try:
        await asyncio.wait_for(task, timeout=DISPATCHER_STOP_TIMEOUT)
    except TimeoutError:
        log.warning("dispatcher did not stop in time; cancelled")


async def assistant_ctx(app: web.Application) -> AsyncIterator[None]:
    """The chat engine (and, for a model, its HTTP session) for the app's lifetime."""
    async with create_assistant(app[SETTINGS], store=app[STORE], clock=app[CLOCK]) as assistant:
        app[ASSISTANT] = assistant
        yield


def create_app(settings: Settings, *, clock: Clock = utc_now) -> web.Application:
    """Builds the web application; its resources open in cleanup_ctx when it starts."""
    app = web.Application(
        client_max_size=MAX_BODY_BYTES, middlewares=[context_middleware, auth_middleware]
    )
    app[SETTINGS] = settings
    app[CLOCK] = clock
    app[METRICS] = metrics = Metrics()
    app[VERIFIER] = TokenVerifier(settings)
    app[RATE_LIMITER] = RateLimiter(
        rate=settings.rate_limit, burst=max(10.0, 2 * settings.rate_limit)
    )
    app[OPENAPI] = build_openapi(ROUTES)

    async def store_ctx(app: web.Application) -> AsyncIterator[None]:
        async with Store.open(settings, clock=clock, observer=metrics.observe_dynamodb) as store:
            app[STORE] = store
            yield

    app.cleanup_ctx.append(store_ctx)
    app.cleanup_ctx.append(assistant_ctx)
    if settings.events_enabled:
        app.cleanup_ctx.append(events_ctx)
        app.on_shutdown.append(close_event_streams)
    if settings.dispatch_enabled:
        app.cleanup_ctx.append(webhooks_ctx)
        app.cleanup_ctx.append(dispatcher_ctx)
    add_routes(app)
    return app
