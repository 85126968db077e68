"""Signing in to the console in privy mode, in Chromium, against a real `remo-async serve`.

The server verifies ES256 access tokens with a verification key, as with a Privy app; the
tests sign tokens with the matching private key, as Privy's auth service would.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from remo_async.api.auth import ISSUER
from remo_async.embedded import free_port
from remo_async.push.vapid import DEV_SUBJECT
from remo_async.store import Store
from tests.browser.conftest import Console, vapid_key_file
from tests.conftest import make_settings, migrate
from tests.faults.conftest import ServerProcess, running_server, server_env

expect = pytest.importorskip("playwright.async_api", reason="pip install playwright").expect
APP_ID = "remo-browser-test"
KEY = ec.generate_private_key(ec.SECP256R1())


def _token(user: str, *, lifetime: int = 3600) -> str:
    """An access token as Privy signs it (ES256; iss, aud the app id, sub the user)."""
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": APP_ID, "sub": user, "sid": uuid.uuid4().hex}
    return jwt.encode({**claims, "iat": now - 60, "exp": now + lifetime}, KEY, algorithm="ES256")


def _user() -> str:
    return f"did:privy:{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def server(dynamodb_local_endpoint: str, tmp_path: Path) -> AsyncIterator[ServerProcess]:
    """`remo-async serve` in privy mode (with Web Push, as in production)."""
    settings = make_settings(dynamodb_local_endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    public = KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    env = server_env(
        settings,
        port=free_port(),
        REMO_AUTH_MODE="privy",
        REMO_PRIVY_APP_ID=APP_ID,
        REMO_PRIVY_VERIFICATION_KEY=public.decode(),
        REMO_CURSOR_SECRET="browser-test-cursor-secret",
        REMO_VAPID_PRIVATE_KEY_FILE=str(vapid_key_file(tmp_path)),
        REMO_VAPID_SUBJECT=DEV_SUBJECT,
    )
    async with running_server(env, log=tmp_path / "server.log") as process:
        yield process
        process.terminate()
        await process.wait_exit(30)
    process.assert_clean_log()


async def _chat_a_todo(console: Console, title: str) -> None:
    page = console.page
    await page.get_by_role("textbox", name="Message Remo").fill(f"add {title} to my todos")
    await page.get_by_role("button", name="Send").click()
    todos = page.get_by_role("region", name="Todos")
    await expect(todos.get_by_role("listitem").filter(has_text=title)).to_be_visible()


async def test_the_privy_token_cookie_signs_in_by_itself(console: Console) -> None:
    page, user = console.page, _user()
    host = console.base.split("//")[1].split(":")[0]
    await page.context.add_cookies(
        [{"name": "privy-token", "value": _token(user), "domain": host, "path": "/"}]
    )
    await page.goto("/")
    await expect(page.get_by_text(f"Signed in as {user}")).to_be_visible()
    await expect(page.get_by_role("textbox", name="Access token")).to_be_hidden()
    await expect(page.get_by_role("textbox", name="User id")).to_be_hidden()
    await _chat_a_todo(console, "buy oat milk")
    console.assert_no_errors()


async def test_a_pasted_token_signs_in_and_a_refused_one_says_why(console: Console) -> None:
    page, user = console.page, _user()
    await page.goto("/")
    token_box = page.get_by_role("textbox", name="Access token")
    # Expired: the page reads its sub, the server refuses it, and the person is told.
    await token_box.fill(_token(user, lifetime=-120))
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_contain_text("refused")
    await expect(token_box).to_be_visible()
    # Not a token at all.
    await token_box.fill("not-a-token")
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_contain_text("not an access token")
    # A good one.
    await token_box.fill(_token(user))
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text(f"Signed in as {user}")).to_be_visible()
    await _chat_a_todo(console, "renew passport")
    console.errors[:] = [e for e in console.errors if "401" not in e]  # the refused token
    console.assert_no_errors()


async def test_signing_out_and_in_again_signs_in_once(console: Console) -> None:
    page, first, second = console.page, _user(), _user()
    await page.goto("/")
    token_box = page.get_by_role("textbox", name="Access token")
    await token_box.fill(_token(first))
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text(f"Signed in as {first}")).to_be_visible()
    await page.get_by_role("button", name="Sign out").click()
    await expect(token_box).to_be_visible()

    histories: list[str] = []
    page.on(
        "request",
        lambda request: histories.append(request.url) if "/conversation" in request.url else None,
    )
    await token_box.fill(_token(second))
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text(f"Signed in as {second}")).to_be_visible()
    await _chat_a_todo(console, "water the plants")
    assert len(histories) == 1, histories  # one sign-in loads the history once
    console.assert_no_errors()
