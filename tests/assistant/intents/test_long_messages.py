"""No message up to POST /chat's 4,000 characters holds the event loop for seconds.

Two readers grew quadratically with length: "move it" and " at 5" 800 times took 4 s of
CPU (reschedule tried every split of the message, reading the rest each time), and " ,"
2,000 times 3.5 s (the todo priority regex restarted inside every run of separators).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.assistant.parser import parse_message

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
UNITS = (" at 5", " ,", " back by", " every", " remind me", " add to my list", " the", " 1")
BOUND_S = 1.5  # a quadratic reader stalls for seconds; a loaded 2-core box adds some


def _cpu(text: str) -> float:
    start = time.process_time()
    parse_message(text, now=NOW, zone="UTC")
    return time.process_time() - start


@settings(max_examples=30)
@given(
    head=st.sampled_from(("move it", "remind me", "add", "push the dentist")),
    unit=st.sampled_from(UNITS),
    length=st.integers(min_value=1000, max_value=4000),
)
def test_a_long_repeated_message_is_read_within_the_bound(
    head: str, unit: str, length: int
) -> None:
    text = (head + unit * (length // len(unit) + 1))[:length]
    assert _cpu(text) < BOUND_S


def test_the_worst_known_messages_are_bounded() -> None:
    assert _cpu("move it" + " at 5" * 799) < BOUND_S
    assert _cpu("move it" + " ," * 1999) < BOUND_S
