"""An independent reading of the agreed time meanings, for the property tests.

Written from chat-conventions.md with zoneinfo alone (none of the grammar's code): a wall
time becomes the earliest UTC instant showing it (the first of two readings at a
fall-back), or, inside a spring-forward gap, the instant the same wall time names with the
offset from before the gap.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

# Zones with and without DST, a 30-minute DST (Lord Howe), and the southern hemisphere.
ZONES = (
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Adelaide",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
)
# Days on which some of the zones above change their clocks, and plain days.
DAYS = (
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 10, 4),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2026, 11, 25),
    date(2026, 12, 31),
    date(2027, 2, 28),
    date(2027, 3, 14),
    date(2027, 3, 28),
)

WORDS = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve"),
)


@st.composite
def moments(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone and a now within two days of a clock change (or a plain day), to the minute."""
    zone = draw(st.sampled_from(ZONES))
    day = draw(st.sampled_from(DAYS))
    minutes = draw(st.integers(-48 * 60, 48 * 60))
    now = datetime.combine(day, time(12), tzinfo=UTC) + timedelta(minutes=minutes)
    return zone, now


def wall_to_utc(day: date, hour: int, minute: int, zone: str) -> datetime:
    """The UTC instant of a local wall time, by the rule in the module docstring."""
    tz = ZoneInfo(zone)
    wall = datetime.combine(day, time(hour, minute))
    offsets = {tz.utcoffset(wall.replace(fold=fold)) for fold in (0, 1)}
    shows = [
        (wall - offset).replace(tzinfo=UTC)
        for offset in offsets
        if offset is not None
        and (wall - offset).replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None) == wall
    ]
    if shows:
        return min(shows)
    before = tz.utcoffset(wall - timedelta(hours=6))
    assert before is not None
    return (wall - before).replace(tzinfo=UTC)


def local_today(now: datetime, zone: str) -> date:
    return now.astimezone(ZoneInfo(zone)).date()


def bare_hour(hour: int, minute: int, now: datetime, zone: str, *, day_named: bool) -> int:
    """The bare-hour rule: 8..11 am, 12 noon, 1..7 pm unless the am reading is still ahead
    today and no day was named ("today" names one). An am reading a spring-forward day
    skips is not ahead."""
    if hour == 12 or 8 <= hour <= 11:
        return hour
    today = local_today(now, zone)
    am = wall_to_utc(today, hour, minute, zone)
    shown = am.astimezone(ZoneInfo(zone))
    exists = (shown.date(), shown.hour, shown.minute) == (today, hour, minute)
    if not day_named and exists and am > now:
        return hour
    return hour + 12


def next_ahead(hour: int, minute: int, now: datetime, zone: str) -> datetime:
    """Today at hour:minute if still ahead, else tomorrow."""
    today = local_today(now, zone)
    at = wall_to_utc(today, hour, minute, zone)
    return at if at > now else wall_to_utc(today + timedelta(days=1), hour, minute, zone)
