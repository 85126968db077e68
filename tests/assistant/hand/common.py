"""Frozen clocks in several zones and short builders for hand-written cases.

Every expected time is written as the user's local wall time ("2027-06-10 19:00") and turned
into a UTC instant here with zoneinfo; the meanings follow the chat conventions agreed in issue 12.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.assistant.harness import (
    Ask,
    Case,
    Changed,
    Expectation,
    Listed,
    NewReminder,
    NewTodo,
    Nothing,
    Seed,
    SeedReminder,
    SeedTodo,
)

__all__ = [
    "Ask",
    "Changed",
    "Frame",
    "Listed",
    "NewReminder",
    "NewTodo",
    "Nothing",
    "SeedReminder",
    "SeedTodo",
]


@dataclass(frozen=True)
class Frame:
    """A user's zone and a frozen local now."""

    zone: str
    local_now: str
    """"YYYY-MM-DD HH:MM" in the zone."""

    @property
    def now(self) -> datetime:
        return self.at(self.local_now)

    def at(self, local: str) -> datetime:
        """A local wall time ("2027-06-10 19:00") as a UTC instant."""
        wall = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(self.zone))
        return wall.astimezone(UTC)

    def after(self, **delta: float) -> datetime:
        return self.now + timedelta(**delta)

    def day(self, iso: str) -> date:
        return date.fromisoformat(iso)

    def case(
        self, text: str, expect: Expectation, intent: str, seeds: tuple[Seed, ...] = ()
    ) -> Case:
        return Case(text, expect, intent, self.zone, self.now, seeds)

    def reminder(
        self, text: str, title: str, local: str, intent: str, rule: str | None = None
    ) -> Case:
        """A message that creates one reminder at a local time."""
        return self.case(text, NewReminder(title, self.at(local), rule), intent)


# Wednesday 2027-06-09 10:30 in each zone (Thu 10, Fri 11, Sat 12, Sun 13, Mon 14, Tue 15).
UTC_WED = Frame("UTC", "2027-06-09 10:30")
NY_WED = Frame("America/New_York", "2027-06-09 10:30")
KOLKATA_WED = Frame("Asia/Kolkata", "2027-06-09 10:30")
ADELAIDE_WED = Frame("Australia/Adelaide", "2027-06-09 10:30")
LONDON_WED = Frame("Europe/London", "2027-06-09 10:30")
CHATHAM_WED = Frame("Pacific/Chatham", "2027-06-09 10:30")
STJOHNS_WED = Frame("America/St_Johns", "2027-06-09 10:30")
# Evening and early-morning clocks.
UTC_EVENING = Frame("UTC", "2027-06-09 20:15")
NY_EARLY = Frame("America/New_York", "2027-06-09 06:10")
# DST change days: New York springs forward at 02:00 on Sun 2027-03-14; London at 01:00
# on Sun 2027-03-28; Adelaide falls back at 03:00 on Sun 2027-04-04; New York falls back
# at 02:00 on Sun 2027-11-07.
NY_SPRING = Frame("America/New_York", "2027-03-13 21:00")
LONDON_SPRING = Frame("Europe/London", "2027-03-28 00:30")
ADELAIDE_AUTUMN = Frame("Australia/Adelaide", "2027-04-03 20:00")
NY_FALL = Frame("America/New_York", "2027-11-06 22:00")

FRAMES = (UTC_WED, NY_WED, KOLKATA_WED, ADELAIDE_WED, LONDON_WED, CHATHAM_WED, STJOHNS_WED)
