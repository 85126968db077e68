"""Pure rules: ids, shards, TTL, transitions, time formats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remo_async.domain import ReminderStatus, TodoStatus
from remo_async.domain.rules import (
    InvalidTransition,
    check_reminder_transition,
    check_todo_transition,
    due_shard,
    message_ttl,
    new_reminder_id,
    new_todo_id,
    record_ttl,
)
from remo_async.domain.times import check_timezone, format_time, format_timestamp, parse_stored

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_ids_are_prefixed_unique_and_ordered() -> None:
    ids = [new_reminder_id() for _ in range(1000)]
    assert all(i.startswith("rem_") and len(i) == 30 for i in ids)
    assert len(set(ids)) == 1000
    assert new_todo_id().startswith("todo_")


@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=64))
def test_due_shard_is_stable_and_in_range(reminder_id: str, shards: int) -> None:
    shard = due_shard(reminder_id, shards)
    assert shard == due_shard(reminder_id, shards)
    assert 0 <= int(shard) < shards


def test_due_shards_spread() -> None:
    counts: dict[str, int] = {}
    for _ in range(8000):
        shard = due_shard(new_reminder_id(), 8)
        counts[shard] = counts.get(shard, 0) + 1
    assert set(counts) == {str(i) for i in range(8)}
    assert min(counts.values()) > 800


def test_ttl_rules() -> None:
    assert record_ttl(written_at=NOW, retention_days=365) == int(
        (NOW + timedelta(days=365)).timestamp()
    )
    due = NOW + timedelta(days=800)
    assert record_ttl(written_at=NOW, retention_days=365, pending_until=due) > due.timestamp()
    assert message_ttl(sent_at=NOW, ttl_days=30) == int((NOW + timedelta(days=30)).timestamp())


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("pending", "fired", True),
        ("pending", "done", True),
        ("fired", "pending", True),
        ("fired", "cancelled", True),
        ("done", "pending", True),
        ("done", "cancelled", False),
        ("cancelled", "fired", False),
        ("done", "done", True),
    ],
)
def test_reminder_transitions(current: str, target: str, allowed: bool) -> None:
    if allowed:
        check_reminder_transition(ReminderStatus(current), ReminderStatus(target))
    else:
        with pytest.raises(InvalidTransition):
            check_reminder_transition(ReminderStatus(current), ReminderStatus(target))


def test_todo_transitions() -> None:
    check_todo_transition(TodoStatus.DONE, TodoStatus.PENDING)
    with pytest.raises(InvalidTransition):
        check_todo_transition(TodoStatus.CANCELLED, TodoStatus.DONE)


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 2), max_value=datetime(9999, 1, 1), timezones=st.just(UTC)
    )
)
def test_stored_times_sort_as_strings_and_round_trip(value: datetime) -> None:
    assert parse_stored(format_timestamp(value)) == value
    assert parse_stored(format_time(value)) == value.replace(microsecond=0)
    later = value + timedelta(microseconds=1)
    assert format_timestamp(value) < format_timestamp(later)
    assert len(format_timestamp(value)) == 27


def test_time_zones() -> None:
    assert check_timezone("Asia/Kolkata") == "Asia/Kolkata"
    with pytest.raises(ValueError, match="unknown IANA time zone"):
        check_timezone("Mars/Olympus")
    with pytest.raises(ValueError, match="offset"):
        format_time(datetime(2026, 1, 1))
