"""The console's "Notify me on this device" switch and its service worker, in Chromium.

A real `remo-async serve` on DynamoDB Local, with Web Push configured (a VAPID key from
`new_private_pem`, as `remo-async vapid-key` makes) or not. Headless Chromium has no push
service here: Playwright's contexts are incognito, where Chromium has no Push API (it logs
https://crbug.com/41124656), and Chrome's push service (FCM) is off this machine. So
pushManager.subscribe fails here: the tests check what a person sees then, and deliver a
push to the registered worker with DevTools' ServiceWorker.deliverPushMessage (a real,
trusted `push` event).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from remo_async.embedded import free_port
from remo_async.push.vapid import DEV_SUBJECT, VapidKey
from remo_async.store import Store
from tests.browser.conftest import CHROMIUM_ARGS, Console, vapid_key_file
from tests.browser.test_console import _sign_in, _user
from tests.conftest import make_settings, migrate
from tests.faults.conftest import ServerProcess, auth, running_server, server_env

expect = pytest.importorskip("playwright.async_api", reason="pip install playwright").expect
SWITCH = "Notify me on this device"
PUSH_ON = pytest.mark.parametrize("server", [True], indirect=True, ids=["push-on"])
PUSH_OFF = pytest.mark.parametrize("server", [False], indirect=True, ids=["push-off"])


@pytest.fixture
async def server(
    request: pytest.FixtureRequest, dynamodb_local_endpoint: str, tmp_path: Path
) -> AsyncIterator[ServerProcess]:
    """`remo-async serve` in dev mode; with a VAPID key and subject when the param is True."""
    settings = make_settings(dynamodb_local_endpoint)
    async with Store.open(settings) as store:
        await migrate(store)
    extra: dict[str, str] = {}
    if request.param:
        key = str(vapid_key_file(tmp_path))
        extra = {"REMO_VAPID_PRIVATE_KEY_FILE": key, "REMO_VAPID_SUBJECT": DEV_SUBJECT}
    env = server_env(settings, port=free_port(), **extra)
    async with running_server(env, log=tmp_path / "server.log") as process:
        yield process
        process.terminate()
        await process.wait_exit(30)
    process.assert_clean_log()


def _public_key(tmp_path: Path) -> str:
    pem = (tmp_path / "vapid.pem").read_bytes()
    return VapidKey.from_pem(pem, subject=DEV_SUBJECT).public_key


async def _subscriptions(console: Console, user: str) -> list[dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{console.base}/user/{user}/push-subscriptions", headers=auth(user)) as got,
    ):
        assert got.status == 200, await got.text()
        return list((await got.json())["items"])


async def _sign_in_reading_the_key(console: Console, user: str) -> tuple[int, Any]:
    """Signs in; the console's answer to GET /webpush/public-key (status, JSON)."""
    url = f"{console.base}/webpush/public-key"
    async with console.page.expect_response(url) as answer:
        await _sign_in(console, user)
    response = await answer.value
    return response.status, await response.json()


async def _within(awaitable: Any, seconds: float = 30) -> Any:
    """A page evaluation that waits on the worker, bounded (a missing worker never hangs;
    30 s: a worker's first start took over 10 s on a loaded 2-core machine)."""
    return await asyncio.wait_for(awaitable, seconds)


async def _registration(console: Console) -> dict[str, Any]:
    script = """async () => {
      const registration = await navigator.serviceWorker.ready;
      return { scope: registration.scope, state: registration.active.state,
               script: registration.active.scriptURL,
               controlled: navigator.serviceWorker.controller !== null };
    }"""
    return dict(await _within(console.page.evaluate(script)))


def _only_the_incognito_push_error(console: Console) -> None:
    """The page logged no error but Chromium's own: Playwright's contexts are incognito."""
    unexpected = [text for text in console.errors if "Push API in incognito mode" not in text]
    assert unexpected == []


async def _turn_on(console: Console) -> None:
    """Clicks the switch on, then waits for the console's answer (on, or a failure notice)."""
    page = console.page
    switch = page.get_by_role("switch", name=SWITCH)
    await expect(switch).to_be_enabled()
    await expect(switch).not_to_be_checked()
    await switch.click()
    done = page.get_by_text("This browser could not subscribe:").or_(
        page.get_by_text("Reminders will be pushed to this device.")
    )
    await expect(done).to_be_visible()


@PUSH_OFF
async def test_without_push_the_switch_is_disabled_with_a_note(console: Console) -> None:
    status, _ = await _sign_in_reading_the_key(console, _user())
    switch = console.page.get_by_role("switch", name=SWITCH)
    await expect(switch).to_be_visible()
    await expect(switch).to_be_disabled()
    await expect(switch).to_have_accessible_description("Push is not configured on this server")
    assert status == 404
    registered = await console.page.evaluate("navigator.serviceWorker.getRegistrations()")
    assert registered == []


@PUSH_ON
async def test_switching_on_registers_the_worker_and_a_failed_subscribe_stays_off(
    console: Console, tmp_path: Path
) -> None:
    page, user = console.page, _user()
    answer = await _sign_in_reading_the_key(console, user)
    assert answer == (200, {"public_key": _public_key(tmp_path)})

    await _turn_on(console)
    # The worker is active at /sw.js with scope "/", and controls the console itself.
    assert await _registration(console) == {
        "scope": f"{console.base}/",
        "state": "activated",
        "script": f"{console.base}/sw.js",
        "controlled": True,
    }
    # Headless Chromium reaches no push service: the person is told, the switch stays off,
    # and the server holds no subscription for this device.
    switch = page.get_by_role("switch", name=SWITCH)
    await expect(page.get_by_text("This browser could not subscribe:")).to_be_visible()
    await expect(switch).not_to_be_checked()
    await expect(switch).to_be_enabled()
    assert await _subscriptions(console, user) == []
    # After a reload the worker is still there and the switch is still off.
    await page.reload()
    await expect(page.get_by_role("switch", name=SWITCH)).to_be_enabled()
    await expect(page.get_by_role("switch", name=SWITCH)).not_to_be_checked()
    assert (await _registration(console))["state"] == "activated"
    _only_the_incognito_push_error(console)


@asynccontextmanager
async def _devtools_push(console: Console) -> AsyncIterator[Callable[[str], Awaitable[None]]]:
    """Delivers push messages to the console's worker through DevTools (trusted events)."""
    cdp = await console.page.context.new_cdp_session(console.page)
    found: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def registrations(event: dict[str, Any]) -> None:
        for item in event["registrations"]:
            if item["scopeURL"] == f"{console.base}/" and not found.done():
                found.set_result(item["registrationId"])

    cdp.on("ServiceWorker.workerRegistrationUpdated", registrations)
    await cdp.send("ServiceWorker.enable")
    registration_id = await asyncio.wait_for(found, 10)

    async def deliver(data: str) -> None:
        message = {"origin": console.base, "registrationId": registration_id, "data": data}
        await cdp.send("ServiceWorker.deliverPushMessage", message)

    try:
        yield deliver
    finally:
        await cdp.detach()


_SHOWN = """async (count) => {
  const registration = await navigator.serviceWorker.ready;
  const shown = await registration.getNotifications();
  return shown.length >= count
    ? shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }))
    : null;
}"""


async def _push_until_shown(
    console: Console, deliver: Callable[[str], Awaitable[None]], data: str, count: int
) -> list[dict[str, Any]]:
    """Pushes `data` until the worker's notifications number `count` (title, body, tag, data).

    Chromium's getNotifications() first deletes from its notification database every entry
    that is not on screen yet (PlatformNotificationContextImpl, "removes all non-displayed
    notifications"), so a read while the worker is showing one can lose it for good: polling
    every 50 ms lost 2 pushes in 8 runs on a loaded 2-core machine. So this reads once a
    second, after the worker had a second to show it, and pushes again when nothing came
    (a push service redelivers too); a worker that never shows anything fails after 3 tries.
    """
    for _ in range(3):
        await deliver(data)
        for _ in range(10):
            await asyncio.sleep(1)
            shown = await _within(console.page.evaluate(_SHOWN, count))
            if shown is not None:
                return list(shown)
    raise AssertionError(f"the worker showed fewer than {count} notifications for {data!r}")


@PUSH_ON
async def test_the_worker_shows_a_pushed_reminder_with_its_title_and_time(
    console: Console,
) -> None:
    await _sign_in(console, _user())
    await _turn_on(console)
    reminder = {
        "reminder_id": "rem_0123456789",
        "title": "Call mum ☎",
        "description": "about Sunday",
        "reminding_time": "2026-12-04T14:30:00Z",
        "timezone": "America/New_York",
        "status": "fired",
    }
    async with _devtools_push(console) as deliver:
        pushed = json.dumps({"event": "reminder.fired", "reminder": reminder})
        (shown,) = await _push_until_shown(console, deliver, pushed, 1)
        # In the reminder's own zone (14:30 UTC is 09:30 in New York), as en-GB writes it.
        assert shown["title"] == "Remo: Call mum ☎"
        assert shown["tag"] == "remo-Call mum ☎"
        assert re.fullmatch(r"Due Fri,? 4 Dec,? (at )?09:30\nabout Sunday", shown["body"]), shown
        assert shown["data"] == {"url": "/", "reminderId": "rem_0123456789"}

        # A body the worker does not understand still shows a notification (userVisibleOnly).
        shown_now = await _push_until_shown(console, deliver, "not json", 2)
    # Untagged, so a second try may show a second "Remo".
    assert {item["title"] for item in shown_now} == {"Remo", "Remo: Call mum ☎"}
    assert {item["body"] for item in shown_now if item["title"] == "Remo"} == {
        "You have a reminder."
    }
    _only_the_incognito_push_error(console)


@PUSH_ON
async def test_a_push_service_that_never_answers_leaves_the_switch_off(
    server: ServerProcess, chromium_path: Path, tmp_path: Path
) -> None:
    # A profile on disk (not incognito) has the Push API; its push service (FCM) is out of
    # reach here, so subscribe() never settles: the console gives up after 10 s.
    from playwright.async_api import async_playwright

    user = _user()
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(chromium_path),
            args=CHROMIUM_ARGS,
            headless=True,
            base_url=server.base,
        )
        await context.grant_permissions(["notifications"], origin=server.base)
        console = Console(page=await context.new_page(), base=server.base)
        console.page.set_default_timeout(10_000)
        await _sign_in(console, user)
        switch = console.page.get_by_role("switch", name=SWITCH)
        await switch.click()
        await expect(switch).to_be_disabled()  # one change at a time
        failed = console.page.get_by_text(
            "This browser could not subscribe: its push service did not answer within 10 s"
        )
        await expect(failed).to_be_visible(timeout=15_000)
        await expect(switch).not_to_be_checked()
        await expect(switch).to_be_enabled()
        assert await _subscriptions(console, user) == []
        await context.close()
