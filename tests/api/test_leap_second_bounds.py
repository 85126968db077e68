"""Only the seconds field may say 60 (RFC 3339 5.7's leap second), in every reader of times.

read_bound once turned any ":60" into ":59", so a list's `from=2026-01-01T12:60:00Z` (a
minute that does not exist) was read as 12:59. The leap second's rewrite is now one
function, shared by read_time, read_due and read_bound, that touches the seconds only.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remo_async.api.problems import HttpProblem
from remo_async.api.views.common import read_bound

DAYS = st.dates(min_value=datetime(1972, 1, 1).date(), max_value=datetime(2099, 12, 31).date())
OFFSETS = st.sampled_from(["Z", "z", "+00:00", "+05:30", "-08:00", "+14:00", ""])


@given(day=DAYS, hour=st.integers(0, 23), minute=st.integers(60, 99), second=st.integers(0, 60))
def test_a_minute_of_60_or_more_is_refused(
    day: object, hour: int, minute: int, second: int
) -> None:
    with pytest.raises(HttpProblem):
        read_bound(f"{day}T{hour:02d}:{minute}:{second:02d}Z", zone="UTC", field="from")


@given(
    day=DAYS,
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    fraction=st.sampled_from(["", ".0", ".5", ".123456"]),
    offset=OFFSETS,
    sep=st.sampled_from(["T", "t", " "]),
)
def test_a_leap_second_is_the_second_before(
    *, day: object, hour: int, minute: int, fraction: str, offset: str, sep: str
) -> None:
    leap = read_bound(
        f"{day}{sep}{hour:02d}:{minute:02d}:60{fraction}{offset}", zone="UTC", field="to"
    )
    before = read_bound(
        f"{day}T{hour:02d}:{minute:02d}:59{fraction}{offset}", zone="UTC", field="to"
    )
    assert leap == before
    assert leap.astimezone(UTC) - before.astimezone(UTC) == timedelta(0)
