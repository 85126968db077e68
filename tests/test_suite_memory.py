"""The suite's own memory: an app a test served requests with is garbage after the test.

Before tests/conftest.py released them, aiohttp's middleware cache kept every test's app (and
its Store's DynamoDB client) alive, and `make test` grew pytest to about 9 GB.
"""

from __future__ import annotations

import gc
import weakref

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from remo_async.api.auth import mint_dev_token
from remo_async.app import create_app
from remo_async.store import Store
from tests.conftest import make_settings, migrate, release_served_apps
from tests.helpers import SettableClock

USER = "did:privy:memory"


async def _serve_once(endpoint: str, clock: SettableClock) -> weakref.ref[web.Application]:
    """Serves one user request with a new app, closes it, and returns a weak reference."""
    settings = make_settings(endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    app = create_app(settings, clock=clock)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        headers = {"Authorization": f"Bearer {mint_dev_token(settings, USER)}"}
        async with client.get(f"/user/{USER}/reminders", headers=headers) as response:
            assert response.status == 200, await response.text()
    finally:
        await client.close()
    return weakref.ref(app)


async def test_an_app_that_served_a_request_is_released(
    endpoint: str, clock: SettableClock
) -> None:
    app = await _serve_once(endpoint, clock)
    gc.collect()
    # aiohttp (3.14) still holds it: the cache the conftest clears after every test.
    assert app() is not None, "aiohttp no longer caches apps: release_served_apps can go"
    release_served_apps()
    gc.collect()
    referrers = [type(r).__name__ for r in gc.get_referrers(app())] if app() else []
    assert app() is None, f"the app outlived its test, held by {referrers}"
