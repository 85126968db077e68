"""Recurrence rules (RFC 5545 RRULE), validated and evaluated in a reminder's own zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

MAX_RULE_LENGTH = 500


def normalize_rule(text: str) -> str:
    """Checks an RRULE such as `FREQ=WEEKLY;BYDAY=MO` (`RRULE:` prefix allowed); returns it bare."""
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    rule = rule.upper()
    if not rule or len(rule) > MAX_RULE_LENGTH:
        raise ValueError("recurrence must be an RRULE such as FREQ=WEEKLY;BYDAY=MO")
    if "DTSTART" in rule or "\n" in rule:
        raise ValueError("recurrence takes only an RRULE; its start is the reminding_time")
    _parse(rule, datetime(2026, 1, 1, 9, 0, tzinfo=UTC))
    return rule


def _parse(rule: str, start: datetime) -> rrule:
    try:
        parsed = rrulestr(rule, dtstart=start)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"recurrence is not a valid RRULE: {exc}") from None
    if not isinstance(parsed, rrule):
        raise ValueError("recurrence must be a single RRULE")
    return parsed


def next_occurrence(rule: str, *, start: datetime, zone: str, after: datetime) -> datetime | None:
    """The first occurrence strictly after `after`, evaluated in local time of `zone`.

    The series is anchored at `start`'s wall-clock time in the zone, so "every day at
    9am New York" stays 9am across daylight saving changes. Returns UTC, or None when
    the series has ended.
    """
    tz = ZoneInfo(zone)
    local_start = start.astimezone(tz).replace(tzinfo=None)
    local_after = after.astimezone(tz).replace(tzinfo=None)
    series = _parse(rule, local_start)
    candidate = series.after(local_after, inc=False)
    while candidate is not None:
        aware = candidate.replace(tzinfo=tz)
        if aware.astimezone(UTC) > after:
            return aware.astimezone(UTC)
        candidate = series.after(candidate, inc=False)
    return None


def following_rule(rule: str) -> str | None:
    """The rule the next occurrence carries: COUNT goes down by one; None when it runs out.

    Each occurrence anchors the series at its own reminding_time, so COUNT counts what
    is left rather than what was given.
    """
    parts = rule.split(";")
    for i, part in enumerate(parts):
        name, _, value = part.partition("=")
        if name == "COUNT":
            left = int(value) - 1
            if left < 1:
                return None
            parts[i] = f"COUNT={left}"
    return ";".join(parts)


def next_in_series(
    rule: str, *, start: datetime, zone: str, now: datetime
) -> tuple[datetime, str] | None:
    """When the series' next occurrence is due and the rule it carries; None when it has ended.

    Occurrences missed while nothing ran are skipped: the next one is after `now`.
    """
    carried = following_rule(rule)
    if carried is None:
        return None
    when = next_occurrence(rule, start=start, zone=zone, after=max(start, now))
    return None if when is None else (when, carried)
