"""Export, delete, import: nothing a user stored is lost, and their series fire as before.

Users are generated with series across DST changes (tests/domain/test_recurrence_dst_series
strategies: gaps, folds, eight zones), fired through the store a few times (a follower
holds its time in the series, `recurrence_id`, which a gap moved its reminding_time away
from) and snoozed. The export (GET /data's document, through its JSON text) is deleted,
imported and exported again: the two documents are equal, and firing each restored
pending occurrence makes the follower the original would have made. Before the export
carried `recurrence_id`, a restored gap-moved or snoozed occurrence was anchored at its
reminding_time and its follower came at 03:30 instead of 02:30: this test failed on it.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.domain import ReminderCreate, ReminderStatus
from remo_async.domain.models import ExportedReminder
from remo_async.store import Store
from remo_async.store.errors import InvalidValue
from remo_async.userdata import UserDataError, export_user, import_user, parse_user_data
from tests.conftest import EXAMPLES
from tests.domain.test_recurrence_dst_series import series
from tests.feeds.test_feed_series_time import following_of
from tests.helpers import SettableClock

Series = tuple[tuple[str, datetime, str], int, int | None]


@st.composite
def series_states(draw: st.DrawFn) -> Series:
    """A series, how often it fired, and a snooze of its pending occurrence (minutes)."""
    return draw(series()), draw(st.integers(0, 4)), draw(st.none() | st.integers(1, 600))


async def _make_series(
    store: Store, clock: SettableClock, user_id: str, state: Series, n: int
) -> None:
    (rule, dtstart, zone), fires, snooze = state
    when = dtstart.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    clock.now = when - timedelta(minutes=1)
    try:
        current = await store.reminders.create(
            user_id=user_id,
            data=ReminderCreate(
                title=f"series {n}", reminding_time=when, timezone=zone, recurrence=rule
            ),
        )
    except InvalidValue:
        return  # refused at create (no occurrence after the first)
    for _ in range(fires):
        fired = await store.reminders.fire(reminder=current, now=current.reminding_time)
        assert fired is not None
        pending = [
            r
            async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.PENDING)
            if r.title == current.title
        ]
        if not pending:
            return  # the series ended
        (current,) = pending
    if snooze is not None:
        until = current.reminding_time + timedelta(minutes=snooze)
        await store.reminders.snooze(user_id=user_id, reminder_id=current.reminder_id, until=until)


def _off_series_time(r: ExportedReminder) -> bool:
    """A pending occurrence a gap or a snooze moved from its time in the series."""
    local = r.reminding_time.astimezone(ZoneInfo(r.timezone)).strftime("%Y%m%dT%H%M%S")
    return r.status is ReminderStatus.PENDING and r.recurrence_id not in (None, local)


def _next_fires(reminders: list[ExportedReminder]) -> dict[str, datetime | None]:
    """What firing each pending occurrence of a series on time makes next (UTC)."""
    found = {}
    for r in reminders:
        if r.status is ReminderStatus.PENDING and r.recurrence:
            following = following_of(r)
            found[r.reminder_id] = None if following is None else following.reminding_time
    return found


async def _fired_followers(store: Store, user_id: str) -> dict[str, datetime | None]:
    """Fires every pending occurrence of a series through the store; its follower's time."""
    found: dict[str, datetime | None] = {}
    pending = [
        r
        async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.PENDING)
        if r.recurrence
    ]
    for r in pending:
        await store.reminders.fire(reminder=r, now=r.reminding_time)
    after = [
        r async for r in store.reminders.iterate(user_id=user_id, status=ReminderStatus.PENDING)
    ]
    for r in pending:
        followers = [f.reminding_time for f in after if f.title == r.title]
        found[r.reminder_id] = followers[0] if followers else None
    return found


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(states=st.lists(series_states(), min_size=1, max_size=4))
async def test_export_delete_import_loses_nothing_and_fires_alike(
    store: Store, clock: SettableClock, states: list[Series]
) -> None:
    user_id = f"did:privy:{uuid.uuid4().hex[:12]}"
    for n, state in enumerate(states):
        await _make_series(store, clock, user_id, state, n)
    exported = await export_user(store, user_id=user_id)
    if any(_off_series_time(r) for r in exported.reminders):
        EXAMPLES["user data: a pending occurrence off its series time, restored"] += 1
    expected = _next_fires(exported.reminders)

    await store.delete_user_data(user_id=user_id)
    assert (await export_user(store, user_id=user_id)).reminders == []
    await import_user(store, data=parse_user_data(exported.model_dump_json()))
    again = await export_user(store, user_id=user_id)

    assert again.model_dump(mode="json") == exported.model_dump(mode="json")
    # The restored occurrences fire, through the store, as the originals would have.
    followers = await _fired_followers(store, user_id)
    assert followers == expected


async def test_an_unreadable_recurrence_id_in_a_file_is_refused_before_anything_is_written(
    store: Store,
) -> None:
    user_id = "did:privy:carol"
    when = datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    await store.reminders.create(
        user_id=user_id,
        data=ReminderCreate(
            title="daily", reminding_time=when, timezone="America/New_York", recurrence="FREQ=DAILY"
        ),
    )
    document = (await export_user(store, user_id=user_id)).model_dump(mode="json")
    await store.delete_user_data(user_id=user_id)
    for bad in ("2027-03-14T02:30", "20270230T023000", "yesterday"):
        document["reminders"][0]["recurrence_id"] = bad
        with pytest.raises(UserDataError, match=r"reminders\.0\.recurrence_id"):
            parse_user_data(json.dumps(document))
    assert (await export_user(store, user_id=user_id)).reminders == []
