"""Reading user time input: ISO 8601, our English rules, dateparser's fallback, DST."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from remo_async.assistant.time import when
from remo_async.assistant.time.when import WhenError, parse_due, parse_when

# A Wednesday. Local: 09:00 UTC/London, 04:00 New York, 14:30 Kolkata, 19:30 Adelaide.
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
# 21:30 on Tuesday 2026-11-24 in New York.
NY_LATE = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)
# Noon on the Saturday before a change: New York springs forward 2027-03-14 and falls back
# 2026-11-01, Adelaide springs forward 2026-10-04, London falls back 2026-10-25.
NY_SPRING = datetime(2027, 3, 13, 17, 0, tzinfo=UTC)
NY_FALL = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
ADL_SPRING = datetime(2026, 10, 3, 2, 30, tzinfo=UTC)
LON_FALL = datetime(2026, 10, 24, 11, 0, tzinfo=UTC)

NY, KOL, ADL, LON = "America/New_York", "Asia/Kolkata", "Australia/Adelaide", "Europe/London"

# (now, zone, text, expected instant in UTC)
CASES: list[tuple[datetime, str, str, str]] = [
    # Durations.
    (NOW, "UTC", "in 45 minutes", "2026-11-25T09:45:00Z"),
    (NOW, "UTC", "in 2 hours", "2026-11-25T11:00:00Z"),
    (NOW, "UTC", "in an hour", "2026-11-25T10:00:00Z"),
    (NOW, "UTC", "in 3 days", "2026-11-28T09:00:00Z"),
    (NOW, "UTC", "in 2 weeks", "2026-12-09T09:00:00Z"),
    (NOW, "UTC", "in half an hour", "2026-11-25T09:30:00Z"),
    (NOW, "UTC", "in 1 hour and 30 minutes", "2026-11-25T10:30:00Z"),
    (NOW, "UTC", "in an hour and a half", "2026-11-25T10:30:00Z"),
    (NOW, "UTC", "2 hours from now", "2026-11-25T11:00:00Z"),
    (NOW, "UTC", "in 2h30m", "2026-11-25T11:30:00Z"),
    (NOW, NY, "in 2 hours", "2026-11-25T11:00:00Z"),
    (NOW, "UTC", "in 1 month", "2026-12-25T09:00:00Z"),
    (NOW, "UTC", "in 2 years", "2028-11-25T09:00:00Z"),
    (datetime(2027, 1, 31, 9, 0, tzinfo=UTC), "UTC", "in 1 month", "2027-02-28T09:00:00Z"),
    # Tomorrow, today and the day after.
    (NOW, "UTC", "tomorrow", "2026-11-26T09:00:00Z"),
    (NOW, "UTC", "tomorrow 10am", "2026-11-26T10:00:00Z"),
    (NOW, "UTC", "Tomorrow at 10:30 AM", "2026-11-26T10:30:00Z"),
    (NOW, "UTC", "10am tomorrow", "2026-11-26T10:00:00Z"),
    (NOW, "UTC", "9 a.m. tomorrow", "2026-11-26T09:00:00Z"),
    (NOW, "UTC", "tomorrow morning", "2026-11-26T09:00:00Z"),
    (NOW, "UTC", "tomorrow afternoon", "2026-11-26T15:00:00Z"),
    (NOW, "UTC", "tomorrow evening", "2026-11-26T19:00:00Z"),
    (NOW, "UTC", "tomorrow night", "2026-11-26T21:00:00Z"),
    (NOW, "UTC", "tomorrow 10", "2026-11-26T10:00:00Z"),
    (NOW, "UTC", "the day after tomorrow at 11am", "2026-11-27T11:00:00Z"),
    (NOW, "UTC", "day after tomorrow", "2026-11-27T09:00:00Z"),
    (NOW, "UTC", "today at 5pm", "2026-11-25T17:00:00Z"),
    (NOW, NY, "tomorrow", "2026-11-26T14:00:00Z"),
    (NOW, NY, "tomorrow 10am", "2026-11-26T15:00:00Z"),
    (NOW, KOL, "tomorrow 10am", "2026-11-26T04:30:00Z"),
    (NOW, ADL, "tomorrow", "2026-11-25T22:30:00Z"),
    (NOW, LON, "tomorrow 10am", "2026-11-26T10:00:00Z"),
    # Tonight and the parts of today.
    (NOW, "UTC", "tonight", "2026-11-25T20:00:00Z"),
    (NOW, "UTC", "tonight at 9", "2026-11-25T21:00:00Z"),
    (NOW, "UTC", "this evening", "2026-11-25T19:00:00Z"),
    (NOW, "UTC", "this afternoon", "2026-11-25T15:00:00Z"),
    (NOW, "UTC", "this morning", "2026-11-25T10:00:00Z"),
    (NOW, NY, "this morning", "2026-11-25T14:00:00Z"),
    (NOW, NY, "tonight", "2026-11-26T01:00:00Z"),
    (NOW, KOL, "this afternoon", "2026-11-25T09:30:00Z"),
    (NOW, ADL, "tonight", "2026-11-25T09:30:00Z"),
    (NOW, ADL, "tonight at 9", "2026-11-25T10:30:00Z"),
    (NOW, ADL, "this evening", "2026-11-25T09:30:00Z"),
    (NOW, ADL, "this afternoon", "2026-11-26T04:30:00Z"),
    (NY_LATE, NY, "tonight", "2026-11-25T03:00:00Z"),
    (NY_LATE, NY, "tonight at 11", "2026-11-25T04:00:00Z"),
    (NY_LATE, NY, "this morning", "2026-11-25T14:00:00Z"),
    # Times of day without a day: today if still ahead, else tomorrow.
    (NOW, "UTC", "at noon", "2026-11-25T12:00:00Z"),
    (NOW, "UTC", "noon", "2026-11-25T12:00:00Z"),
    (NOW, "UTC", "at midnight", "2026-11-26T00:00:00Z"),
    (NOW, "UTC", "at 5pm", "2026-11-25T17:00:00Z"),
    (NOW, "UTC", "at 17:30", "2026-11-25T17:30:00Z"),
    (NOW, "UTC", "5:30pm", "2026-11-25T17:30:00Z"),
    (NOW, "UTC", "10 o'clock", "2026-11-25T10:00:00Z"),
    (NOW, "UTC", "at 10:15", "2026-11-25T10:15:00Z"),
    (NOW, "UTC", "at 5", "2026-11-25T17:00:00Z"),
    (NOW, "UTC", "at 8", "2026-11-26T08:00:00Z"),
    (NOW, "UTC", "at 08:30", "2026-11-26T08:30:00Z"),
    (NOW, NY, "at 5", "2026-11-25T10:00:00Z"),
    (NOW, NY, "at midnight", "2026-11-26T05:00:00Z"),
    (NOW, KOL, "at noon", "2026-11-26T06:30:00Z"),
    (NOW, KOL, "at 5", "2026-11-25T11:30:00Z"),
    (NOW, KOL, "10 o'clock", "2026-11-26T04:30:00Z"),
    (NOW, KOL, "at 17:30", "2026-11-25T12:00:00Z"),
    (NOW, ADL, "at 5", "2026-11-26T06:30:00Z"),
    (NY_LATE, NY, "at 5", "2026-11-25T22:00:00Z"),
    (NY_LATE, NY, "at midnight", "2026-11-25T05:00:00Z"),
    # Weekdays: the first one after today, or today while the time is still ahead.
    (NOW, "UTC", "friday", "2026-11-27T09:00:00Z"),
    (NOW, "UTC", "on friday at 3pm", "2026-11-27T15:00:00Z"),
    (NOW, "UTC", "next friday at 3pm", "2026-11-27T15:00:00Z"),
    (NOW, "UTC", "this friday", "2026-11-27T09:00:00Z"),
    (NOW, "UTC", "next tuesday", "2026-12-01T09:00:00Z"),
    (NOW, "UTC", "monday 9am", "2026-11-30T09:00:00Z"),
    (NOW, "UTC", "Fri evening", "2026-11-27T19:00:00Z"),
    (NOW, "UTC", "wednesday", "2026-12-02T09:00:00Z"),
    (NOW, "UTC", "wednesday at 5pm", "2026-11-25T17:00:00Z"),
    (NOW, "UTC", "next wednesday at 5pm", "2026-12-02T17:00:00Z"),
    (NOW, NY, "wednesday", "2026-11-25T14:00:00Z"),
    (NOW, NY, "next wednesday", "2026-12-02T14:00:00Z"),
    (NOW, KOL, "friday at 3pm", "2026-11-27T09:30:00Z"),
    (NY_LATE, NY, "tuesday", "2026-12-01T14:00:00Z"),
    # Dates: a month-day already past this year means next year.
    (NOW, "UTC", "December 24 at 7pm", "2026-12-24T19:00:00Z"),
    (NOW, "UTC", "on Dec 24 7pm", "2026-12-24T19:00:00Z"),
    (NOW, "UTC", "24 December", "2026-12-24T09:00:00Z"),
    (NOW, "UTC", "24th of december at 19:00", "2026-12-24T19:00:00Z"),
    (NOW, "UTC", "november 1", "2027-11-01T09:00:00Z"),
    (NOW, "UTC", "november 25", "2027-11-25T09:00:00Z"),
    (NOW, "UTC", "november 25 at 6pm", "2026-11-25T18:00:00Z"),
    (NOW, "UTC", "february 29", "2028-02-29T09:00:00Z"),
    (NOW, "UTC", "january 5, 2027", "2027-01-05T09:00:00Z"),
    (NOW, NY, "December 24 at 7pm", "2026-12-25T00:00:00Z"),
    (NOW, "UTC", "next week", "2026-11-30T09:00:00Z"),
    (NOW, "UTC", "next month", "2026-12-01T09:00:00Z"),
    # ISO 8601: offsets are kept, naive times are read in the zone, the past is returned.
    (NOW, NY, "2026-12-02T10:00:00Z", "2026-12-02T10:00:00Z"),
    (NOW, NY, "2026-12-02T10:00:00+05:30", "2026-12-02T04:30:00Z"),
    (NOW, NY, "2026-12-02 10:00:00.250Z", "2026-12-02T10:00:00.250000Z"),
    (NOW, NY, "2026-12-02T10:00:00", "2026-12-02T15:00:00Z"),
    (NOW, KOL, "2026-12-02 10:00", "2026-12-02T04:30:00Z"),
    (NOW, ADL, "2026-12-02T10:00:00", "2026-12-01T23:30:00Z"),
    (NOW, NY, "2026-12-01", "2026-12-01T14:00:00Z"),
    (NOW, "UTC", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
    # Around DST changes.
    (NY_SPRING, NY, "tomorrow at 2:30am", "2027-03-14T07:30:00Z"),
    (NY_SPRING, NY, "tomorrow 10am", "2027-03-14T14:00:00Z"),
    (NY_SPRING, NY, "tomorrow", "2027-03-14T13:00:00Z"),
    (NY_SPRING, NY, "in 1 day", "2027-03-14T16:00:00Z"),
    (NY_SPRING, NY, "in 24 hours", "2027-03-14T17:00:00Z"),
    (NY_SPRING, NY, "in 1 week", "2027-03-20T16:00:00Z"),
    (NY_SPRING, NY, "2027-03-14 02:30", "2027-03-14T07:30:00Z"),
    (NY_FALL, NY, "tomorrow at 1:30am", "2026-11-01T05:30:00Z"),
    (NY_FALL, NY, "tomorrow 10am", "2026-11-01T15:00:00Z"),
    (NY_FALL, NY, "2026-11-01T01:30:00", "2026-11-01T05:30:00Z"),
    (ADL_SPRING, ADL, "tomorrow at 2:30am", "2026-10-03T17:00:00Z"),
    (ADL_SPRING, ADL, "tomorrow 10am", "2026-10-03T23:30:00Z"),
    (LON_FALL, LON, "tomorrow at 1:30am", "2026-10-25T00:30:00Z"),
    (LON_FALL, LON, "tomorrow 9am", "2026-10-25T09:00:00Z"),
    # dateparser's fallback.
    (NOW, "UTC", "12/24", "2026-12-24T09:00:00Z"),
    (NOW, "UTC", "12/24 5pm", "2026-12-24T17:00:00Z"),
    (NOW, ADL, "12/24 5pm", "2026-12-24T06:30:00Z"),
    # dateparser hands back spring-forward-day times with the old offset; we re-read its
    # wall time in the zone, but keep an offset the text names.
    (NY_SPRING, NY, "3/14 10am", "2027-03-14T14:00:00Z"),
    (NY_SPRING, NY, "3/14 2:30am", "2027-03-14T07:30:00Z"),
    (NY_SPRING, NY, "3/14 10am UTC", "2027-03-14T10:00:00Z"),
    (NY_SPRING, NY, "3/14 10am +0200", "2027-03-14T08:00:00Z"),
]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(("now", "zone", "text", "expected"), CASES)
def test_parse_when(now: datetime, zone: str, text: str, expected: str) -> None:
    found = parse_when(text, now=now, zone=zone)
    assert found == _utc(expected)
    assert found.utcoffset() is not None
    assert found.tzinfo is UTC


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 60


# Every case above that our own rules or the ISO reader should answer, without dateparser.
OWN_RULES = [case for case in CASES if "/" not in case[2]]


@pytest.mark.parametrize(("now", "zone", "text", "expected"), OWN_RULES)
def test_own_rules_never_call_dateparser(
    monkeypatch: pytest.MonkeyPatch, now: datetime, zone: str, text: str, expected: str
) -> None:
    def fail(*_: object) -> None:
        raise AssertionError(f"{text!r} reached dateparser")

    monkeypatch.setattr(when, "_fallback", fail)
    assert parse_when(text, now=now, zone=zone) == _utc(expected)


DUE_CASES: list[tuple[datetime, str, str, date | str]] = [
    (NOW, "UTC", "tomorrow", date(2026, 11, 26)),
    (NOW, "UTC", "tomorrow 10am", "2026-11-26T10:00:00Z"),
    (NOW, "UTC", "tomorrow evening", "2026-11-26T19:00:00Z"),
    (NOW, "UTC", "2026-12-01", date(2026, 12, 1)),
    (NOW, "UTC", "2020-01-01", date(2020, 1, 1)),
    (NOW, "UTC", "2026-12-02T10:00:00Z", "2026-12-02T10:00:00Z"),
    (NOW, NY, "2026-12-02 10:00", "2026-12-02T15:00:00Z"),
    (NOW, "UTC", "next friday", date(2026, 11, 27)),
    (NOW, "UTC", "on friday at 3pm", "2026-11-27T15:00:00Z"),
    (NOW, "UTC", "december 24", date(2026, 12, 24)),
    (NOW, "UTC", "november 25", date(2026, 11, 25)),
    (NOW, "UTC", "november 24", date(2027, 11, 24)),
    (NOW, "UTC", "wednesday", date(2026, 11, 25)),
    (NOW, "UTC", "next wednesday", date(2026, 12, 2)),
    (NOW, "UTC", "today", date(2026, 11, 25)),
    (NOW, "UTC", "in 3 days", date(2026, 11, 28)),
    (NOW, "UTC", "in 2 hours", "2026-11-25T11:00:00Z"),
    (NOW, "UTC", "in 1 month", date(2026, 12, 25)),
    (NOW, "UTC", "next week", date(2026, 11, 30)),
    (NOW, ADL, "tomorrow", date(2026, 11, 26)),
    (NY_LATE, NY, "tomorrow", date(2026, 11, 25)),
    (NOW, "UTC", "12/24", date(2026, 12, 24)),
    (NOW, "UTC", "12/24 5pm", "2026-12-24T17:00:00Z"),
]


@pytest.mark.parametrize(("now", "zone", "text", "expected"), DUE_CASES)
def test_parse_due(now: datetime, zone: str, text: str, expected: date | str) -> None:
    found = parse_due(text, now=now, zone=zone)
    if isinstance(expected, str):
        assert isinstance(found, datetime)
        assert found == _utc(expected)
        assert found.tzinfo is UTC
    else:
        assert type(found) is date
        assert found == expected


def test_parse_due_keeps_a_bare_day_a_date_and_a_timed_one_a_datetime() -> None:
    assert parse_due("tomorrow", now=NOW, zone=NY) == date(2026, 11, 26)
    assert type(parse_due("tomorrow", now=NOW, zone=NY)) is date
    timed = parse_due("tomorrow 10am", now=NOW, zone=NY)
    assert isinstance(timed, datetime)
    assert timed == datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "text", "message"),
    [
        ("UTC", "", "a date or time is required"),
        ("UTC", "   ", "a date or time is required"),
        ("UTC", "blah", "could not understand 'blah' as a time"),
        ("UTC", "the 45th of Smarch", "could not understand 'the 45th of Smarch' as a time"),
        ("UTC", "5", "could not understand '5' as a time"),
        ("UTC", "in 10", "could not understand 'in 10' as a time"),
        ("UTC", "in -3 hours", "'in -3 hours' is not in the future"),
        ("UTC", "in 0 minutes", "'in 0 minutes' is not in the future"),
        ("UTC", "in 99999999999 days", "'in 99999999999 days' is too far ahead"),
        ("UTC", "yesterday", "'yesterday' is in the past"),
        ("UTC", "2 days ago", "'2 days ago' is in the past"),
        ("UTC", "25:00", "'25:00' is not a time of day"),
        ("UTC", "tomorrow at 13pm", "'13pm' is not a time of day"),
        ("UTC", "at 10:75", "'10:75' is not a time of day"),
        ("UTC", "feb 30", "'feb 30' is not a date"),
        ("UTC", "december 24 2020", "'december 24 2020' is in the past"),
        ("UTC", "2026-13-01", "'2026-13-01' is not a valid date or time"),
        ("UTC", "2026-12-02T25:00:00Z", "'2026-12-02T25:00:00Z' is not a valid date or time"),
        ("UTC", "x" * 300, "that is too long to be a date or time"),
        (ADL, "today at 5pm", "'today at 5pm' is already past"),
        ("Mars/Olympus_Mons", "tomorrow", "unknown time zone 'Mars/Olympus_Mons'"),
        ("", "tomorrow", "unknown time zone ''"),
    ],
)
def test_errors(zone: str, text: str, message: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, now=NOW, zone=zone)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_parse_due_errors_speak_of_a_date() -> None:
    with pytest.raises(WhenError, match=r"^could not understand 'blah' as a date$"):
        parse_due("blah", now=NOW, zone="UTC")
    with pytest.raises(WhenError, match="in the past"):
        parse_due("yesterday", now=NOW, zone="UTC")


def test_a_long_input_is_cut_short_in_the_message() -> None:
    with pytest.raises(WhenError) as caught:
        parse_when("the " + "very " * 20 + "first day", now=NOW, zone="UTC")
    assert len(str(caught.value)) < 80


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_when("tomorrow", now=datetime(2026, 11, 25, 9, 0), zone="UTC")


def test_now_in_another_zone_is_the_same_instant() -> None:
    local_now = NOW.astimezone(ZoneInfo("Asia/Tokyo"))
    assert parse_when("tomorrow 10am", now=local_now, zone=NY) == parse_when(
        "tomorrow 10am", now=NOW, zone=NY
    )


@pytest.mark.parametrize(
    "text", ["tomorrow at 10:30 am", "in 2 hours", "next friday at 3pm", "2026-12-02T10:00:00Z"]
)
def test_a_rule_hit_is_fast(text: str) -> None:
    parse_when(text, now=NOW, zone=NY)
    # This thread's CPU time: a loaded machine's waits are not the parser's cost.
    start = time.thread_time()
    for _ in range(200):
        parse_when(text, now=NOW, zone=NY)
    assert (time.thread_time() - start) / 200 < 0.001
