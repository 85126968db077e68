"""The pieces a time phrase names, as the scanner collects them before they are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday (0 = Monday); strict ("next friday") never means today."""

    weekday: int
    strict: bool


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A month and day, with the year when one was said."""

    month: int
    day: int
    year: int | None


@dataclass(frozen=True, slots=True)
class Candidates:
    """Days in order of preference: the first still ahead is taken, then moved `then` days.

    "end of the week" is this Friday or the next; "next weekend" is the Saturday after the
    one "this weekend" picks (then=7).
    """

    days: tuple[date, ...]
    then: int = 0


@dataclass(frozen=True, slots=True)
class Clock:
    """A time of day as said."""

    hour: int
    minute: int
    flexible: bool  # a bare 1..11 that still needs am or pm
    midnight: bool  # the word, which ends the named day
    bare: bool  # just a number: only a time next to a day, a period or "at"


@dataclass(slots=True)
class Parts:
    """What one phrase has named so far; each piece at most once."""

    day: date | Weekday | MonthDay | Candidates | None = None
    named_today: bool = False
    period: str | None = None
    clock: Clock | None = None
    default: Clock | None = None  # the time of day a phrase implies ("end of the day": 17:00)
    later: bool = False  # "later (today)": a few hours from now, not a wall time
    weekday: int | None = None  # "friday the 11th": a date that must fall on this weekday
    # After "no wait", "sorry": the pieces the words that follow may still replace, once each.
    replaceable: set[str] = field(default_factory=set)

    def replaces(self, piece: str) -> bool:
        """Whether a correction lets piece ("day", "period", "clock") be named again; once."""
        if piece not in self.replaceable:
            return False
        self.replaceable.discard(piece)
        return True

    def set_day(self, day: date | Weekday | MonthDay | Candidates, *, today: bool = False) -> bool:
        """Names the day; False if one was named already (the phrase is not one of ours).

        A weekday next to a date ("friday the 11th", "june 11, a friday") narrows the date.
        """
        dated = (MonthDay, Candidates)
        if self.day is None or self.replaces("day"):
            if self.day is not None:  # replaced: "tonight sorry saturday" drops its night too
                self.weekday = None
                self.period = None if self.period == "tonight" else self.period
            self.day, self.named_today = day, today
            return True
        if self.weekday is not None:
            return False
        if isinstance(self.day, Weekday) and isinstance(day, dated):
            self.weekday, self.day = self.day.weekday, day
            return True
        if isinstance(day, Weekday) and isinstance(self.day, dated):
            self.weekday = day.weekday
            return True
        return False
