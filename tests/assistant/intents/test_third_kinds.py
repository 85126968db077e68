"""Families the third unseen batch (tests/assistant/test_unseen_third.py) found misread,
tested as kinds over generated phrasings:

- a lead-in before a request ("quick one -", "btw", "before I forget,", "listen,", "just a
  heads up,", "um so like") reads as the request without it;
- dictated punctuation ("... period", "full stop", "question mark", "exclamation mark",
  "milk comma eggs") is the mark it names, never part of the title; "the trial period" and
  "my period", "a comma" keep their word.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import NewReminder, read_turn
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday; London is on UTC
TURN = Turn.offline(now=NOW, zone="Europe/London")
REQUESTS = st.sampled_from(
    (
        "remind me at 4 to move the car",
        "can you remind me at 5 to feed the cat",
        "remind me to return the library books on saturday",
        "add printer ink to my work list",
        "cancel the gym reminder",
        "what's on tomorrow",
    )
)
LEADS = st.sampled_from(
    (
        "quick one -",
        "quick q",
        "btw",
        "by the way,",
        "just a heads up,",
        "heads up:",
        "um so like",
        "listen,",
        "right,",
        "look,",
        "before I forget,",
    )
)


@given(LEADS, REQUESTS)
def test_a_lead_in_reads_as_the_request_without_it(lead: str, request: str) -> None:
    assert read_turn(f"{lead} {request}", TURN) == read_turn(request, TURN)


TASKS = st.sampled_from(("call mum", "email the landlord", "take the pizza out", "stretch"))
MARKS = st.sampled_from(
    ("period", "full stop", "question mark", "exclamation mark", "period thank you")
)


@given(TASKS, MARKS, st.sampled_from(("remind me to {t} at 5 {m}", "remind me at 5 to {t} {m}")))
def test_dictated_punctuation_is_not_part_of_the_title(task: str, mark: str, shape: str) -> None:
    said = shape.format(t=task, m=mark)
    got = read_turn(said, TURN)
    assert got == NewReminder(title=task, at=datetime(2026, 11, 25, 17, tzinfo=UTC)), said


@given(st.sampled_from(("milk", "eggs", "bread", "oat milk")), st.sampled_from(("eggs", "jam")))
def test_a_dictated_comma_is_a_comma(first: str, second: str) -> None:
    got = read_turn(f"remind me to buy {first} comma {second} at 5", TURN)
    assert isinstance(got, NewReminder)
    assert got.title == f"buy {first}, {second}"


@given(
    st.sampled_from(
        (
            "cancel the free trial period",
            "log my period",
            "end the grace period",
            "add a comma to the essay",
            "fix the comma in the title",
        )
    )
)
def test_period_or_comma_as_a_noun_stays_in_the_title(task: str) -> None:
    got = read_turn(f"remind me to {task} at 5", TURN)
    assert isinstance(got, NewReminder)
    assert got.title == task
