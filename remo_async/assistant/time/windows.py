"""Spans of time a list can be asked for: a part of a day ("this afternoon", "tonight",
"tomorrow morning") or a month ("in December"), as UTC (start, end) with end excluded."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from remo_async.assistant.time.context import to_utc

Window = tuple[datetime, datetime]

# Parts of a day: local hours, the end excluded.
_PARTS: Final[Mapping[str, tuple[int, int]]] = {
    "morning": (5, 12),
    "afternoon": (12, 18),
    "evening": (18, 24),
    "tonight": (18, 24),
    "night": (18, 24),
}
_PART: Final = re.compile(
    r"\b(?:(?P<day>this|tomorrow|tmrw|tomorrow's)\s+)?(?P<part>morning|afternoon|evening|night)\b"
    r"|\b(?P<tonight>tonight)\b",
    re.IGNORECASE,
)
_MONTHS: Final = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
)
_IN_MONTH: Final = re.compile(rf"\b(?:in|for|during)\s+(?P<month>{'|'.join(_MONTHS)})\b", re.I)


def find_window(text: str, *, now: datetime, zone: str) -> tuple[Window, str] | None:
    """The part of a day (today's unless "tomorrow") or the month (the next one not yet
    over) text names, and how to say it back ("this afternoon", "in December"); or None.
    Local midnights and hours are read in zone (IANA), across DST changes."""
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    m = _PART.search(text)
    if m is not None:
        part = (m["part"] or m["tonight"]).lower()
        tomorrow = (m["day"] or "").lower().startswith(("tom", "tmrw"))
        day = today + timedelta(days=1 if tomorrow else 0)
        first, last = _PARTS[part]
        start = to_utc(datetime.combine(day, time(first)), tz)
        end = to_utc(datetime.combine(day + timedelta(days=last // 24), time(last % 24)), tz)
        said = f"{'tomorrow' if tomorrow else 'this'} {part}" if part != "tonight" else part
        return (start, end), said
    m = _IN_MONTH.search(text)
    if m is None:
        return None
    month = _MONTHS.index(m["month"].lower()) + 1
    year = today.year + (1 if month < today.month else 0)
    after = date(year + month // 12, month % 12 + 1, 1)
    start = to_utc(datetime.combine(date(year, month, 1), time()), tz)
    return (start, to_utc(datetime.combine(after, time()), tz)), f"in {m['month'].title()}"
