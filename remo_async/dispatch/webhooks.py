"""Signed webhooks: the winning replica's dispatcher queues each fire, a worker sends it.

Queueing keeps a slow or dead receiver from holding up the dispatcher. Each delivery is
retried with backoff on a network error, a 5xx or a 429, for a bounded number of attempts
within a bounded time; its outcome is counted in /metrics.
"""

from __future__ import annotations

import asyncio
import enum
import hashlib
import hmac
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
import structlog

from remo_async.dispatch.events import FIRED_EVENT, fire_id
from remo_async.dispatch.queued import QueuedNotifier
from remo_async.dispatch.webhook_urls import UnsafeAddress, UnsafeWebhook, check_url_form
from remo_async.domain import Reminder
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store, StoreError

log = structlog.get_logger("remo_async.webhooks")

SIGNATURE_HEADER = "X-Remo-Signature"
USER_AGENT = "remo-async-webhooks/1"
RETRY_WINDOW = 60.0
QUEUE_SIZE = 10_000
CONCURRENCY = 8


class Outcome(enum.StrEnum):
    DELIVERED = "delivered"
    RETRY = "retried"
    FAILED = "failed"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard one delivery tries."""

    attempts: int
    timeout: float
    backoff: float
    window: float = RETRY_WINDOW

    @classmethod
    def of(cls, settings: Settings) -> RetryPolicy:
        """The policy the settings describe."""
        return cls(
            attempts=settings.webhook_attempts,
            timeout=settings.webhook_timeout,
            backoff=settings.webhook_backoff,
        )

    def delay(self, attempt: int) -> float:
        """The wait after a failed attempt (1-based): doubling, with jitter."""
        return float(self.backoff * 2 ** (attempt - 1) * random.uniform(0.5, 1.0))


def sign(body: bytes, *, secret: str, timestamp: int) -> str:
    """The X-Remo-Signature value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def webhook_body(reminder: Reminder) -> bytes:
    """The JSON body of a reminder.fired webhook."""
    payload = {"event": FIRED_EVENT, "reminder": reminder.model_dump(mode="json")}
    return json.dumps(payload, separators=(",", ":")).encode()


class WebhookWorker(QueuedNotifier):
    """A Notifier that queues fires; run() sends them, a few at a time."""

    kind = "webhook"

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        store: Store,
        settings: Settings,
        metrics: Metrics,
        policy: RetryPolicy | None = None,
        queue_size: int = QUEUE_SIZE,
        concurrency: int = CONCURRENCY,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(outcomes=metrics.webhooks, queue_size=queue_size, concurrency=concurrency)
        self._session = session
        self._store = store
        self._allow_insecure = settings.webhook_allow_insecure
        self._metrics = metrics
        self._policy = policy or RetryPolicy.of(settings)
        self._wall_clock = wall_clock

    async def deliver(self, reminder: Reminder) -> Outcome | None:
        """Sends one fire to its user's webhook, if any; None when the user has none."""
        try:
            preferences = await self._store.users.get_preferences(privy_id=reminder.user_id)
        except StoreError as exc:
            return self._done(reminder, Outcome.FAILED, reason=f"preferences unreadable: {exc}")
        url, secret = preferences.webhook_url, preferences.extra().get("webhook_secret")
        if not url:
            return None
        if not isinstance(secret, str) or not secret:
            return self._done(reminder, Outcome.REFUSED, reason="no webhook_secret to sign with")
        try:
            check_url_form(url, allow_insecure=self._allow_insecure)
        except UnsafeWebhook as exc:
            return self._done(reminder, Outcome.REFUSED, reason=f"webhook_url {exc}")
        return await self._send(reminder, url=url, secret=secret)

    async def _send(self, reminder: Reminder, *, url: str, secret: str) -> Outcome:
        body = webhook_body(reminder)
        policy = self._policy
        delivery = fire_id(reminder)
        started = time.monotonic()
        for attempt in range(1, policy.attempts + 1):
            outcome, reason = await self._attempt(url, body, secret=secret, delivery=delivery)
            if outcome is not Outcome.RETRY:
                return self._done(reminder, outcome, reason=reason, attempts=attempt)
            delay = policy.delay(attempt)
            if attempt == policy.attempts or time.monotonic() - started + delay > policy.window:
                return self._done(reminder, Outcome.FAILED, reason=reason, attempts=attempt)
            self._metrics.webhooks.labels(Outcome.RETRY).inc()
            log.info("webhook retry", reminder_id=reminder.reminder_id, reason=reason, delay=delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns")

    async def _attempt(
        self, url: str, body: bytes, *, secret: str, delivery: str
    ) -> tuple[Outcome, str]:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Remo-Event": FIRED_EVENT,
            # The same on every retry, so a receiver can drop repeats.
            "X-Remo-Delivery": delivery,
            SIGNATURE_HEADER: sign(body, secret=secret, timestamp=int(self._wall_clock())),
        }
        timeout = aiohttp.ClientTimeout(total=self._policy.timeout)
        try:
            async with self._session.post(
                url, data=body, headers=headers, timeout=timeout, allow_redirects=False
            ) as response:
                status = response.status
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, UnsafeAddress):
                return Outcome.REFUSED, str(exc.os_error)
            return Outcome.RETRY, f"cannot connect: {exc.os_error}"
        except aiohttp.InvalidURL as exc:
            return Outcome.FAILED, f"invalid URL: {exc}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return Outcome.RETRY, f"network error: {type(exc).__name__}"
        if 200 <= status < 300:
            return Outcome.DELIVERED, str(status)
        if status >= 500 or status == 429:
            return Outcome.RETRY, f"status {status}"
        # Redirects are not followed: they could lead anywhere, inside the network too.
        return Outcome.FAILED, f"status {status}"

    def _done(
        self, reminder: Reminder, outcome: Outcome, *, reason: str, attempts: int = 0
    ) -> Outcome:
        self._metrics.webhooks.labels(outcome).inc()
        level = log.info if outcome is Outcome.DELIVERED else log.warning
        level(
            f"webhook {outcome}",
            reminder_id=reminder.reminder_id,
            user_id=reminder.user_id,
            reason=reason,
            attempts=attempts,
        )
        return outcome
