"""Ends and parts of periods, first thing, later, and ISO dates: the scanner's newer words.

From the agreed meanings (issue 12): "end of the day" is 17:00 today (tomorrow once past),
"end of the week" Friday 17:00 (next week's once past), "end of next week" next week's
Friday, "end of the month" the last day of this month (next month's once past), "end of
next month" the last day of next month, all at 17:00 unless a time is said. "this weekend"
is Saturday (this week's, else the next), "next weekend" the Saturday after that one.
"first thing" is 08:00; "later (today)" is resolved by `later` from now.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Final

from remo_async.assistant.time.context import Context, WhenError, to_utc
from remo_async.assistant.time.parts import Candidates, Clock, Parts

_END = r"(?=[\s,]|$)"
_END_OF: Final = re.compile(
    r"(?:the\s+)?end\s+of\s+(?:(?P<next>next)\s+|(?:the|this)\s+)?(?P<what>day|week|month)"
    rf"|(?P<eod>eod|eow|eom){_END}"
)
_WEEKEND: Final = re.compile(rf"(?:(?P<which>this\s+coming|this|next|coming|the)\s+)?weekend{_END}")
_FIRST_THING: Final = re.compile(rf"first\s+thing(?:\s+in\s+the\s+morning)?{_END}")
_LATER: Final = re.compile(rf"later(?:\s+(?:today|on))?{_END}")
_DAYS_AHEAD: Final = re.compile(rf"in\s+(?P<n>\d{{1,4}})\s+(?P<unit>days?|weeks?){_END}")
_MONTH_WORD = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_ORDINAL: Final = re.compile(
    rf"(?:the\s+)?(?P<dom>\d{{1,2}})(?:st|nd|rd|th){_END}(?!\s+(?:of\s+)?(?:{_MONTH_WORD}))"
)
_ISO_DATE: Final = re.compile(rf"(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_END}")
PERIOD_END_HOUR: Final = 17
FIRST_THING_HOUR: Final = 8
LATER_BY: Final = timedelta(hours=3)
LATEST_LATER: Final = 23  # "later" past 23:00 local is asked about


def _fixed(hour: int) -> Clock:
    return Clock(hour, 0, flexible=False, midnight=False, bare=False)


def _last_day(day: date, months_ahead: int) -> date:
    year, month = divmod(day.month - 1 + months_ahead, 12)
    year, month = day.year + year, month + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _end_of(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    what = {"eod": "day", "eow": "week", "eom": "month"}.get(m["eod"] or "", m["what"])
    friday = today - timedelta(days=today.weekday()) + timedelta(days=4)
    if what == "day":
        days: tuple[date, ...] = (today, today + timedelta(days=1))
    elif what == "week":
        days = (friday + timedelta(days=7),) if m["next"] else (friday, friday + timedelta(7))
    else:
        days = (_last_day(today, 1),) if m["next"] else (_last_day(today, 0), _last_day(today, 1))
    if m["next"] and what == "day":
        return False  # "end of next day" is not said
    parts.default = _fixed(PERIOD_END_HOUR)
    return parts.set_day(Candidates(days))


def _weekend(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    saturday = today - timedelta(days=today.weekday()) + timedelta(days=5)
    then = 7 if m["which"] == "next" else 0
    return parts.set_day(Candidates((saturday, saturday + timedelta(days=7)), then=then))


def _first_thing(_m: re.Match[str], parts: Parts, _today: date, _at: bool) -> bool:
    if parts.clock is not None:
        return False
    parts.clock = _fixed(FIRST_THING_HOUR)
    return True


def _later(_m: re.Match[str], parts: Parts, _today: date, _at: bool) -> bool:
    if parts.later:
        return False
    parts.later = True
    return True


def _iso_date(m: re.Match[str], parts: Parts, _today: date, _at: bool) -> bool:
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise WhenError(f"{m.group()!r} is not a date") from None
    return parts.set_day(Candidates((day,)))


def _days_ahead(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    """'in 3 days' before a time of day ("in 3 days at 5pm"); alone it is a duration."""
    n = int(m["n"]) * (7 if m["unit"].startswith("week") else 1)
    return n > 0 and parts.set_day(today + timedelta(days=n))


def _ordinal(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    """'the 28th': this month's, or the first month ahead that has one."""
    dom, days = int(m["dom"]), []
    for ahead in range(13):
        year, month = divmod(today.month - 1 + ahead, 12)
        if dom <= calendar.monthrange(today.year + year, month + 1)[1]:
            days.append(date(today.year + year, month + 1, dom))
    return bool(days) and parts.set_day(Candidates(tuple(days)))


Handler = Callable[[re.Match[str], Parts, date, bool], bool]
ORDINAL_COMPONENT: Final[tuple[re.Pattern[str], Handler]] = (_ORDINAL, _ordinal)
PERIOD_COMPONENTS: Final[tuple[tuple[re.Pattern[str], Handler], ...]] = (
    (_ISO_DATE, _iso_date),
    (_DAYS_AHEAD, _days_ahead),
    (_END_OF, _end_of),
    (_WEEKEND, _weekend),
    (_FIRST_THING, _first_thing),
    (_LATER, _later),
)


def later(parts: Parts, ctx: Context) -> datetime | None:
    """'later (today)': now + 3 h rounded up to the next full hour, if that is by 23:00 local.

    None when the phrase names anything besides (not one of ours); WhenError past 23:00.
    """
    if parts.clock or parts.period or (parts.day is not None and not parts.named_today):
        return None
    local = (ctx.now + LATER_BY).astimezone(ctx.tz).replace(tzinfo=None)
    top = local.replace(minute=0, second=0, microsecond=0)
    if top != local:
        top += timedelta(hours=1)
    if top.date() != ctx.today or top.hour > LATEST_LATER:
        raise WhenError(f"{ctx.shown} would be past {LATEST_LATER}:00: when exactly?")
    return to_utc(top, ctx.tz)
