"""The phrase generator's recurrences: each form knows its RRULE (RFC 5545 section 3.3.10,
parts in the agreed order FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY) and its first occurrence.

From the chat conventions agreed in issue 12: a time of day in the phrase is each
occurrence's; daily and coarser default to 09:00 ("every evening" 19:00); hourly starts one
interval from now. The first occurrence is the first day that fits, at that time, still
ahead.
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
    Clock,
    Now,
    at_text,
    clock,
    number_word,
    ordinal,
)

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
Fits = Callable[[date], bool]


@dataclass(frozen=True)
class Recurring:
    text: str
    rule: str
    at: datetime
    """The first occurrence (UTC)."""


@dataclass(frozen=True)
class _Shape:
    words: str
    rule: str
    fits: Fits
    default_hour: int = 9
    takes_time: bool = True


def _any(day: date) -> bool:
    return True


def _on_days(days: set[int]) -> Fits:
    return lambda day: day.weekday() in days


def _nth(n: int, weekday: int) -> Fits:
    def fits(day: date) -> bool:
        if day.weekday() != weekday:
            return False
        if n > 0:
            return (day.day - 1) // 7 + 1 == n
        return day.day + 7 > calendar.monthrange(day.year, day.month)[1]

    return fits


def _month_day(dom: int) -> Fits:
    if dom == -1:
        return lambda day: day.day == calendar.monthrange(day.year, day.month)[1]
    return lambda day: day.day == dom


def _plain(rng: random.Random) -> _Shape:
    freq, words = rng.choice(
        [
            ("DAILY", ["daily", "every day"]),
            ("WEEKLY", ["weekly", "every week"]),
            ("MONTHLY", ["monthly", "every month"]),
            ("YEARLY", ["yearly", "annually", "every year"]),
        ]
    )
    return _Shape(rng.choice(words), f"FREQ={freq}", _any)


def _interval(rng: random.Random) -> _Shape:
    n = rng.choice([2, 3, 4, 5, 6, 8, 9, 10])  # "every 7 days" is also every week
    said = rng.choice([str(n), number_word(n, rng)])
    return rng.choice(
        [
            _Shape(f"every {said} days", f"FREQ=DAILY;INTERVAL={n}", _any),
            _Shape("every other day", "FREQ=DAILY;INTERVAL=2", _any),
            _Shape("every other week", "FREQ=WEEKLY;INTERVAL=2", _any),
            _Shape(f"every {said} weeks", f"FREQ=WEEKLY;INTERVAL={n}", _any),
        ]
    )


def _weekly(rng: random.Random) -> _Shape:
    kind = rng.randrange(5)
    if kind == 0:
        return _Shape(
            "every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", _on_days({0, 1, 2, 3, 4})
        )
    if kind == 1:
        return _Shape("every weekend", "FREQ=WEEKLY;BYDAY=SA,SU", _on_days({5, 6}))
    days = sorted(rng.sample(range(7), rng.choice([1, 1, 2])))
    names = " and ".join(WEEKDAYS[d] for d in days)
    codes = ",".join(DAY_CODES[d] for d in days)
    if kind == 2 and len(days) == 1:
        return _Shape(
            f"every other {names}", f"FREQ=WEEKLY;INTERVAL=2;BYDAY={codes}", _on_days(set(days))
        )
    plural = rng.random() < 0.2 and len(days) == 1
    words = f"on {names}s" if plural else f"every {names}"
    return _Shape(words, f"FREQ=WEEKLY;BYDAY={codes}", _on_days(set(days)))


def _monthly(rng: random.Random) -> _Shape:
    each = rng.choice(["every month", "each month"])
    kind = rng.randrange(3)
    if kind == 0:
        n, weekday = rng.choice([1, 2, 3, 4, -1]), rng.randrange(7)
        code = f"{n}{DAY_CODES[weekday]}"
        words = f"on the {NTH[n]} {WEEKDAYS[weekday]} of {each}"
        return _Shape(words, f"FREQ=MONTHLY;BYDAY={code}", _nth(n, weekday))
    if kind == 1:
        return _Shape(f"on the last day of {each}", "FREQ=MONTHLY;BYMONTHDAY=-1", _month_day(-1))
    dom = rng.randrange(1, 29)
    words = f"on the {ordinal(dom)} of {each}"
    return _Shape(words, f"FREQ=MONTHLY;BYMONTHDAY={dom}", _month_day(dom))


def _yearly(rng: random.Random) -> _Shape:
    month, dom = rng.randrange(1, 13), rng.randrange(1, 29)
    name = MONTHS[month - 1]
    words = rng.choice([f"every year on {name} {ordinal(dom)}", f"every {name} {ordinal(dom)}"])
    fits = lambda day: (day.month, day.day) == (month, dom)  # noqa: E731
    return _Shape(words, f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={dom}", fits)


def _hourly(rng: random.Random, now: Now) -> Recurring:
    n = rng.choice([1, 1, 2, 3, 4, 6])
    if n == 1:
        return Recurring(
            rng.choice(["hourly", "every hour"]), "FREQ=HOURLY", now.at + timedelta(hours=1)
        )
    said = rng.choice([str(n), number_word(n, rng)])
    return Recurring(
        f"every {said} hours", f"FREQ=HOURLY;INTERVAL={n}", now.at + timedelta(hours=n)
    )


def _parts_of_day(rng: random.Random) -> _Shape:
    if rng.random() < 0.5:
        return _Shape("every morning", "FREQ=DAILY", _any, takes_time=False)
    return _Shape("every evening", "FREQ=DAILY", _any, default_hour=19, takes_time=False)


def recurring(rng: random.Random, now: Now) -> Recurring | None:
    """A recurrence phrase with its rule and first occurrence; None when it falls on a
    DST gap or too close to now."""
    if rng.random() < 0.1:
        return _hourly(rng, now)
    maker = rng.choice([_plain, _interval, _weekly, _weekly, _monthly, _yearly, _parts_of_day])
    shape = maker(rng)
    made: Clock | None = (
        clock(rng, recurring=True) if shape.takes_time and rng.random() < 0.75 else None
    )
    hour, minute = (
        (shape.default_hour, 0) if made is None else (made.hour24(now, True), made.minute)
    )
    first = now.first_day(hour, minute, shape.fits)
    if first is None:
        return None
    if made is None:
        return Recurring(shape.words, shape.rule, first)
    t = at_text(made, rng)
    text = rng.choice([f"{shape.words} {t}", f"{t} {shape.words}"])
    return Recurring(text, shape.rule, first)


def cannot_express(rng: random.Random) -> str:
    """Recurrences no RRULE here expresses: asked about, never approximated."""
    return rng.choice(
        [
            "every other tuesday and thursday except holidays",
            "every blue moon",
            "every time it rains",
            "whenever I get home",
            "every now and then",
        ]
    )
