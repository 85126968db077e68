"""A Notifier that queues fires and delivers them from a few tasks: webhooks and Web Push.

Queueing keeps a slow or dead receiver from holding up the dispatcher; a full queue drops
the fire and counts it (`dropped`), and a delivery that crashes is counted (`failed`) and
logged without stopping the worker.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog
from prometheus_client import Counter

from remo_async.domain import Reminder

log = structlog.get_logger("remo_async.dispatch")


class QueuedNotifier(abc.ABC):
    """Queues each fire (reminder_fired) and delivers it from `concurrency` tasks (run)."""

    kind: str = "delivery"
    """How logs name a delivery (webhook, push)."""

    def __init__(self, *, outcomes: Counter, queue_size: int, concurrency: int) -> None:
        self._outcomes = outcomes
        self._queue: asyncio.Queue[Reminder] = asyncio.Queue(maxsize=queue_size)
        self._concurrency = concurrency

    async def reminder_fired(self, reminder: Reminder) -> None:
        """Queues the fire without waiting; a full queue drops it (counted)."""
        try:
            self._queue.put_nowait(reminder)
        except asyncio.QueueFull:
            self._outcomes.labels("dropped").inc()
            log.error(f"{self.kind} queue full; dropped", reminder_id=reminder.reminder_id)

    async def run(self) -> None:
        """Delivers queued fires until cancelled."""
        async with asyncio.TaskGroup() as group:
            for _ in range(self._concurrency):
                group.create_task(self._work())

    @contextlib.asynccontextmanager
    async def running(self, *, name: str, grace: float) -> AsyncIterator[None]:
        """Runs the worker (a task called `name`) for the block; at its end waits up to
        `grace` seconds for queued fires (drain), logs how many were left, and stops."""
        task = asyncio.create_task(self.run(), name=name)
        try:
            yield
            left = await self.drain(grace=grace)
            if left:
                log.warning(f"{self.kind} deliveries left undelivered at shutdown", count=left)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def drain(self, *, grace: float) -> int:
        """Waits up to grace seconds for the queue to empty; returns how many were left."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), timeout=grace)
        return self._queue.qsize()

    async def _work(self) -> None:
        while True:
            reminder = await self._queue.get()
            try:
                await self.deliver(reminder)
            except Exception:  # one bad delivery must not stop the worker
                self._outcomes.labels("failed").inc()
                log.exception(f"{self.kind} delivery crashed", reminder_id=reminder.reminder_id)
            finally:
                self._queue.task_done()

    @abc.abstractmethod
    async def deliver(self, reminder: Reminder) -> object:
        """Delivers one fire; the outcome is the subclass's to count and return."""
