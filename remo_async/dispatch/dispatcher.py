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
from remo_async.store.reminders import DueItem, FireInDoubt

log = structlog.get_logger("remo_async.dispatch")

MAX_BACKOFF = 30.0
FIRE_CONCURRENCY = 32
DOUBT_WINDOW = 300.0
"""Seconds a fire whose answer was lost is watched for, in case its write lands late."""
STALL_INTERVALS = 5
"""Intervals without a completed poll (15 s at least) after which /readyz calls it stalled."""
MIN_STALL_SECONDS = 15.0
MAX_STRIKES = 5
"""Store errors in a row (DynamoDB answering, but refusing this reminder) before it is parked."""


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
        stall_after: float | None = None,
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
        self._stall_after = stall_after or max(
            STALL_INTERVALS * settings.dispatch_interval, MIN_STALL_SECONDS
        )
        self._in_doubt: dict[str, tuple[FireInDoubt, float]] = {}  # by token
        self._strikes: dict[str, int] = {}  # reminder id -> store errors in a row
        self._progress = time.monotonic()  # when a poll completed or a reminder was handled

    def stalled_for(self) -> float | None:
        """Seconds since this replica's dispatcher last made progress, when that is too long.

        None while it polls as it should: a poll completed, or a reminder was handled,
        within `stall_after` seconds (default STALL_INTERVALS intervals, MIN_STALL_SECONDS
        at least). /readyz answers 503 otherwise.
        """
        quiet = time.monotonic() - self._progress
        return quiet if quiet > self._stall_after else None

    async def supervise(self) -> None:
        """Runs run() until stop(); if it ever ends otherwise, logs it and starts it again.

        run() catches every failure of a poll, so this is the last line: a bug that still
        ends the loop costs one backoff, not every later reminder of every user.
        """
        delay = self._interval
        while not self._stopping.is_set():
            self._progress = time.monotonic()
            try:
                await self.run()
            except Exception:
                log.exception("dispatcher failed; restarting", retry_in=delay)
            else:
                if self._stopping.is_set():
                    return
                log.error("dispatcher ended unexpectedly; restarting", retry_in=delay)
            self._metrics.dispatch_errors.labels("supervisor").inc()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
            delay = min(delay * 2, self._max_backoff)

    async def run(self) -> None:
        """Polls until stop(); backs off after a failed poll and resumes when it can.

        Whatever a poll raises, the loop goes on: a failure of one reminder is handled
        (and parked) in _fire, and anything else is logged, counted and retried.
        """
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
            except Exception:
                self._metrics.dispatch_errors.labels("poll").inc()
                delay = min(delay * 2, self._max_backoff)
                log.exception("dispatch poll failed unexpectedly", retry_in=delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
        if self._in_doubt:  # one last try, so a fire that was written is still heard of
            try:
                await self._resolve_doubts()
            except Exception as exc:
                log.warning("fires in doubt left unresolved at stop", error=str(exc))

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
        self._progress = time.monotonic()
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

    async def _fire(self, due: DueItem, fired: list[Reminder]) -> None:
        """Fires one due reminder; no failure of it leaves this method.

        DynamoDB away: retried at the next poll. A store error for this reminder alone:
        retried, and parked after MAX_STRIKES in a row. Anything else (an item that is
        not a reminder, a rule that cannot be evaluated, a bug): parked at once.
        """
        try:
            reminder = await self._fire_one(due)
        finally:
            self._slots.release()
        if reminder is None:
            return
        fired.append(reminder)
        self._record(reminder)
        await self._notify(reminder)

    async def _fire_one(self, due: DueItem) -> Reminder | None:
        ids = {"user_id": due.user_id, "reminder_id": due.reminder_id}
        try:
            reminder = self._store.reminders.read_due(due)
            won = await self._store.reminders.fire(reminder=reminder, now=self._clock())
        except FireInDoubt as doubt:
            self._in_doubt[doubt.token] = (doubt, time.monotonic())
            self._metrics.dispatch_errors.labels("fire").inc()
            log.warning("fire in doubt; resolved at the next poll", **ids)
            return None
        except StoreUnavailable as exc:
            self._metrics.dispatch_errors.labels("fire").inc()
            log.warning("fire failed", error=str(exc), **ids)
            return None
        except StoreError as exc:
            self._metrics.dispatch_errors.labels("fire").inc()
            strikes = self._strikes[due.reminder_id] = self._strikes.get(due.reminder_id, 0) + 1
            log.warning("fire failed", error=str(exc), strikes=strikes, **ids)
            if strikes >= MAX_STRIKES:
                await self._park(due, f"DynamoDB refused the fire {strikes} times: {exc}")
            return None
        except Exception as exc:
            self._metrics.dispatch_errors.labels("reminder").inc()
            log.exception("reminder cannot be fired", **ids)
            await self._park(due, _reason(exc))
            return None
        self._strikes.pop(due.reminder_id, None)
        self._progress = time.monotonic()
        if won is None:
            # Another replica won, or the user changed it meanwhile: not an error.
            self._metrics.fire_losses.inc()
        return won

    async def _park(self, due: DueItem, reason: str) -> None:
        """Takes the reminder out of the due-index as `failed`, so no poll tries it again."""
        ids = {"user_id": due.user_id, "reminder_id": due.reminder_id}
        try:
            parked = await self._store.reminders.park(
                user_id=due.user_id, reminder_id=due.reminder_id, reason=reason, now=self._clock()
            )
        except Exception as exc:  # retried at the next poll, which meets the same failure
            self._metrics.dispatch_errors.labels("park").inc()
            log.warning("reminder could not be parked", error=str(exc), **ids)
            return
        self._strikes.pop(due.reminder_id, None)
        if parked:
            self._metrics.parked.inc()
            log.error("reminder parked as failed", reason=reason, **ids)

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


def _reason(exc: Exception) -> str:
    """One line for a person: the error's class and message, without pydantic's links."""
    lines = (line.strip() for line in str(exc).splitlines())
    text = "; ".join(line for line in lines if line and not line.startswith("For further"))
    return f"{type(exc).__name__}: {text}"
