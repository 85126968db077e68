"""Reading user time input: ISO 8601 first, then our English rules, then dateparser."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta

from remo_async.assistant.time.corrections import corrected
from remo_async.assistant.time.rewrite import rewrite
from remo_async.assistant.time.rules import Context, WhenError, read_phrase, to_utc

__all__ = ["WhenError", "parse_due", "parse_when"]

_MAX_LENGTH: Final = 200
_DAY_DEFAULT: Final = time(9)
# dateparser drops sub-second precision, so "now" can come back a hair in the past.
_GRACE: Final = timedelta(seconds=1)

_ISO: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}(?P<clock>[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
    r"(?:z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_WORDS: Final[Mapping[str, float]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUMBER = r"-?\d+(?:\.\d+)?"
_NUMBER_WORD = (
    r"half\s+an?|a\s+half|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)
_UNIT = r"minutes?|mins?|months?|mos?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|years?|yrs?|y"
# A word amount needs a space before its unit, so "and" never reads as "an d(ay)".
_PART = (
    rf"(?P<amount>(?<![\d.]){_NUMBER}|(?<![a-z])(?:{_NUMBER_WORD})(?=\s))"
    rf"\s*(?P<unit>{_UNIT})(?![a-z])"
)
_PART_RE: Final = re.compile(_PART)
_PLAIN = _PART.replace("?P<amount>", "?:").replace("?P<unit>", "?:")
_DURATION: Final = re.compile(
    rf"(?:in\s+)?(?P<body>{_PLAIN}(?:(?:\s*,\s*|\s+and\s+|\s*){_PLAIN})*)"
    r"(?P<half>\s+and\s+a\s+half)?(?:\s+from\s+now|\s+later)?"
)
_UNIT_NAMES: Final[Mapping[str, str]] = {
    "m": "minutes", "mo": "months", "h": "hours", "d": "days", "w": "weeks", "y": "years",
}  # fmt: skip
# Calendar units keep the time of day across DST changes; hours and minutes pass on the clock.
_CALENDAR: Final[Mapping[str, tuple[str, int]]] = {
    "days": ("days", 1), "weeks": ("days", 7), "months": ("months", 1), "years": ("months", 12),
}  # fmt: skip
_LONE_NUMBER: Final = re.compile(r"(?:(?:in|at|on|by|for)\s+)?\d+")
_A_M: Final = re.compile(r"\b([ap])\.\s?m\b\.?")
_SPACE: Final = re.compile(r"\s+")


def parse_when(text: str, *, now: datetime, zone: str) -> datetime:
    """A point in time from user input; returns an aware datetime in UTC.

    ISO 8601 with an offset is that instant, even if past. A time without offset is read in
    `zone`: of two readings (autumn fall-back) the first is taken, and a time inside a
    spring-forward gap moves forward by the gap (02:30 on the US spring-forward day in
    America/New_York is 03:30 EDT). English is read relative to `now` and never lands in
    the past. "in 2 hours" passes on the clock; "in 3 days" keeps the time of day. A day
    with no time is 09:00 local. A weekday, bare or with "this"/"next", is the first such
    day after today, or today if it is that weekday and the time is still ahead ("next"
    never means today). A bare hour 8..11 is am; 1..7 is pm unless its am reading is still
    ahead today; "morning" makes it am, "afternoon"/"evening"/"night"/"tonight" pm.
    "tonight" is 20:00 and "this evening" 19:00; once passed, the next full hour until the
    period ends, then the next day. "midnight" ends the day it names.
    """
    found = _read(text, now=now, zone=zone, date_only=False)
    if isinstance(found, datetime):
        return found
    return to_utc(datetime.combine(found, _DAY_DEFAULT), ZoneInfo(zone))


def parse_due(text: str, *, now: datetime, zone: str) -> date | datetime:
    """A due date: a bare day stays a date; with a time of day it is an aware UTC datetime.

    Read as parse_when reads, except that a bare day counts as ahead until it ends: "friday"
    on a Friday is today, and "in 3 days" is a date.
    """
    return _read(text, now=now, zone=zone, date_only=True)


def _read(text: str, *, now: datetime, zone: str, date_only: bool) -> date | datetime:
    """The first reading that fits: ISO 8601, a duration, a phrase, then dateparser's."""
    if now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise WhenError(f"unknown time zone {zone!r}") from None
    clean = _normalize(text)
    if not clean:
        raise WhenError("a date or time is required")
    if len(clean) > _MAX_LENGTH:
        raise WhenError("that is too long to be a date or time")
    clean = _durations_corrected(rewrite(clean).text)
    plain = " ".join(text.split())
    shown = repr(plain if len(plain) <= 40 else plain[:37] + "...")
    iso = _read_iso(clean, tz, shown)
    if iso is not None:
        return iso
    ctx = Context(shown=shown, now=now.astimezone(UTC), tz=tz, date_only=date_only)
    found = _read_duration(clean, ctx)
    if found is None:
        found = read_phrase(clean, ctx)
    if found is None and not _LONE_NUMBER.fullmatch(clean):  # dateparser reads "in 5" as May
        found = _fallback(clean, ctx)
    if found is None:
        what = "a date" if date_only else "a time"
        raise WhenError(f"could not understand {ctx.shown} as {what}")
    return found


def _durations_corrected(text: str) -> str:
    """A duration taken back, or put in, is replaced whole: "in 10 min, no, 20 min" is
    "20 min"; the scanner replaces days and clocks piece by piece (corrections.py)."""
    fixed = corrected(text)
    if fixed is None or not any(_DURATION.fullmatch(part.strip()) for part in fixed):
        return text
    return fixed[1].strip()


def _normalize(text: str) -> str:
    clean = _SPACE.sub(" ", text.strip().lower().replace("’", "'"))
    return _A_M.sub(r"\1m", clean).rstrip(".!?").strip()


def _read_iso(text: str, tz: ZoneInfo, shown: str) -> date | datetime | None:
    """An ISO 8601 date or date-time, returned as is even if past; None if not ISO."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    try:
        if m["clock"] is None:
            return date.fromisoformat(text)
        found = datetime.fromisoformat(text.upper().replace(",", "."))
        if found.utcoffset() is None:
            return to_utc(found, tz)
        return found.astimezone(UTC)
    except (ValueError, OverflowError):
        raise WhenError(f"{shown} is not a valid date or time") from None


def _read_duration(text: str, ctx: Context) -> date | datetime | None:
    """'in 2 hours', 'in 3 days': hours pass on the clock, days keep the time of day."""
    m = _DURATION.fullmatch(text)
    if m is None:
        return None
    parts = [(p["amount"], p["unit"]) for p in _PART_RE.finditer(m["body"])]
    if m["half"]:
        parts.append(("0.5", parts[-1][1]))
    totals, elapsed = {"days": 0, "months": 0}, timedelta()
    try:
        for amount, unit in parts:
            value = _amount(amount)
            if value <= 0:
                raise WhenError(f"{ctx.shown} is not in the future")
            name = _UNIT_NAMES["mo" if unit.startswith("mo") else unit[0]]
            if name in _CALENDAR and value.is_integer():
                total, factor = _CALENDAR[name]
                totals[total] += int(value) * factor
            elif name in ("months", "years"):
                return None  # "in 1.5 months" has no place on a calendar; dateparser may try
            else:
                elapsed += timedelta(**{name: value})
        calendar = relativedelta(months=totals["months"], days=totals["days"])
        return _after(calendar, elapsed, ctx)
    except OverflowError:
        raise WhenError(f"{ctx.shown} is too far ahead") from None


def _after(calendar: relativedelta, elapsed: timedelta, ctx: Context) -> date | datetime:
    try:
        if ctx.date_only and not elapsed:
            day: date = ctx.today + calendar
            return day
        if not calendar:
            return ctx.now + elapsed
        wall = ctx.now.astimezone(ctx.tz).replace(tzinfo=None) + calendar
        return to_utc(wall, ctx.tz) + elapsed
    except ValueError:  # a year past 9999
        raise OverflowError from None


def _amount(word: str) -> float:
    if "half" in word:
        return 0.5
    return float(_WORDS[word]) if word in _WORDS else float(word)


def _fallback(text: str, ctx: Context) -> date | datetime | None:
    """dateparser's reading, for what our own rules do not cover; never in the past."""
    read = _dateparser(text, ctx)
    if read is None:
        return None
    instant, names_time = read
    if names_time:
        if instant < ctx.now - _GRACE:
            raise WhenError(f"{ctx.shown} is in the past")
        return instant
    day = instant.astimezone(ctx.tz).date()
    if ctx.date_only:
        if day < ctx.today:
            raise WhenError(f"{ctx.shown} is in the past")
        return day
    instant = to_utc(datetime.combine(day, _DAY_DEFAULT), ctx.tz)
    if instant <= ctx.now:
        raise WhenError(f"{ctx.shown} is in the past")
    return instant


def _dateparser(text: str, ctx: Context) -> tuple[datetime, bool] | None:
    """dateparser's instant in UTC, and whether the text named a time of day."""
    # Imported here: its first use costs about a second, and most input never needs it.
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": ctx.now.astimezone(ctx.tz).replace(tzinfo=None),
        "TIMEZONE": ctx.tz.key,
        "RETURN_AS_TIMEZONE_AWARE": True,
        # Makes the period "time" when the text names a time of day, which parse_due needs.
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (ValueError, OverflowError, KeyError):  # KeyError: a zone pytz lacks (posix/...)
        return None
    found = data.date_obj
    if not isinstance(found, datetime) or found.utcoffset() is None:
        return None
    if getattr(found.tzinfo, "zone", None) == ctx.tz.key:
        # dateparser attaches the user's zone with the offset of `now`'s season even across
        # a DST change (10:00 the day after spring-forward comes back as EST), so only its
        # wall time is right; an offset named in the text comes back as another tzinfo.
        found = to_utc(found.replace(tzinfo=None), ctx.tz)
    return found.astimezone(UTC), data.period in ("time", "part_of_day")
