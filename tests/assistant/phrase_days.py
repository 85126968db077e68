"""The phrase generator's "when" parts for one-off reminders: each knows its UTC instant.

Meanings from the chat conventions agreed in issue 12: a time with no day is today if still
ahead, else tomorrow; a weekday is the next one (today if the time is still ahead); "next
<weekday>" the first one after today; a day with no time 09:00; periods morning 09:00,
afternoon 15:00, evening 19:00, tonight 20:00; period ends at 17:00; relative amounts exact.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tests.assistant.phrase_when import (
    MONTHS,
    WEEKDAYS,
    Now,
    at_text,
    clock,
    number_word,
    ordinal,
)

Pick = Callable[[Now, int, int], date | None]


@dataclass(frozen=True)
class When:
    text: str
    at: datetime
    kind: str


@dataclass(frozen=True)
class Day:
    text: str
    pick: Pick
    on_ok: bool = False
    """Whether "on <text>" reads naturally (weekdays, dates)."""


def _weekday(target: int) -> Pick:
    def pick(now: Now, hour: int, minute: int) -> date:
        day = now.today + timedelta(days=(target - now.today.weekday()) % 7)
        if day == now.today and not now.ahead(now.instant(day, hour, minute)):
            day += timedelta(days=7)
        return day

    return pick


def _next_weekday(target: int) -> Pick:
    def pick(now: Now, hour: int, minute: int) -> date:
        return now.today + timedelta(days=(target - now.today.weekday() - 1) % 7 + 1)

    return pick


def _fixed(day: date) -> Pick:
    return lambda now, hour, minute: day


def _date_text(day: date, rng: random.Random, *, year: bool) -> tuple[str, bool]:
    month = MONTHS[day.month - 1]
    month = rng.choice([month, month.capitalize()])
    if year:
        return rng.choice(
            [
                (day.isoformat(), True),
                (f"{day.day} {month} {day.year}", True),
                (f"{month} {ordinal(day.day)}, {day.year}", True),
            ]
        )
    return rng.choice(
        [(f"{month} {ordinal(day.day)}", True), (f"the {ordinal(day.day)} of {month}", True)]
    )


def day_form(rng: random.Random, now: Now, *, with_time: bool) -> Day | None:
    """A named day (never "today" without a time: 09:00 may be past)."""
    kind = rng.randrange(7)
    if kind == 0:
        return Day("today", _fixed(now.today)) if with_time else None
    if kind == 1:
        return Day("tomorrow", _fixed(now.today + timedelta(days=1)))
    if kind == 2:
        return Day("the day after tomorrow", _fixed(now.today + timedelta(days=2)))
    target = rng.randrange(7)
    name = rng.choice([WEEKDAYS[target], WEEKDAYS[target].capitalize()])
    if kind == 3:
        return Day(name, _weekday(target), on_ok=True)
    if kind == 4:
        return Day(f"next {name}", _next_weekday(target))
    if kind == 5:  # a date with a year
        day = now.today + timedelta(days=rng.randrange(2, 900))
        text, on_ok = _date_text(day, rng, year=True)
        return Day(text, _fixed(day), on_ok=on_ok)
    month, dom = rng.randrange(1, 13), rng.randrange(1, 29)  # no year: the next one ahead
    day = date(now.today.year, month, dom)
    if abs((day - now.today).days) <= 1:
        return None
    if day < now.today:
        day = date(day.year + 1, month, dom)
    text, on_ok = _date_text(day, rng, year=False)
    return Day(text, _fixed(day), on_ok=on_ok)


def time_only(rng: random.Random, now: Now) -> When | None:
    made = clock(rng)
    if made.midnight:
        at = now.instant(now.today + timedelta(days=1), 0, 0)
    else:
        at = now.next_ahead(made.hour24(now, named_day=False), made.minute)
    return None if at is None else When(at_text(made, rng), at, "time")


def day_and_time(rng: random.Random, now: Now) -> When | None:
    named = day_form(rng, now, with_time=True)
    made = clock(rng)
    if named is None or made.midnight:
        return None
    hour = made.hour24(now, named_day=True)
    day = named.pick(now, hour, made.minute)
    at = None if day is None else now.instant(day, hour, made.minute)
    if at is None or not now.ahead(at):
        return None
    t = at_text(made, rng)
    d = f"on {named.text}" if named.on_ok and rng.random() < 0.6 else named.text
    text = rng.choice([f"{d} at {made.text}" if t.startswith("at") else f"{d} {t}", f"{t} {d}"])
    return When(text, at, "day+time")


def day_only(rng: random.Random, now: Now) -> When | None:
    named = day_form(rng, now, with_time=False)
    if named is None:
        return None
    day = named.pick(now, 9, 0)
    at = None if day is None else now.instant(day, 9, 0)
    if at is None or not now.ahead(at):
        return None
    text = f"on {named.text}" if named.on_ok and rng.random() < 0.7 else named.text
    return When(text, at, "day")


def _amount(rng: random.Random) -> tuple[str, timedelta]:
    kind = rng.randrange(10)
    if kind <= 3:
        n = rng.randrange(1, 61)
        unit = rng.choice(["minute", "minute", "min", "hour"])
        said = str(n) if rng.random() < 0.6 else number_word(n, rng)
        if n == 1 and unit != "min":
            said = rng.choice([said, "a" if unit == "minute" else "an"])
        plural = "s" if n > 1 and unit != "min" else ""
        delta = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
        if unit == "hour" and n > 12:
            return _amount(rng)
        return f"{said} {unit}{plural}", delta
    return rng.choice(
        [
            ("a couple of hours", timedelta(hours=2)),
            ("a couple of minutes", timedelta(minutes=2)),
            ("a few minutes", timedelta(minutes=3)),
            ("a few hours", timedelta(hours=3)),
            ("an hour and a half", timedelta(minutes=90)),
            ("half an hour", timedelta(minutes=30)),
            ("a quarter of an hour", timedelta(minutes=15)),
            ("an hour", timedelta(hours=1)),
        ]
    )


def relative(rng: random.Random, now: Now) -> When | None:
    """ "in N minutes/hours" exactly; "in N days"/"in a fortnight" only with a time of day
    ("in 3 days" alone: now + 72 h or 09:00? not agreed)."""
    if rng.random() < 0.8:
        text, delta = _amount(rng)
        soon = now.at + delta
        return When(f"in {text}", soon, "relative") if now.ahead(soon) else None
    n = rng.randrange(1, 15)
    said = rng.choice([str(n), number_word(n, rng)])
    text = "in a fortnight" if n == 14 and rng.random() < 0.7 else f"in {said} days"
    if n == 1:
        text = "in a day" if rng.random() < 0.5 else "in 1 day"
    made = clock(rng)
    if made.midnight:
        return None
    hour = made.hour24(now, named_day=True)
    at = now.instant(now.today + timedelta(days=n), hour, made.minute)
    if at is None or not now.ahead(at):
        return None
    return When(f"{text} {at_text(made, rng)}", at, "relative")


PERIODS = {"morning": 9, "afternoon": 15, "evening": 19}


def _period_day(rng: random.Random, now: Now) -> When | None:
    part = rng.choice(list(PERIODS))
    hour = PERIODS[part]
    day: date | None
    if rng.random() < 0.5:
        day, text = now.today + timedelta(days=1), f"tomorrow {part}"
    else:
        target = rng.randrange(7)
        day = _weekday(target)(now, hour, 0)
        text = f"{rng.choice(['', 'on '])}{WEEKDAYS[target]} {part}"
    at = None if day is None else now.instant(day, hour, 0)
    return When(text, at, "period") if at is not None and now.ahead(at) else None


def _period_today(rng: random.Random, now: Now) -> When | None:
    local = now.local
    if rng.random() < 0.25 and 19 <= local.hour <= 21 and local.minute >= 10:
        at = now.instant(now.today, local.hour + 1, 0)  # inside the evening: next full hour
        return When("this evening", at, "period") if at is not None else None
    part, hour = rng.choice([*PERIODS.items(), ("tonight", 20)])
    at = now.instant(now.today, hour, 0)
    if at is None or at - now.at < timedelta(minutes=70):
        return None
    text = "tonight" if part == "tonight" else f"this {part}"
    return When(text, at, "period")


def _first_thing(rng: random.Random, now: Now) -> When | None:
    if rng.random() < 0.6:
        at = now.instant(now.today + timedelta(days=1), 8, 0)
        text = "first thing tomorrow"
    else:
        at, text = now.next_ahead(8, 0), "first thing"
    return When(text, at, "period") if at is not None and now.ahead(at) else None


def _later_today(rng: random.Random, now: Now) -> When | None:
    local = now.local
    if local.minute == 0:
        return None  # "rounded up to the next full hour" from a full hour: not agreed
    later = (now.at + timedelta(hours=3)).astimezone(now.tz)  # absolute, then local
    ends = later.replace(minute=0, second=0) + timedelta(hours=1)
    if ends.date() != local.date() or ends.hour > 22:
        return None
    at = now.instant(local.date(), ends.hour, 0)
    return When("later today", at, "period") if at else None


def _friday_of(day: date, weeks: int) -> date:
    return day - timedelta(days=day.weekday()) + timedelta(days=4 + 7 * weeks)


def _last_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period_end(rng: random.Random, now: Now) -> When | None:
    today, prefix = now.today, rng.choice(["at the end of", "by the end of", "by end of"])
    kind = rng.randrange(7)
    if kind == 0:
        at = now.next_ahead(17, 0)
        return When(f"{prefix} the day", at, "period-end") if at else None
    if kind in (1, 2):
        day = _friday_of(today, 0)
        at = now.instant(day, 17, 0)
        if at is None or not now.ahead(at):
            at = now.instant(_friday_of(today, 1), 17, 0)
        return When(f"{prefix} the week", at, "period-end") if at else None
    if kind == 3:
        at = now.instant(_friday_of(today, 1), 17, 0)
        return When(f"{prefix} next week", at, "period-end") if at else None
    if kind == 4:
        at = now.instant(_last_of(today.year, today.month), 17, 0)
        ok = at is not None and now.ahead(at)
        return When(f"{prefix} the month", at, "period-end") if ok and at else None
    if kind == 5:
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        at = now.instant(_last_of(year, month), 17, 0)
        return When(f"{prefix} next month", at, "period-end") if at else None
    return _weekend(rng, now)


def _weekend(rng: random.Random, now: Now) -> When | None:
    today = now.today
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    at = now.instant(saturday, 9, 0)
    if at is None or not now.ahead(at):
        saturday += timedelta(days=7)
    if rng.random() < 0.5 or today.weekday() >= 5:  # "next weekend" from Sat/Sun: not agreed
        at = now.instant(saturday, 9, 0)
        return When("this weekend", at, "period-end") if at else None
    at = now.instant(saturday + timedelta(days=7), 9, 0)
    return When("next weekend", at, "period-end") if at else None


def period(rng: random.Random, now: Now) -> When | None:
    pick = rng.choice([_period_day, _period_day, _period_today, _first_thing, _later_today])
    return pick(rng, now) if rng.random() < 0.6 else _period_end(rng, now)


def one_off(rng: random.Random, now: Now) -> When | None:
    """Any one-off "when", weighted towards the commonest forms."""
    maker = rng.choices(
        [time_only, day_and_time, day_only, relative, period], weights=[3, 5, 2, 3, 3]
    )[0]
    return maker(rng, now)
