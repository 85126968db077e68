"""Ends and parts of periods, first thing, later, and dates written in a sentence.

Every phrase is generated with the meaning computed here (oracle.py), across zones and
DST-change days, and must be read to exactly that instant, alone and inside a sentence.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from remo_async.assistant.time import WhenError, find_time, parse_due, parse_when, remove_spans
from tests.assistant.time.oracle import local_today, moments, next_ahead, wall_to_utc

MONTHS = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
)


def _last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_after(day: date) -> date:
    return _last(day.year + day.month // 12, day.month % 12 + 1)


def _first_ahead(days: list[date], hour: int, now: datetime, zone: str) -> datetime:
    return next(at for at in (wall_to_utc(d, hour, 0, zone) for d in days) if at > now)


def _period_end(what: str, now: datetime, zone: str) -> datetime:
    today = local_today(now, zone)
    friday = today + timedelta(days=4 - today.weekday())
    if what == "the day":
        return next_ahead(17, 0, now, zone)
    if what == "the week":
        return _first_ahead([friday, friday + timedelta(days=7)], 17, now, zone)
    if what == "next week":
        return wall_to_utc(friday + timedelta(days=7), 17, 0, zone)
    this_month = _last(today.year, today.month)
    if what == "the month":
        return _first_ahead([this_month, _month_after(this_month)], 17, now, zone)
    return wall_to_utc(_month_after(this_month), 17, 0, zone)


@given(
    moment=moments(),
    what=st.sampled_from(["the day", "the week", "next week", "the month", "next month"]),
    prefix=st.sampled_from(["by the end of", "at the end of", "end of", "by end of"]),
)
def test_period_ends(moment: tuple[str, datetime], what: str, prefix: str) -> None:
    zone, now = moment
    expected = _period_end(what, now, zone)
    said = f"{prefix} {what}"
    assert parse_when(said, now=now, zone=zone) == expected
    sentence = f"remind me {said} to file the taxes"
    found = find_time(sentence, now=now, zone=zone)
    assert found.at == expected
    assert remove_spans(sentence, found.spans) == "remind me to file the taxes"
    # A due date counts as ahead until its day ends.
    today = local_today(now, zone)
    due = expected.astimezone(ZoneInfo(zone)).date()
    if what == "the day" or (what == "the week" and today.weekday() == 4):
        due = today
    if what == "the month" and today == _last(today.year, today.month):
        due = today
    assert parse_due(said, now=now, zone=zone) == due


@given(moment=moments(), which=st.sampled_from(["this", "next"]))
def test_weekends(moment: tuple[str, datetime], which: str) -> None:
    zone, now = moment
    today = local_today(now, zone)
    saturday = today + timedelta(days=5 - today.weekday())
    this = _first_ahead([saturday, saturday + timedelta(days=7)], 9, now, zone)
    this_day = this.astimezone(ZoneInfo(zone)).date()
    expected = this if which == "this" else wall_to_utc(this_day + timedelta(days=7), 9, 0, zone)
    assert parse_when(f"{which} weekend", now=now, zone=zone) == expected
    assert find_time(f"clean the gutters {which} weekend", now=now, zone=zone).at == expected


@given(moment=moments(), tomorrow=st.booleans())
def test_first_thing(moment: tuple[str, datetime], tomorrow: bool) -> None:
    zone, now = moment
    if tomorrow:
        expected = wall_to_utc(local_today(now, zone) + timedelta(days=1), 8, 0, zone)
        said = "first thing tomorrow"
    else:
        expected, said = next_ahead(8, 0, now, zone), "first thing"
    assert parse_when(said, now=now, zone=zone) == expected
    assert find_time(f"{said} ring the bank", now=now, zone=zone).at == expected


@given(moment=moments(), said=st.sampled_from(["later", "later today", "later on"]))
def test_later_is_three_hours_on_rounded_up(moment: tuple[str, datetime], said: str) -> None:
    zone, now = moment
    tz = ZoneInfo(zone)
    local = (now + timedelta(hours=3)).astimezone(tz).replace(tzinfo=None)
    top = local.replace(minute=0) + timedelta(hours=1 if local.minute else 0)
    if top.date() != local_today(now, zone) or top.hour > 23:
        with pytest.raises(WhenError, match="past 23:00"):
            parse_when(said, now=now, zone=zone)
        return
    expected = wall_to_utc(top.date(), top.hour, 0, zone)
    assert parse_when(said, now=now, zone=zone) == expected


@st.composite
def written_dates(draw: st.DrawFn, today: date) -> tuple[str, date]:
    day = today + timedelta(days=draw(st.integers(2, 1500)))
    month = MONTHS[day.month - 1]
    n = day.day
    th = "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    with_year = [
        f"on {day.isoformat()}",
        f"on {n} {month.capitalize()} {day.year}",
        f"{month} {n}{th}, {day.year}",
    ]
    if day - today < timedelta(days=300):  # no year: the next such date ahead
        with_year += [f"{month} {n}{th}", f"the {n}{th} of {month}"]
    return draw(st.sampled_from(with_year)), day


@given(moment=moments(), data=st.data(), clock=st.sampled_from([None, (7, 30), (18, 5)]))
def test_written_dates_in_a_sentence(
    moment: tuple[str, datetime], data: st.DataObject, clock: tuple[int, int] | None
) -> None:
    zone, now = moment
    said, day = data.draw(written_dates(local_today(now, zone)))
    assume(not (day.month == 2 and day.day == 29))
    hour, minute = clock or (9, 0)
    if clock:
        said += f" at {hour:02d}:{minute:02d}"
    expected = wall_to_utc(day, hour, minute, zone)
    sentence = f"remind me {said} to renew the lease"
    found = find_time(sentence, now=now, zone=zone)
    assert found.at == expected
    assert remove_spans(sentence, found.spans) == "remind me to renew the lease"


@given(moment=moments(), dom=st.integers(1, 31), clock=st.sampled_from([None, (12, 0), (7, 45)]))
def test_an_ordinal_day_is_this_months_or_the_next_that_has_it(
    moment: tuple[str, datetime], dom: int, clock: tuple[int, int] | None
) -> None:
    """Regression: "on the 3rd at noon" went to dateparser and came back in another year."""
    zone, now = moment
    today = local_today(now, zone)
    hour, minute = clock or (9, 0)
    days = []
    for ahead in range(13):
        year, month = (
            today.year + (today.month - 1 + ahead) // 12,
            (today.month - 1 + ahead) % 12 + 1,
        )
        if dom <= calendar.monthrange(year, month)[1]:
            days.append(date(year, month, dom))
    expected = _first_ahead_at(days, hour, minute, now, zone)
    th = "th" if 11 <= dom <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(dom % 10, "th")
    said = f"on the {dom}{th}" + (f" at {hour:02d}:{minute:02d}" if clock else "")
    assert parse_when(said, now=now, zone=zone) == expected
    assert find_time(f"remind me {said} to pay rent", now=now, zone=zone).at == expected


def _first_ahead_at(days: list[date], hour: int, minute: int, now: datetime, zone: str) -> datetime:
    return next(at for at in (wall_to_utc(d, hour, minute, zone) for d in days) if at > now)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("on friday the 11th", "2027-06-11T09:00"),
        # "tuesday the 11th" (the next 11th is a Friday) is asked about, not read as a
        # Tuesday 11th months ahead: test_dictated_kinds.py::test_a_weekday_with_a_date_*.
        ("friday june 11", "2027-06-11T09:00"),
        ("quarter past midnight", "2027-06-10T00:15"),
        ("half past noon", "2027-06-09T12:30"),
        ("quarter to midnight", "2027-06-09T23:45"),
        ("ten to noon", "2027-06-09T11:50"),
    ],
)
def test_weekday_dates_and_noon_or_midnight_idioms(said: str, expected: str) -> None:
    now = datetime(2027, 6, 9, 10, 30, tzinfo=ZoneInfo("UTC"))  # a Wednesday
    assert parse_when(said, now=now, zone="UTC") == datetime.fromisoformat(expected + "+00:00")
