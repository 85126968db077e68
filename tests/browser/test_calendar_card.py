"""The console's "Calendar feed" card in Chromium, against a real `remo-async serve`.

The address it shows is read the way a calendar app reads it: fetched over HTTP and parsed
with the icalendar library.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import aiohttp
import icalendar
import pytest

from tests.browser.conftest import Console
from tests.browser.test_console import _api, _sign_in, _user

expect = pytest.importorskip("playwright.async_api", reason="pip install playwright").expect


async def _calendar(url: str) -> tuple[int, icalendar.Calendar | None]:
    async with aiohttp.ClientSession() as session, session.get(url) as answer:
        if answer.status != 200:
            return answer.status, None
        assert answer.headers["Content-Type"].startswith("text/calendar")
        return 200, icalendar.Calendar.from_ical(await answer.read())


async def test_the_card_makes_an_address_a_calendar_reads_renews_it_and_stops_it(
    console: Console,
) -> None:
    page, user = console.page, _user()
    await _sign_in(console, user)
    due = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    await _api(
        console,
        "POST",
        f"/user/{user}/reminders",
        user,
        json={"title": "Dentist 🦷", "reminding_time": due.isoformat(), "timezone": "Europe/Paris"},
    )
    card = page.get_by_role("region", name="Calendar feed")
    address = card.get_by_role("textbox", name="Calendar address")
    await expect(address).to_be_hidden()

    await card.get_by_role("button", name="Make a calendar address").click()
    shape = re.compile(rf"^{re.escape(console.base)}/calendar/[A-Za-z0-9_-]{{43}}\.ics$")
    await expect(address).to_have_value(shape)
    first = await address.input_value()
    status, calendar = await _calendar(first)
    assert status == 200
    assert calendar is not None
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Dentist 🦷"
    assert event.decoded("DTSTART") == due

    # A new address ends the earlier one.
    await card.get_by_role("button", name="Make a new address").click()
    await expect(address).not_to_have_value(first)
    await expect(address).to_have_value(shape)
    second = await address.input_value()
    assert (await _calendar(first))[0] == 404
    assert (await _calendar(second))[0] == 200

    await card.get_by_role("button", name="Stop the feed").click()
    await expect(page.get_by_text("Calendar feed stopped")).to_be_visible()
    await expect(address).to_be_hidden()
    await expect(card.get_by_role("button", name="Make a calendar address")).to_be_visible()
    assert (await _calendar(second))[0] == 404
    console.assert_no_errors()
