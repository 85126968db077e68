"""What happens after a fire: every Notifier hears of it, on the winning replica only."""

from __future__ import annotations

from typing import Protocol

from remo_async.domain import Reminder


class Notifier(Protocol):
    """Told once about each reminder this replica fired."""

    async def reminder_fired(self, reminder: Reminder) -> None:
        """Delivers the news; failures are the notifier's to retry or log."""
