"""Our own English rules for a day and a time of day, tried before dateparser."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Final

from remo_async.assistant.time.context import Context, WhenError, to_utc
from remo_async.assistant.time.corrections import CORRECTION
from remo_async.assistant.time.parts import Candidates, Clock, MonthDay, Parts, Weekday
from remo_async.assistant.time.periods import ORDINAL_COMPONENT, PERIOD_COMPONENTS, later

__all__ = ["Context", "WhenError", "read_phrase", "to_utc"]


_MONTHS: Final = "jan feb mar apr may jun jul aug sep oct nov dec"
_WEEKDAYS: Final = ("mo", "tu", "we", "th", "fr", "sa", "su")
# Period -> (default hour, hour the period ends); None is a plain "today".
_WINDOWS: Final[Mapping[str | None, tuple[int, int]]] = {
    None: (9, 24),
    "morning": (9, 12),
    "afternoon": (15, 18),
    "evening": (19, 24),
    "night": (21, 24),
    "tonight": (20, 24),
}

_END = r"(?=[\s,]|$)"
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DOM = r"(?P<dom>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_WEEKDAY = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday|s)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
)
_FILLER: Final = re.compile(r"(?:(?:at|on|by|for)\s+(?:the\s+)?|,\s*|\s+)*")
_AFTER_AT: Final = re.compile(r"\bat(?:\s+the)?[\s,]*$")
_CORRECTION: Final = re.compile(rf"{CORRECTION}{_END}")
_RELATIVE_DAY: Final = re.compile(
    rf"(?P<rel>(?:the\s+)?day\s+after\s+tomorrow|tomorrow|tmrw|today|tonight){_END}"
)
_NEXT_SPAN: Final = re.compile(rf"next\s+(?P<span>week|month){_END}")
_WEEKDAY_RE: Final = re.compile(
    rf"(?:(?P<which>this|next|coming|this\s+coming)\s+)?{_WEEKDAY}{_END}"
)
_MONTH_DAY: Final = re.compile(rf"{_MONTH}\s+(?:the\s+)?{_DOM}{_YEAR}{_END}")
_DAY_MONTH: Final = re.compile(
    rf"(?:the\s+)?{_DOM}\s+(?:of\s+)?{_MONTH}{_YEAR}{_END}(?!\s+\d{{1,2}}(?:st|nd|rd|th)\b)"
)
_PERIOD: Final = re.compile(
    rf"(?:(?P<this>this)\s+|in\s+the\s+)?(?P<period>morning|afternoon|evening|night){_END}"
)
_CLOCK: Final = re.compile(
    r"(?:(?:12\s+)?(?P<word>noon|midday|midnight)"
    r"|(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    rf"(?:\s*(?P<mer>[ap])m|\s*(?P<oclock>o'?clock))?){_END}"
)


def _relative_day(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    word = m["rel"]
    if word == "tonight":
        if parts.period is not None and not parts.replaces("period"):
            return False
        parts.period = "tonight"
    offset = 0 if word in ("today", "tonight") else 2 if "after" in word else 1
    return parts.set_day(today + timedelta(days=offset), today=offset == 0)


def _next_span(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    if m["span"] == "week":
        return parts.set_day(today + timedelta(days=7 - today.weekday()))
    first = today.replace(day=1)
    return parts.set_day((first + timedelta(days=32)).replace(day=1))


def _weekday(m: re.Match[str], parts: Parts, _today: date, _at: bool) -> bool:
    strict = m["which"] is not None and m["which"] != "this"
    return parts.set_day(Weekday(_WEEKDAYS.index(m["wd"][:2]), strict=strict))


def _month_day(m: re.Match[str], parts: Parts, _today: date, _at: bool) -> bool:
    year = int(m["year"]) if m["year"] else None
    return parts.set_day(MonthDay(_MONTHS.split().index(m["mon"][:3]) + 1, int(m["dom"]), year))


def _period(m: re.Match[str], parts: Parts, today: date, _at: bool) -> bool:
    if parts.period is not None and not parts.replaces("period"):
        return False
    parts.period = m["period"]
    return not m["this"] or parts.set_day(today, today=True)


def _correction(_m: re.Match[str], parts: Parts, _today: date, _at: bool) -> bool:
    """'no wait', 'sorry': what follows may replace the day, period and clock said before."""
    parts.replaceable = {"day", "period", "clock"}
    return True


def _clock(m: re.Match[str], parts: Parts, _today: date, after_at: bool) -> bool:
    after_at = after_at or "clock" in parts.replaceable  # "at 5 no wait 6"
    if parts.clock is not None and not parts.replaces("clock"):
        return False
    if m["word"]:
        hour = 0 if m["word"] == "midnight" else 12
        parts.clock = Clock(hour, 0, flexible=False, midnight=hour == 0, bare=False)
        return True
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    if minute > 59 or hour > (12 if m["mer"] else 23) or (m["mer"] and hour == 0):
        raise WhenError(f"{m.group()!r} is not a time of day")
    if m["mer"]:
        hour = hour % 12 + (12 if m["mer"] == "p" else 0)
    flexible = not m["mer"] and 1 <= hour <= 11 and not m["hour"].startswith("0")
    bare = not (m["minute"] or m["mer"] or m["oclock"] or after_at)
    parts.clock = Clock(hour, minute, flexible=flexible, midnight=False, bare=bare)
    return True


_Handler = Callable[[re.Match[str], Parts, date, bool], bool]
# Order matters: a day-month date must win over its leading number read as an hour.
_COMPONENTS: Final[tuple[tuple[re.Pattern[str], _Handler], ...]] = (
    (_CORRECTION, _correction),
    *PERIOD_COMPONENTS,
    (_RELATIVE_DAY, _relative_day),
    (_NEXT_SPAN, _next_span),
    (_WEEKDAY_RE, _weekday),
    (_MONTH_DAY, _month_day),
    (_DAY_MONTH, _month_day),
    ORDINAL_COMPONENT,
    (_PERIOD, _period),
    (_CLOCK, _clock),
)


def _scan(text: str, today: date) -> Parts | None:
    """The day, period and clock named by text, or None if any word is not ours."""
    parts, pos = Parts(), 0
    while True:
        gap = _FILLER.match(text, pos)
        filler = gap.group() if gap else ""
        pos += len(filler)
        if pos == len(text):
            break
        after_at = _AFTER_AT.search(filler) is not None
        for regex, handler in _COMPONENTS:
            m = regex.match(text, pos)
            if m is not None:
                if not handler(m, parts, today, after_at):
                    return None
                pos = m.end()
                break
        else:
            return None
    if parts.clock is not None and parts.clock.bare and parts.day is None and parts.period is None:
        return None
    return parts if parts.day or parts.period or parts.clock or parts.later else None


def _wall(day: date, parts: Parts, ctx: Context) -> datetime:
    """The local wall time the parts name on day."""
    clock = parts.clock or (parts.default if parts.period is None else None)
    if clock is None:
        return datetime.combine(day, time(_WINDOWS[parts.period][0]))
    hour = clock.hour
    if clock.flexible:
        if parts.period is not None:
            pm = parts.period != "morning"
        else:
            # 8..11 are working hours; 1..7 is pm unless no day was named and the am
            # reading is still ahead today (and exists: a spring-forward day may skip it).
            am = datetime.combine(day, time(hour, clock.minute))
            at = to_utc(am, ctx.tz)
            am_ahead = (
                parts.day is None
                and day == ctx.today
                and at > ctx.now
                and at.astimezone(ctx.tz).replace(tzinfo=None) == am
            )
            pm = hour <= 7 and not am_ahead
        hour += 12 if pm else 0
    wall = datetime.combine(day, time(hour, clock.minute))
    return wall + timedelta(days=1) if clock.midnight else wall


def _is_day_only(parts: Parts, ctx: Context) -> bool:
    return ctx.date_only and parts.clock is None and parts.period is None


def _ahead(day: date, parts: Parts, ctx: Context) -> bool:
    if _is_day_only(parts, ctx):
        return day >= ctx.today
    return to_utc(_wall(day, parts, ctx), ctx.tz) > ctx.now


def _finish(day: date, parts: Parts, ctx: Context) -> date | datetime:
    if _is_day_only(parts, ctx):
        return day
    return to_utc(_wall(day, parts, ctx), ctx.tz)


def _on_today(parts: Parts, ctx: Context) -> date | datetime:
    """Today, or for a time with no day named, tomorrow once today's has passed."""
    today = ctx.today
    if _is_day_only(parts, ctx):
        return today
    if parts.clock is None:
        start, end = _WINDOWS[parts.period]
        local = ctx.now.astimezone(ctx.tz).replace(tzinfo=None)
        wall = datetime.combine(today, time(start))
        if to_utc(wall, ctx.tz) <= ctx.now:
            # Still inside the period: soon, rather than a day late.
            next_hour = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            wall = next_hour if local.hour < end else wall + timedelta(days=1)
        return to_utc(wall, ctx.tz)
    instant = to_utc(_wall(today, parts, ctx), ctx.tz)
    if instant > ctx.now:
        return instant
    if parts.named_today:
        raise WhenError(f"{ctx.shown} is already past")
    return to_utc(_wall(today + timedelta(days=1), parts, ctx), ctx.tz)


def _pick_weekday(wd: Weekday, parts: Parts, ctx: Context) -> date:
    """Today if it is that weekday and the time is still ahead, else the first one after today."""
    today = ctx.today
    if not wd.strict and today.weekday() == wd.weekday and _ahead(today, parts, ctx):
        return today
    return today + timedelta(days=(wd.weekday - today.weekday() - 1) % 7 + 1)


def _on_weekday(day: date, parts: Parts, ctx: Context) -> date:
    """day, if it falls on the weekday said with it ("friday the 27th"); else WhenError.

    The weekday checks the date, it does not search for one: "friday the 28th" when the
    28th ahead is a Saturday is asked about, never read as a Friday 28th months away.
    """
    if parts.weekday is not None and day.weekday() != parts.weekday:
        named = calendar.day_name[parts.weekday]
        raise WhenError(
            f"{ctx.shown}: the next {day:%B} {day.day} is a {calendar.day_name[day.weekday()]},"
            f" not a {named}"
        )
    return day


def _pick_month_day(md: MonthDay, parts: Parts, ctx: Context) -> date:
    """The first such date still ahead, or the one of the year given."""
    years = [md.year] if md.year else list(range(ctx.today.year, ctx.today.year + 9))
    valid = False
    for year in years:
        try:
            day = date(year, md.month, md.day)
        except ValueError:
            continue
        valid = True
        if _ahead(day, parts, ctx):
            return _on_weekday(day, parts, ctx)
    raise WhenError(f"{ctx.shown} is {'in the past' if valid else 'not a date'}")


def _pick_candidate(candidates: Candidates, parts: Parts, ctx: Context) -> date:
    """The first candidate day still ahead, moved by its `then` days."""
    for day in candidates.days:
        if _ahead(day, parts, ctx):
            return _on_weekday(day, parts, ctx) + timedelta(days=candidates.then)
    raise WhenError(f"{ctx.shown} is in the past")


def read_phrase(text: str, ctx: Context) -> date | datetime | None:
    """A phrase of day, period and time of day; None if it is not one of ours."""
    parts = _scan(text, ctx.today)
    if parts is None:
        return None
    if parts.later:
        return later(parts, ctx)
    day = parts.day
    if isinstance(day, Candidates):
        return _finish(_pick_candidate(day, parts, ctx), parts, ctx)
    if isinstance(day, Weekday):
        return _finish(_pick_weekday(day, parts, ctx), parts, ctx)
    if isinstance(day, MonthDay):
        return _finish(_pick_month_day(day, parts, ctx), parts, ctx)
    if day is None or parts.named_today:
        return _on_today(parts, ctx)
    return _finish(day, parts, ctx)
