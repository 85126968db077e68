"""Webhooks on DynamoDB Local: signed, retried within bounds, never sent inside the network."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from remo_async.dispatch.webhook_urls import PublicOnlyResolver
from remo_async.dispatch.webhooks import Outcome, WebhookWorker
from remo_async.domain import Reminder, ReminderCreate
from remo_async.keys import METRICS, WEBHOOKS
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store
from tests.api.conftest import ALICE, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock
from tests.sse import sample, wait_until

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

ServerFactory = Any


def verify_signature(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    """The receiver's check, as the README shows it."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts["t"])
    if abs(time.time() - timestamp) > tolerance:
        return False
    signed = f"{timestamp}.".encode() + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


class Receiver:
    """A webhook receiver answering the given statuses in turn, then 200."""

    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.requests: list[tuple[dict[str, str], bytes]] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((dict(request.headers), await request.read()))
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)


async def _receiver(aiohttp_server: ServerFactory, *statuses: int) -> tuple[Receiver, TestServer]:
    receiver = Receiver(*statuses)
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    return receiver, await aiohttp_server(app)


async def _due(store: Store, clock: SettableClock, **extra: Any) -> Reminder:
    data = ReminderCreate.model_validate(
        {"title": "pay rent", "reminding_time": clock.now - timedelta(seconds=1), **extra}
    )
    return await store.reminders.create(user_id=ALICE, data=data)


async def test_a_fire_is_posted_signed_and_a_5xx_is_retried_once_then_delivered(
    aiohttp_client: ClientFactory,
    aiohttp_server: ServerFactory,
    endpoint: str,
    clock: SettableClock,
) -> None:
    receiver, server = await _receiver(aiohttp_server, 500)
    settings = make_settings(
        endpoint,
        dispatch_enabled=True,
        dispatch_interval=0.05,
        webhook_allow_insecure=True,
        webhook_backoff=0.01,
    )
    api = await start_api(aiohttp_client, settings, clock)
    saved = await api.ok(
        "POST", f"/user/{ALICE}/preferences", json={"webhook_url": str(server.make_url("/hook"))}
    )
    secret = saved["preferences"]["webhook_secret"]
    async with Store.open(settings, clock=clock) as store:
        reminder = await _due(store, clock, description="before noon")
    await wait_until(lambda: len(receiver.requests) == 2, what="a retry after the 500")
    assert await api.client.app[WEBHOOKS].drain(grace=10) == 0
    assert len(receiver.requests) == 2  # delivered once: no post after the 200
    for headers, body in receiver.requests:
        assert verify_signature(secret, headers["X-Remo-Signature"], body)
        assert not verify_signature("whsec_other", headers["X-Remo-Signature"], body)
        assert headers["Content-Type"] == "application/json"
        payload = json.loads(body)
        assert payload["event"] == "reminder.fired"
        assert payload["reminder"]["reminder_id"] == reminder.reminder_id
        assert payload["reminder"]["status"] == "fired"
    assert len({headers["X-Remo-Delivery"] for headers, _ in receiver.requests}) == 1
    metrics = api.client.app[METRICS]
    outcomes = {
        outcome: sample(metrics, "remo_webhook_deliveries_total", outcome=outcome)
        for outcome in ("delivered", "retried", "failed", "refused")
    }
    assert outcomes == {"delivered": 1, "retried": 1, "failed": 0, "refused": 0}


@pytest.fixture
async def worker_parts(settings: Settings) -> AsyncIterator[tuple[aiohttp.ClientSession, Metrics]]:
    """A session guarded as in production, and fresh metrics."""
    connector = aiohttp.TCPConnector(resolver=PublicOnlyResolver())
    async with aiohttp.ClientSession(connector=connector) as session:
        yield session, Metrics()


@pytest.mark.parametrize(
    "case",
    [
        # statuses answered in turn, posts made, outcome, retries counted
        ((503, 503, 503, 503), 3, Outcome.FAILED, 2),
        ((400,), 1, Outcome.FAILED, 0),
        ((302,), 1, Outcome.FAILED, 0),
        ((429, 204), 2, Outcome.DELIVERED, 1),
    ],
)
async def test_retries_are_bounded_and_only_for_5xx_and_429(
    store: Store,
    clock: SettableClock,
    aiohttp_server: ServerFactory,
    case: tuple[tuple[int, ...], int, Outcome, int],
) -> None:
    statuses, posts, outcome, retried = case
    receiver, server = await _receiver(aiohttp_server, *statuses)
    settings = store.settings.model_copy(
        update={"webhook_allow_insecure": True, "webhook_attempts": 3, "webhook_backoff": 0.01}
    )
    await store.users.merge_preferences(
        privy_id=ALICE,
        patch={"webhook_url": str(server.make_url("/hook")), "webhook_secret": "whsec_x"},
    )
    metrics = Metrics()
    async with aiohttp.ClientSession() as session:
        worker = WebhookWorker(session, store=store, settings=settings, metrics=metrics)
        assert await worker.deliver(await _due(store, clock)) is outcome
    assert len(receiver.requests) == posts
    assert sample(metrics, "remo_webhook_deliveries_total", outcome="retried") == retried


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1:{port}/hook",
        "https://localhost:{port}/hook",  # a name: refused by the connection's own resolver
        "https://2130706433:{port}/hook",  # 127.0.0.1 in disguise
        "https://[::ffff:127.0.0.1]:{port}/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data/",
        "http://93.184.215.14/hook",
    ],
)
async def test_private_targets_are_refused_when_sending(
    store: Store,
    clock: SettableClock,
    aiohttp_server: ServerFactory,
    worker_parts: tuple[aiohttp.ClientSession, Metrics],
    url: str,
) -> None:
    receiver, server = await _receiver(aiohttp_server)
    session, metrics = worker_parts
    # Saved before the rules, or a name whose DNS changed since: sending checks again.
    await store.users.merge_preferences(
        privy_id=ALICE,
        patch={"webhook_url": url.format(port=server.port), "webhook_secret": "whsec_x"},
    )
    worker = WebhookWorker(session, store=store, settings=store.settings, metrics=metrics)
    assert await worker.deliver(await _due(store, clock)) is Outcome.REFUSED
    assert receiver.requests == []
    assert sample(metrics, "remo_webhook_deliveries_total", outcome="refused") == 1
    assert sample(metrics, "remo_webhook_deliveries_total", outcome="retried") == 0


async def test_no_webhook_url_means_nothing_is_sent(
    store: Store, clock: SettableClock, worker_parts: tuple[aiohttp.ClientSession, Metrics]
) -> None:
    session, metrics = worker_parts
    worker = WebhookWorker(session, store=store, settings=store.settings, metrics=metrics)
    assert await worker.deliver(await _due(store, clock)) is None
