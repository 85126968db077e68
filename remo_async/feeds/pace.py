"""Cooperative slices: long CPU work on the event loop that lets other requests run.

A feed is rendered on the event loop itself, item by item, and gives the loop a turn
whenever SLICE_SECONDS of work ran without one. A worker thread was worse: competing for
the GIL with it, the loop waited 150-400 ms at a time (measured with 1,500 to 15,000
items); a process pool would first pickle every item on the loop. In slices, no other
request waits more than about one slice.
"""

from __future__ import annotations

import asyncio
import time

SLICE_SECONDS = 0.005
"""Work done between two turns of the event loop (5 ms: a request in between waits that)."""


class Pacer:
    """Call `await pacer.turn()` between small steps; it yields when a slice is used up."""

    def __init__(self, budget: float = SLICE_SECONDS) -> None:
        self._budget = budget
        self._since = time.perf_counter()

    async def turn(self) -> None:
        """Gives the loop a turn (asyncio.sleep(0)) once `budget` seconds ran without one."""
        if time.perf_counter() - self._since >= self._budget:
            await asyncio.sleep(0)
            self._since = time.perf_counter()
