"""A user's reminders and todos as one iCalendar object (RFC 5545), built with `icalendar`.

One VEVENT per pending or fired reminder: UID `<reminder_id>@remo`, DTSTART in the
reminder's zone with that zone's VTIMEZONE, SUMMARY the title, a VALARM (ACTION:DISPLAY,
TRIGGER:PT0S). A series appears once, as its pending occurrence carrying the RRULE, so
the occurrences a client expands are the ones the dispatcher fires (domain.recurrence);
an occurrence that already fired is a single event. One VTODO per pending todo: DUE a
DATE for a bare day, else a DATE-TIME; PRIORITY 1 urgent, 3 high, 5 medium, 9 low
(RFC 5545 3.8.1.9); CATEGORIES. The output depends only on the data: DTSTAMP is each
item's updated_at (3.8.7.2, a calendar without METHOD), so an unchanged calendar has an
unchanged ETag.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Todo, vDuration, vRecur

from remo_async.domain import Reminder
from remo_async.domain import Todo as TodoRecord
from remo_async.domain.enums import Priority, ReminderStatus, TodoStatus
from remo_async.domain.recurrence import RecurrenceError, next_in_series, next_occurrence

PRODID = "-//remo-async//calendar feed//EN"
REFRESH = timedelta(minutes=15)
"""How often clients are asked to fetch again (RFC 7986 REFRESH-INTERVAL, X-PUBLISHED-TTL)."""
ZONE_YEARS_AHEAD = 5
"""Years of daylight-saving transitions each VTIMEZONE spells out after the latest event."""
PRIORITIES = {Priority.URGENT: 1, Priority.HIGH: 3, Priority.MEDIUM: 5, Priority.LOW: 9}

MAX_COUNT_STEPS = 2000
"""Fires a COUNT is spelled out into (see series_rule); a longer COUNT is written as it is."""

_UNTIL = re.compile(r"(?:^|;)UNTIL=(?P<value>[^;]*)")
_COUNT = re.compile(r"(?:^|;)COUNT=(?P<value>\d+)")


def until_in_utc(rule: str, zone: str) -> str:
    """The rule with UNTIL as a UTC DATE-TIME, as RFC 5545 3.3.10 requires beside a TZID.

    The dispatcher reads a floating UNTIL as a wall-clock time in the reminder's zone and a
    DATE as that whole day (inclusive); the instant it means is written with `Z`.
    """
    found = _UNTIL.search(rule)
    if found is None:
        return rule
    value = found["value"]
    if value.endswith("Z"):
        return rule
    tz = ZoneInfo(zone)
    if len(value) == 8:
        local = datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(23, 59, 59))
    else:
        local = datetime.strptime(value, "%Y%m%dT%H%M%S")
    moment = local.replace(tzinfo=tz).astimezone(UTC)
    new = found.group(0).replace(value, moment.strftime("%Y%m%dT%H%M%SZ"))
    return rule.replace(found.group(0), new)


def _starts_series(rule: str, *, start: datetime, zone: str) -> bool:
    try:
        first = next_occurrence(rule, start=start, zone=zone, after=start - timedelta(seconds=1))
    except RecurrenceError:
        return True  # nothing better to write than the rule itself
    return first == start


def series_rule(rule: str, *, start: datetime, zone: str) -> str:
    """The RRULE a pending occurrence at `start` carries in the feed.

    UNTIL is written in UTC (until_in_utc). A COUNT beside a DTSTART that is not itself an
    occurrence of the rule means one fire fewer to RFC 5545 (3.8.5.3: DTSTART counts as the
    first) than to dateutil-based clients; the dispatcher counts as the RFC does. Such a
    COUNT is written as the UNTIL of the dispatcher's last fire, which every client reads
    alike (computed with the dispatcher's own next_in_series, at most MAX_COUNT_STEPS fires).
    """
    rule = until_in_utc(rule, zone)
    count = _COUNT.search(rule)
    if count is None or "UNTIL=" in rule or _starts_series(rule, start=start, zone=zone):
        return rule
    left = int(count["value"])
    if left - 1 > MAX_COUNT_STEPS:
        return rule
    last, current = start, rule
    for _ in range(left - 1):
        try:
            following = next_in_series(current, start=last, zone=zone, now=last)
        except RecurrenceError:
            return rule
        if following is None:
            break
        last, current = following
    until = f"UNTIL={last.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"
    return ";".join(until if part.startswith("COUNT=") else part for part in rule.split(";"))


def _local(moment: datetime, zone: str) -> datetime:
    # UTC is written with `Z` (no VTIMEZONE needed); any other zone as TZID=<IANA name>.
    return moment.astimezone(UTC) if zone == "UTC" else moment.astimezone(ZoneInfo(zone))


def _identify(component: Event | Todo, uid: str, created: datetime, updated: datetime) -> None:
    """UID `<id>@remo`; DTSTAMP and LAST-MODIFIED the item's updated_at; CREATED."""
    component.add("uid", f"{uid}@remo")
    component.add("dtstamp", updated)
    component.add("created", created)
    component.add("last-modified", updated)


def reminder_event(reminder: Reminder) -> Event:
    """The VEVENT of one pending or fired reminder."""
    event = Event()
    _identify(event, reminder.reminder_id, reminder.created_at, reminder.updated_at)
    event.add("dtstart", _local(reminder.reminding_time, reminder.timezone))
    event.add("summary", reminder.title)
    if reminder.description:
        event.add("description", reminder.description)
    if reminder.status is ReminderStatus.PENDING and reminder.recurrence:
        rule = series_rule(
            reminder.recurrence, start=reminder.reminding_time, zone=reminder.timezone
        )
        event.add("rrule", vRecur.from_ical(rule))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(0))
    alarm.add("description", reminder.title)
    event.add_component(alarm)
    return event


def todo_component(todo: TodoRecord) -> Todo:
    """The VTODO of one pending todo."""
    component = Todo()
    _identify(component, todo.todo_id, todo.created_at, todo.updated_at)
    component.add("summary", todo.title)
    component.add("status", "NEEDS-ACTION")
    component.add("priority", PRIORITIES[todo.priority])
    if todo.description:
        component.add("description", todo.description)
    if todo.category:
        component.add("categories", [todo.category])
    if todo.due_date is not None:
        due = todo.due_date
        component.add("due", due.astimezone(UTC) if isinstance(due, datetime) else due)
    return component


def build_feed(
    *, reminders: Iterable[Reminder], todos: Iterable[TodoRecord], now: datetime, name: str
) -> bytes:
    """The calendar as RFC 5545 text (CRLF lines, UTF-8); done and cancelled items left out."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    shown = sorted(
        (r for r in reminders if r.status in (ReminderStatus.PENDING, ReminderStatus.FIRED)),
        key=lambda r: r.reminder_id,
    )
    for reminder in shown:
        calendar.add_component(reminder_event(reminder))
    for todo in sorted(todos, key=lambda t: t.todo_id):
        if todo.status is TodoStatus.PENDING:
            calendar.add_component(todo_component(todo))
    if shown:
        first = min(r.reminding_time for r in shown).date() - timedelta(days=1)
        last = max(max(r.reminding_time for r in shown).date(), now.date())
        calendar.add_missing_timezones(
            first_date=first, last_date=date(last.year + ZONE_YEARS_AHEAD, 1, 1)
        )
    return bytes(calendar.to_ical())


def fingerprint(
    *, reminders: Iterable[Reminder], todos: Iterable[TodoRecord], now: datetime, name: str
) -> str:
    """A digest of everything build_feed renders: equal inputs, equal feed (a memo key)."""
    digest = hashlib.sha256(f"{name}\n{now.year}\n".encode())
    for part in sorted(r.model_dump_json() for r in reminders):
        digest.update(part.encode() + b"\n")
    digest.update(b"--\n")
    for part in sorted(t.model_dump_json() for t in todos):
        digest.update(part.encode() + b"\n")
    return digest.hexdigest()


def feed_etag(body: bytes) -> str:
    """A strong ETag (RFC 9110 8.8.3) of the feed's bytes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
