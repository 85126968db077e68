"""Mid-message corrections and two times in one request, as kinds (hypothesis).

A correction ("no wait", "sorry", "scratch that", "I mean", ...) between two times means
the second: the reading is that of the message with the first time and the correction
left out, and neither is left in the title. Two times joined by "and" ("at 3pm and again
at 5pm", "on sat and sun at 10") are both found (`Found.times`, in the order said), and no
single time is taken (`Found.at` None, a problem): the engine asks instead of dropping one.
The clock is Wednesday 2026-11-25 14:00 in London (UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import NeedTime, NewReminder, read_turn
from remo_async.assistant.time import find_time, parse_when
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
ZONE = "Europe/London"
TURN = Turn.offline(now=NOW, zone=ZONE)
CORRECTIONS = (
    *("no wait", "no, wait", "sorry", "no sorry", "no", "scratch that", "I mean"),
    *("i meant", "make that", "or rather", "actually", "oops", "wait", "actually make it"),
    *("no wait, make that", "sorry I mean"),
)
CLOCKS = st.one_of(
    st.integers(1, 12).map(str),
    st.tuples(st.integers(1, 12), st.integers(0, 59)).map(lambda t: f"{t[0]}:{t[1]:02d}"),
    st.tuples(st.integers(1, 12), st.sampled_from(["am", "pm"])).map(lambda t: f"{t[0]}{t[1]}"),
)
DAYS = st.sampled_from(
    ["tomorrow", "today", "friday", "saturday", "monday", "next tuesday", "sunday", "thurs"]
)


def _correction(draw: st.DrawFn) -> str:
    said = draw(st.sampled_from(CORRECTIONS))
    return draw(st.sampled_from([said, said.upper(), said.capitalize()]))


def _reminder(message: str) -> NewReminder:
    intent = read_turn(message, TURN)
    assert isinstance(intent, NewReminder), (message, intent)
    return intent


@st.composite
def corrected_clocks(draw: st.DrawFn) -> tuple[str, str]:
    day = draw(st.sampled_from(["", "tomorrow ", "on friday "]))
    first, second = draw(CLOCKS), draw(CLOCKS)
    again = draw(st.sampled_from(["", "at "]))
    fix = _correction(draw)
    return f"{day}at {first} {fix} {again}{second}", f"{day}at {second}"


@given(corrected_clocks())
def test_a_corrected_clock_is_the_second_one(said: tuple[str, str]) -> None:
    """'at 5 no wait 6' (was: 17:00 titled "no wait 6 to call mum")."""
    spoken, meant = said
    intent = _reminder(f"remind me {spoken} to call mum")
    assert (intent.title, intent.at) == ("call mum", parse_when(meant, now=NOW, zone=ZONE))


@st.composite
def corrected_days(draw: st.DrawFn) -> tuple[str, str]:
    first = draw(st.one_of(DAYS, st.just("tonight")))  # "tonight sorry friday": not at night
    second = draw(DAYS.filter(lambda d: d not in ("today",)))
    clock = draw(st.sampled_from(["", " at 10", " at 7pm"]))
    fix = _correction(draw)
    on = draw(st.sampled_from(["", "on "]))
    comma = draw(st.sampled_from([" ", ", "]))
    # The clock goes with the day said last; said before the correction it is kept.
    if draw(st.booleans()):
        return f"{on}{first}{comma}{fix}{comma}{second}{clock}", f"{second}{clock}"
    return f"{on}{first}{clock}{comma}{fix}{comma}{second}", f"{second}{clock}"


@given(corrected_days())
def test_a_corrected_day_is_the_second_one(said: tuple[str, str]) -> None:
    """'on friday, scratch that, saturday' (was: Friday, titled "scratch that, saturday,
    to wash the car"); 'tomorrow sorry friday at 10' (was: tomorrow 09:00)."""
    spoken, meant = said
    intent = _reminder(f"remind me {spoken} to wash the car")
    assert (intent.title, intent.at) == ("wash the car", parse_when(meant, now=NOW, zone=ZONE))


@given(
    st.integers(1, 59),
    st.integers(1, 59),
    st.sampled_from(["min", "mins", "minutes", "hours"]),
    st.sampled_from(["", "in "]),
)
def test_a_corrected_duration_is_the_second_one(
    first: int, second: int, unit: str, again: str
) -> None:
    """'in 10 min, no, 20 min' (was: in 10 minutes titled "no, 20 min to check the pasta")."""
    for fix in ("no", ", no,", "sorry", "no wait"):
        intent = _reminder(
            f"remind me in {first} {unit} {fix} {again}{second} {unit} to check the pasta"
        )
        expected = parse_when(f"in {second} {unit}", now=NOW, zone=ZONE)
        assert (intent.title, intent.at) == ("check the pasta", expected)


@st.composite
def two_clocks(draw: st.DrawFn) -> tuple[str, str, str]:
    first, second = draw(CLOCKS), draw(CLOCKS)
    day = draw(st.sampled_from(["", "tomorrow "]))
    join = draw(
        st.sampled_from(["and", "and again", "& again", "and then again", "or", "and then"])
    )
    at = draw(st.sampled_from(["at ", ""])) if not second.isdigit() else "at "
    return f"{day}at {first} {join} {at}{second}", f"{day}at {first}", f"{day}at {second}"


@given(two_clocks())
def test_two_clocks_for_one_request_are_both_found(said: tuple[str, str, str]) -> None:
    """'at 3pm and again at 5pm' (was: 15:00 titled "and again at 5pm to check the oven")."""
    spoken, one, other = said
    found = find_time(f"remind me {spoken} to check the oven", now=NOW, zone=ZONE)
    times = (parse_when(one, now=NOW, zone=ZONE), parse_when(other, now=NOW, zone=ZONE))
    assert found.at is None
    assert found.problem
    assert found.times == times
    intent = read_turn(f"remind me {spoken} to check the oven", TURN)
    assert isinstance(intent, NeedTime), intent
    assert intent.title == "check the oven"


@given(
    st.sampled_from(["sat", "sun", "saturday", "sunday", "friday", "fri", "mon", "tomorrow"]),
    st.sampled_from(["sat", "sun", "saturday", "sunday", "monday", "tuesday"]),
    st.sampled_from(["", " at 10", " at 6pm", " 9am"]),
)
def test_two_days_for_one_request_are_both_found(first: str, second: str, clock: str) -> None:
    """'on sat and sun at 10' (was: Saturday 10:00 titled "and sun to walk the dog")."""
    if first == second:
        return
    on = "" if first == "tomorrow" else "on "
    message = f"remind me {on}{first} and {second}{clock} to walk the dog"
    found = find_time(message, now=NOW, zone=ZONE)
    times = tuple(parse_when(f"{day}{clock}", now=NOW, zone=ZONE) for day in (first, second))
    assert found.at is None
    assert found.times == times


def test_a_time_then_again_later_in_the_sentence() -> None:
    """'at 5 to leave and then again at 5:15' (was: 17:00 with the second time in the title)."""
    intent = read_turn("remind me at 5 to leave and then again at 5:15 in case I ignore it", TURN)
    assert isinstance(intent, NeedTime), intent
    assert intent.title == "leave in case I ignore it"
    found = find_time("remind me at 5 to leave and then again at 5:15", now=NOW, zone=ZONE)
    assert found.times == (
        datetime(2026, 11, 25, 17, tzinfo=UTC),
        datetime(2026, 11, 25, 17, 15, tzinfo=UTC),
    )


@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.sampled_from(["and", "or", "&", "and again", "or at", "and at"]),
    st.sampled_from(["", "tomorrow ", "on friday "]),
)
def test_a_bare_second_hour_is_a_second_time(first: int, second: int, join: str, day: str) -> None:
    """'at 6 or 7', 'at 5 and 6' (was: 18:00 titled "call mum or 7": a time dropped)."""
    if first == second:
        return
    found = find_time(f"remind me {day}at {first} {join} {second} to call mum", now=NOW, zone=ZONE)
    times = tuple(parse_when(f"{day}at {hour}", now=NOW, zone=ZONE) for hour in (first, second))
    assert found.at is None
    assert found.times == times
    intent = read_turn(f"remind me {day}at {first} {join} {second} to call mum", TURN)
    assert isinstance(intent, NeedTime), intent
    assert intent.title == "call mum"


@given(
    st.sampled_from(["every day", "every weekday", "daily", "every monday", "every other week"]),
    st.integers(1, 12),
    st.integers(1, 12),
    st.sampled_from(["and", "or", "and again at", "& at"]),
)
def test_a_repeating_reminder_with_two_times_asks(
    every: str, first: int, second: int, join: str
) -> None:
    """'every weekday at 9 and 5' (was: a weekday rule at 09:00, the 5 dropped)."""
    if first == second:
        return
    intent = read_turn(f"remind me {every} at {first} {join} {second} to log my time", TURN)
    assert isinstance(intent, NeedTime), intent
