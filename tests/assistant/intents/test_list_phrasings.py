"""Ways of asking to see items that name no "reminder"/"todo" word ("show me everything",
"what's pending", "what's urgent") list, never create (hypothesis over openers and endings)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import ShowReminders, ShowTodos, Undo, read_turn
from remo_async.assistant.turn import Turn

TURN = Turn.offline(now=datetime(2026, 11, 25, 14, 0, tzinfo=UTC), zone="Europe/London")
ASKS = (
    *("show me everything", "show completed", "show all", "list pending", "what's pending"),
    *("what's overdue", "whats left", "what've I got the next few days", "what's urgent"),
    *("what urgent stuff do I have", "what important things", "what do i need to buy"),
    *("got anything for me today", "anything for me tomorrow"),
)


@given(st.sampled_from(ASKS), st.sampled_from(("", "?", " ?")))
def test_asking_to_see_lists(said: str, end: str) -> None:
    assert isinstance(read_turn(said + end, TURN), ShowReminders | ShowTodos)


def test_what_is_urgent_lists_urgent_todos() -> None:
    intent = read_turn("what's urgent?", TURN)
    assert isinstance(intent, ShowTodos)
    assert intent.priority == "urgent"


def test_what_to_buy_is_the_shopping_list() -> None:
    assert read_turn("what do I need to buy?", TURN) == ShowTodos(category="shopping")


@given(
    st.sampled_from(
        (
            "reminders are annoying",
            "my reminders keep going off",
            "can I cancel reminders?",
            "how do I snooze a reminder",
        )
    )
)
def test_talk_about_reminders_lists_nothing(said: str) -> None:
    assert not isinstance(read_turn(said, TURN), ShowReminders | ShowTodos)


@given(st.sampled_from(("undoo", "unddo", "scratch that", "scratch that!")))
def test_other_ways_to_say_undo(said: str) -> None:
    assert isinstance(read_turn(said, TURN), Undo)
