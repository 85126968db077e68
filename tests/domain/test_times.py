"""Stored time forms (domain/times.py): the fast readings equal the strict ones."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.domain.times import format_time, parse_stored


@given(
    st.one_of(
        st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
            lambda moment: format_time(moment.replace(tzinfo=UTC))
        ),
        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", fullmatch=True),
        st.from_regex(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z", fullmatch=True),
    )
)
def test_parse_stored_reads_as_the_strict_formats_read(text: str) -> None:
    # parse_stored reads format_time's form by fromisoformat: the same as strptime reads
    # it, and for anything else strptime's answer or its ValueError.
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if "." in text else "%Y-%m-%dT%H:%M:%SZ"
    try:
        expected: datetime | None = datetime.strptime(text, fmt).replace(tzinfo=UTC)
    except ValueError:
        expected = None
    try:
        found: datetime | None = parse_stored(text)
    except ValueError:
        found = None
    assert found == expected


@given(st.datetimes(timezones=st.timezones()))
def test_format_time_is_the_utc_time_to_the_second(value: datetime) -> None:
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        return
    assert format_time(value) == f"{utc.year:04d}-{utc:%m-%dT%H:%M:%S}Z"
