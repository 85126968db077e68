"""The web console in Chromium against a real `remo-async serve` on DynamoDB Local.

Everything is found the way a person (or a screen reader) finds it: by role and name.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from tests.browser.conftest import Console
from tests.faults.conftest import auth

# Without playwright: skipped with the reason (make test counts a skip as a failure).
expect = pytest.importorskip("playwright.async_api", reason="pip install playwright").expect
LONDON = ZoneInfo("Europe/London")


def _user() -> str:
    return f"did:privy:{uuid.uuid4().hex[:10]}"


async def _sign_in(console: Console, user: str) -> None:
    page = console.page
    await page.goto("/")
    await page.get_by_role("textbox", name="User id").fill(user)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text(f"Signed in as {user}")).to_be_visible()


async def _say(console: Console, message: str) -> None:
    page = console.page
    await page.get_by_role("textbox", name="Message Remo").fill(message)
    await page.get_by_role("button", name="Send").click()
    log = page.get_by_role("log", name="Conversation")
    await expect(log.get_by_text(message, exact=True)).to_be_visible()


async def _api(console: Console, method: str, path: str, user: str, **kwargs: object) -> dict:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, console.base + path, headers=auth(user), **kwargs) as answer,
    ):
        assert answer.status < 300, await answer.text()
        return dict(await answer.json())


async def test_a_reminder_made_by_chat_fires_live_and_is_snoozed(console: Console) -> None:
    page, user = console.page, _user()
    await _sign_in(console, user)
    # First sign-in with the default zone: the browser's zone is offered, and taken.
    await page.get_by_role("button", name="Use Europe/London").click()
    await expect(page.get_by_text("Time zone set to Europe/London.")).to_be_visible()
    prefs = await _api(console, "GET", f"/user/{user}/preferences", user)
    assert prefs["preferences"]["timezone"] == "Europe/London"

    await _say(console, "remind me in 1 minute to stretch")
    log = page.get_by_role("log", name="Conversation")
    await expect(log.get_by_text(re.compile("stretch", re.I)).nth(1)).to_be_visible()
    reminders = page.get_by_role("region", name="Reminders")
    item = reminders.get_by_role("listitem").filter(has_text="stretch")
    await expect(item).to_have_count(1)
    (made,) = (await _api(console, "GET", f"/user/{user}/reminders", user))["items"]
    due = datetime.fromisoformat(made["reminding_time"])
    london_day = due.astimezone(LONDON).date()
    today = datetime.now(LONDON).date()
    heading = "Today" if london_day == today else "Tomorrow"
    await expect(reminders.get_by_role("heading", name=heading)).to_be_visible()

    # Made due in a moment (through the API, as another device would): it fires live.
    soon = (datetime.now(UTC) + timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    await _api(
        console,
        "PATCH",
        f"/user/{user}/reminders/{made['reminder_id']}",
        user,
        json={"reminding_time": soon},
    )
    await expect(item).to_have_class(re.compile(r"\bfired\b"), timeout=15_000)
    await expect(item).to_contain_text("went off")
    notices = page.get_by_role("status", name="Notices")
    await expect(notices.get_by_text(re.compile("Reminder: stretch"))).to_be_visible()
    shown = await console.notifications()
    assert [n["title"] for n in shown] == ["Remo: stretch"], shown

    await item.get_by_role("button", name=re.compile("^Snooze")).click()
    await expect(notices.get_by_text(re.compile("Snoozed 10 minutes: stretch"))).to_be_visible()
    await expect(item).not_to_have_class(re.compile(r"\bfired\b"))
    snoozed = await _api(console, "GET", f"/user/{user}/reminders/{made['reminder_id']}", user)
    assert snoozed["status"] == "pending"
    later = datetime.fromisoformat(snoozed["reminding_time"]) - datetime.now(UTC)
    assert timedelta(minutes=9) < later <= timedelta(minutes=10), later

    await item.get_by_role("button", name=re.compile("^Edit")).click()
    await item.get_by_role("textbox", name="Title").fill("stretch legs")
    await item.get_by_role("button", name="Save").click()
    await expect(reminders.get_by_role("listitem").filter(has_text="stretch legs")).to_be_visible()
    edited = await _api(console, "GET", f"/user/{user}/reminders/{made['reminder_id']}", user)
    assert edited["title"] == "stretch legs"
    assert edited["reminding_time"] == snoozed["reminding_time"]
    console.assert_no_errors()


async def test_a_todo_added_by_chat_is_done_by_keyboard(console: Console) -> None:
    page, user = console.page, _user()
    await page.goto("/")
    # Keyboard only: the user id box has the focus, Enter signs in and moves to the chat box.
    await expect(page.get_by_role("textbox", name="User id")).to_be_focused()
    await page.keyboard.press("Control+A")
    await page.keyboard.type(user)
    await page.keyboard.press("Enter")
    message = page.get_by_role("textbox", name="Message Remo")
    await expect(message).to_be_focused()
    await page.keyboard.type("add an urgent todo to pay rent #home")
    await page.keyboard.press("Enter")

    todos = page.get_by_role("region", name="Todos")
    item = todos.get_by_role("listitem").filter(has_text="pay rent")
    await expect(item).to_contain_text("urgent")
    await expect(todos.get_by_role("heading", name="home")).to_be_visible()
    done = item.get_by_role("button", name=re.compile("^Done"))
    for _ in range(80):  # Tab until the Done button of the todo has the focus
        await page.keyboard.press("Tab")
        if await done.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the todo's Done button cannot be reached with Tab")
    await page.keyboard.press("Enter")
    await expect(item).to_have_count(0)
    (todo,) = (await _api(console, "GET", f"/user/{user}/todos", user))["items"]
    assert todo["status"] == "done"

    # History loads on sign-in, newest at the bottom.
    await page.reload()
    turns = page.get_by_role("log", name="Conversation").locator(".turn")
    await expect(turns).to_have_count(2)
    await expect(turns.last).to_contain_text(re.compile("pay rent", re.I))
    await expect(turns.first).to_contain_text("add an urgent todo to pay rent #home")
    console.assert_no_errors()
