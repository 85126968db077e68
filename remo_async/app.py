"""The application factory; nothing is created at import time."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

import structlog
from aiohttp import hdrs, web

from remo_async.api.auth import VERIFIER, TokenVerifier
from remo_async.api.cors import Cors
from remo_async.api.middleware import (
    MAX_BODY_BYTES,
    create_auth_middleware,
    create_context_middleware,
    create_idempotency_middleware,
    create_rate_limit_middleware,
)
from remo_async.api.openapi import build_openapi
from remo_async.api.ratelimit import RateLimiter
from remo_async.api.routes import ROUTES, Handler, add_routes
from remo_async.assistant import create_assistant
from remo_async.dispatch import Dispatcher, Notifier
from remo_async.dispatch.speak import AssistantSpeaker
from remo_async.domain.times import Clock, utc_now
from remo_async.keys import (
    ASSISTANT,
    CLOCK,
    DISPATCHER,
    EVENT_HUB,
    METRICS,
    OPENAPI,
    SETTINGS,
    STORE,
    WEBHOOKS,
)
from remo_async.metrics import Metrics
from remo_async.notifications import close_event_streams, events_ctx, webhooks_ctx
from remo_async.push.wiring import PUSH_WORKER, push_ctx
from remo_async.settings import Settings
from remo_async.store import Store

log = structlog.get_logger("remo_async.app")
DISPATCHER_STOP_TIMEOUT = 10.0
MAX_LINE_BYTES = 64 * 1024


CleanupContext = Callable[[web.Application], AsyncIterator[None]]


async def store_ctx(app: web.Application) -> AsyncIterator[None]:
    """The process's one DynamoDB client and its repositories, as app[STORE]."""
    metrics = app[METRICS]
    async with Store.open(
        app[SETTINGS], clock=app[CLOCK], observer=metrics.observe_dynamodb
    ) as store:
        app[STORE] = store
        yield


def dispatcher_ctx(notifiers: Callable[[], list[Notifier]]) -> CleanupContext:
    """Runs the reminder dispatcher for the app's lifetime, telling `notifiers()` (asked
    once, when it starts) of each fire it wins; stops it between reminders."""

    async def dispatcher_running(app: web.Application) -> AsyncIterator[None]:
        dispatcher = Dispatcher(
            app[STORE],
            settings=app[SETTINGS],
            clock=app[CLOCK],
            metrics=app[METRICS],
            notifiers=notifiers(),
        )
        app[DISPATCHER] = dispatcher
        task = asyncio.create_task(dispatcher.supervise(), name="remo-dispatcher")
        yield
        dispatcher.stop()  # asked already by begin_shutdown, unless the app stops otherwise
        try:
            await asyncio.wait_for(task, timeout=DISPATCHER_STOP_TIMEOUT)
        except TimeoutError:
            log.warning("dispatcher did not stop in time; cancelled")
        else:
            log.info("dispatcher stopped")

    return dispatcher_running


class InFlight:
    """Counts requests inside the application's handlers, so a shutdown can wait for them.

    aiohttp's own shutdown stops reading from every connection at once, which cuts off a
    request whose body is still arriving; remo-async serve waits on this count first.
    """

    def __init__(self) -> None:
        self.count = 0
        self.draining = False
        self._idle = asyncio.Event()
        self._idle.set()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """The outermost middleware: counts the request while it is handled."""
        self.count += 1
        self._idle.clear()
        try:
            return await handler(request)
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def on_response_prepare(self, request: web.Request, response: web.StreamResponse) -> None:
        """While draining, every answer closes its connection: the next request goes elsewhere."""
        if self.draining:
            response.force_close()
            # aiohttp sets the Connection header before this hook runs: without this line
            # the client would take the connection as kept alive, and its next request on
            # it would meet the close (a reset).
            response.headers[hdrs.CONNECTION] = "close"

    async def wait_idle(self, within: float) -> int:
        """Waits up to `within` seconds for no request in flight; returns how many are left."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), within)
        return self.count


IN_FLIGHT = web.AppKey("in_flight", InFlight)


async def drain(app: web.Application, *, within: float) -> int:
    """Begins a graceful stop (the listener is already closed) and waits for requests in flight.

    Returns how many requests are still running after `within` seconds.
    """
    await begin_shutdown(app)
    return await app[IN_FLIGHT].wait_idle(within)


async def begin_shutdown(app: web.Application) -> None:
    """No new fires, no open event streams, no more keep-alive; once, however often called.

    The dispatcher finishes the fires in hand while requests finish; what is still due is
    left to the other replicas (or to this one's next start).
    """
    in_flight = app[IN_FLIGHT]
    if in_flight.draining:
        return
    in_flight.draining = True
    log.info(
        "shutting down: no new connections; finishing requests in flight",
        in_flight=in_flight.count,
    )
    dispatcher = app.get(DISPATCHER)
    if dispatcher is not None:
        dispatcher.stop()
    await close_event_streams(app)


async def assistant_ctx(app: web.Application) -> AsyncIterator[None]:
    """The chat engine (and, for a model, its HTTP session) for the app's lifetime."""
    async with create_assistant(app[SETTINGS], store=app[STORE], clock=app[CLOCK]) as assistant:
        app[ASSISTANT] = assistant
        yield


def create_app(
    settings: Settings, *, clock: Clock = utc_now, verifier: TokenVerifier | None = None
) -> web.Application:
    """Builds the web application; its resources open, in the order below, when it starts.

    verifier: checks access tokens (by default one for settings; tests give their clock).
    """
    metrics, in_flight = Metrics(), InFlight()
    verifier = verifier or TokenVerifier(settings)
    cors = Cors(settings.cors_origin_set) if settings.cors_origin_set else None
    limiter = RateLimiter(rate=settings.rate_limit, burst=max(10.0, 2 * settings.rate_limit))
    app = web.Application(
        client_max_size=MAX_BODY_BYTES,
        middlewares=[  # outermost first
            in_flight.middleware,  # counts requests, so a graceful stop can wait for them
            create_context_middleware(ROUTES, metrics=metrics),  # id, route, log, problem+json
            *([cors.middleware] if cors else []),  # preflights of REMO_CORS_ORIGINS
            create_auth_middleware(verifier),  # 401, 403
            create_rate_limit_middleware(limiter),  # 429
            create_idempotency_middleware(lambda: app[STORE].idempotency),  # replays
        ],
        # Long query strings get our own problem+json 4xx rather than aiohttp's plain 400.
        handler_args={"max_line_size": MAX_LINE_BYTES, "max_field_size": MAX_LINE_BYTES},
    )
    app[SETTINGS], app[CLOCK], app[METRICS], app[VERIFIER] = settings, clock, metrics, verifier
    app[IN_FLIGHT] = in_flight
    app[OPENAPI] = build_openapi(ROUTES)
    app.on_response_prepare.append(in_flight.on_response_prepare)
    if cors is not None:  # marks the answers of REMO_CORS_ORIGINS, errors and streams too
        app.on_response_prepare.append(cors.on_response_prepare)
    # Runners other than remo-async serve (tests, run_app) reach begin_shutdown here.
    app.on_shutdown.append(begin_shutdown)

    def fire_notifiers() -> list[Notifier]:
        # Told of each fire, in order: live streams (no wait, clients are waiting), the
        # conversation (the next chat sees it), the user's webhook, their push subscriptions.
        hub, webhooks, pusher = app.get(EVENT_HUB), app.get(WEBHOOKS), app.get(PUSH_WORKER)
        return [
            *([hub] if hub is not None else []),
            AssistantSpeaker(app[STORE]),
            *([webhooks] if webhooks is not None else []),
            *([pusher] if pusher is not None else []),
        ]

    # Opened in this order at start, closed in reverse (so the dispatcher stops first and
    # its last fires are still delivered).
    app.cleanup_ctx.append(store_ctx)  # app[STORE]: the one DynamoDB client
    app.cleanup_ctx.append(assistant_ctx)  # app[ASSISTANT]: the chat engine
    app.cleanup_ctx.append(push_ctx)  # app[VAPID], app[PUSH_WORKER]: Web Push
    if settings.events_enabled:
        app.cleanup_ctx.append(events_ctx)  # app[EVENT_HUB], app[STREAM_READER]
    if settings.dispatch_enabled:
        app.cleanup_ctx.append(webhooks_ctx)  # app[WEBHOOKS]
        app.cleanup_ctx.append(dispatcher_ctx(fire_notifiers))  # app[DISPATCHER]
    add_routes(app)
    return app
