"""The event loop's longest wait: a ticker task that sleeps 1 ms and records each gap."""

from __future__ import annotations

import asyncio
import time
from types import TracebackType


class LoopWatch:
    """`async with LoopWatch() as watch: ...`; then `watch.longest` (seconds)."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._done = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    @property
    def longest(self) -> float:
        """The longest the ticker waited beyond being due (its 1 ms sleep included)."""
        return max(self.gaps, default=0.0)

    async def _tick(self) -> None:
        last = time.perf_counter()
        while not self._done.is_set():
            await asyncio.sleep(0.001)
            self.gaps.append(time.perf_counter() - last)
            last = time.perf_counter()

    async def __aenter__(self) -> LoopWatch:
        self._task = asyncio.create_task(self._tick())
        await asyncio.sleep(0)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._task is not None:
            await self._task
