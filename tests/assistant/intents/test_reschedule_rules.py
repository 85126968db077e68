"""Where a move lands, for any reminder time and zone (pure: no store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents.reschedule import Reschedule, new_time
from remo_async.assistant.turn import Turn
from remo_async.domain.models import Reminder

ZONES = ("UTC", "America/New_York", "Asia/Kolkata", "Australia/Adelaide", "Pacific/Chatham")
NOW = datetime(2027, 6, 9, 10, 30, tzinfo=UTC)


def _reminder(at: datetime) -> Reminder:
    return Reminder.model_validate(
        {
            "reminder_id": "rem_01J0000000000000000000000",
            "user_id": "did:privy:alice",
            "title": "call mum",
            "reminding_time": at,
            "status": "pending",
            "created_at": NOW,
            "updated_at": NOW,
        }
    )


@given(
    zone=st.sampled_from(ZONES),
    days=st.integers(1, 60),
    minutes=st.integers(0, 24 * 60 - 1),
    hour=st.integers(1, 12),
    minute=st.sampled_from([0, 15, 30, 45]),
    half=st.sampled_from(["am", "pm", ""]),
)
def test_a_time_of_day_alone_keeps_the_reminders_own_day(
    *, zone: str, days: int, minutes: int, hour: int, minute: int, half: str
) -> None:
    tz = ZoneInfo(zone)
    item_at = NOW + timedelta(days=days, minutes=minutes)
    said = f"{hour}:{minute:02d}{half}"
    moved = new_time(Reschedule(target=None, clock=said), _reminder(item_at), Turn(NOW, zone))
    assert moved is not None
    local, day = moved.astimezone(tz), item_at.astimezone(tz).date()
    if half:
        wanted = hour % 12 + (12 if half == "pm" else 0)
    else:  # the bare-hour rule, read on a day that is not today: 8..11 am, 12 noon, 1..7 pm
        wanted = hour + 12 if 1 <= hour <= 7 else hour
    assert (local.date(), local.hour, local.minute) == (day, wanted, minute), said


@given(zone=st.sampled_from(ZONES), days=st.integers(1, 60), minutes=st.integers(0, 1439))
def test_a_day_alone_keeps_the_reminders_time_of_day(zone: str, days: int, minutes: int) -> None:
    tz = ZoneInfo(zone)
    item_at = NOW + timedelta(days=days, minutes=minutes)
    target = (NOW + timedelta(days=days + 3)).astimezone(tz).date()
    moved = new_time(Reschedule(target=None, day=target), _reminder(item_at), Turn(NOW, zone))
    assert moved is not None
    local, before = moved.astimezone(tz), item_at.astimezone(tz)
    assert local.date() == target
    assert (local.hour, local.minute) == (before.hour, before.minute) or local.dst() != before.dst()


@given(shift=st.integers(-600, 600), days=st.integers(-3, 30))
def test_a_shift_moves_from_the_reminders_time_or_from_now_if_that_passed(
    shift: int, days: int
) -> None:
    item_at = NOW + timedelta(days=days, hours=1)
    intent = Reschedule(target=None, shift=timedelta(minutes=shift))
    moved = new_time(intent, _reminder(item_at), Turn(NOW, "UTC"))
    assert moved == max(item_at, NOW) + timedelta(minutes=shift)
