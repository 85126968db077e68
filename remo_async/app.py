"""The application factory; nothing is created at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from remo_async.api.health import healthz, readyz
from remo_async.domain.times import Clock, utc_now
from remo_async.keys import SETTINGS, STORE
from remo_async.settings import Settings
from remo_async.store import Store

MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings, *, clock: Clock = utc_now) -> web.Application:
    """Builds the web application; its resources open in cleanup_ctx when it starts."""
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[SETTINGS] = settings

    async def store_ctx(app: web.Application) -> AsyncIterator[None]:
        async with Store.open(settings, clock=clock) as store:
            app[STORE] = store
            yield

    app.cleanup_ctx.append(store_ctx)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app
