"""Test helpers for live events: an SSE reader and a bounded wait for a condition."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientResponse

from remo_async.metrics import Metrics


@dataclass
class SseEvent:
    """One event as a client sees it."""

    id: str
    event: str
    data: str

    def json(self) -> Any:
        return json.loads(self.data)


class SseReader:
    """Reads events from a text/event-stream response, skipping comments and retry lines."""

    def __init__(self, response: ClientResponse) -> None:
        self.response = response
        self.comments: list[str] = []

    async def next(self, *, within: float = 20.0) -> SseEvent:
        """The next event; fails the test when none comes in time."""
        return await asyncio.wait_for(self._next(), timeout=within)

    async def take(self, count: int, *, within: float = 20.0) -> list[SseEvent]:
        """The next count events."""
        return [await self.next(within=within) for _ in range(count)]

    async def _next(self) -> SseEvent:
        fields: dict[str, str] = {}
        while True:
            raw = await self.response.content.readline()
            if not raw:
                raise EOFError("the stream ended")
            line = raw.decode().rstrip("\n")
            if not line:
                if "event" in fields:
                    return SseEvent(fields.get("id", ""), fields["event"], fields.get("data", ""))
                continue
            if line.startswith(":"):
                self.comments.append(line)
                continue
            name, _, value = line.partition(": ")
            fields[name] = value


async def wait_until(
    condition: Callable[[], bool], *, within: float = 20.0, what: str = "condition"
) -> None:
    """Polls condition until it holds; fails after `within` seconds (a bound, not a sleep)."""
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    """The current value of one metric sample (0 when never counted)."""
    value = metrics.registry.get_sample_value(name, labels)
    return value or 0.0
