"""A real `remo-async serve` on DynamoDB Local, and Debian's Chromium driven by Playwright.

Chromium comes from the `chromium` apt package (`make test` installs it when it can);
Playwright's own browser downloads are never used. Without either, these tests are skipped
with the reason, except under `make test` (REMO_TEST_REQUIRE_BROWSER=1), where that fails.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from remo_async.embedded import free_port
from remo_async.push.vapid import DEV_SUBJECT, new_private_pem
from remo_async.store import Store
from tests.conftest import make_settings, migrate
from tests.faults.conftest import ServerProcess, running_server, server_env

CHROMIUM = Path(os.environ.get("REMO_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Records each browser notification the page shows, and still shows it.
RECORD_NOTIFICATIONS = """
window.__notifications = [];
const RealNotification = window.Notification;
if (RealNotification) {
  class RecordingNotification extends RealNotification {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options && options.body });
    }
  }
  window.Notification = RecordingNotification;
}
"""


def _missing() -> str | None:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium`"
    return None


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Chromium's executable, or a skip (a failure under make test) saying what to install."""
    missing = _missing()
    if missing is not None:
        if os.environ.get("REMO_TEST_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests need Chromium: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    return CHROMIUM


def vapid_key_file(folder: Path) -> Path:
    """A new VAPID private key file (PEM), as `remo-async vapid-key` makes."""
    key = folder / "vapid.pem"
    key.write_bytes(new_private_pem())
    return key


@pytest.fixture
async def server(dynamodb_local_endpoint: str, tmp_path: Path) -> AsyncIterator[ServerProcess]:
    """`remo-async serve` in dev mode with Web Push, polling for due reminders every 0.2 s."""
    settings = make_settings(dynamodb_local_endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    env = server_env(
        settings,
        port=free_port(),
        REMO_DISPATCH_ENABLED="true",
        REMO_DISPATCH_INTERVAL="0.2",
        REMO_STREAM_POLL_INTERVAL="0.2",
        # Web Push on, as `make run` has it (else the console's key request is a logged 404).
        REMO_VAPID_PRIVATE_KEY_FILE=str(vapid_key_file(tmp_path)),
        REMO_VAPID_SUBJECT=DEV_SUBJECT,
    )
    async with running_server(env, log=tmp_path / "server.log") as process:
        yield process
        process.terminate()
        await process.wait_exit(30)
    process.assert_clean_log()


@dataclass
class Console:
    """A page on the console, and what it said in the browser's console."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)

    async def notifications(self) -> list[dict[str, Any]]:
        return list(await self.page.evaluate("window.__notifications"))

    def assert_no_errors(self) -> None:
        assert self.errors == [], self.errors


@pytest.fixture
async def console(
    chromium_path: Path, server: ServerProcess, tmp_path: Path
) -> AsyncIterator[Console]:
    """A fresh browser context on the console (notifications allowed, zone Europe/London)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
        context = await browser.new_context(
            base_url=server.base,
            timezone_id="Europe/London",
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
        )
        await context.grant_permissions(["notifications"], origin=server.base)
        await context.add_init_script(RECORD_NOTIFICATIONS)
        page = await context.new_page()
        page.set_default_timeout(10_000)
        found = Console(page=page, base=server.base)
        page.on(
            "console",
            lambda message: found.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: found.errors.append(str(error)))
        try:
            yield found
        finally:
            await page.screenshot(path=str(tmp_path / "end.png"), full_page=True)
            shot = os.environ.get("REMO_CONSOLE_SCREENSHOT")
            if shot:  # how docs/console.png is made
                shutil.copy(tmp_path / "end.png", shot)
            await page.close()  # its event stream closes before the server stops
            await context.close()
            await browser.close()
            await asyncio.sleep(0)
