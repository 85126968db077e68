"""Web Push delivery (RFC 8030): the winning replica queues each fire, a worker pushes it.

One push per subscription of the reminder's user: the encrypted body (payload.py), a
VAPID Authorization (vapid.py), `TTL` (REMO_WEBPUSH_TTL) and `Urgency: high`. A 201 (any
2xx) is delivered; 404 or 410 means the subscription is gone and it is deleted; 429 and
5xx are retried with backoff (429 honours Retry-After) within the webhook retry policy;
other answers fail. A subscription past its `expirationTime` (real time) is deleted
unsent. Endpoints follow the webhook rules (https, public addresses, checked again by the
connection's resolver) unless REMO_WEBHOOK_ALLOW_INSECURE=true.
"""

from __future__ import annotations

import asyncio
import enum
import time
from collections.abc import Callable
from datetime import datetime

import aiohttp
import structlog

from remo_async.dispatch.queued import QueuedNotifier
from remo_async.dispatch.webhook_urls import UnsafeAddress, UnsafeWebhook, check_url_form
from remo_async.dispatch.webhooks import RetryPolicy
from remo_async.domain import Reminder
from remo_async.domain.times import utc_now
from remo_async.metrics import Metrics
from remo_async.push.models import PushSubscription
from remo_async.push.payload import encrypt, fired_payload
from remo_async.push.vapid import VapidKey
from remo_async.settings import Settings
from remo_async.store import Store, StoreError

log = structlog.get_logger("remo_async.push")

USER_AGENT = "remo-async-webpush/1"
QUEUE_SIZE = 10_000
CONCURRENCY = 8
MAX_RETRY_AFTER = 30.0


class Outcome(enum.StrEnum):
    DELIVERED = "delivered"
    RETRY = "retried"
    GONE = "gone"
    FAILED = "failed"
    REFUSED = "refused"
    DROPPED = "dropped"


class PushWorker(QueuedNotifier):
    """A Notifier that queues fires; run() pushes them to every subscription of the user."""

    kind = "push"

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        store: Store,
        settings: Settings,
        vapid: VapidKey,
        metrics: Metrics,
        policy: RetryPolicy | None = None,
        wall_clock: Callable[[], datetime] = utc_now,
        queue_size: int = QUEUE_SIZE,
        concurrency: int = CONCURRENCY,
    ) -> None:
        super().__init__(outcomes=metrics.push_sent, queue_size=queue_size, concurrency=concurrency)
        self._session = session
        self._store = store
        self._vapid = vapid
        self._ttl = settings.webpush_ttl
        self._per_user = settings.max_push_subscriptions
        self._allow_insecure = settings.webhook_allow_insecure
        self._metrics = metrics
        self._policy = policy or RetryPolicy.of(settings)
        self._wall_clock = wall_clock  # VAPID's exp is checked against real time

    def _count(self, outcome: Outcome) -> None:
        self._metrics.push_sent.labels(outcome).inc()

    async def deliver(self, reminder: Reminder) -> list[Outcome]:
        """Pushes one fire to each subscription of its user; the outcome of each.

        At most REMO_MAX_PUSH_SUBSCRIPTIONS of them, the most recently subscribed: the
        limit is checked before each subscribe, so a user can pass it only by a few racing
        subscribes (or an import), and the pushes of one fire must stay bounded whatever
        one user stored, as they share this replica's worker with every other user's.
        """
        try:
            subscriptions = [s async for s in self._store.push.iterate(user_id=reminder.user_id)]
        except StoreError as exc:
            self._count(Outcome.FAILED)
            log.warning("push subscriptions unreadable", user_id=reminder.user_id, reason=str(exc))
            return [Outcome.FAILED]
        if not subscriptions:
            return []
        if len(subscriptions) > self._per_user:
            subscriptions.sort(key=lambda s: s.updated_at, reverse=True)
            del subscriptions[self._per_user :]
        payload = fired_payload(reminder)
        return list(await asyncio.gather(*(self.push(s, payload, reminder) for s in subscriptions)))

    async def push(
        self, subscription: PushSubscription, payload: bytes, reminder: Reminder
    ) -> Outcome:
        """Sends one payload to one subscription, retrying as the policy says."""
        try:
            check_url_form(subscription.endpoint, allow_insecure=self._allow_insecure)
        except UnsafeWebhook as exc:
            return self._done(subscription, reminder, Outcome.REFUSED, f"endpoint {exc}")
        expires = subscription.expiration_time
        if expires is not None and expires <= self._wall_clock().timestamp() * 1000:
            # Push API 7.2: past its expirationTime a subscription is no longer valid, so it
            # is deleted without a request (its push service would answer 404 or 410).
            await self._forget(subscription)
            return self._done(subscription, reminder, Outcome.GONE, f"expired at {expires} ms")
        policy, started = self._policy, time.monotonic()
        for attempt in range(1, policy.attempts + 1):
            outcome, reason, wait = await self._attempt(subscription, payload)
            if outcome is Outcome.GONE:
                await self._forget(subscription)
            if outcome is not Outcome.RETRY:
                return self._done(subscription, reminder, outcome, reason, attempts=attempt)
            delay = max(policy.delay(attempt), wait)
            if attempt == policy.attempts or time.monotonic() - started + delay > policy.window:
                return self._done(subscription, reminder, Outcome.FAILED, reason, attempts=attempt)
            self._count(Outcome.RETRY)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns")

    async def _attempt(
        self, subscription: PushSubscription, payload: bytes
    ) -> tuple[Outcome, str, float]:
        # Encrypted afresh each attempt: a new sender key and salt (RFC 8291 section 3.4).
        body = encrypt(payload, subscription.keys)
        headers = {
            "Authorization": self._vapid.authorization(
                subscription.endpoint, now=self._wall_clock()
            ),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(self._ttl),
            "Urgency": "high",
            "User-Agent": USER_AGENT,
        }
        timeout = aiohttp.ClientTimeout(total=self._policy.timeout)
        try:
            async with self._session.post(
                subscription.endpoint,
                data=body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
            ) as response:
                status = response.status
                retry_after = response.headers.get("Retry-After", "")
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, UnsafeAddress):
                return Outcome.REFUSED, str(exc.os_error), 0.0
            return Outcome.RETRY, f"cannot connect: {exc.os_error}", 0.0
        except aiohttp.InvalidURL as exc:
            return Outcome.FAILED, f"invalid URL: {exc}", 0.0
        except (aiohttp.ClientError, TimeoutError) as exc:
            return Outcome.RETRY, f"network error: {type(exc).__name__}", 0.0
        if 200 <= status < 300:
            return Outcome.DELIVERED, str(status), 0.0
        if status in (404, 410):
            return Outcome.GONE, f"status {status}", 0.0
        if status == 429 or status >= 500:
            wait = float(retry_after) if retry_after.isdigit() else 0.0
            return Outcome.RETRY, f"status {status}", min(wait, MAX_RETRY_AFTER)
        return Outcome.FAILED, f"status {status}", 0.0

    async def _forget(self, subscription: PushSubscription) -> None:
        try:
            await self._store.push.delete(
                user_id=subscription.user_id,
                subscription_id=subscription.subscription_id,
                p256dh=subscription.keys.p256dh,
            )
        except StoreError as exc:
            log.warning("gone push subscription not deleted", reason=str(exc))

    def _done(
        self,
        subscription: PushSubscription,
        reminder: Reminder,
        outcome: Outcome,
        reason: str,
        *,
        attempts: int = 0,
    ) -> Outcome:
        self._count(outcome)
        level = log.info if outcome in (Outcome.DELIVERED, Outcome.GONE) else log.warning
        level(
            f"push {outcome}",
            reminder_id=reminder.reminder_id,
            user_id=reminder.user_id,
            subscription_id=subscription.subscription_id,
            reason=reason,
            attempts=attempts,
        )
        return outcome
