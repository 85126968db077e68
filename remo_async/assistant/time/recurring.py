"""Repeating phrases ("every weekday at 7:30") as RFC 5545 RRULEs, and their first occurrence.

Rules are written without DTSTART, parts in the order FREQ, INTERVAL, BYMONTH, BYMONTHDAY,
BYDAY (RFC 5545 section 3.3.10). A repeating phrase no rule here expresses ("every blue
moon", "... except holidays") is found as `Recurrence.unsupported`, never approximated:
`first_time` raises `UnsupportedRecurrence` for it, so a caller asks.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from remo_async.assistant.time import repeat_words as w
from remo_async.assistant.time.context import UnsupportedRecurrence, WhenError, to_utc
from remo_async.assistant.time.numbers import int_of
from remo_async.assistant.time.rewrite import rewrite
from remo_async.assistant.time.spans import find_time
from remo_async.assistant.time.when import parse_when
from remo_async.domain.recurrence import next_occurrence

_CODES: Final = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STEMS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS: Final = (
    *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
)
_PERIOD_CLOCK: Final = {"morning": "9am", "afternoon": "3pm", "evening": "7pm", "night": "9pm"}
_BARE_CLOCK: Final = re.compile(r"(?:at\s+)?(?P<hour>[1-9]|1[0-2])(?:[:.]\d{2})?", re.I)
_DAY: Final = timedelta(days=1)
_SPOKEN: Final = {"other": 2, "second": 2, "third": 3, "fourth": 4, "fifth": 5}


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A repeating phrase found in a text: its RRULE, where it was, the part of day it named.

    `unsupported` marks a phrase no RRULE here expresses; its `rule` is then "".
    """

    rule: str
    start: int
    end: int
    period: str | None = None
    step: timedelta | None = None  # set for rules that repeat within a day
    unsupported: bool = False

    @property
    def fixed_days(self) -> bool:
        """Whether the rule names its days (BYDAY, BYMONTHDAY), not just a frequency."""
        return ";BY" in self.rule


def rrule(
    freq: str,
    interval: int = 1,
    *,
    bymonth: int | None = None,
    bymonthday: int | None = None,
    byday: str | None = None,
) -> str:
    """RRULE text with its parts in the agreed order: FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY."""
    parts = [f"FREQ={freq}"]
    parts += [f"INTERVAL={interval}"] if interval > 1 else []
    parts += [f"BYMONTH={bymonth}"] if bymonth is not None else []
    parts += [f"BYMONTHDAY={bymonthday}"] if bymonthday is not None else []
    parts += [f"BYDAY={byday}"] if byday is not None else []
    return ";".join(parts)


def find_recurrence(text: str) -> Recurrence | None:
    """The first repeating phrase of text as an RRULE, an unsupported one, or None.

    Read after the spoken idioms and misspellings are rewritten ("every wensday", "every
    three days"); start and end are positions in text as given.
    """
    said = rewrite(text)
    found = _find(said.text)
    if found is None:
        return None
    start, end = said.origin(found.start, found.end)
    return replace(found, start=start, end=end)


def _find(text: str) -> Recurrence | None:
    m = w.UNSUPPORTED.search(text)
    if m is not None:
        return Recurrence("", m.start(), m.end(), unsupported=True)
    found = None
    for finder in _FINDERS:
        found = finder(text)
        if found is not None and w.attributive(text, found.start, found.end):
            # "the weekly newsletter": not a rule; look on in the text after it.
            later = _find(text[found.end :])
            found = later and replace(
                later, start=later.start + found.end, end=later.end + found.end
            )
        if found is not None:
            break
    rest = text if found is None else f"{text[: found.start]} {text[found.end :]}"
    if found is not None and w.EXCEPT.search(rest):
        return Recurrence("", found.start, found.end, unsupported=True)
    left = w.EVERY_TIME_WORD.search(rest)
    if left is not None:
        start, end = (left.start(), left.end()) if found is None else (found.start, found.end)
        return Recurrence("", start, end, unsupported=True)
    return found


def _at(m: re.Match[str], rule: str, step: timedelta | None = None) -> Recurrence:
    period = m.groupdict().get("period")
    return Recurrence(rule, m.start(), m.end(), period and period.lower(), step)


def _month_dates(text: str) -> Recurrence | None:
    m = w.YEARLY_DATE.search(text)
    date = None if m is None else w.DATE.search(m.group())
    if m is not None and date is not None:
        month = _MONTHS.index((date["mon"] or date["mon2"])[:3].lower()) + 1
        day = int(date["dom"] or date["dom2"])
        if 1 <= day <= monthrange(2028, month)[1]:  # a leap year: February 29 comes round
            return _at(m, rrule("YEARLY", bymonth=month, bymonthday=day))
    m = w.NTH_WEEKDAY.search(text)
    if m is not None:
        nth, day_name = (m["nth"], m["day"]) if m["nth"] else (m["nth2"], m["day2"])
        code = _CODES[_STEMS.index(day_name[:3].lower())]
        return _at(m, rrule("MONTHLY", byday=f"{w.ORDINALS[nth.lower()]}{code}"))
    m = w.LAST_DAY.search(text)
    if m is not None:
        return _at(m, rrule("MONTHLY", bymonthday=-1))
    m = w.MONTH_DAY.search(text)
    if m is not None:
        spoken = (m["dom"] or m["dom2"]).lower()
        day = 1 if spoken == "first" else int(spoken.rstrip("stndrh"))
        if 1 <= day <= 31:
            return _at(m, rrule("MONTHLY", bymonthday=day))
    return None


def _intervals(text: str) -> Recurrence | None:
    m = w.INTERVAL.search(text)
    if m is not None:
        said = " ".join(m["n"].lower().split())
        n = _SPOKEN.get(said) or (2 if "couple" in said else int_of(said))
        if n < 1:  # "every 0 days" repeats at no interval: ask, never "every day"
            return Recurrence("", m.start(), m.end(), unsupported=True)
        unit = m["unit"].lower()
        step = {"minute": timedelta(minutes=n), "hour": timedelta(hours=n)}.get(unit)
        if m["days"] and unit == "week":
            return _at(m, rrule("WEEKLY", n, byday=_day_codes(m["days"])))
        return _at(m, rrule(w.FREQS[unit], n), step=step)
    m = w.HALF_HOUR.search(text)
    if m is not None:
        return _at(m, rrule("MINUTELY", 30), step=timedelta(minutes=30))
    m = w.ONE_UNIT.search(text)
    if m is not None:
        unit = "hour" if m["hourly"] else m["unit"].lower()
        step = timedelta(hours=1) if unit == "hour" else timedelta(minutes=1)
        return _at(m, rrule(w.FREQS[unit]), step=step)
    m = w.FORTNIGHT.search(text)
    if m is not None:
        return _at(m, rrule("MONTHLY", 3) if m["quarter"] else rrule("WEEKLY", 2))
    return None


def _weekdays(text: str) -> Recurrence | None:
    for regex, days in ((w.WEEKDAYS, "MO,TU,WE,TH,FR"), (w.WEEKENDS, "SA,SU")):
        m = regex.search(text)
        if m is not None:
            return _at(m, rrule("WEEKLY", byday=days))
    m = w.NAMED.search(text) or w.PLURAL.search(text)
    if m is None:
        return None
    interval = 2 if m.re is w.NAMED and m["other"] else 1
    return _at(m, rrule("WEEKLY", interval, byday=_day_codes(m["days"])))


def _day_codes(days: str) -> str:
    """BYDAY codes, Monday first, of the weekdays named in days ("tue and fri" "TU,FR")."""
    stems = re.findall(w.DAY, days, flags=re.IGNORECASE)
    return ",".join(_CODES[c] for c in sorted({_STEMS.index(s[:3].lower()) for s in stems}))


def _plain(text: str) -> Recurrence | None:
    m = w.PERIODS.search(text)
    if m is not None:
        found = _at(m, "FREQ=DAILY")
        return found if found.period else Recurrence("FREQ=DAILY", m.start(), m.end(), "night")
    m = w.PLAIN.search(text)
    if m is None:
        return None
    word = (m["unit"] or m["adverb"] or "day").lower()
    unit = {"daily": "day", "weekly": "week", "monthly": "month"}.get(word, word)
    return _at(m, rrule(w.FREQS.get(unit, "YEARLY")))


_FINDERS: Final = (_month_dates, _intervals, _weekdays, _plain)


_JOINED: Final = re.compile(r"(?<![\w'])(?:and|or)(?![\w'])|&", re.IGNORECASE)


def first_time(rec: Recurrence, time_text: str, *, now: datetime, zone: str) -> datetime:
    """The first occurrence of rec, at the time of day time_text names ("" for the default).

    Daily and coarser rules default to 09:00 (the part of day's time when one was named);
    hourly and minutely ones start one interval from now. Raises UnsupportedRecurrence for
    a phrase no rule expresses, WhenError for a time that cannot be read.
    """
    if rec.unsupported:
        raise UnsupportedRecurrence("I can't repeat a reminder like that yet")
    if _JOINED.search(time_text) and find_time(time_text, now=now, zone=zone).times:
        # "every weekday at 9 and 5": two times of day, which one rule's DTSTART cannot hold.
        raise WhenError("that names two times of day, and one repeating reminder has one")
    if rec.step is not None:
        return parse_when(time_text, now=now, zone=zone) if time_text else now + rec.step
    clock = _clock_text(time_text, rec.period)
    tz = ZoneInfo(zone)
    # The wall time of day, read as if the user's local now were UTC: no DST change between.
    local_now = now.astimezone(tz).replace(tzinfo=UTC)
    wall = parse_when(clock, now=local_now, zone="UTC").time()
    today = now.astimezone(tz).date()
    start = to_utc(datetime.combine(today, wall), tz)
    if not rec.fixed_days:  # any day: the first time of day still ahead
        return start if start > now else to_utc(datetime.combine(today + _DAY, wall), tz)
    # The first matching day is the first occurrence; the series counts its interval from it
    # ("every other monday" said on a Wednesday starts next Monday, not the one after).
    first_day_rule = re.sub(r";INTERVAL=\d+", "", rec.rule)
    found = next_occurrence(first_day_rule, start=_anchor(today, wall, tz), zone=zone, after=now)
    if found is None:
        raise WhenError("that rule never comes round")
    return found


def _anchor(today: date, wall: time, tz: ZoneInfo) -> datetime:
    """The series' start: wall time on today, or on a day before if today skips it (DST)."""
    for back in range(3):
        start = to_utc(datetime.combine(today - back * _DAY, wall), tz)
        if start.astimezone(tz).time() == wall:
            return start
    return start


def _clock_text(time_text: str, period: str | None) -> str:
    """The time of day to read; a bare hour of a routine is read as its likelier half of day."""
    if not time_text:
        return _PERIOD_CLOCK.get(period or "", "9am")
    if period is not None:
        return f"{time_text} {period}"
    said = rewrite(time_text.strip()).text
    m = _BARE_CLOCK.fullmatch(said)
    if m is not None:
        # "every weekday at 7:30" means the morning, whatever the time is as it is said.
        hour = int(m["hour"])
        return f"{said} {'am' if 6 <= hour <= 11 else 'pm'}"
    return said
