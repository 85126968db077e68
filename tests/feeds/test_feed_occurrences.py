"""The feed's events, as calendar apps expand them, are the fires the dispatcher will make.

The feed is parsed with `icalendar` and expanded with `recurring-ical-events` (an
independent RFC 5545 implementation); the dispatcher's fires are simulated with its own
rule code (`follow_series`, as ReminderRepository.fire calls it at each fire). Rules and
zones are generated (tests.domain.test_recurrence_generated.rules), starts near DST
changes in both hemispheres included.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from remo_async.domain import Reminder, Todo
from remo_async.domain.enums import Priority, ReminderStatus, TodoStatus
from remo_async.domain.recurrence import (
    RecurrenceError,
    check_series,
    follow_series,
    format_recurrence_id,
    normalize_rule,
)
from remo_async.feeds import build_feed
from tests.conftest import EXAMPLES
from tests.domain.test_recurrence_generated import rules

WINDOW = timedelta(days=90)
CREATED = datetime(2026, 11, 1, tzinfo=UTC)


def reminder(**fields: object) -> Reminder:
    values: dict[str, object] = {
        "reminder_id": "rem_01JXXXXXXXXXXXXXXXXXXXXXXX",
        "user_id": "did:privy:alice",
        "title": "Water the plants",
        "reminding_time": datetime(2027, 1, 4, 9, tzinfo=UTC),
        "status": ReminderStatus.PENDING,
        "created_at": CREATED,
        "updated_at": CREATED,
        **fields,
    }
    return Reminder.model_validate(values)


def dispatcher_fires(
    first: Reminder, *, end: datetime | None = None, limit: int | None = None
) -> list[datetime]:
    """The fires from this pending occurrence on (before `end`, at most `limit`), each made
    on time, as the dispatcher makes them.

    Each follower keeps its occurrence's wall-clock time (`recurrence_id`), as
    ReminderRepository.fire stores it beside the follower's reminding_time.
    """
    fires: list[datetime] = []
    when, rule = first.reminding_time, first.recurrence
    recurrence_id = first.recurrence_id
    while (end is None or when < end) and (limit is None or len(fires) < limit):
        fires.append(when)
        if rule is None:
            break
        following = follow_series(
            rule, start=when, zone=first.timezone, now=when, recurrence_id=recurrence_id
        )
        if following is None:
            break
        when, rule = following.when, following.rule
        recurrence_id = format_recurrence_id(following.local)
    return fires


def expanded(body: bytes, *, start: datetime, end: datetime) -> list[datetime]:
    """The event starts in [start, end) a calendar app shows, in UTC."""
    calendar = icalendar.Calendar.from_ical(body)
    events = recurring_ical_events.of(calendar).between(start, end)
    return sorted(e.start.astimezone(UTC) for e in events if e.name == "VEVENT")


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(rules(), st.integers(1, 60 * 24 * 30))
def test_expanded_feed_equals_the_dispatchers_fires(
    generated: tuple[str, datetime, str], minutes_before: int
) -> None:
    text, start, zone = generated
    assume("FREQ=MINUTELY" not in text)  # 129,600 fires in 90 days: a slow test, same code
    try:
        rule = normalize_rule(text)
        now = start.astimezone(UTC) - timedelta(minutes=minutes_before)
        check_series(rule, start=start, zone=zone, now=now)
    except RecurrenceError:
        return  # refused at create: never in a feed
    EXAMPLES["calendar feeds: expanded occurrences equal the dispatcher's fires"] += 1
    pending = reminder(reminding_time=start.astimezone(UTC), timezone=zone, recurrence=rule)
    body = build_feed(reminders=[pending], todos=[], now=now, name="Remo")
    end = now + WINDOW
    ours = dispatcher_fires(pending, end=end)
    assert expanded(body, start=now, end=end) == ours, f"{rule} from {start} in {zone}"


@pytest.mark.parametrize(
    ("zone", "local", "rule"),
    [
        # Spring forward: the whole window is one side of a change, then the other.
        ("America/New_York", datetime(2027, 3, 10, 9, 0), "FREQ=DAILY;COUNT=10"),
        # Spring forward: 02:30 does not exist on 2027-03-14 in New York. RFC 5545 (3.3.5)
        # fires that day at 03:30 EDT and the next days at 02:30 again; so does the
        # dispatcher, which anchors each follower at its occurrence's own wall-clock time.
        ("America/New_York", datetime(2027, 3, 10, 2, 30), "FREQ=DAILY;COUNT=10"),
        # Fall back: 01:30 happens twice on 2027-11-07; the first is the one.
        ("America/New_York", datetime(2027, 11, 3, 1, 30), "FREQ=DAILY;UNTIL=20271112"),
        ("Europe/Berlin", datetime(2027, 3, 1, 9, 0), "FREQ=WEEKLY;BYDAY=MO,FR"),
        ("Australia/Sydney", datetime(2027, 3, 30, 8, 0), "FREQ=DAILY;INTERVAL=2"),
        ("Australia/Lord_Howe", datetime(2027, 4, 1, 1, 45), "FREQ=HOURLY;INTERVAL=7"),
    ],
)
def test_across_dst_changes(zone: str, local: datetime, rule: str) -> None:
    from zoneinfo import ZoneInfo

    start = local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    now = start - timedelta(days=1)
    pending = reminder(reminding_time=start, timezone=zone, recurrence=rule)
    body = build_feed(reminders=[pending], todos=[], now=now, name="Remo")
    fires = dispatcher_fires(pending, end=now + WINDOW)
    assert len(fires) > 3
    assert expanded(body, start=now, end=now + WINDOW) == fires
    # The offset really changes within the window.
    assert len({f.astimezone(ZoneInfo(zone)).utcoffset() for f in fires}) == 2


def test_a_fired_occurrence_is_a_single_event_beside_its_pending_follower() -> None:
    fired = reminder(
        reminder_id="rem_01JAAAAAAAAAAAAAAAAAAAAAAA",
        reminding_time=datetime(2027, 1, 4, 9, tzinfo=UTC),
        recurrence="FREQ=DAILY",
        status=ReminderStatus.FIRED,
        fired_at=datetime(2027, 1, 4, 9, tzinfo=UTC),
    )
    follower = reminder(
        reminder_id="rem_01JBBBBBBBBBBBBBBBBBBBBBBB",
        reminding_time=datetime(2027, 1, 5, 9, tzinfo=UTC),
        recurrence="FREQ=DAILY",
    )
    done = reminder(reminder_id="rem_01JCCCCCCCCCCCCCCCCCCCCCCC", status=ReminderStatus.DONE)
    body = build_feed(
        reminders=[fired, follower, done],
        todos=[],
        now=datetime(2027, 1, 4, 12, tzinfo=UTC),
        name="Remo",
    )
    calendar = icalendar.Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"{fired.reminder_id}@remo", f"{follower.reminder_id}@remo"}
    assert "RRULE" not in events[f"{fired.reminder_id}@remo"]
    assert events[f"{follower.reminder_id}@remo"]["RRULE"]["FREQ"] == ["DAILY"]
    starts = expanded(
        body, start=datetime(2027, 1, 4, tzinfo=UTC), end=datetime(2027, 1, 8, tzinfo=UTC)
    )
    assert starts == [datetime(2027, 1, d, 9, tzinfo=UTC) for d in (4, 5, 6, 7)]


def test_events_carry_their_zone_alarm_and_todos_their_fields() -> None:
    pending = reminder(
        reminding_time=datetime(2027, 1, 4, 14, tzinfo=UTC),
        timezone="Europe/Berlin",
        description="the big fern too",
    )
    todos = [
        Todo(
            todo_id=f"todo_01J{i}XXXXXXXXXXXXXXXXXXXXXX",
            user_id="did:privy:alice",
            title=f"todo {i}",
            priority=priority,
            category="home" if i % 2 else None,
            due_date=due,
            status=status,
            created_at=CREATED,
            updated_at=CREATED,
        )
        for i, (priority, due, status) in enumerate(
            [
                (Priority.URGENT, date(2027, 1, 9), TodoStatus.PENDING),
                (Priority.HIGH, datetime(2027, 1, 9, 17, tzinfo=UTC), TodoStatus.PENDING),
                (Priority.MEDIUM, None, TodoStatus.PENDING),
                (Priority.LOW, None, TodoStatus.PENDING),
                (Priority.LOW, None, TodoStatus.DONE),
            ]
        )
    ]
    body = build_feed(reminders=[pending], todos=todos, now=CREATED, name="Remo")
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == datetime(2027, 1, 4, 14, tzinfo=UTC)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["SUMMARY"]) == "Water the plants"
    assert str(event["DESCRIPTION"]) == "the big fern too"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    found = {str(t["SUMMARY"]): t for t in calendar.walk("VTODO")}
    assert sorted(found) == ["todo 0", "todo 1", "todo 2", "todo 3"]
    assert [int(found[f"todo {i}"]["PRIORITY"]) for i in range(4)] == [1, 3, 5, 9]
    assert found["todo 0"].decoded("DUE") == date(2027, 1, 9)
    assert found["todo 0"]["DUE"].params.get("VALUE") == "DATE"
    assert found["todo 1"].decoded("DUE") == datetime(2027, 1, 9, 17, tzinfo=UTC)
    assert "DUE" not in found["todo 2"]
    assert found["todo 1"]["CATEGORIES"].cats == ["home"]
    assert str(found["todo 0"]["UID"]) == todos[0].todo_id + "@remo"


def test_the_refresh_hints_are_rfc_5545_durations() -> None:
    body = build_feed(reminders=[], todos=[], now=CREATED, name="Remo")
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:PT15M\r\n" in body


def test_the_same_data_makes_the_same_bytes() -> None:
    pending = reminder(timezone="America/New_York", recurrence="FREQ=WEEKLY")
    one = build_feed(reminders=[pending], todos=[], now=CREATED, name="Remo")
    two = build_feed(reminders=[pending], todos=[], now=CREATED + timedelta(hours=5), name="Remo")
    assert one == two
