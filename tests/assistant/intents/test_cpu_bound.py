"""One message costs a bounded amount of CPU, however it is built, up to POST /chat's
4,000 characters (`ChatIn.message`, remo_async/api/schemas.py), so one user cannot stall
the event loop for the others.

Found by this test on the engine before the fix (worst case of one message, thread CPU):
"remind me to " + ", please" repeated never finished (the closing-courtesy regex read
every comma two ways: exponential), "half past eight " repeated to 600 characters never
finished either (each "8:30" read as a clock or a bare hour: exponential), and
strip_politeness's closing courtesies took 0.1 s on 4,000 characters of "please " (a
repeated group searched from every start: quadratic). Now each regex has one reading,
courtesies are stripped from the end within a window, and a message over MAX_REQUEST
characters is asked about unread.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.assistant.intents import Chat, answer_time, read_turn
from remo_async.assistant.text import MAX_MESSAGE, MAX_REQUEST, TOO_LONG
from remo_async.assistant.time import parse_due
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
TURN = Turn.offline(now=NOW, zone="Europe/London")
BOUND_S = 0.05  # 50 ms of CPU for one message; the worst measured is about 20 ms
UNITS = (
    *("please ", "pls ", ", please", " thanks", "hey remo ", "could you ", "do me a favour and "),
    *("kindly ", "ok ", "thx 🙏", "tomorrow ", "tomorow ", "at 5 ", "half past eight ", "8:30 "),
    *("every monday ", "in 20 minutes ", "quarter to ten ", "an hour and a half ", "and "),
    *(" and", "at 5 and ", "1 ", "12 ", "123456", "9.45pm ", "2030-06-01 ", "june 1st "),
    *("x", "a", ",", ", ", ". ", "? ", "!", "-", "'", "🙏", "🙏 ", "日本語", "привет ", "مرحبا "),
    *("remind me to ", "cancel ", "add milk to my list ", "move it ", "the ", "it ", "#home "),
    *("urgent: ", "(high priority) ", "asap ", "every other ", "of ", "last ", "later ", "sat "),
    *("not now ", "done ", "both ", "first ", "one ", "a couple of ", "end of the week "),
)
HEADS = ("", "remind me to ", "add ", "move it ", "cancel ", "hey remo please ", "mark ")


def _cpu(text: str) -> float:
    start = time.thread_time()  # CPU of this thread: a loaded machine's waits are not ours
    read_turn(text, TURN)
    return time.thread_time() - start


def _repeat(head: str, unit: str, length: int) -> str:
    return (head + unit * (length // len(unit) + 1))[:length]


# Loaded once per process, not per message: the English word list (about 0.2 s, the first
# near-miss of a time word) and dateparser (about 0.13 s, the first due date our rules do
# not read).
read_turn("remind me tomorow to warm up", TURN)
parse_due("12/24", now=NOW, zone="UTC")


@settings(max_examples=150, deadline=None)
@given(
    head=st.sampled_from(HEADS),
    units=st.lists(st.sampled_from(UNITS), min_size=1, max_size=3),
    length=st.one_of(
        st.integers(MAX_REQUEST - 40, MAX_REQUEST),  # the longest messages that are read
        st.integers(1, MAX_MESSAGE),
    ),
)
def test_any_message_up_to_the_limit_is_read_within_the_bound(
    head: str, units: list[str], length: int
) -> None:
    assert _cpu(_repeat(head, "".join(units), length)) < BOUND_S


def test_every_repeated_unit_at_the_read_limit_and_the_api_limit_is_bounded() -> None:
    worst = max(
        (_cpu(_repeat(head, unit, length)), head, unit, length)
        for head in HEADS
        for unit in UNITS
        for length in (MAX_REQUEST, MAX_MESSAGE)
    )
    assert worst[0] < BOUND_S, worst


def test_a_message_over_the_read_limit_is_asked_about() -> None:
    said = "remind me to call mum tomorrow at 10am " + "and " * MAX_REQUEST
    assert read_turn(said, TURN) == Chat(topic="unknown", problem=TOO_LONG)


def test_a_long_answer_in_the_history_is_searched_at_its_end_only() -> None:
    answer = "When should I remind you to " * 570 + "x"  # 16,000 characters, no question
    start = time.thread_time()
    assert answer_time.asked_title(answer) is None
    assert answer_time.asked_title("x " * 8000 + "When should I remind you to call mum?") == (
        "call mum",
        "to",
    )
    assert time.thread_time() - start < BOUND_S
