"""The dispatcher: polls the sharded due-index and fires due reminders with conditional writes."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from datetime import datetime

import structlog

from remo_async.dispatch.notify import Notifier
from remo_async.domain import Reminder
from remo_async.domain.times import Clock
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store, StoreError, StoreUnavailable

log = structlog.get_logger("remo_async.dispatch")

MAX_BACKOFF = 30.0
FIRE_CONCURRENCY = 32


class Dispatcher:
    """Every interval, fires what is due in every shard; any number may run at once."""

    def __init__(
        self,
        store: Store,
        *,
        settings: Settings,
        clock: Clock,
        metrics: Metrics,
        notifiers: Sequence[Notifier] = (),
        concurrency: int = FIRE_CONCURRENCY,
        max_backoff: float = MAX_BACKOFF,
    ) -> None:
        self._store = store
        self._interval = settings.dispatch_interval
        self._shards = [str(i) for i in range(settings.dispatch_shards)]
        self._clock = clock
        self._metrics = metrics
        self._notifiers = list(notifiers)
        self._slots = asyncio.Semaphore(concurrency)
        self._stopping = asyncio.Event()
        self._max_backoff = max_backoff

    async def run(self) -> None:
        """Polls until stop(); backs off while DynamoDB is away and resumes when it is back."""
        delay = self._interval
        while not self._stopping.is_set():
            try:
                await self.poll_once()
                delay = self._interval
            except StoreError as exc:
                kind = "unavailable" if isinstance(exc, StoreUnavailable) else "store"
                self._metrics.dispatch_errors.labels(kind).inc()
                delay = min(delay * 2, self._max_backoff)
                log.warning("dispatch poll failed", error=str(exc), retry_in=delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)

    def stop(self) -> None:
        """Asks run() to finish after the reminder in hand."""
        self._stopping.set()

    async def poll_once(self) -> list[Reminder]:
        """One pass over every shard; returns what this replica fired."""
        started = time.perf_counter()
        now = self._clock()
        per_shard = await asyncio.gather(*(self._poll_shard(s, now) for s in self._shards))
        self._metrics.poll_duration.observe(time.perf_counter() - started)
        return [reminder for fired in per_shard for reminder in fired]

    async def _poll_shard(self, shard: str, now: datetime) -> list[Reminder]:
        fired: list[Reminder] = []
        tasks: list[asyncio.Task[None]] = []
        async for due in self._store.reminders.due(shard=shard, now=now):
            if self._stopping.is_set():
                break
            await self._slots.acquire()
            tasks.append(asyncio.create_task(self._fire(due, fired)))
        if tasks:
            await asyncio.gather(*tasks)
        return fired

    async def _fire(self, due: Reminder, fired: list[Reminder]) -> None:
        try:
            reminder = await self._store.reminders.fire(reminder=due, now=self._clock())
        except StoreError as exc:
            self._metrics.dispatch_errors.labels("fire").inc()
            log.warning("fire failed", reminder_id=due.reminder_id, error=str(exc))
            return
        finally:
            self._slots.release()
        if reminder is None:
            # Another replica won, or the user changed it meanwhile: not an error.
            self._metrics.fire_losses.inc()
            return
        fired.append(reminder)
        self._record(reminder)
        await self._notify(reminder)

    def _record(self, reminder: Reminder) -> None:
        self._metrics.fired.inc()
        if reminder.fired_at is not None:
            lag = (reminder.fired_at - reminder.reminding_time).total_seconds()
            self._metrics.dispatch_lag.observe(max(lag, 0.0))
        log.info(
            "reminder fired",
            reminder_id=reminder.reminder_id,
            user_id=reminder.user_id,
            reminding_time=reminder.reminding_time.isoformat(),
        )

    async def _notify(self, reminder: Reminder) -> None:
        for notifier in self._notifiers:
            try:
                await notifier.reminder_fired(reminder)
            except Exception:  # one notifier's failure must not stop the others
                self._metrics.dispatch_errors.labels("notify").inc()
                log.exception("notifier failed", reminder_id=reminder.reminder_id)
