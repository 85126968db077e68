"""An app on the test's backend, and a client that speaks as a given user."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from remo_async.api.auth import mint_dev_token
from remo_async.app import create_app
from remo_async.settings import Settings
from remo_async.store import Store
from tests.conftest import migrate
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
BOB = "did:privy:bob"

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]


@dataclass
class Api:
    """The test client plus tokens."""

    client: TestClient[Any, Any]
    settings: Settings
    clock: SettableClock

    def token(self, user_id: str = ALICE) -> str:
        return mint_dev_token(self.settings, user_id)

    def auth(self, user_id: str = ALICE) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user_id)}"}

    async def call(
        self,
        method: str,
        path: str,
        *,
        user: str | None = ALICE,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> ClientResponse:
        all_headers = {**(self.auth(user) if user else {}), **(headers or {})}
        return await self.client.request(method, path, headers=all_headers, **kwargs)

    async def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = await self.call(method, path, **kwargs)
        text = await response.text()
        assert response.status == status, f"{method} {path}: {response.status} {text}"
        return await response.json() if text else None


async def start_api(aiohttp_client: ClientFactory, settings: Settings, clock: SettableClock) -> Api:
    """Migrates the test's tables and starts an app on them."""
    async with Store.open(settings) as store:
        await migrate(store)
    client = await aiohttp_client(create_app(settings, clock=clock))
    return Api(client=client, settings=settings, clock=clock)


@pytest.fixture
async def api(aiohttp_client: ClientFactory, settings: Settings, clock: SettableClock) -> Api:
    """The app on the test's backend."""
    return await start_api(aiohttp_client, settings, clock)
