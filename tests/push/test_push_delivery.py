"""Web Push end to end on DynamoDB Local: a fire reaches a local push service, encrypted.

The push service (tests.push.service) verifies the VAPID JWT and decrypts each body with
the browser's private key, as a browser's push service and the browser itself would.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from remo_async.domain import Reminder, ReminderCreate
from remo_async.keys import METRICS
from remo_async.push.vapid import VapidKey, new_private_pem
from remo_async.push.wiring import PUSH_WORKER
from remo_async.settings import Settings
from remo_async.store import Store
from tests.api.conftest import ALICE, BOB, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock
from tests.push.service import PushService
from tests.sse import sample, wait_until

pytestmark = pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)

SUBJECT = "mailto:ops@example.com"
ServerFactory = Callable[..., Awaitable[TestServer]]


@dataclass
class Setup:
    settings: Settings
    service: PushService
    start: Callable[[], Awaitable[Api]]


@pytest.fixture
async def push(
    aiohttp_client: ClientFactory,
    aiohttp_server: ServerFactory,
    endpoint: str,
    clock: SettableClock,
) -> Setup:
    pem = new_private_pem()
    settings = make_settings(
        endpoint,
        dispatch_enabled=True,
        dispatch_interval=0.05,
        webhook_allow_insecure=True,
        webhook_backoff=0.01,
        vapid_private_key=pem.decode(),
        vapid_subject=SUBJECT,
    )
    service = PushService(VapidKey.from_pem(pem, subject=SUBJECT).public_key, SUBJECT)
    server = await aiohttp_server(service.app(), host="127.0.0.1")
    service.origin = str(server.make_url("")).rstrip("/")
    return Setup(settings, service, lambda: start_api(aiohttp_client, settings, clock))


async def _due(
    settings: Settings, clock: SettableClock, user: str = ALICE, **extra: Any
) -> Reminder:
    data = ReminderCreate.model_validate(
        {"title": "pay rent", "reminding_time": clock.now - timedelta(seconds=1), **extra}
    )
    async with Store.open(settings, clock=clock) as store:
        return await store.reminders.create(user_id=user, data=data)


def outcomes(api: Api) -> dict[str, float]:
    metrics = api.client.app[METRICS]
    names = ("delivered", "retried", "gone", "failed", "refused", "dropped")
    found = {n: sample(metrics, "remo_push_sent_total", outcome=n) for n in names}
    return {n: v for n, v in found.items() if v}


async def test_a_fire_is_pushed_encrypted_with_vapid_to_each_subscription(
    push: Setup, clock: SettableClock
) -> None:
    api = await push.start()
    for name in ("laptop", "phone"):
        await api.ok(
            "POST", f"/user/{ALICE}/push-subscriptions", 201, json=push.service.subscribe(name)
        )
    reminder = await _due(push.settings, clock, description="before noon")
    await wait_until(lambda: len(push.service.received) == 2, what="two pushes")
    assert await api.client.app[PUSH_WORKER].drain(grace=10) == 0
    assert push.service.problems == []
    stored = await api.ok("GET", f"/user/{ALICE}/reminders/{reminder.reminder_id}")
    assert stored["status"] == "fired"
    for received in push.service.received:
        assert received.payload == {"event": "reminder.fired", "reminder": stored}
        assert received.headers["TTL"] == "86400"
    assert sorted(p.path for p in push.service.received) == ["laptop", "phone"]
    assert outcomes(api) == {"delivered": 2}


async def test_410_deletes_the_subscription(push: Setup, clock: SettableClock) -> None:
    api = await push.start()
    kept = await api.ok(
        "POST", f"/user/{ALICE}/push-subscriptions", 201, json=push.service.subscribe("kept")
    )
    await api.ok(
        "POST", f"/user/{ALICE}/push-subscriptions", 201, json=push.service.subscribe("gone", 410)
    )
    await _due(push.settings, clock)
    await wait_until(lambda: len(push.service.attempts) == 2, what="two attempts")
    assert await api.client.app[PUSH_WORKER].drain(grace=10) == 0
    page = await api.ok("GET", f"/user/{ALICE}/push-subscriptions")
    assert [s["subscription_id"] for s in page["items"]] == [kept["subscription_id"]]
    assert outcomes(api) == {"delivered": 1, "gone": 1}
    assert push.service.problems == []


async def test_a_subscription_past_its_expiration_time_is_deleted_unsent(
    push: Setup, clock: SettableClock
) -> None:
    api = await push.start()
    kept = push.service.subscribe("kept")
    kept["expirationTime"] = int((time.time() + 3600) * 1000)
    kept_id = (await api.ok("POST", f"/user/{ALICE}/push-subscriptions", 201, json=kept))[
        "subscription_id"
    ]
    expired = push.service.subscribe("expired")
    expired["expirationTime"] = int((time.time() - 60) * 1000)  # real time, as browsers give it
    await api.ok("POST", f"/user/{ALICE}/push-subscriptions", 201, json=expired)
    await _due(push.settings, clock)
    await wait_until(lambda: len(push.service.received) == 1, what="one push")
    assert await api.client.app[PUSH_WORKER].drain(grace=10) == 0
    assert push.service.attempts == ["kept"]
    page = await api.ok("GET", f"/user/{ALICE}/push-subscriptions")
    assert [s["subscription_id"] for s in page["items"]] == [kept_id]
    assert outcomes(api) == {"delivered": 1, "gone": 1}
    assert push.service.problems == []


async def test_500_is_retried_then_delivered_once(push: Setup, clock: SettableClock) -> None:
    api = await push.start()
    await api.ok(
        "POST",
        f"/user/{ALICE}/push-subscriptions",
        201,
        json=push.service.subscribe("flaky", 500, 429),
    )
    reminder = await _due(push.settings, clock)
    await wait_until(lambda: len(push.service.received) == 1, what="a delivery after retries")
    assert await api.client.app[PUSH_WORKER].drain(grace=10) == 0
    await asyncio.sleep(0.2)
    assert push.service.attempts == ["flaky"] * 3
    assert len(push.service.received) == 1
    assert push.service.received[0].payload["reminder"]["reminder_id"] == reminder.reminder_id
    assert outcomes(api) == {"delivered": 1, "retried": 2}
    assert push.service.problems == []


async def test_two_replicas_push_each_fire_once(push: Setup, clock: SettableClock) -> None:
    replicas = [await push.start(), await push.start()]
    api = replicas[0]
    await api.ok(
        "POST", f"/user/{ALICE}/push-subscriptions", 201, json=push.service.subscribe("alice")
    )
    await api.ok(
        "POST", f"/user/{BOB}/push-subscriptions", 201, json=push.service.subscribe("bob"), user=BOB
    )
    made = [await _due(push.settings, clock, user=ALICE if i % 2 else BOB) for i in range(12)]
    await wait_until(lambda: len(push.service.received) == 12, what="twelve pushes")
    for replica in replicas:
        assert await replica.client.app[PUSH_WORKER].drain(grace=10) == 0
    await asyncio.sleep(0.3)  # any duplicate would have come by now
    pushed = [(p.path, p.payload["reminder"]["reminder_id"]) for p in push.service.received]
    assert sorted(pushed) == sorted(
        ("alice" if r.user_id == ALICE else "bob", r.reminder_id) for r in made
    )
    assert sum(outcomes(r).get("delivered", 0) for r in replicas) == 12
    assert push.service.problems == []


async def test_a_long_description_is_shortened_to_fit_one_record(
    push: Setup, clock: SettableClock
) -> None:
    api = await push.start()
    await api.ok("POST", f"/user/{ALICE}/push-subscriptions", 201, json=push.service.subscribe("p"))
    description = "€" * 1990 + "0123456789"
    await _due(push.settings, clock, title="ü" * 200, description=description)
    await wait_until(lambda: len(push.service.received) == 1, what="the push")
    (received,) = push.service.received
    assert len(received.body) <= 4096
    shortened = received.payload["reminder"]["description"]
    assert shortened.endswith("…")
    assert description.startswith(shortened[:-1])
    assert received.payload["reminder"]["title"] == "ü" * 200
    assert push.service.problems == []


async def test_one_fire_pushes_to_at_most_the_limit_newest_first(
    push: Setup, clock: SettableClock, aiohttp_client: ClientFactory
) -> None:
    """Subscriptions past the limit (stored while it was higher, or by racing subscribes)
    do not multiply one fire's pushes: the newest `limit` get it, the rest nothing."""
    many = 6
    api = await push.start()
    for k in range(many):
        await api.ok(
            "POST", f"/user/{ALICE}/push-subscriptions", 201, json=push.service.subscribe(f"d{k}")
        )
        clock.advance(seconds=1)
    await api.client.close()
    lower = push.settings.model_copy(update={"max_push_subscriptions": 4})
    api = await start_api(aiohttp_client, lower, clock)
    await _due(lower, clock)
    await wait_until(lambda: len(push.service.received) == 4, what="four pushes")
    assert await api.client.app[PUSH_WORKER].drain(grace=10) == 0
    assert sorted(p.path for p in push.service.received) == ["d2", "d3", "d4", "d5"]
    assert outcomes(api) == {"delivered": 4}
