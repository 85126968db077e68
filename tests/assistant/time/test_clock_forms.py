"""24-hour clock forms ("at 1930", "at 0700", "19h30", "at 20h", "9 am sharp") and the short
weekend days ("on sat", "sun evening"), over every hour and minute (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import NewReminder, read_turn
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday; London is on UTC
TURN = Turn.offline(now=NOW, zone="Europe/London")


@given(st.integers(0, 23), st.integers(0, 59), st.booleans())
def test_a_four_digit_clock_is_that_hour_and_minute(hour: int, minute: int, french: bool) -> None:
    said = f"{hour}h{minute:02d}" if french else f"{hour:02d}{minute:02d}"
    intent = read_turn(f"remind me tomorrow at {said} to ring dad", TURN)
    assert isinstance(intent, NewReminder), intent
    assert intent.title == "ring dad"
    assert intent.at == datetime(2026, 11, 26, hour, minute, tzinfo=UTC)


@given(st.integers(1, 12), st.sampled_from(("am", "pm")))
def test_sharp_after_a_clock_is_the_clock(hour: int, half: str) -> None:
    intent = read_turn(f"remind me tomorrow at {hour} {half} sharp to call the boss", TURN)
    assert isinstance(intent, NewReminder), intent
    assert intent.title == "call the boss"
    assert intent.at.hour == hour % 12 + (12 if half == "pm" else 0)


@given(st.sampled_from((("on sat", 28, 9), ("sat morning", 28, 9), ("sun evening", 29, 19))))
def test_short_weekend_days_in_a_request(said: tuple[str, int, int]) -> None:
    words, day, hour = said
    intent = read_turn(f"remind me {words} to buy paint", TURN)
    assert isinstance(intent, NewReminder), intent
    assert intent.at == datetime(2026, 11, day, hour, tzinfo=UTC)


def test_sun_and_sat_as_words_stay_in_the_title() -> None:
    intent = read_turn("remind me to put on sun cream at 5", TURN)
    assert isinstance(intent, NewReminder), intent
    assert intent.title == "put on sun cream"
