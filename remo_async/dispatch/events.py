"""The event hub of one replica: fires fan out to the open event streams of their users.

Two sources feed it: this replica's dispatcher, straight from memory when it wins a fire,
and the reminders table's DynamoDB Stream, which carries every replica's fires (this one's
too, a moment later). The hub remembers recent fires by (reminder_id, fired_at), so each
fire reaches each stream once whichever source brings it first.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import structlog

from remo_async.domain import Reminder
from remo_async.metrics import Metrics

log = structlog.get_logger("remo_async.events")

FIRED_EVENT = "reminder.fired"
TOKEN_EXPIRED_EVENT = "token.expired"
RECENT_FIRES = 10_000
QUEUE_SIZE = 256
STREAMS_PER_USER = 10
"""Open event streams one user may hold on one replica (REMO_MAX_EVENT_STREAMS)."""


class StreamClosed(Exception):
    """The hub closed this subscription (shutdown, or a client too slow to keep up)."""


class TooManyStreams(Exception):
    """The user already holds the most open streams a replica allows them."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"at most {limit} open event streams per user; close one first")
        self.limit = limit


@dataclass(frozen=True, slots=True)
class Event:
    """One server-sent event."""

    id: str
    name: str
    data: str

    def encode(self) -> bytes:
        """The event in text/event-stream framing."""
        lines = [f"id: {self.id}", f"event: {self.name}"]
        lines += [f"data: {line}" for line in self.data.splitlines() or [""]]
        return ("\n".join(lines) + "\n\n").encode()


def fire_id(reminder: Reminder) -> str:
    """The same id for the same fire on every replica (a snoozed reminder fires anew)."""
    moment = reminder.fired_at or reminder.updated_at
    return f"{reminder.reminder_id}@{moment.isoformat()}"


def fired_event(reminder: Reminder) -> Event:
    """The reminder.fired event of a fire."""
    return Event(id=fire_id(reminder), name=FIRED_EVENT, data=reminder.model_dump_json())


def token_expired_event(accepted_until: float) -> Event:
    """The last event of a stream whose token has just stopped being accepted."""
    moment = datetime.fromtimestamp(accepted_until, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = json.dumps({"detail": "the stream's token has expired", "expired_at": moment})
    return Event(id=f"{TOKEN_EXPIRED_EVENT}@{moment}", name=TOKEN_EXPIRED_EVENT, data=data)


class Subscription:
    """The events of one open stream, queued until its writer takes them."""

    def __init__(self, user_id: str, *, size: int) -> None:
        self.user_id = user_id
        self._queue: asyncio.Queue[Event | None] = asyncio.Queue(maxsize=size)
        self.closed = False

    async def next(self, *, within: float) -> Event | None:
        """The next event, or None when none came in time; raises StreamClosed."""
        if self.closed and self._queue.empty():
            raise StreamClosed
        try:
            event = await asyncio.wait_for(self._queue.get(), timeout=within)
        except TimeoutError:
            return None
        if event is None:
            raise StreamClosed
        return event

    def offer(self, event: Event) -> bool:
        """Queues an event; False when the queue is full."""
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            return False
        return True

    def close(self) -> None:
        """Ends the stream; what is queued is dropped, the writer wakes at once."""
        self.closed = True
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(None)


class EventHub:
    """Fans fires out to subscriptions; also the Notifier that short-cuts local fires."""

    def __init__(
        self,
        *,
        metrics: Metrics,
        recent: int = RECENT_FIRES,
        queue_size: int = QUEUE_SIZE,
        per_user: int = STREAMS_PER_USER,
    ) -> None:
        self._metrics = metrics
        self._per_user = per_user
        self._recent: OrderedDict[str, None] = OrderedDict()
        self._recent_size = recent
        self._queue_size = queue_size
        self._subscribers: dict[str, set[Subscription]] = {}
        self._closed = False

    async def reminder_fired(self, reminder: Reminder) -> None:
        """Publishes a fire this replica won, before the stream brings it back."""
        self.publish(reminder, source="local")

    def publish(self, reminder: Reminder, *, source: str) -> bool:
        """Sends a fire to its user's streams; False when it was already sent."""
        key = fire_id(reminder)
        if key in self._recent:
            self._metrics.events.labels(source, "duplicate").inc()
            return False
        self._recent[key] = None
        while len(self._recent) > self._recent_size:
            self._recent.popitem(last=False)
        self._metrics.events.labels(source, "sent").inc()
        event = fired_event(reminder)
        for subscription in list(self._subscribers.get(reminder.user_id, ())):
            if not subscription.offer(event):
                # A client that cannot keep up is cut off; it reconnects and carries on.
                log.warning("event stream too slow; closed", user_id=reminder.user_id)
                subscription.close()
        return True

    @contextlib.contextmanager
    def subscribe(self, user_id: str) -> Iterator[Subscription]:
        """A subscription to a user's events for the duration of the block.

        Raises StreamClosed after close(), TooManyStreams when the user already holds
        `per_user` streams here: each open stream holds a connection, a task and a queue of
        this replica's, and one user's must not use up what everyone's streams share.
        """
        if self._closed:
            raise StreamClosed
        open_now = self._subscribers.setdefault(user_id, set())
        if len(open_now) >= self._per_user:
            raise TooManyStreams(self._per_user)
        subscription = Subscription(user_id, size=self._queue_size)
        open_now.add(subscription)
        self._metrics.event_streams.inc()
        try:
            yield subscription
        finally:
            self._metrics.event_streams.dec()
            others = self._subscribers.get(user_id, set())
            others.discard(subscription)
            if not others:
                self._subscribers.pop(user_id, None)

    def subscriber_count(self) -> int:
        """How many streams are open on this replica."""
        return sum(len(subscriptions) for subscriptions in self._subscribers.values())

    def close(self) -> None:
        """Ends every open stream and refuses new ones (at shutdown)."""
        self._closed = True
        for subscriptions in self._subscribers.values():
            for subscription in subscriptions:
                subscription.close()
