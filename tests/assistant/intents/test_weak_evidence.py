"""No action on weak evidence: a time and other words, without request words, creates nothing.

Kind tests (hypothesis) over generated statements, texting-style requests and reported speech:
whatever the subject, verb and time, a message that does not ask ("remind me", "add",
"ping me"...) is read as Chat (no action), never as a reminder or a todo.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import Chat, NewReminder, read_turn
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
SUBJECTS = ("my train", "the kids", "dinner", "the meeting", "I", "we", "Sam", "my flight")
VERBS = ("leaves", "get out of school", "starts", "finish work", "usually wake up", "is", "lands")
TIMES = ("at 7", "at 7.15 tomorrow", "at 3:15", "tomorrow at 9", "at 6pm", "on friday at 10")
IMPERATIVES = ("call mum", "tell John to call me", "buy milk", "pick up the kids")


@given(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(TIMES))
def test_a_statement_with_a_time_creates_nothing(subject: str, verb: str, when: str) -> None:
    intent = read_turn(f"{subject} {verb} {when}", Turn.offline(now=NOW, zone="Europe/London"))
    assert isinstance(intent, Chat), intent


@given(st.sampled_from(IMPERATIVES), st.sampled_from(TIMES))
def test_words_and_a_time_are_offered_not_set(what: str, when: str) -> None:
    intent = read_turn(f"{what} {when}", Turn.offline(now=NOW, zone="Europe/London"))
    assert isinstance(intent, Chat), intent
    assert "remind me" in (intent.problem or ""), intent


@given(st.sampled_from(("ping me", "give me a nudge", "nudge me", "set an alarm")))
def test_other_asking_words_still_set_a_reminder(asking: str) -> None:
    turn = Turn.offline(now=NOW, zone="Europe/London")
    intent = read_turn(f"{asking} at 4 to check the oven", turn)
    assert isinstance(intent, NewReminder), intent
    assert intent.title == "check the oven"
