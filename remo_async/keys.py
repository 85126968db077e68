"""Every typed key of the application's and requests' state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

from remo_async.domain.times import Clock
from remo_async.settings import Settings
from remo_async.store import Store

if TYPE_CHECKING:
    from remo_async.api.auth import TokenVerifier
    from remo_async.api.ratelimit import RateLimiter
    from remo_async.api.routes import Route
    from remo_async.assistant import Assistant
    from remo_async.dispatch import Dispatcher
    from remo_async.dispatch.events import EventHub
    from remo_async.dispatch.streams import StreamReader
    from remo_async.dispatch.webhooks import WebhookWorker
    from remo_async.metrics import Metrics

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", Store)
CLOCK: web.AppKey[Clock] = web.AppKey("clock")
ASSISTANT: web.AppKey[Assistant] = web.AppKey("assistant")
VERIFIER: web.AppKey[TokenVerifier] = web.AppKey("verifier")
METRICS: web.AppKey[Metrics] = web.AppKey("metrics")
RATE_LIMITER: web.AppKey[RateLimiter] = web.AppKey("rate_limiter")
OPENAPI: web.AppKey[dict[str, Any]] = web.AppKey("openapi")
DISPATCHER: web.AppKey[Dispatcher] = web.AppKey("dispatcher")
EVENT_HUB: web.AppKey[EventHub] = web.AppKey("event_hub")
STREAM_READER: web.AppKey[StreamReader] = web.AppKey("stream_reader")
WEBHOOKS: web.AppKey[WebhookWorker] = web.AppKey("webhooks")
ROUTE_INDEX: web.AppKey[dict[tuple[str, str], Route]] = web.AppKey("route_index")

USER_ID = web.RequestKey("user_id", str)
"""The user the request's token belongs to."""
REQUEST_ID = web.RequestKey("request_id", str)
