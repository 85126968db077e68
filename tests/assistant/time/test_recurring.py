"""Repeating phrases as RRULEs (parts FREQ, INTERVAL, BYMONTH, BYMONTHDAY, BYDAY) and their
first occurrence; what no rule expresses is reported, never approximated."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import assume, given
from hypothesis import strategies as st

from remo_async.assistant.time import (
    UnsupportedRecurrence,
    WhenError,
    find_recurrence,
    find_time,
    first_time,
    remove_spans,
)
from tests.assistant.time.oracle import WORDS, moments, wall_to_utc

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTHS = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
)
NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

AGREED = [
    ("hourly", "FREQ=HOURLY"),
    ("every hour", "FREQ=HOURLY"),
    ("daily", "FREQ=DAILY"),
    ("every day", "FREQ=DAILY"),
    ("weekly", "FREQ=WEEKLY"),
    ("monthly", "FREQ=MONTHLY"),
    ("yearly", "FREQ=YEARLY"),
    ("annually", "FREQ=YEARLY"),
    ("every year", "FREQ=YEARLY"),
    ("every morning", "FREQ=DAILY"),
    ("every evening", "FREQ=DAILY"),
    ("every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("every weekend", "FREQ=WEEKLY;BYDAY=SA,SU"),
    ("every monday", "FREQ=WEEKLY;BYDAY=MO"),
    ("every monday and thursday", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("every other week", "FREQ=WEEKLY;INTERVAL=2"),
    ("every 3 days", "FREQ=DAILY;INTERVAL=3"),
    ("every three days", "FREQ=DAILY;INTERVAL=3"),
    ("every 2 hours", "FREQ=HOURLY;INTERVAL=2"),
    ("every twenty minutes", "FREQ=MINUTELY;INTERVAL=20"),
    ("every other monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    ("every fortnight", "FREQ=WEEKLY;INTERVAL=2"),
    ("the second wednesday of every month", "FREQ=MONTHLY;BYDAY=2WE"),
    ("the last sunday of each month", "FREQ=MONTHLY;BYDAY=-1SU"),
    ("on the last day of every month", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("on the 15th of every month", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("every year on june 1st", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"),
    ("every june 1st", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"),
    ("every year on the 1st of june", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"),
    ("annually on 29 february", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
]


@pytest.mark.parametrize(("said", "rule"), AGREED)
def test_the_agreed_phrases(said: str, rule: str) -> None:
    text = f"remind me to water the ferns {said}"
    found = find_recurrence(text)
    assert found is not None
    assert not found.unsupported
    assert found.rule == rule
    assert text[found.start : found.end].lower().endswith(said.rsplit(maxsplit=1)[-1])
    assert remove_spans(text, ()) == text
    rest = f"{text[: found.start]} {text[found.end :]}".strip()
    assert rest == "remind me to water the ferns"


CANNOT = [
    "every other tuesday and thursday except holidays",
    "every blue moon",
    "once in a blue moon",
    "every time it rains",
    "whenever I get home",
    "every now and then",
    "every so often",
    "twice a day",
    "three times a week",
    "every few days",
    "every day except sundays",
    "on weekdays but not on fridays",
    "biweekly",
    "every 3rd tuesday",
    "every season",
]


@pytest.mark.parametrize("said", CANNOT)
def test_what_no_rule_expresses_is_reported_not_approximated(said: str) -> None:
    now = datetime(2027, 6, 9, 9, 0, tzinfo=UTC)
    found = find_recurrence(f"remind me to water the ferns {said}")
    assert found is not None
    assert found.unsupported
    assert found.rule == ""
    with pytest.raises(UnsupportedRecurrence) as caught:
        first_time(found, "", now=now, zone="UTC")
    assert isinstance(caught.value, WhenError)


@pytest.mark.parametrize(
    "title", ["water each plant", "call everyone", "every little helps", "check each other's work"]
)
def test_plain_titles_hold_no_recurrence(title: str) -> None:
    assert find_recurrence(f"remind me to {title} tomorrow") is None


@st.composite
def repeats(draw: st.DrawFn) -> tuple[str, str]:
    """(phrase, rule) built from parts; the rule text is composed here, in the agreed order."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        days = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=3)))
        names = " and ".join(WEEKDAYS[d] for d in days)
        return f"every {names}", "FREQ=WEEKLY;BYDAY=" + ",".join(CODES[d] for d in days)
    if kind == 1:
        n, day = draw(st.sampled_from(sorted(NTH))), draw(st.integers(0, 6))
        each = draw(st.sampled_from(["every month", "each month"]))
        return f"on the {NTH[n]} {WEEKDAYS[day]} of {each}", f"FREQ=MONTHLY;BYDAY={n}{CODES[day]}"
    if kind == 2:
        dom = draw(st.integers(1, 28))
        th = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(dom, "th")
        return f"on the {dom}{th} of every month", f"FREQ=MONTHLY;BYMONTHDAY={dom}"
    if kind == 3:
        month, dom = draw(st.integers(1, 12)), draw(st.integers(1, 28))
        said = draw(
            st.sampled_from(
                [f"every {MONTHS[month - 1]} {dom}", f"every year on {dom} {MONTHS[month - 1]}"]
            )
        )
        return said, f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={dom}"
    if kind == 4:
        n = draw(st.integers(2, 12))
        unit = draw(st.sampled_from(["day", "week"]))
        said = draw(st.sampled_from([str(n), WORDS[n - 1]]))
        return f"every {said} {unit}s", f"FREQ={unit.upper()}LY;INTERVAL={n}".replace(
            "DAYLY", "DAILY"
        )
    day = draw(st.integers(0, 6))
    return f"every other {WEEKDAYS[day]}", f"FREQ=WEEKLY;INTERVAL=2;BYDAY={CODES[day]}"


@given(
    repeat=repeats(),
    moment=moments(),
    clock=st.sampled_from([None, (8, 30), (18, 0), (1, 15), (2, 30)]),
)
def test_first_occurrence(
    repeat: tuple[str, str], moment: tuple[str, datetime], clock: tuple[int, int] | None
) -> None:
    said, rule = repeat
    zone, now = moment
    hour, minute = clock or (9, 0)
    text = f"remind me {said}" + (f" at {hour:02d}:{minute:02d}" if clock else "") + " to stretch"
    found = find_recurrence(text)
    assert found is not None
    assert found.rule == rule
    rest = f"{text[: found.start]} {text[found.end :]}"
    time_found = find_time(rest, now=now, zone=zone)
    assert remove_spans(rest, time_found.spans) == "remind me to stretch"
    time_text = " ".join(span.text for span in time_found.spans)
    # dateutil's expansion of the rule, in local wall time, from today: the first day that
    # fits (the interval counts from that day), at the time of day, still ahead.
    tz = ZoneInfo(zone)
    local_now = now.astimezone(tz)
    # A rule with no BY part fits any day ("every 3 days" starts at the next such time).
    first_day_rule = rule.replace(";INTERVAL=2", "") if ";BY" in rule else "FREQ=DAILY"
    series = rrulestr(
        first_day_rule, dtstart=datetime.combine(local_now.date(), time(hour, minute))
    )
    wall = next(at for at in series if wall_to_utc(at.date(), hour, minute, zone) > now)
    expected = wall_to_utc(wall.date(), hour, minute, zone)
    assume(expected.astimezone(tz).time() == time(hour, minute))  # not in a DST gap
    assert first_time(found, time_text, now=now, zone=zone) == expected


@given(moment=moments(), n=st.integers(1, 12))
def test_hourly_starts_one_interval_from_now(moment: tuple[str, datetime], n: int) -> None:
    zone, now = moment
    said = "every hour" if n == 1 else f"every {WORDS[n - 1]} hours"
    found = find_recurrence(f"stand up {said}")
    assert found is not None
    assert found.rule == ("FREQ=HOURLY" if n == 1 else f"FREQ=HOURLY;INTERVAL={n}")
    assert first_time(found, "", now=now, zone=zone) == now + timedelta(hours=n)


def test_every_other_monday_starts_on_the_next_monday() -> None:
    now = datetime(2027, 6, 9, 9, 0, tzinfo=UTC)  # a Wednesday
    found = find_recurrence("every other monday mow the lawn")
    assert found is not None
    assert first_time(found, "", now=now, zone="UTC") == datetime(2027, 6, 14, 9, tzinfo=UTC)
    assert date(2027, 6, 14).weekday() == 0


# Spring-forward days and a wall time each skips: (zone, day, hour, minute).
GAPS = [
    ("America/New_York", date(2027, 3, 14), 2, 30),
    ("Europe/London", date(2027, 3, 28), 1, 15),
    ("Australia/Adelaide", date(2026, 10, 4), 2, 45),
    ("Australia/Lord_Howe", date(2026, 10, 4), 2, 10),
]


@given(
    gap=st.sampled_from(GAPS),
    later=st.integers(60, 20 * 60),
    weekday=st.integers(0, 6),
    nth=st.sampled_from([1, 2, -1]),
)
def test_a_series_said_on_the_day_that_skips_its_time_keeps_that_wall_time(
    gap: tuple[str, date, int, int], later: int, weekday: int, nth: int
) -> None:
    """Regression: the series started from today's skipped time, an hour late for ever."""
    zone, day, hour, minute = gap
    tz = ZoneInfo(zone)
    now = datetime.combine(day, time(4), tzinfo=tz).astimezone(UTC) + timedelta(minutes=later)
    for said in (
        f"every {WEEKDAYS[weekday]}",
        f"on the {NTH[nth]} {WEEKDAYS[weekday]} of every month",
    ):
        found = find_recurrence(f"{said} at {hour}:{minute:02d}am feed the cat")
        assert found is not None
        first = first_time(found, f"at {hour}:{minute:02d}am", now=now, zone=zone)
        assert first.astimezone(tz).time() == time(hour, minute)
        assert first > now
