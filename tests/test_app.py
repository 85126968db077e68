"""The app factory: liveness, and readiness that reflects DynamoDB and its tables."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient

from remo_async.app import create_app
from remo_async.embedded import free_port
from remo_async.settings import Settings
from remo_async.store import Store
from tests.conftest import make_settings, migrate

Client = Callable[..., Awaitable[TestClient[Any, Any]]]


async def test_healthz_and_readyz(aiohttp_client: Client, settings: Settings) -> None:
    async with Store.open(settings) as store:
        await migrate(store)
    client = await aiohttp_client(create_app(settings))
    health = await client.get("/healthz")
    assert health.status == 200
    assert await health.json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status == 200
    body = await ready.json()
    assert body["status"] == "ready"
    assert body["checks"]["dynamodb"] == "ok"
    assert body["checks"][settings.table_name("reminders")] == "ACTIVE"


async def test_readyz_is_503_before_migrating(aiohttp_client: Client, settings: Settings) -> None:
    client = await aiohttp_client(create_app(settings))
    ready = await client.get("/readyz")
    assert ready.status == 503
    assert ready.headers["Content-Type"].startswith("application/problem+json")
    assert ready.headers["Retry-After"]
    body = await ready.json()
    assert body["status"] == 503
    assert body["checks"][settings.table_name("todos")] == "MISSING"
    assert "Traceback" not in await ready.text()


async def test_readyz_is_503_when_dynamodb_is_away(aiohttp_client: Client) -> None:
    settings = make_settings(f"http://127.0.0.1:{free_port()}", dynamodb_connect_timeout=0.5)
    client = await aiohttp_client(create_app(settings))
    ready = await client.get("/readyz")
    assert ready.status == 503
    body = await ready.json()
    assert body["checks"] == {"dynamodb": "unreachable"}
    assert "unreachable" in body["detail"]
