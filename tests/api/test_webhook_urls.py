"""Saving webhook_url: https to public addresses only, unless insecure webhooks are allowed."""

from __future__ import annotations

import pytest

from tests.api.conftest import ALICE, Api, ClientFactory, start_api
from tests.conftest import make_settings
from tests.helpers import SettableClock

PREFERENCES = f"/user/{ALICE}/preferences"


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.0.0.8/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[fe80::1]/hook",
        "https://0x7f.1/hook",
        "http://example.com/hook",
    ],
)
async def test_unsafe_webhook_urls_are_refused_naming_the_field(api: Api, url: str) -> None:
    response = await api.call("POST", PREFERENCES, json={"webhook_url": url})
    assert response.status == 422, await response.text()
    body = await response.json()
    assert [error["field"] for error in body["errors"]] == ["webhook_url"]
    preferences = await api.ok("GET", PREFERENCES)
    assert "webhook_url" not in preferences["preferences"]


async def test_a_public_address_is_accepted_and_gets_a_secret(api: Api) -> None:
    saved = await api.ok("POST", PREFERENCES, json={"webhook_url": "https://93.184.215.14/hook"})
    assert saved["preferences"]["webhook_secret"].startswith("whsec_")


async def test_insecure_mode_allows_http_and_loopback(
    aiohttp_client: ClientFactory, endpoint: str, clock: SettableClock
) -> None:
    settings = make_settings(endpoint, webhook_allow_insecure=True)
    api = await start_api(aiohttp_client, settings, clock)
    saved = await api.ok("POST", PREFERENCES, json={"webhook_url": "http://127.0.0.1:9/hook"})
    assert saved["preferences"]["webhook_url"] == "http://127.0.0.1:9/hook"
    refused = await api.call("POST", PREFERENCES, json={"webhook_url": "ftp://127.0.0.1/hook"})
    assert refused.status == 422
