"""The feed of a series at any point of its life: what a calendar expands is what fires.

A series is fired one occurrence after the other as the store does it (each follower
keeps its time in the series, `recurrence_id`); at each step, and after a snooze of the
pending occurrence, the feed is parsed with `icalendar` and expanded with
`recurring-ical-events` (RFC 5545 3.3.5's gap rule, RECURRENCE-ID overrides), and the
expansion must equal the fires that follow. Series are generated as
tests/domain/test_recurrence_dst_series.py does: DAILY to MINUTELY, COUNT and each UNTIL
form, starting in and near the gaps and folds of eight zones. A pending occurrence a gap
moved (02:30 New York on 2027-03-14 fires 03:30) made the feed's DTSTART 03:30, so a
calendar showed the days after at 03:30: this test failed on it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from remo_async.domain import Reminder
from remo_async.domain.enums import ReminderStatus
from remo_async.domain.recurrence import (
    RecurrenceError,
    check_series,
    follow_series,
    format_recurrence_id,
    local_anchor,
    normalize_rule,
)
from remo_async.feeds import build_feed
from tests.conftest import EXAMPLES
from tests.domain.test_recurrence_dst_series import out_of_order, series
from tests.feeds.test_feed_occurrences import dispatcher_fires

STEPS = 10
"""Occurrences of a series whose feed is checked, one after the other."""
AHEAD = 6
"""Fires compared after each step."""
CREATED = datetime(2000, 1, 1, tzinfo=UTC)


def pending(when: datetime, rule: str, zone: str, recurrence_id: str | None) -> Reminder:
    return Reminder(
        reminder_id="rem_01JXXXXXXXXXXXXXXXXXXXXXXX",
        user_id="did:privy:alice",
        title="Water the plants",
        reminding_time=when,
        timezone=zone,
        recurrence=rule,
        recurrence_id=recurrence_id,
        status=ReminderStatus.PENDING,
        created_at=CREATED,
        updated_at=CREATED,
    )


def expanded(occurrence: Reminder, *, start: datetime, end: datetime) -> list[datetime]:
    """The instants a calendar shows of the feed in [start, end], in UTC.

    RFC 5545 3.8.5.3 eliminates duplicates from the recurrence set; recurring-ical-events
    keeps two wall-clock times a gap maps to one instant (HOURLY 02:00 and 03:00 on the
    day New York skips 02:00), which the dispatcher fires once: compared as one.
    """
    body = build_feed(reminders=[occurrence], todos=[], now=start, name="Remo")
    calendar = icalendar.Calendar.from_ical(body)
    events = recurring_ical_events.of(calendar).between(start, end + timedelta(seconds=1))
    return sorted({e.start.astimezone(UTC) for e in events})


def rfc_expanded(occurrence: Reminder, *, start: datetime, end: datetime) -> list[datetime]:
    """The feed's instants in [start, end] by RFC 5545, with dateutil (UTC, no duplicates).

    The RRULE is expanded in wall-clock time from DTSTART (3.3.10), each time read by
    3.3.5 (zoneinfo: a gap's time with the offset before it, a fold's first instance); a
    VEVENT with RECURRENCE-ID replaces the instance at that instant (3.8.4.4).
    recurring-ical-events 3.8.2 also drops, beside it, an instance whose wall-clock time
    equals the RECURRENCE-ID's UTC time (HOURLY in New York, snoozed at 09:00: 14:00 goes
    too), so moved instances are checked with this expansion.
    """
    body = build_feed(reminders=[occurrence], todos=[], now=start, name="Remo")
    calendar = icalendar.Calendar.from_ical(body)
    instants: set[datetime] = set()
    moved: dict[datetime, datetime] = {}
    for event in calendar.walk("VEVENT"):
        first = event.decoded("DTSTART")
        if "RECURRENCE-ID" in event:
            moved[event.decoded("RECURRENCE-ID").astimezone(UTC)] = first.astimezone(UTC)
        elif "RRULE" in event:
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
            later = rule.xafter(first, count=4 * AHEAD, inc=True)
            # 3.8.5.3: DTSTART is the first instance whether or not the rule matches it.
            instants |= {first.astimezone(UTC)} | {t.astimezone(UTC) for t in later}
        else:
            instants.add(first.astimezone(UTC))
    instants = {moved.get(t, t) for t in instants}
    return sorted(t for t in instants if start <= t <= end)


def check(occurrence: Reminder, *, moved: bool = False) -> None:
    rule, zone = occurrence.recurrence or "", occurrence.timezone
    local = local_anchor(occurrence.reminding_time, zone, occurrence.recurrence_id)
    if out_of_order(rule, dtstart=local, zone=zone, limit=4 * AHEAD):
        return  # the known limit: a step shorter than a gap (README)
    fires = dispatcher_fires(occurrence, limit=AHEAD)
    start = occurrence.reminding_time - timedelta(seconds=1)
    expand = rfc_expanded if moved else expanded
    shown = expand(occurrence, start=start, end=fires[-1])
    assert shown == fires, f"{rule} in {zone} at {occurrence.recurrence_id}"
    if not moved:
        assert rfc_expanded(occurrence, start=start, end=fires[-1]) == fires


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(series(), st.integers(1, 24 * 60))
def test_the_feed_at_each_occurrence_expands_to_the_fires_that_follow(
    generated: tuple[str, datetime, str], snooze_minutes: int
) -> None:
    text, dtstart, zone = generated
    assume(not out_of_order(text, dtstart=dtstart, zone=zone, limit=STEPS + AHEAD))
    tz = ZoneInfo(zone)
    when = dtstart.replace(tzinfo=tz).astimezone(UTC)
    try:
        rule = normalize_rule(text)
        check_series(rule, start=when, zone=zone, now=when - timedelta(minutes=1))
    except RecurrenceError:
        return  # refused at create: never in a feed
    # A first occurrence in a gap holds its time in the series, as a follower does.
    exists = when.astimezone(tz).replace(tzinfo=None) == dtstart
    recurrence_id = None if exists else format_recurrence_id(dtstart)
    occurrence: Reminder | None = pending(when, rule, zone, recurrence_id)
    for step in range(STEPS):
        assert occurrence is not None
        moved = occurrence.recurrence_id is not None and occurrence.recurrence_id != (
            occurrence.reminding_time.astimezone(tz).strftime("%Y%m%dT%H%M%S")
        )
        if moved:
            EXAMPLES["calendar feeds: a pending occurrence a gap moved"] += 1
        check(occurrence)
        snoozed = _snoozed(occurrence, minutes=snooze_minutes)
        if snoozed is not None and (moved or step == 0):
            EXAMPLES["calendar feeds: a snoozed pending occurrence"] += 1
            check(snoozed, moved=True)
        occurrence = following_of(occurrence)
        if occurrence is None:
            break


def following_of(occurrence: Reminder) -> Reminder | None:
    assert occurrence.recurrence is not None
    found = follow_series(
        occurrence.recurrence,
        start=occurrence.reminding_time,
        zone=occurrence.timezone,
        now=occurrence.reminding_time,
        recurrence_id=occurrence.recurrence_id,
    )
    if found is None:
        return None
    return pending(found.when, found.rule, occurrence.timezone, format_recurrence_id(found.local))


def _snoozed(occurrence: Reminder, *, minutes: int) -> Reminder | None:
    """The occurrence snoozed later, but not past its follower (which it would skip)."""
    following = following_of(occurrence)
    later = occurrence.reminding_time + timedelta(minutes=minutes)
    if following is not None and later >= following.reminding_time:
        return None
    tz = ZoneInfo(occurrence.timezone)
    # A snooze keeps the occurrence's time in the series (store.reminders._keep_series_time).
    series_time = occurrence.recurrence_id or format_recurrence_id(
        occurrence.reminding_time.astimezone(tz).replace(tzinfo=None)
    )
    return pending(later, occurrence.recurrence or "", occurrence.timezone, series_time)


def test_a_daily_series_on_the_day_new_york_skips_0230_shows_0230_after_it() -> None:
    zone = "America/New_York"
    # The occurrence of 2027-03-14 02:30 fires at 03:30 EDT (RFC 5545 3.3.5).
    moved = datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    occurrence = pending(moved, "FREQ=DAILY", zone, "20270314T023000")
    body = build_feed(reminders=[occurrence], todos=[], now=moved, name="Remo")
    assert b"DTSTART;TZID=America/New_York:20270314T023000\r\n" in body
    shown = expanded(occurrence, start=moved, end=moved + timedelta(days=2))
    new_york = [t.astimezone(ZoneInfo(zone)).strftime("%d %H:%M") for t in shown]
    assert new_york == ["14 03:30", "15 02:30", "16 02:30"]
