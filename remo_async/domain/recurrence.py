"""Recurrence rules (RFC 5545 RRULE), checked and evaluated in a reminder's own zone.

One path: the check a create or PATCH makes and the computation a fire makes are the
same function, `follow_series` (`next_in_series` is its (when, rule) form), so a rule that
was accepted can be fired. A series is its rule expanded in the zone's wall-clock time
(RFC 5545 3.3.10), each occurrence read as 3.3.5 says; a follower is computed from its
occurrence's own time in the series (`recurrence_id`), so a spring-forward gap or a
snooze moves one occurrence, never the ones after it. Every
evaluation is bounded (SEARCH_PERIODS, SEARCH_OCCURRENCES): a rule that never occurs
("the 31st of April") cannot run for seconds on the event loop, as dateutil's own
iteration would until year 9999.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

MAX_RULE_LENGTH = 500
SEARCH_PERIODS: Final = 600
"""Months (years for FREQ=YEARLY) one search may scan: 50 years at worst, ~30 ms of CPU."""
SEARCH_STEPS: Final = 10_000
"""Steps an hourly or minutely search may take (each a few us; 27 years of skipped days)."""
SEARCH_OCCURRENCES: Final = 20_000
"""Occurrences one search may step over (~40 ms; a series with COUNT after long downtime)."""

# RFC 5545 section 3.3.10: rule parts a reminder's rule may carry. BYEASTER is dateutil's
# own extension; FREQ=SECONDLY is refused below (nothing fires more than once a minute).
_PARTS: Final = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYSECOND",
        "BYMINUTE",
        "BYHOUR",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
_UNTIL: Final = re.compile(r"(?:^|;)UNTIL=(?P<value>[^;]*)")
_UTC_FORM: Final = re.compile(r"^\d{8}T\d{6}Z$")
_LOCAL_FORM: Final = re.compile(r"^\d{8}T\d{6}$")
_DATE_FORM: Final = re.compile(r"^\d{8}$")


class RecurrenceError(ValueError):
    """A rule that is not an RRULE a reminder can carry, or that cannot be evaluated."""


class SearchExhausted(RecurrenceError):
    """The next occurrence was not found within the search bound."""


class _BoundedRule(rrule):
    """dateutil's rrule whose iteration is bounded: SEARCH_PERIODS and SEARCH_STEPS between
    two occurrences, SEARCH_OCCURRENCES in all; past a bound it raises SearchExhausted.

    dateutil rebuilds its masks once per month (once per year for FREQ=YEARLY) that it
    scans, reading `_byeaster` each time, and an hourly or minutely series reads
    `_byminute` or `_bysecond` once a step; counting those reads bounds a scan that finds
    nothing, which dateutil would otherwise continue until year 9999 (its UNTIL is only
    compared with occurrences found). Relies on dateutil's internals: the generated tests
    fail if a new dateutil stops reading them (a never-occurring rule would run unbounded).
    """

    _periods_left: int = SEARCH_PERIODS
    _steps_left: int = SEARCH_STEPS

    @property
    def _byeaster(self) -> Any:
        self._periods_left -= 1
        if self._periods_left < 0:
            raise SearchExhausted(
                f"recurrence has no occurrence within {SEARCH_PERIODS} months to search"
            )
        return self._easter

    @_byeaster.setter
    def _byeaster(self, value: Any) -> None:
        self._easter = value

    # An hourly or minutely series reads these once a step (dateutil's htimeset and
    # mtimeset and its skips to the next BYMINUTE or BYSECOND value).
    @property
    def _byminute(self) -> Any:
        self._step()
        return self._minutes

    @_byminute.setter
    def _byminute(self, value: Any) -> None:
        self._minutes = value

    @property
    def _bysecond(self) -> Any:
        self._step()
        return self._seconds

    @_bysecond.setter
    def _bysecond(self, value: Any) -> None:
        self._seconds = value

    def _step(self) -> None:
        self._steps_left -= 1
        if self._steps_left < 0:
            raise SearchExhausted(
                f"recurrence has no occurrence within {SEARCH_STEPS} steps to search"
            )

    def _iter(self) -> Iterator[datetime]:
        # The budgets bound the search between two occurrences; SEARCH_OCCURRENCES bounds
        # how many are stepped over.
        self._periods_left = SEARCH_PERIODS
        self._steps_left = SEARCH_STEPS
        for seen, occurrence in enumerate(super()._iter()):  # type: ignore[misc]
            if seen >= SEARCH_OCCURRENCES:
                raise SearchExhausted(
                    f"recurrence steps over more than {SEARCH_OCCURRENCES} occurrences"
                )
            self._periods_left = SEARCH_PERIODS
            self._steps_left = SEARCH_STEPS
            yield occurrence


def normalize_rule(text: str) -> str:
    """Checks an RRULE such as `FREQ=WEEKLY;BYDAY=MO` (`RRULE:` prefix allowed); returns it bare.

    Raises RecurrenceError (a ValueError) for anything but one RFC 5545 RRULE of at most
    MAX_RULE_LENGTH characters with FREQ of MINUTELY or longer.
    """
    rule = _checked_text(text)
    parts = _parts(rule)
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError("recurrence takes COUNT or UNTIL, not both (RFC 5545 3.3.10)")
    _series(rule, start=datetime(2026, 1, 1, 9, 0, tzinfo=UTC), zone="UTC")
    return rule


def _checked_text(text: str) -> str:
    """The rule bare and upper-case, after every check that needs no parse."""
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    rule = rule.upper()
    if not rule or len(rule) > MAX_RULE_LENGTH:
        raise RecurrenceError("recurrence must be an RRULE such as FREQ=WEEKLY;BYDAY=MO")
    if "DTSTART" in rule or "\n" in rule:
        raise RecurrenceError("recurrence takes only an RRULE; its start is the reminding_time")
    names = [part.partition("=")[0] for part in rule.split(";")]
    unknown = sorted(set(names) - _PARTS)
    if unknown:
        raise RecurrenceError(f"recurrence has rule parts RFC 5545 does not define: {unknown}")
    if len(names) != len(set(names)):
        raise RecurrenceError("recurrence names a rule part twice (RFC 5545 allows it once)")
    parts = _parts(rule)
    _check_sizes(parts)
    freq = parts.get("FREQ")
    if freq == "SECONDLY":
        raise RecurrenceError("recurrence cannot repeat more often than once a minute")
    if freq in ("MINUTELY", "HOURLY") and "BYSETPOS" in names:
        # Each minute or hour is its own set: a position past its one instance never occurs.
        raise RecurrenceError("recurrence takes BYSETPOS only with FREQ of DAILY or longer")
    return rule


MAX_INTERVAL: Final = 1000
MAX_TIMES_A_DAY: Final = 1440
"""BYHOUR x BYMINUTE x BYSECOND values at most: once a minute. dateutil builds that set for
every day it scans; 24 x 60 x 60 written out costs ~100 ms of CPU a search."""


def _check_sizes(parts: dict[str, str]) -> None:
    """RecurrenceError for an INTERVAL outside 1..MAX_INTERVAL or too many times of day."""
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= MAX_INTERVAL:
        raise RecurrenceError(f"recurrence INTERVAL must be 1..{MAX_INTERVAL}")
    times = 1
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            times *= len(parts[name].split(","))
    if times > MAX_TIMES_A_DAY or len(parts.get("BYSECOND", "0").split(",")) > 1:
        raise RecurrenceError(
            "recurrence may name at most one BYSECOND and "
            f"{MAX_TIMES_A_DAY} times of day (BYHOUR x BYMINUTE)"
        )


def _local_until(rule: str, tz: ZoneInfo) -> str:
    """The rule with UNTIL as the floating local time dateutil compares with a local series.

    RFC 5545 3.3.10: UNTIL is inclusive. A UTC `...Z` value is that instant in the zone; a
    floating value is a wall-clock time in the zone; a DATE includes that whole day.
    """
    m = _UNTIL.search(rule)
    if m is None:
        return rule
    value = m["value"]
    if _UTC_FORM.match(value):
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        local = moment.astimezone(tz).replace(tzinfo=None)
    elif _LOCAL_FORM.match(value):
        local = datetime.strptime(value, "%Y%m%dT%H%M%S")
    elif _DATE_FORM.match(value):
        local = datetime.combine(datetime.strptime(value, "%Y%m%d").date(), time(23, 59, 59))
    else:
        raise RecurrenceError(
            "recurrence UNTIL must be a DATE (20270301) or DATE-TIME (20270301T120000[Z])"
        )
    return rule.replace(m.group(0), m.group(0).replace(value, local.strftime("%Y%m%dT%H%M%S")))


def _parts(rule: str) -> dict[str, str]:
    return dict(part.partition("=")[::2] for part in rule.split(";"))


def _skip_ahead(rule: str, local_start: datetime, local_after: datetime) -> datetime:
    """A later anchor of the same series, two steps before local_after.

    A minutely series that missed months of downtime would otherwise be stepped through
    one occurrence at a time. Moving the anchor by whole steps of a fixed wall-clock
    length keeps every occurrence from there on; monthly and yearly steps have no fixed
    length, and COUNT counts from the first anchor, so those keep theirs.
    """
    parts = _parts(rule)
    unit = _STEPS.get(parts.get("FREQ", ""))
    if unit is None or "COUNT" in parts:
        return local_start
    step = unit * int(parts.get("INTERVAL", "1") or "1")
    steps = (local_after - local_start) // step
    return local_start + (steps - 2) * step if steps > 2 else local_start


_STEPS: Final = {
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(days=7),
}


def _series(rule: str, *, start: datetime, zone: str) -> _BoundedRule:
    """The rule anchored at start's wall-clock time in zone, as a bounded naive series."""
    tz = ZoneInfo(zone)
    return _local_series(rule, start.astimezone(tz).replace(tzinfo=None), tz)


def _local_series(rule: str, local_start: datetime, tz: ZoneInfo) -> _BoundedRule:
    try:
        parsed = rrulestr(_local_until(rule, tz), dtstart=local_start, cache=False)
    except RecurrenceError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise RecurrenceError(f"recurrence is not a valid RRULE: {exc}") from None
    if not isinstance(parsed, rrule):
        raise RecurrenceError("recurrence must be a single RRULE")
    # As rrule.replace() does, into the bounded class.
    state: dict[str, Any] = vars(parsed)
    kwargs: dict[str, Any] = {
        name: state[f"_{name}"]
        for name in ("interval", "count", "dtstart", "freq", "until", "wkst")
    }
    return _BoundedRule(cache=False, **kwargs, **state["_original_rule"])


def local_anchor(start: datetime, zone: str, recurrence_id: str | None = None) -> datetime:
    """The wall-clock time (naive, in `zone`) that anchors the series at this occurrence.

    `recurrence_id` is what a follower stores (RFC 5545 3.8.4.4 RECURRENCE-ID, local form
    `YYYYMMDDTHHMMSS` in the reminder's zone): the occurrence's own time in the series,
    which differs from its `reminding_time` when that was moved by a spring-forward gap or
    a snooze. Without it (a first occurrence, an item stored by an older release) the
    anchor is `start`'s wall-clock time in the zone, as before. An unreadable value raises
    RecurrenceError.
    """
    if recurrence_id is None:
        return start.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    if not _LOCAL_FORM.match(recurrence_id):
        raise RecurrenceError(f"recurrence_id must be YYYYMMDDTHHMMSS, not {recurrence_id!r}")
    try:
        return datetime.strptime(recurrence_id, "%Y%m%dT%H%M%S")
    except ValueError as exc:
        raise RecurrenceError(f"recurrence_id is not a date-time: {exc}") from None


def format_recurrence_id(local: datetime) -> str:
    """A naive wall-clock time as stored in `recurrence_id` (RFC 5545 local DATE-TIME form)."""
    return local.strftime("%Y%m%dT%H%M%S")


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """The next occurrence of a series, as a fire stores it."""

    when: datetime
    """When it is due, UTC: `local` in the zone, a gap's time moved forward (RFC 5545 3.3.5)."""
    rule: str
    """The rule it carries: COUNT is what is left, this occurrence included."""
    local: datetime
    """Its wall-clock time in the series (naive, in the zone): the follower's anchor."""


def _to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """RFC 5545 3.3.5: a wall-clock time a gap skips is read with the offset before the gap
    (moved forward by the gap's length), an ambiguous one as its first instance (fold=0)."""
    return local.replace(tzinfo=tz).astimezone(UTC)


def _count(rule: str) -> tuple[str, int | None]:
    """The rule without COUNT, and COUNT (None when it has none)."""
    parts = rule.split(";")
    counts = [p for p in parts if p.startswith("COUNT=")]
    if not counts:
        return rule, None
    return ";".join(p for p in parts if not p.startswith("COUNT=")), int(counts[0][len("COUNT=") :])


def _next_local(
    rule: str,
    local_start: datetime,
    tz: ZoneInfo,
    after: datetime,
    *,
    limit: int | None,
    with_start: bool,
) -> tuple[datetime, datetime, int] | None:
    """The series' first occurrence, in wall-clock order, whose instant is after `after`.

    Returns its wall-clock time, its UTC instant and how many occurrences of the series
    lie after `local_start` up to it (1 when it is the very next one), at most `limit`
    of them (None: no limit); `local_start` itself, when the rule matches it, only if
    `with_start`. The series is the rule expanded in wall-clock time from `local_start`.
    Two wall-clock times a gap maps to one instant (HOURLY at 02:00 and 03:00 on the day
    New York skips 02:00-03:00) fire once (RFC 5545 3.8.5.3).
    """
    local_after = after.astimezone(tz).replace(tzinfo=None)
    # A day back: the wall-clock comparison is refined in UTC below (DST shifts).
    from_local = local_after - timedelta(days=1)
    steps = 0
    try:
        for candidate in _local_series(rule, local_start, tz):
            if candidate > local_start:
                steps += 1
            elif not with_start:
                continue  # the occurrence whose follower is wanted
            if limit is not None and steps > limit:
                return None
            if candidate <= from_local:
                continue
            moment = _to_utc(candidate, tz)
            if moment > after:
                return candidate, moment, steps
    except (OverflowError, ValueError) as exc:  # past year 9999
        if isinstance(exc, RecurrenceError):
            raise
    except (IndexError, TypeError, KeyError) as exc:
        # dateutil parses values it cannot evaluate (BYDAY=53MO monthly, BYHOUR=25 hourly).
        raise RecurrenceError(f"recurrence is not a valid RRULE: {exc}") from None
    return None


def next_occurrence(rule: str, *, start: datetime, zone: str, after: datetime) -> datetime | None:
    """The first occurrence strictly after `after`, evaluated in local time of `zone`.

    The series is anchored at `start`'s wall-clock time in the zone, so "every day at
    9am New York" stays 9am across daylight saving changes; a wall-clock time that a
    spring-forward gap skips is read with the offset before the gap, an ambiguous one as
    its first instance (RFC 5545 3.3.5). Returns UTC, or None when the series has ended.
    Raises SearchExhausted when no occurrence is found within the search bound.
    """
    anchor = local_anchor(start, zone)
    found = _follow(rule, local_start=anchor, zone=zone, after=after, with_start=True)
    return None if found is None else found.when


def _follow(
    rule: str, *, local_start: datetime, zone: str, after: datetime, with_start: bool
) -> Occurrence | None:
    tz = ZoneInfo(zone)
    bare, count = _count(rule)
    anchor = local_start
    if count is None:
        anchor = _skip_ahead(bare, local_start, after.astimezone(tz).replace(tzinfo=None))
    if count is not None and count < 2 and not with_start:
        return None  # this occurrence is the last
    limit = None if count is None else count - 1
    found = _next_local(bare, anchor, tz, after, limit=limit, with_start=with_start)
    if found is None:
        return None
    local, when, steps = found
    if _past_until(rule, when):
        return None
    carried = rule
    if count is not None:
        # RFC 5545 3.3.10: COUNT bounds the series' occurrences, the anchor counting as the
        # first; those stepped over (skipped after downtime) were occurrences too.
        left = count - steps
        if left < 1:
            return None
        carried = ";".join(
            f"COUNT={left}" if part.startswith("COUNT=") else part for part in rule.split(";")
        )
    return Occurrence(when=when, rule=carried, local=local)


def _past_until(rule: str, when: datetime) -> bool:
    """A UTC UNTIL is an instant (RFC 5545 3.3.10): a gap-moved occurrence after it is out."""
    m = _UNTIL.search(rule)
    if m is None or not _UTC_FORM.match(m["value"]):
        return False
    return when > datetime.strptime(m["value"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def follow_series(
    rule: str,
    *,
    start: datetime,
    zone: str,
    now: datetime,
    recurrence_id: str | None = None,
) -> Occurrence | None:
    """The series' next occurrence after this one (due at `start`); None when it has ended.

    The series keeps its wall-clock time (RFC 5545 3.3.5, 3.3.10): it is expanded from
    this occurrence's own time in the series (`recurrence_id`, see local_anchor), not from
    the instant it fired, so an occurrence a spring-forward gap moved from 02:30 to 03:30,
    or one snoozed, does not move the ones after it. Occurrences missed while nothing ran
    are skipped: the next one is after max(start, now). Raises RecurrenceError when the
    rule cannot be evaluated, SearchExhausted when the next occurrence lies beyond the
    search bound.
    """
    # What a create checks, a fire checks too (stored data may be old); the parse is
    # _follow's own, so it is not made twice.
    rule = _checked_text(rule)
    anchor = local_anchor(start, zone, recurrence_id)
    # Not the anchor itself: it is this occurrence, even when a snooze moved it earlier.
    return _follow(rule, local_start=anchor, zone=zone, after=max(start, now), with_start=False)


def next_in_series(
    rule: str,
    *,
    start: datetime,
    zone: str,
    now: datetime,
    recurrence_id: str | None = None,
) -> tuple[datetime, str] | None:
    """When the series' next occurrence is due and the rule it carries; None when it has ended.

    follow_series without the follower's own anchor: the same call checks a rule at
    create and PATCH (`check_series`); a fire stores `Occurrence.local` too.
    """
    found = follow_series(rule, start=start, zone=zone, now=now, recurrence_id=recurrence_id)
    return None if found is None else (found.when, found.rule)


def check_series(
    rule: str, *, start: datetime, zone: str, now: datetime, recurrence_id: str | None = None
) -> None:
    """Raises RecurrenceError unless the series has an occurrence after this one."""
    if next_in_series(rule, start=start, zone=zone, now=now, recurrence_id=recurrence_id) is None:
        raise RecurrenceError("recurrence has no occurrence after the first one")


def series_start(start: datetime, zone: str, recurrence_id: str | None = None) -> datetime:
    """The occurrence's own wall-clock time in its series, as an aware time in `zone`.

    For a calendar's DTSTART (RFC 5545 3.8.2.4): the series' nominal time, which may be
    one a spring-forward gap skips (02:30 on the day New York jumps to 03:30); a reader
    applies 3.3.5's gap rule to it, as the dispatcher does. Raises RecurrenceError for an
    unreadable `recurrence_id` (see local_anchor).
    """
    return local_anchor(start, zone, recurrence_id).replace(tzinfo=ZoneInfo(zone))


def last_of_count(rule: str, *, local_start: datetime, zone: str, limit: int) -> datetime | None:
    """The instant (UTC) of the last fire of a series whose rule holds COUNT.

    The series as the dispatcher fires it from the occurrence at `local_start` (naive
    wall-clock time in `zone`, itself the first of COUNT): the next COUNT - 1 wall-clock
    occurrences of the rule after it, each read by RFC 5545 3.3.5, one whose instant is
    not after the fire before it (two times a gap maps to one instant) counted but not
    fired again. One bounded expansion (not one search per fire). None when the rule has
    no COUNT or COUNT - 1 exceeds `limit`; raises RecurrenceError when it cannot be
    evaluated.
    """
    bare, count = _count(_checked_text(rule))
    if count is None or count - 1 > limit:
        return None
    tz = ZoneInfo(zone)
    last = _to_utc(local_start, tz)
    following = (c for c in _local_series(bare, local_start, tz) if c > local_start)
    try:
        for candidate in itertools.islice(following, count - 1):
            last = max(last, _to_utc(candidate, tz))
    except RecurrenceError:
        raise
    except (OverflowError, ValueError):  # past year 9999: the series ends there
        pass
    except (IndexError, TypeError, KeyError) as exc:
        raise RecurrenceError(f"recurrence is not a valid RRULE: {exc}") from None
    return last


def starts_series(rule: str, *, local_start: datetime, zone: str) -> bool:
    """Whether the rule's expansion from `local_start` (naive, in `zone`) includes it."""
    bare, _ = _count(_checked_text(rule))
    try:
        first = next(iter(_local_series(bare, local_start, ZoneInfo(zone))), None)
    except (OverflowError, ValueError, IndexError, TypeError, KeyError):
        return True  # nothing better to say than the rule itself
    return first == local_start
