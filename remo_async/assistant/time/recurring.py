"""Recurring phrases ("every weekday at 7:30") as RRULEs, and their first occurrence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from remo_async.assistant.time.rules import WhenError, to_utc
from remo_async.assistant.time.when import parse_when
from remo_async.domain.recurrence import next_occurrence

_WEEKDAY_CODES: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAY_STEMS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
)
_AND = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
_PERIOD = r"(?:\s+(?P<period>morning|afternoon|evening|night))?"
_EVERY = r"(?:every|each)\s+"
_NUMBERS: Final[Mapping[str, int]] = {
    "other": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
}
_FREQS: Final[Mapping[str, str]] = {
    "minute": "MINUTELY",
    "hour": "HOURLY",
    "day": "DAILY",
    "week": "WEEKLY",
    "month": "MONTHLY",
    "year": "YEARLY",
}
_PERIOD_CLOCK: Final[Mapping[str, str]] = {
    "morning": "9am",
    "afternoon": "3pm",
    "evening": "7pm",
    "night": "9pm",
}
_BARE_CLOCK: Final = re.compile(r"(?:at\s+)?(?P<hour>\d{1,2})(?:[:.]\d{2})?", re.IGNORECASE)


def _flags(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])", re.IGNORECASE)


_INTERVAL: Final = _flags(
    _EVERY + r"(?P<n>\d{1,3}|other|two|three|four|five|six)\s+"
    r"(?P<unit>minute|hour|day|week|month|year)s?"
)
_HALF_HOUR: Final = _flags(_EVERY + r"half\s+(?:an\s+)?hour")
_ONE_UNIT: Final = _flags(_EVERY + r"(?P<unit>minute|hour)")
_WEEKDAYS: Final = _flags(
    r"(?:(?:every|each|on)\s+(?:week|work)\s*days?|weekdays|every\s+business\s+day)" + _PERIOD
)
_WEEKENDS: Final = _flags(r"(?:every|each|on)\s+weekends?|weekends" + _PERIOD)
_NAMED: Final = _flags(rf"{_EVERY}(?P<other>other\s+)?(?P<days>{_DAY}(?:{_AND}{_DAY})*){_PERIOD}")
_PLURAL: Final = _flags(rf"(?:on\s+)?(?P<days>{_DAY}s(?:{_AND}{_DAY}s)*){_PERIOD}")
_PERIODS: Final = _flags(_EVERY + r"(?P<period>morning|afternoon|evening|night)|nightly")
_DAILY: Final = _flags(r"every\s*day|each\s+day|every\s+single\s+day|daily")
_WEEKLY: Final = _flags(_EVERY + r"week|weekly")
_MONTH_DAY: Final = _flags(
    r"(?:on\s+)?(?:the|every|each)\s+(?P<dom>\d{1,2}(?:st|nd|rd|th)?|first)\s+(?:day\s+)?"
    r"of\s+(?:every|each|the)\s+month"
    r"|(?:(?:every|each)\s+month|monthly)\s+on\s+the\s+(?P<dom2>\d{1,2})(?:st|nd|rd|th)?"
)
_MONTHLY: Final = _flags(_EVERY + r"month|monthly")
_YEARLY: Final = _flags(_EVERY + r"year|yearly|annually")


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurrence rule found in a text, where it was, and the part of day it named."""

    rule: str
    start: int
    end: int
    period: str | None = None
    step: timedelta | None = None  # set for rules that repeat within a day

    @property
    def fixed_days(self) -> bool:
        """Whether the rule names its days (BYDAY, BYMONTHDAY), not just a frequency."""
        return ";BY" in self.rule


def find_recurrence(text: str) -> Recurrence | None:
    """The first recurring phrase of text as an RRULE, or None."""
    for finder in _FINDERS:
        found = finder(text)
        if found is not None:
            return found
    return None


def _interval(text: str) -> Recurrence | None:
    m = _INTERVAL.search(text)
    if m is not None:
        n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
        return _stepped(m, m["unit"].lower(), max(n, 1))
    m = _HALF_HOUR.search(text)
    if m is not None:
        return _stepped(m, "minute", 30)
    m = _ONE_UNIT.search(text)
    return None if m is None else _stepped(m, m["unit"].lower(), 1)


def _stepped(m: re.Match[str], unit: str, n: int) -> Recurrence:
    rule = f"FREQ={_FREQS[unit]}" + (f";INTERVAL={n}" if n > 1 else "")
    step = {"minute": timedelta(minutes=n), "hour": timedelta(hours=n)}.get(unit)
    return Recurrence(rule, m.start(), m.end(), step=step)


def _by_day(text: str) -> Recurrence | None:
    for regex, days in ((_WEEKDAYS, "MO,TU,WE,TH,FR"), (_WEEKENDS, "SA,SU")):
        m = regex.search(text)
        if m is not None:
            return Recurrence(f"FREQ=WEEKLY;BYDAY={days}", m.start(), m.end(), m["period"])
    m = _NAMED.search(text) or _PLURAL.search(text)
    if m is None:
        return None
    stems = re.findall(_DAY, m["days"], flags=re.IGNORECASE)
    codes = sorted({_WEEKDAY_STEMS.index(s[:3].lower()) for s in stems})
    every = "FREQ=WEEKLY;INTERVAL=2" if m.re is _NAMED and m["other"] else "FREQ=WEEKLY"
    rule = f"{every};BYDAY=" + ",".join(_WEEKDAY_CODES[c] for c in codes)
    return Recurrence(rule, m.start(), m.end(), m["period"])


def _calendar(text: str) -> Recurrence | None:
    m = _PERIODS.search(text)
    if m is not None:
        return Recurrence("FREQ=DAILY", m.start(), m.end(), m["period"] or "night")
    m = _MONTH_DAY.search(text)
    if m is not None:
        spoken = (m["dom"] or m["dom2"]).lower()
        day = 1 if spoken == "first" else int(spoken.rstrip("stndrh"))
        if 1 <= day <= 31:
            return Recurrence(f"FREQ=MONTHLY;BYMONTHDAY={day}", m.start(), m.end())
    for regex, rule in ((_DAILY, "DAILY"), (_WEEKLY, "WEEKLY"), (_MONTHLY, "MONTHLY")):
        m = regex.search(text)
        if m is not None:
            return Recurrence(f"FREQ={rule}", m.start(), m.end())
    m = _YEARLY.search(text)
    return None if m is None else Recurrence("FREQ=YEARLY", m.start(), m.end())


_FINDERS: Final = (_interval, _by_day, _calendar)


def first_time(rec: Recurrence, time_text: str, *, now: datetime, zone: str) -> datetime:
    """The first occurrence of rec, at the time of day time_text names ("" for the default)."""
    if rec.step is not None:
        return parse_when(time_text, now=now, zone=zone) if time_text else now + rec.step
    clock = _clock_text(time_text, rec.period)
    if not rec.fixed_days:
        return parse_when(clock, now=now, zone=zone)
    tz = ZoneInfo(zone)
    local_clock = parse_when(clock, now=now, zone=zone).astimezone(tz).time()
    today = now.astimezone(tz).date()
    start = to_utc(datetime.combine(today, local_clock), tz)
    # The first matching day is the first occurrence; the series counts its interval from it
    # ("every other monday" said on a Wednesday starts next Monday, not the one after).
    first_day_rule = re.sub(r";INTERVAL=\d+", "", rec.rule)
    found = next_occurrence(first_day_rule, start=start, zone=zone, after=now)
    if found is None:
        raise WhenError("that rule never comes round")
    return found


def _clock_text(time_text: str, period: str | None) -> str:
    """The time of day to read; a bare hour of a routine is read as its likelier half of day."""
    if not time_text:
        return _PERIOD_CLOCK.get(period or "", "9am")
    if period is not None:
        return f"{time_text} {period}"
    m = _BARE_CLOCK.fullmatch(time_text.strip())
    if m is not None and 1 <= int(m["hour"]) <= 12:
        # "every weekday at 7:30" means the morning, whatever the time is as it is said.
        hour = int(m["hour"])
        return f"{time_text} {'am' if 6 <= hour <= 11 else 'pm'}"
    return time_text
