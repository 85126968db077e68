"""A user's reminders and todos as one iCalendar object (RFC 5545), written by `icalendar`.

One VEVENT per pending or fired reminder: UID `<reminder_id>@remo`, DTSTART in the
reminder's zone (its published IANA name, times.mend_timezone) with that zone's
VTIMEZONE, SUMMARY the title, a VALARM (ACTION:DISPLAY, TRIGGER:PT0S). A series appears
once, as its pending occurrence carrying the RRULE, so the occurrences a client expands
are the ones the dispatcher fires (domain.recurrence); its DTSTART is the occurrence's
own time in the series (`recurrence_id`), which a reader moves out of a spring-forward
gap itself (3.3.5); an occurrence moved off that time (a snooze) is written besides as
the series' instance with that RECURRENCE-ID (3.8.4.4). An occurrence that already fired
is a single event. One VTODO per pending todo: DUE a DATE for a bare day, else a
DATE-TIME; PRIORITY 1 urgent, 3 high, 5 medium, 9 low (3.8.1.9); CATEGORIES.

The output depends only on the data: DTSTAMP is each item's updated_at (3.8.7.2, a
calendar without METHOD), so an unchanged calendar has an unchanged ETag.

Cost: each item is one component serialized by icalendar on its own (its properties set
directly, not through `Component.add`), kept by a digest of the item (ITEMS_KEPT), so a
feed rendered again costs one lookup per unchanged item; `render_feed` gives the event
loop a turn every SLICE_SECONDS of work (feeds.pace), so no feed stalls other requests.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, Todo, vDDDTypes, vDuration, vRecur, vText

from remo_async.domain import Reminder
from remo_async.domain import Todo as TodoRecord
from remo_async.domain.enums import Priority, ReminderStatus, TodoStatus
from remo_async.domain.recurrence import (
    RecurrenceError,
    last_of_count,
    series_start,
    starts_series,
)
from remo_async.domain.times import mend_timezone
from remo_async.feeds.pace import Pacer

PRODID = "-//remo-async//calendar feed//EN"
REFRESH = timedelta(minutes=15)
"""How often clients are asked to fetch again (RFC 7986 REFRESH-INTERVAL, X-PUBLISHED-TTL)."""
ZONE_YEARS_AHEAD = 5
"""Years of daylight-saving transitions each VTIMEZONE spells out after the latest event."""
PRIORITIES = {Priority.URGENT: 1, Priority.HIGH: 3, Priority.MEDIUM: 5, Priority.LOW: 9}

MAX_COUNT_STEPS = 2000
"""Fires a COUNT is spelled out into (see series_rule); a longer COUNT is written as it is."""
ITEMS_KEPT = 20_000
"""Rendered components kept by digest (one user's largest feed: 5,000 reminders and
10,000 todos, REMO_MAX_PENDING_REMINDERS / REMO_MAX_TODOS); ~0.6 KiB each."""

_UNTIL = re.compile(r"(?:^|;)UNTIL=(?P<value>[^;]*)")
_COUNT = re.compile(r"(?:^|;)COUNT=(?P<value>\d+)")
_END = b"END:VCALENDAR\r\n"


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


def series_rule(rule: str, *, local_start: datetime, zone: str) -> str:
    """The RRULE a pending occurrence whose DTSTART is `local_start` (naive, in zone) carries.

    UNTIL is written in UTC (until_in_utc). A COUNT beside a DTSTART that is not itself an
    occurrence of the rule means one fire fewer to RFC 5545 (3.8.5.3: DTSTART counts as the
    first) than to dateutil-based clients; the dispatcher counts as the RFC does. Such a
    COUNT is written as the UNTIL of the dispatcher's last fire, which every client reads
    alike (domain.recurrence.last_of_count: one expansion of at most MAX_COUNT_STEPS).
    """
    rule = until_in_utc(rule, zone)
    if _COUNT.search(rule) is None or "UNTIL=" in rule:
        return rule
    try:
        if starts_series(rule, local_start=local_start, zone=zone):
            return rule
        last = last_of_count(rule, local_start=local_start, zone=zone, limit=MAX_COUNT_STEPS)
    except RecurrenceError:
        return rule  # nothing better to write than the rule itself
    if last is None:
        return rule
    until = f"UNTIL={last.strftime('%Y%m%dT%H%M%SZ')}"
    return ";".join(until if part.startswith("COUNT=") else part for part in rule.split(";"))


@functools.lru_cache(maxsize=4096)
def _recur(rule: str) -> vRecur:
    # Shared by every event with this rule: icalendar only reads it to write it.
    parsed: vRecur = vRecur.from_ical(rule)
    return parsed


def _when(moment: datetime, zone: str) -> vDDDTypes:
    """An instant as a DATE-TIME: in `zone` (TZID=<IANA name>), else with `Z`.

    UTC needs no VTIMEZONE. The second of two equal wall-clock times (a fall-back fold) is
    written in UTC: with a TZID it would be read as the first (RFC 5545 3.3.5).
    """
    if zone == "UTC":
        return vDDDTypes(moment.astimezone(UTC))
    local = moment.astimezone(ZoneInfo(zone))
    return vDDDTypes(moment.astimezone(UTC) if local.fold else local)


def _identify(component: Event | Todo, uid: str, created: datetime, updated: datetime) -> None:
    """UID `<id>@remo`; DTSTAMP and LAST-MODIFIED the item's updated_at; CREATED."""
    stamp = vDDDTypes(updated)
    component["UID"] = vText(f"{uid}@remo")
    component["DTSTAMP"] = stamp
    component["CREATED"] = vDDDTypes(created)
    component["LAST-MODIFIED"] = stamp


def _event(reminder: Reminder, start: vDDDTypes) -> Event:
    event = Event()
    _identify(event, reminder.reminder_id, reminder.created_at, reminder.updated_at)
    event["DTSTART"] = start
    event["SUMMARY"] = vText(reminder.title)
    if reminder.description:
        event["DESCRIPTION"] = vText(reminder.description)
    alarm = Alarm()
    alarm["ACTION"] = vText("DISPLAY")
    alarm["TRIGGER"] = vDuration(timedelta(0))
    alarm["DESCRIPTION"] = vText(reminder.title)
    event.subcomponents.append(alarm)
    return event


def reminder_events(reminder: Reminder) -> list[Event]:
    """The VEVENTs of one pending or fired reminder: one, or a series and its moved instance.

    A pending series starts at its occurrence's time in the series (`recurrence_id`, else
    its reminding_time's wall-clock time), written as that wall-clock time even in a gap.
    When the occurrence is due elsewhere (snoozed), a second VEVENT with the same UID and
    that RECURRENCE-ID says when (RFC 5545 3.8.4.4).
    """
    zone = mend_timezone(reminder.timezone)
    if reminder.status is not ReminderStatus.PENDING or not reminder.recurrence:
        return [_event(reminder, _when(reminder.reminding_time, zone))]
    try:
        nominal = series_start(reminder.reminding_time, zone, reminder.recurrence_id)
    except RecurrenceError:  # unreadable: the dispatcher parks it; show when it was due
        nominal = series_start(reminder.reminding_time, zone)
    local = nominal.replace(tzinfo=None)
    start = vDDDTypes(local.replace(tzinfo=UTC) if zone == "UTC" else nominal)
    series = _event(reminder, start)
    series["RRULE"] = _recur(series_rule(reminder.recurrence, local_start=local, zone=zone))
    if nominal.astimezone(UTC) == reminder.reminding_time:
        return [series]
    moved = _event(reminder, _when(reminder.reminding_time, zone))
    moved["RECURRENCE-ID"] = start
    return [series, moved]


def todo_component(todo: TodoRecord) -> Todo:
    """The VTODO of one pending todo."""
    component = Todo()
    _identify(component, todo.todo_id, todo.created_at, todo.updated_at)
    component["SUMMARY"] = vText(todo.title)
    component["STATUS"] = vText("NEEDS-ACTION")
    component.add("priority", PRIORITIES[todo.priority])
    if todo.description:
        component["DESCRIPTION"] = vText(todo.description)
    if todo.category:
        component.add("categories", [todo.category])
    if todo.due_date is not None:
        due = todo.due_date
        component.add("due", due.astimezone(UTC) if isinstance(due, datetime) else due)
    return component


class _Rendered:
    """Serialized components by a digest of their item: least recently used first out."""

    def __init__(self, size: int = ITEMS_KEPT) -> None:
        self._size = size
        self._kept: OrderedDict[bytes, bytes] = OrderedDict()

    def clear(self) -> None:
        """Forgets every rendered component (a cold render, as after a restart)."""
        self._kept.clear()

    def reminder(self, reminder: Reminder) -> bytes:
        # recurrence_id is not in the model's JSON (it is not answered) but is rendered.
        key = f"R{reminder.model_dump_json()}{reminder.recurrence_id}"
        return self._get(key, lambda: b"".join(e.to_ical() for e in reminder_events(reminder)))

    def todo(self, todo: TodoRecord) -> bytes:
        return self._get(f"T{todo.model_dump_json()}", lambda: todo_component(todo).to_ical())

    def _get(self, text: str, render: Callable[[], bytes]) -> bytes:
        key = hashlib.blake2b(text.encode(), digest_size=16).digest()
        body = self._kept.get(key)
        if body is None:
            body = render()
            self._kept[key] = body
            if len(self._kept) > self._size:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        return body


RENDERED = _Rendered()
"""The components rendered in this process (shared by every feed)."""


@functools.lru_cache(maxsize=256)
def _vtimezone(zone: str, first: date, last: date) -> bytes:
    if "TZID" not in vDDDTypes(datetime(2000, 1, 1, tzinfo=ZoneInfo(zone))).params:
        return b""  # icalendar writes a zone that is UTC forever (Africa/Abidjan) with `Z`
    return bytes(Timezone.from_tzid(zone, first_date=first, last_date=last).to_ical())


def _head(name: str, zones: Iterable[str], first: date, last: date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    head = bytes(calendar.to_ical())
    assert head.endswith(_END)
    # Sorted: the same calendar is the same bytes in every process (one ETag on replicas).
    zoned = b"".join(_vtimezone(zone, first, last) for zone in sorted(set(zones) - {"UTC"}))
    return head[: -len(_END)] + zoned


def _first_day(reminder: Reminder) -> date:
    # A series' DTSTART is its time in the series, before its instant when snoozed later.
    day = reminder.reminding_time.date()
    nominal = reminder.recurrence_id
    if nominal is not None and len(nominal) >= 8 and nominal[:8].isdigit():
        with contextlib.suppress(ValueError):
            day = min(day, date(int(nominal[:4]), int(nominal[4:6]), int(nominal[6:8])))
    return day


def _chunks(
    reminders: Iterable[Reminder], todos: Iterable[TodoRecord], now: datetime, name: str
) -> Iterator[bytes | None]:
    """The feed's parts in order; None between items, where a caller may pause."""
    shown = sorted(
        (r for r in reminders if r.status in (ReminderStatus.PENDING, ReminderStatus.FIRED)),
        key=lambda r: r.reminder_id,
    )
    body: list[bytes] = []
    for reminder in shown:
        body.append(RENDERED.reminder(reminder))
        yield None
    for todo in sorted(todos, key=lambda t: t.todo_id):
        if todo.status is TodoStatus.PENDING:
            body.append(RENDERED.todo(todo))
            yield None
    zones: set[str] = set()
    first = last = now.date()
    if shown:
        zones = {mend_timezone(r.timezone) for r in shown}
        first = min(_first_day(r) for r in shown) - timedelta(days=1)
        last = max(max(r.reminding_time for r in shown).date(), now.date())
    yield _head(name, zones, first, date(last.year + ZONE_YEARS_AHEAD, 1, 1))
    yield from body
    yield _END


def build_feed(
    *, reminders: Iterable[Reminder], todos: Iterable[TodoRecord], now: datetime, name: str
) -> bytes:
    """The calendar as RFC 5545 text (CRLF lines, UTF-8); done and cancelled items left out."""
    return b"".join(c for c in _chunks(reminders, todos, now, name) if c is not None)


async def render_feed(
    *, reminders: Iterable[Reminder], todos: Iterable[TodoRecord], now: datetime, name: str
) -> bytes:
    """build_feed on the event loop, in slices: a turn for others every SLICE_SECONDS."""
    pacer = Pacer()
    parts = []
    for chunk in _chunks(reminders, todos, now, name):
        if chunk is None:
            await pacer.turn()
        else:
            parts.append(chunk)
    return b"".join(parts)


def feed_etag(body: bytes) -> str:
    """A strong ETag (RFC 9110 8.8.3) of the feed's bytes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
