"""Typed keys of the application's and requests' state that every layer may read.

This module imports only what lies below the HTTP layer (settings, store, domain, metrics,
dispatch, assistant); keys of the HTTP layer's own objects live beside them (VERIFIER in
api/auth.py, ROUTE in api/routes.py).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from remo_async.assistant import Assistant
from remo_async.dispatch import Dispatcher
from remo_async.dispatch.events import EventHub
from remo_async.dispatch.streams import StreamReader
from remo_async.dispatch.webhooks import WebhookWorker
from remo_async.domain.times import Clock
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store

SETTINGS = web.AppKey("settings", Settings)
STORE = web.AppKey("store", Store)
CLOCK: web.AppKey[Clock] = web.AppKey("clock")
ASSISTANT = web.AppKey("assistant", Assistant)
METRICS = web.AppKey("metrics", Metrics)
OPENAPI: web.AppKey[dict[str, Any]] = web.AppKey("openapi")
DISPATCHER = web.AppKey("dispatcher", Dispatcher)
EVENT_HUB = web.AppKey("event_hub", EventHub)
STREAM_READER = web.AppKey("stream_reader", StreamReader)
WEBHOOKS = web.AppKey("webhooks", WebhookWorker)

USER_ID = web.RequestKey("user_id", str)
"""The user the request's token belongs to."""
REQUEST_ID = web.RequestKey("request_id", str)
