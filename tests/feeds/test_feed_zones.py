"""The feed names only published IANA zones, whatever an older release stored.

Older releases stored the zone tree's `posix/` and `right/` copies (`posix/Europe/Paris`)
and the feed wrote them as the TZID (a name calendar apps do not know; their VTIMEZONE
was built from `right/`'s leap-second data): this test failed on it. A name no zone
has (hand-edited) made the whole feed a 500.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import available_timezones

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.domain import Reminder
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.times import NOT_ZONES, mend_timezone
from remo_async.feeds import build_feed

CREATED = datetime(2026, 11, 1, tzinfo=UTC)
PUBLISHED = sorted(available_timezones() - NOT_ZONES)


@st.composite
def stored_zones(draw: st.DrawFn) -> str:
    """A zone as some release stored it: published, its posix/ or right/ copy, or junk."""
    zone = draw(st.sampled_from(PUBLISHED))
    return draw(
        st.sampled_from(
            (zone, f"posix/{zone}", f"right/{zone}", "Mars/Olympus_Mons", "posix/", "Europe")
        )
    )


def reminder(i: int, zone: str, status: ReminderStatus, recurrence: str | None) -> Reminder:
    return Reminder(
        reminder_id=f"rem_01J{i:023d}",
        user_id="did:privy:alice",
        title=f"reminder {i}",
        reminding_time=datetime(2027, 3, 10, 9, tzinfo=UTC) + timedelta(hours=7 * i),
        timezone=zone,
        recurrence=recurrence,
        status=status,
        created_at=CREATED,
        updated_at=CREATED,
        fired_at=CREATED if status is ReminderStatus.FIRED else None,
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(stored_zones(), min_size=1, max_size=6), st.booleans())
def test_every_tzid_is_a_published_name_and_every_instant_is_kept(
    zones: list[str], recurring: bool
) -> None:
    rule = "FREQ=DAILY" if recurring else None
    items = [
        reminder(i, zone, (ReminderStatus.PENDING, ReminderStatus.FIRED)[i % 2], rule)
        for i, zone in enumerate(zones)
    ]
    body = build_feed(reminders=items, todos=[], now=CREATED, name="Remo")
    calendar = icalendar.Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    used = set()
    for item in items:
        event = events[f"{item.reminder_id}@remo"]
        # icalendar writes a zone that is UTC forever (Africa/Abidjan) with `Z`, no TZID.
        tzid = event["DTSTART"].params.get("TZID")
        assert tzid in (None, mend_timezone(item.timezone)), item.timezone
        used.add(tzid)
        assert event.decoded("DTSTART").astimezone(UTC) == item.reminding_time
    zones_written = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones_written == used - {None}
    assert zones_written <= set(PUBLISHED)
