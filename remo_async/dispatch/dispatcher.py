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
from remo_async.store.reminders import FireInDoubt

log = structlog.get_logger("remo_async.dispatch")

MAX_BACKOFF = 30.0
FIRE_CONCURRENCY = 32
DOUBT_WINDOW = 300.0
"""Seconds a fire whose answer was lost is watched for, in case its write lands late."""


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
        self._in_doubt: dict[str, tuple[FireInDoubt, float]] = {}  # by token

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
        if self._in_doubt:  # one last try, so a fire that was written is still heard of
            with contextlib.suppress(StoreError):
                await self._resolve_doubts()

    def stop(self) -> None:
        """Asks run() to finish after the reminder in hand."""
        self._stopping.set()

    async def poll_once(self) -> list[Reminder]:
        """One pass over every shard; returns what this replica fired."""
        started = time.perf_counter()
        resolved = await self._resolve_doubts()
        now = self._clock()
        per_shard = await asyncio.gather(*(self._poll_shard(s, now) for s in self._shards))
        self._metrics.poll_duration.observe(time.perf_counter() - started)
        return resolved + [reminder for fired in per_shard for reminder in fired]

    async def _resolve_doubts(self) -> list[Reminder]:
        """Fires whose answer was lost: notify those that were written, before a new poll.

        Without this, a fire written just as DynamoDB went away would be fired and never
        heard of: it has left the due-index, so no poll would find it again. A doubt stays
        open while its reminder is pending, since a lost write can land late; at most
        DOUBT_WINDOW seconds.
        """
        won: list[Reminder] = []
        for token, (doubt, since) in list(self._in_doubt.items()):
            outcome = await self._store.reminders.resolve_fire(doubt)  # raises while away
            if outcome.settled or time.monotonic() - since > DOUBT_WINDOW:
                del self._in_doubt[token]
            if outcome.won is not None:
                won.append(outcome.won)
                self._record(outcome.won)
                await self._notify(outcome.won)
        return won

    async def _poll_shard(self, shard: str, now: datetime) -> list[Reminder]:
        fired: list[Reminder] = []
        tasks: list[asyncio.Task[None]] = []
        async for due in self._store.reminders.due(shard=shard, now=now):
            if self._stopping.is_set():
                break
            await self._slots.acquire()
            if self._stopping.is_set():  # stopped while waiting for a slot
                self._slots.release()
                break
            tasks.append(asyncio.create_task(self._fire(due, fired)))
        if tasks:
            await asyncio.gather(*tasks)
        return fired

    async def _fire(self, due: Reminder, fired: list[Reminder]) -> None:
        try:
            reminder = await self._store.reminders.fire(reminder=due, now=self._clock())
        except FireInDoubt as doubt:
            self._in_doubt[doubt.token] = (doubt, time.monotonic())
            self._metrics.dispatch_errors.labels("fire").inc()
            log.warning("fire in doubt; resolved at the next poll", reminder_id=due.reminder_id)
            return
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
