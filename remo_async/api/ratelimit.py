"""A per-user token bucket: REMO_RATE_LIMIT requests/s with a burst, per replica."""

from __future__ import annotations

import time
from collections.abc import Callable

PRUNE_EVERY = 1024


class RateLimiter:
    """Refills `rate` tokens a second up to `burst`; each request takes one."""

    def __init__(
        self, *, rate: float, burst: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = rate
        self._burst = burst
        self._clock = clock
        # user -> (tokens left, when they were counted)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._calls = 0

    def take(self, user_id: str) -> float | None:
        """None when the request may go on; else the seconds until it may."""
        if self._rate <= 0:
            return None
        now = self._clock()
        tokens, then = self._buckets.get(user_id, (self._burst, now))
        tokens = min(self._burst, tokens + (now - then) * self._rate)
        self._calls += 1
        if self._calls % PRUNE_EVERY == 0:
            self._prune(now)
        if tokens < 1:
            self._buckets[user_id] = (tokens, now)
            return (1 - tokens) / self._rate
        self._buckets[user_id] = (tokens - 1, now)
        return None

    def _prune(self, now: float) -> None:
        # A bucket that has refilled completely is the same as no bucket: forget it.
        full_after = self._burst / self._rate
        for user_id, (_, then) in list(self._buckets.items()):
            if now - then >= full_after:
                del self._buckets[user_id]
