"""Web Push in the app: the VAPID key for the public-key route, and the worker after fires.

push_ctx runs before the dispatcher's context, so the dispatcher stops first and its
last fires are still pushed (as for webhooks).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import structlog
from aiohttp import web

from remo_async.dispatch.webhook_urls import outbound_session
from remo_async.keys import METRICS, SETTINGS, STORE
from remo_async.push.sender import PushWorker
from remo_async.push.vapid import VapidKey, load_vapid

log = structlog.get_logger("remo_async.push")

VAPID: web.AppKey[VapidKey | None] = web.AppKey("vapid")
PUSH_WORKER: web.AppKey[PushWorker] = web.AppKey("push_worker")
PUSH_DRAIN = 3.0


async def push_ctx(app: web.Application) -> AsyncIterator[None]:
    """Loads the VAPID key (push is off without one, said once) and runs the push worker."""
    settings = app[SETTINGS]
    vapid = load_vapid(settings)
    app[VAPID] = vapid
    if vapid is None:
        log.info(
            "web push is off: set REMO_VAPID_PRIVATE_KEY (or _FILE) and REMO_VAPID_SUBJECT "
            "to turn it on (`remo-async vapid-key` makes a key)"
        )
        yield
        return
    log.info("web push is on", public_key=vapid.public_key, subject=vapid.subject)
    if not settings.dispatch_enabled:
        yield
        return
    async with outbound_session(allow_insecure=settings.webhook_allow_insecure) as session:
        worker = PushWorker(
            session,
            store=app[STORE],
            settings=settings,
            vapid=vapid,
            metrics=app[METRICS],
        )
        app[PUSH_WORKER] = worker
        async with worker.running(name="remo-push", grace=PUSH_DRAIN):
            yield
