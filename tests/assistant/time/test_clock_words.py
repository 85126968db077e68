"""Clock times said in words and idioms, and word amounts, across zones and DST days.

Each generated phrase knows what it means (tests/assistant/time/oracle.py computes the
instant on its own); the grammar must return exactly that, alone and inside a sentence,
and the sentence must come back whole once the phrase is cut out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.time import WhenError, find_time, parse_when, remove_spans
from tests.assistant.time.oracle import (
    WORDS,
    bare_hour,
    local_today,
    moments,
    next_ahead,
    wall_to_utc,
)

MINUTE_WORDS = {5: "five", 10: "ten", 15: "quarter", 20: "twenty", 25: "twenty-five", 30: "half"}


@dataclass(frozen=True)
class Said:
    """A time of day as said: hour 1..12 and bare (the bare-hour rule), or 0..23."""

    text: str
    hour: int
    minute: int
    bare: bool
    midnight: bool = False


def _hour_said(draw: st.DrawFn, hour: int) -> str:
    return draw(st.sampled_from([str(hour), WORDS[hour - 1], WORDS[hour - 1].capitalize()]))


@st.composite
def clock_words(draw: st.DrawFn) -> Said:
    kind = draw(st.integers(0, 7))
    hour = draw(st.integers(1, 12))
    if kind == 0:
        return Said(f"at {_hour_said(draw, hour)}", hour, 0, bare=True)
    if kind == 1:
        oclock = draw(st.sampled_from(["o'clock", "oclock", "o clock"]))
        return Said(f"{_hour_said(draw, hour)} {oclock}", hour, 0, bare=True)
    if kind == 2:
        minute = draw(st.sampled_from(sorted(MINUTE_WORDS)))
        word = draw(st.sampled_from(["past", "after"])) if minute != 30 else "past"
        return Said(f"{MINUTE_WORDS[minute]} {word} {WORDS[hour - 1]}", hour, minute, bare=True)
    if kind == 3:
        named = draw(st.sampled_from([3, 4, 5, 6, 7, 9, 10, 11]))  # H-1 in H's half of day
        minute = draw(st.sampled_from([5, 10, 15, 20, 25]))
        text = f"{MINUTE_WORDS[minute]} to {WORDS[named - 1]}"
        return Said(text, named - 1, 60 - minute, bare=True)
    if kind == 4:
        word = draw(st.sampled_from(["noon", "midday", "12 noon"]))
        return Said(f"at {word}", 12, 0, bare=False)
    if kind == 5:
        return Said("at midnight", 0, 0, bare=False, midnight=True)
    if kind == 6:
        minute = draw(st.integers(0, 59))
        half = draw(st.sampled_from(["am", "pm"]))
        hour24 = hour % 12 + (12 if half == "pm" else 0)
        return Said(f"at {hour}.{minute:02d}{half}", hour24, minute, bare=False)
    part = draw(st.sampled_from(["morning", "evening"]))
    if part == "evening":
        hour = draw(st.integers(5, 11))
        return Said(f"at {_hour_said(draw, hour)} in the evening", hour + 12, 0, bare=False)
    return Said(f"at {_hour_said(draw, hour % 12 or 1)} in the morning", hour % 12 or 1, 0, False)


def _expected(said: Said, now: datetime, zone: str, *, day: str) -> datetime | None:
    """The instant, or None where "today at ..." is already past (a WhenError)."""
    today = local_today(now, zone)
    if said.midnight:
        return wall_to_utc(today + timedelta(days=2 if day == "tomorrow" else 1), 0, 0, zone)
    hour = said.hour
    if said.bare:
        hour = bare_hour(said.hour, said.minute, now, zone, day_named=day != "")
    if day == "tomorrow":
        return wall_to_utc(today + timedelta(days=1), hour, said.minute, zone)
    if day == "today":
        at = wall_to_utc(today, hour, said.minute, zone)
        return at if at > now else None
    return next_ahead(hour, said.minute, now, zone)


@given(said=clock_words(), moment=moments(), day=st.sampled_from(["", "tomorrow", "today"]))
def test_a_clock_in_words_is_the_instant_it_names(
    said: Said, moment: tuple[str, datetime], day: str
) -> None:
    zone, now = moment
    text = f"{day} {said.text}".strip()
    expected = _expected(said, now, zone, day=day)
    if expected is None:
        with pytest.raises(WhenError, match="already past"):
            parse_when(text, now=now, zone=zone)
        return
    assert parse_when(text, now=now, zone=zone) == expected
    sentence = f"remind me {text} to water the ferns"
    found = find_time(sentence, now=now, zone=zone)
    assert found.at == expected
    assert remove_spans(sentence, found.spans) == "remind me to water the ferns"


AMOUNTS = [
    ("a couple of hours", timedelta(hours=2)),
    ("a couple hours", timedelta(hours=2)),
    ("a few minutes", timedelta(minutes=3)),
    ("a few hours", timedelta(hours=3)),
    ("an hour and a half", timedelta(minutes=90)),
    ("one and a half hours", timedelta(minutes=90)),
    ("half an hour", timedelta(minutes=30)),
    ("a quarter of an hour", timedelta(minutes=15)),
    ("three quarters of an hour", timedelta(minutes=45)),
    ("an hour", timedelta(hours=1)),
    ("a minute", timedelta(minutes=1)),
    ("twenty minutes", timedelta(minutes=20)),
    ("twenty-five minutes", timedelta(minutes=25)),
    ("forty five mins", timedelta(minutes=45)),
    ("two hrs", timedelta(hours=2)),
]


@pytest.mark.parametrize(("said", "delta"), AMOUNTS)
@given(moment=moments())
def test_word_amounts_pass_on_the_clock(
    said: str, delta: timedelta, moment: tuple[str, datetime]
) -> None:
    zone, now = moment
    assert parse_when(f"in {said}", now=now, zone=zone) == now + delta
    found = find_time(f"ping me in {said} about the oven", now=now, zone=zone)
    assert found.at == now + delta
    assert remove_spans(f"ping me in {said} about the oven", found.spans) == (
        "ping me about the oven"
    )


@given(moment=moments())
def test_a_fortnight_keeps_the_time_of_day(moment: tuple[str, datetime]) -> None:
    zone, now = moment
    local = now.astimezone(ZoneInfo(zone))
    day = local.date() + timedelta(days=14)
    expected = wall_to_utc(day, local.hour, local.minute, zone)
    assert parse_when("in a fortnight", now=now, zone=zone) == expected
    assert parse_when("in 2 weeks", now=now, zone=zone) == expected


@pytest.mark.parametrize(
    ("text", "zone", "now", "expected"),
    [
        # A named day, today included, makes a bare 1..7 pm (fails if "today" counts as none).
        ("today at ten to six", "America/New_York", "2027-03-13T07:28", "2027-03-13T22:50"),
        ("at 6 o'clock on Sunday", "Pacific/Chatham", "2027-04-03T11:32", "2027-04-04T05:15"),
        ("at 7 o'clock today", "Europe/London", "2027-06-09T05:00", "2027-06-09T18:00"),
        # An am reading the spring-forward day skips is not ahead: pm.
        ("at ten to three", "America/St_Johns", "2027-03-14T04:53", "2027-03-14T17:20"),
        ("at two o'clock", "America/New_York", "2027-03-14T06:07", "2027-03-14T18:00"),
        # No day named and the am reading still ahead: am.
        ("at ten to six", "America/New_York", "2027-03-13T07:28", "2027-03-13T10:50"),
    ],
)
def test_the_bare_hour_rule(text: str, zone: str, now: str, expected: str) -> None:
    at = parse_when(text, now=datetime.fromisoformat(now + "+00:00"), zone=zone)
    assert at == datetime.fromisoformat(expected + "+00:00")
