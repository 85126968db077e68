"""A Notifier that queues fires and delivers them from a few tasks: webhooks and Web Push.

Queueing keeps a slow or dead receiver from holding up the dispatcher; a full queue drops
the fire and counts it (`dropped`), and a delivery that crashes is counted (`failed`) and
logged without stopping the worker.

The queue is fair between users (FairQueue): each user's fires wait in a queue of their
own, bounded, and the workers take one user at a time in turn, with at most a few of one
user's deliveries in flight. A user whose receiver hangs (a webhook answering after its
timeout, each attempt retried for up to a minute) or who has a thousand fires at once
therefore delays and fills only their own queue: before, one FIFO shared by everyone let
such a user hold every worker for hours and fill the queue, so other users' fires waited
behind theirs or were dropped.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator

import structlog
from prometheus_client import Counter

from remo_async.domain import Reminder

log = structlog.get_logger("remo_async.dispatch")

PER_USER_QUEUED = 500
"""Fires one user may have waiting; past it their next fire is dropped (counted)."""
PER_USER_IN_FLIGHT = 2
"""Deliveries of one user's fires running at once, whatever the worker's concurrency."""


class FairQueue:
    """Fires queued per user, handed out round-robin across users.

    `size` bounds every queued fire together, `per_user` one user's, and `in_flight` how
    many of one user's are being delivered at once: a user is offered to the workers again
    only below it. Not thread-safe: one event loop.
    """

    def __init__(self, *, size: int, per_user: int, in_flight: int) -> None:
        self._size, self._per_user, self._in_flight = size, per_user, in_flight
        self._waiting: dict[str, deque[Reminder]] = {}
        self._busy: dict[str, int] = {}
        self._turns: asyncio.Queue[str] = asyncio.Queue()  # users that may be served now
        self._offered: set[str] = set()  # the users in _turns, each at most once
        self._queued = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def put(self, reminder: Reminder) -> bool:
        """Queues a fire behind its user's others; False (nothing queued) when the user's
        queue or the whole queue is full."""
        user = reminder.user_id
        waiting = self._waiting.setdefault(user, deque())
        if self._queued >= self._size or len(waiting) >= self._per_user:
            if not waiting and not self._busy.get(user):
                del self._waiting[user]
            return False
        waiting.append(reminder)
        self._queued += 1
        self._idle.clear()
        self._offer(user)
        return True

    async def get(self) -> Reminder:
        """The next fire, from the user whose turn it is; call done() after delivering it."""
        user = await self._turns.get()
        self._offered.discard(user)
        reminder = self._waiting[user].popleft()
        self._queued -= 1
        self._busy[user] = self._busy.get(user, 0) + 1
        self._offer(user)  # still below its in-flight bound: back at the end of the line
        return reminder

    def done(self, reminder: Reminder) -> None:
        """Marks a fire got from get() delivered (or given up)."""
        user = reminder.user_id
        self._busy[user] -= 1
        if not self._busy[user]:
            del self._busy[user]
            if not self._waiting.get(user):
                self._waiting.pop(user, None)
        self._offer(user)
        if not self._queued and not self._busy:
            self._idle.set()

    def _offer(self, user: str) -> None:
        if (
            user not in self._offered
            and self._waiting.get(user)
            and self._busy.get(user, 0) < self._in_flight
        ):
            self._offered.add(user)
            self._turns.put_nowait(user)

    def pending(self) -> int:
        """Fires queued or being delivered."""
        return self._queued + sum(self._busy.values())

    async def join(self) -> None:
        """Waits until every fire put was delivered."""
        await self._idle.wait()


class QueuedNotifier(abc.ABC):
    """Queues each fire (reminder_fired) and delivers it from `concurrency` tasks (run)."""

    kind: str = "delivery"
    """How logs name a delivery (webhook, push)."""

    def __init__(
        self,
        *,
        outcomes: Counter,
        queue_size: int,
        concurrency: int,
        per_user: int = PER_USER_QUEUED,
        in_flight: int = PER_USER_IN_FLIGHT,
    ) -> None:
        self._outcomes = outcomes
        self._queue = FairQueue(size=queue_size, per_user=per_user, in_flight=in_flight)
        self._concurrency = concurrency

    async def reminder_fired(self, reminder: Reminder) -> None:
        """Queues the fire without waiting; a full queue (the user's own, or the whole
        one) drops it (counted)."""
        if not self._queue.put(reminder):
            self._outcomes.labels("dropped").inc()
            log.error(
                f"{self.kind} queue full; dropped",
                reminder_id=reminder.reminder_id,
                user_id=reminder.user_id,
            )

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
        """Waits up to grace seconds for every queued fire to be delivered; returns how
        many were left (queued, or still being delivered)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), timeout=grace)
        return self._queue.pending()

    async def _work(self) -> None:
        while True:
            reminder = await self._queue.get()
            try:
                await self.deliver(reminder)
            except Exception:  # one bad delivery must not stop the worker
                self._outcomes.labels("failed").inc()
                log.exception(f"{self.kind} delivery crashed", reminder_id=reminder.reminder_id)
            finally:
                self._queue.done(reminder)

    @abc.abstractmethod
    async def deliver(self, reminder: Reminder) -> object:
        """Delivers one fire; the outcome is the subclass's to count and return."""
