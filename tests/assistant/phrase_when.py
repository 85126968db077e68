"""The phrase generator's time parts: each form knows the instant it means.

Written from the chat conventions agreed in issue 12 alone (not from the parser): our own small date
arithmetic on zoneinfo. A form that would land on a local time that does not exist or
exists twice (a DST change), or within two minutes of now, is dropped rather than guessed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

MARGIN = timedelta(minutes=2)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
)
_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty"}


def number_word(n: int, rng: random.Random) -> str:
    """1..60 in words ("twenty-five" or "twenty five")."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    if ones == 0:
        return _TENS[n]
    return f"{_TENS[tens * 10]}{rng.choice(['-', ' '])}{_ONES[ones]}"


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class Now:
    """The user's zone and the frozen instant (UTC)."""

    zone: str
    at: datetime

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @cached_property
    def local(self) -> datetime:
        return self.at.astimezone(self.tz)

    @property
    def today(self) -> date:
        return self.local.date()

    def instant(self, day: date, hour: int, minute: int = 0) -> datetime | None:
        """The UTC instant of a local wall time; None in a DST gap or overlap."""
        wall = datetime.combine(day, time(hour, minute))
        local = wall.replace(tzinfo=self.tz)
        if local.astimezone(UTC).astimezone(self.tz).replace(tzinfo=None) != wall:
            return None  # skipped by a spring-forward change
        if local.utcoffset() != local.replace(fold=1).utcoffset():
            return None  # exists twice: a fall-back change
        return local.astimezone(UTC)

    def ahead(self, instant: datetime | None) -> bool:
        return instant is not None and instant > self.at + MARGIN

    def next_ahead(self, hour: int, minute: int) -> datetime | None:
        """Today at hour:minute if still ahead, else tomorrow."""
        today = self.instant(self.today, hour, minute)
        if today is not None and self.ahead(today):
            return today
        if today is not None and today > self.at - MARGIN:
            return None  # too close to now to call
        return self.instant(self.today + timedelta(days=1), hour, minute)

    def first_day(self, hour: int, minute: int, fits: Callable[[date], bool]) -> datetime | None:
        """The first day from today that fits, at hour:minute, still ahead."""
        for step in range(0, 800):
            day = self.today + timedelta(days=step)
            if fits(day):
                at = self.instant(day, hour, minute)
                if at is None:
                    return None
                if self.ahead(at):
                    return at
                if at > self.at - MARGIN:
                    return None
        return None


@dataclass(frozen=True)
class Clock:
    """A time of day as said: `hour` 0..23 when explicit, 1..12 when bare (the bare-hour rule)."""

    text: str
    hour: int
    minute: int
    bare: bool = False
    needs_at: bool = False
    midnight: bool = False

    def hour24(self, now: Now, named_day: bool) -> int:
        """The bare-hour rule: 8..11 am, 12 noon, 1..7 pm unless the am reading is still
        ahead today and no day was named."""
        if not self.bare or self.hour == 12:
            return self.hour
        if 8 <= self.hour <= 11:
            return self.hour
        if not named_day and now.ahead(now.instant(now.today, self.hour, self.minute)):
            return self.hour
        return self.hour + 12


def _explicit(rng: random.Random) -> Clock:
    hour = rng.randrange(24)
    minute = rng.choice([0, 0, 0, 15, 30, 45, rng.randrange(60)])
    h12 = hour % 12 or 12
    half = "am" if hour < 12 else "pm"
    space = rng.choice(["", " "])
    half_text = rng.choice([half, half, half.upper()])
    forms = [f"{h12}:{minute:02d}{space}{half_text}", f"{hour:02d}:{minute:02d}"]
    if hour == 0:  # "12am" with a day is read two ways by people: only 00:MM
        return Clock(f"00:{minute:02d}", 0, minute)
    if minute == 0:
        forms.append(f"{h12}{space}{half_text}")
    if minute and rng.random() < 0.3:
        forms = [f"{h12}.{minute:02d}{half}"]  # "9.45pm"
    if 1 <= h12 <= 11 and minute == 0 and rng.random() < 0.15:
        part = "in the morning" if hour < 12 else "in the evening"
        if 17 <= hour <= 23 or hour < 12:
            return Clock(f"{h12} {part}", hour, 0, needs_at=True)
    return Clock(rng.choice(forms), hour, minute)


def _bare(rng: random.Random) -> Clock:
    kind = rng.randrange(6)
    if kind == 0:  # at 7 / at seven / at 7:30
        hour = rng.randrange(1, 13)
        minute = rng.choice([0, 0, 30, 15, 45])
        if minute:
            return Clock(f"{hour}:{minute:02d}", hour, minute, bare=True, needs_at=True)
        text = rng.choice([str(hour), number_word(hour, rng)])
        return Clock(text, hour, 0, bare=True, needs_at=True)
    if kind == 1:  # five o'clock
        hour = rng.randrange(1, 13)
        text = f"{rng.choice([str(hour), number_word(hour, rng)])} o'clock"
        return Clock(text, hour, 0, bare=True)
    if kind == 2:  # half / quarter / ten / twenty past H
        hour = rng.randrange(1, 13)
        words, minute = rng.choice([("half", 30), ("quarter", 15), ("ten", 10), ("twenty", 20)])
        return Clock(f"{words} past {number_word(hour, rng)}", hour, minute, bare=True)
    if kind == 3:  # quarter / twenty / ten to H: H and H-1 in the same am/pm class
        named = rng.choice([9, 10, 11, 3, 4, 5, 6, 7])
        words, minute = rng.choice([("quarter", 45), ("twenty", 40), ("ten", 50), ("five", 55)])
        return Clock(f"{words} to {number_word(named, rng)}", named - 1, minute, bare=True)
    if kind == 4:
        return Clock(rng.choice(["noon", "midday"]), 12, 0)
    return Clock("midnight", 0, 0, midnight=True)


def clock(rng: random.Random, *, recurring: bool = False) -> Clock:
    """A time of day; for recurrences no bare 1..7 (whether "every day" names a day is
    not agreed) and no midnight."""
    while True:
        made = _bare(rng) if rng.random() < 0.4 else _explicit(rng)
        if recurring and (made.midnight or (made.bare and made.hour < 8)):
            continue
        return made


def at_text(made: Clock, rng: random.Random) -> str:
    """The clock with "at", or without where that reads naturally."""
    if made.needs_at or rng.random() < 0.7:
        return f"at {made.text}"
    return made.text
