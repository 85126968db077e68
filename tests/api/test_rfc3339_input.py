"""An RFC 3339 time in a request is read at once (views.common.rfc3339_instant), exactly
as parse_when reads it: generated times of every year, offset, fraction and letter case,
and strings near them, are read the same or left to parse_when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remo_async.api.views.common import rfc3339_instant
from remo_async.assistant.time.when import WhenError, parse_when

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
ZONES = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])


@st.composite
def rfc3339_times(draw: st.DrawFn) -> str:
    """RFC 3339 date-times, section 5.6: any offset, 0..6 fraction digits, t/z in any case."""
    moment = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    text = day + draw(st.sampled_from("Tt")) + moment.strftime("%H:%M:%S")
    digits = draw(st.integers(0, 6))
    if digits:
        text += "." + f"{moment.microsecond:06d}"[:digits]
    minutes = draw(st.integers(-(24 * 60 - 1), 24 * 60 - 1))
    if minutes == 0 and draw(st.booleans()):
        return text + draw(st.sampled_from("Zz"))
    sign = "-" if minutes < 0 else "+"
    return text + f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def near(text: str) -> st.SearchStrategy[str]:
    """The text with one character replaced, inserted or removed."""
    position = st.integers(0, len(text))
    character = st.sampled_from("0123456789-:.+TtZz ,")
    return st.one_of(
        st.tuples(position, character).map(lambda p: text[: p[0]] + p[1] + text[p[0] + 1 :]),
        st.tuples(position, character).map(lambda p: text[: p[0]] + p[1] + text[p[0] :]),
        position.map(lambda p: text[:p] + text[p + 1 :]),
    )


def parse_when_or_none(text: str, zone: str) -> datetime | None:
    try:
        return parse_when(text, now=NOW, zone=zone)
    except WhenError:
        return None


@given(rfc3339_times(), ZONES)
def test_an_rfc3339_time_is_read_as_parse_when_reads_it(text: str, zone: str) -> None:
    fast = rfc3339_instant(text)
    assert fast == parse_when_or_none(text, zone)
    if fast is not None:
        assert fast.tzinfo is UTC


@given(rfc3339_times().flatmap(near), ZONES)
def test_a_string_near_one_is_read_the_same_or_left_to_parse_when(text: str, zone: str) -> None:
    fast = rfc3339_instant(text)
    if fast is not None:
        assert fast == parse_when_or_none(text, zone)


def test_an_offset_is_kept_as_the_instant() -> None:
    found = rfc3339_instant("2026-12-31T08:00:00.25+05:30")
    expected = datetime(2026, 12, 31, 8, 0, 0, 250000, tzinfo=timezone(timedelta(hours=5.5)))
    assert found == expected.astimezone(UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30T08:00:00Z",  # no such day: parse_when says so
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "2026-12-31T08:00:00",  # no offset: read in the user's zone by parse_when
        "2026-12-31",
        "tomorrow at 9",
        " 2026-12-31T08:00:00Z",
        "2026-12-31T08:00:00.1234567Z",
    ],
)
def test_other_input_is_left_to_parse_when(text: str) -> None:
    assert rfc3339_instant(text) is None
