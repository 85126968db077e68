"""What every reading of a time is relative to, its error, and local wall time to UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


class WhenError(ValueError):
    """User time input that cannot be read; str() is a short sentence for the user."""


class UnsupportedRecurrence(WhenError):
    """A repeating phrase no RRULE here expresses ("every blue moon"): ask, never approximate."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a reading is relative to: the input as shown in errors, now (UTC), the zone."""

    shown: str  # the input, quoted and cut short, for error messages
    now: datetime
    tz: ZoneInfo
    date_only: bool

    @property
    def today(self) -> date:
        """The user's local date at `now`."""
        return self.now.astimezone(self.tz).date()


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A naive wall time in tz as UTC: the first of two readings, or shifted across a gap.

    Follows RFC 5545 section 3.3.5 (a local time that does not exist is read with the
    offset from before the gap) and PEP 495 fold=0 (the first of two readings).
    """
    # fold=0 gives a time inside a spring-forward gap the offset from before the change,
    # which lands it one gap-length later (02:30 becomes 03:30), as documented in parse_when.
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC)
