"""Shared test helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SettableClock:
    """A clock the test moves by hand; starts at a fixed instant unless told otherwise."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Moves time forward by a timedelta's keyword arguments."""
        self.now += timedelta(**delta)
