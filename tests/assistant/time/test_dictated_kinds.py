"""Dictated and compact times and dates, as kinds (hypothesis): every hour, minute, day,
separator and casing of a form, not the one sentence a tester typed.

Each test says what a form means on its own terms: a 24-hour clock is that wall time, a
dictated form reads as its written twin ("six p m" as "6pm", "at um four" as "at four",
"5 o'clock of the afternoon" as "5 o'clock in the afternoon", "mon eve" as "mon evening",
"the first of december" as "december 1st"), and a weekday said with a date checks the date:
the next such date if it falls on that weekday, else a question (WhenError), never another
date. The clock is Wednesday 2026-11-25 14:00 in London (UTC).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import NeedTime, NewReminder, read_turn
from remo_async.assistant.time import WhenError, find_time, parse_when, read_exact
from remo_async.assistant.turn import Turn
from tests.assistant.time.oracle import WORDS

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday; London is on UTC in November
ZONE = "Europe/London"
TURN = Turn.offline(now=NOW, zone=ZONE)
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SHORT = (("mon",), ("tue", "tues"), ("wed", "weds"), ("thu", "thur", "thurs"), ("fri",))
MONTHS = [calendar.month_name[m].lower() for m in range(1, 13)]
_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth")
ORDINALS = {
    **dict(enumerate(_UNITS, 1)),
    **dict(enumerate([*_TEENS, "seventeenth", "eighteenth", "nineteenth", "twentieth"], 10)),
    **{20 + n: f"twenty-{w}" for n, w in enumerate(_UNITS, 1)},
    30: "thirtieth",
    31: "thirty-first",
}


def _cased(draw: st.DrawFn, text: str) -> str:
    return draw(st.sampled_from([text, text.upper(), text.capitalize(), text.title()]))


def _today_or_tomorrow(hour: int, minute: int) -> datetime:
    at = NOW.replace(hour=hour, minute=minute)
    return at if at > NOW else at + timedelta(days=1)


def _reminder(message: str) -> NewReminder:
    intent = read_turn(message, TURN)
    assert isinstance(intent, NewReminder), (message, intent)
    return intent


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(["h", " h", "hrs", " hrs", " H"]))
def test_a_24_hour_clock_marked_h_is_that_wall_time(hour: int, minute: int, mark: str) -> None:
    """'at 20:15 h' (was: 20:15 with "h" left as the title's first word)."""
    intent = _reminder(f"remind me at {hour:02d}:{minute:02d}{mark} to take out the bins")
    assert (intent.title, intent.at) == ("take out the bins", _today_or_tomorrow(hour, minute))


@given(st.integers(13, 23), st.integers(0, 59), st.sampled_from(["", ".", "!"]))
def test_a_dotted_24_hour_clock_said_alone_is_a_time(hour: int, minute: int, end: str) -> None:
    """'18.30' answering "when?" (was: not read at all, so Remo did not know what to do)."""
    said = f"{hour}.{minute:02d}{end}"
    assert read_exact(said, now=NOW, zone=ZONE) == _today_or_tomorrow(hour, minute)


def test_a_dotted_number_inside_a_sentence_stays_money() -> None:
    intent = _reminder("remind me to pay 18.30 to sam at 5")
    assert intent.title == "pay 18.30 to sam"


_MINUTE_WORDS = {5: "oh five", 15: "fifteen", 30: "thirty", 45: "forty five", 59: "fifty-nine"}


@st.composite
def spoken_meridiem(draw: st.DrawFn) -> tuple[str, int, int]:
    hour, pm = draw(st.integers(1, 12)), draw(st.booleans())
    minute = draw(st.sampled_from([0, 5, 15, 30, 45, 59]))
    said = draw(st.sampled_from([str(hour), WORDS[hour - 1]]))
    if minute:
        word = _MINUTE_WORDS[minute]
        said += f":{minute:02d}" if said[0].isdigit() else f" {word}"
    letter = "p" if pm else "a"
    mark = draw(st.sampled_from([f"{letter} m", f"{letter}. m.", f"{letter}. m", f"{letter}  m"]))
    return f"{said} {_cased(draw, mark)}", hour % 12 + (12 if pm else 0), minute


@given(spoken_meridiem())
def test_am_and_pm_spelled_out_with_spaces(said: tuple[str, int, int]) -> None:
    """'six p m' (was: 18:00 by luck of the bare-hour rule, "p m" left in the title)."""
    text, hour, minute = said
    intent = _reminder(f"remind me at {text} to call dad")
    assert (intent.title, intent.at) == ("call dad", _today_or_tomorrow(hour, minute))


@given(st.integers(1, 12), st.sampled_from(["batteries", "Maxwell", "size bags"]))
def test_a_m_before_a_word_is_not_a_meridiem(count: int, word: str) -> None:
    found = find_time(f"remind me to buy {count} a m {word} tomorrow", now=NOW, zone=ZONE)
    assert found.at == datetime(2026, 11, 26, 9, tzinfo=UTC)


_FILLER = st.sampled_from(["um", "uh", "er", "erm", "umm", "uhh", "hmm", "Um", "UH"])


@given(
    st.integers(1, 12),
    st.booleans(),
    st.lists(st.tuples(_FILLER, st.sampled_from(["", ","])), min_size=1, max_size=2),
)
def test_fillers_inside_a_time_are_not_said(
    hour: int, as_word: bool, fillers: list[tuple[str, str]]
) -> None:
    """'at um four' (was: no time found, Remo asked when)."""
    said = WORDS[hour - 1] if as_word else str(hour)
    um = " ".join(f"{word}{comma}" for word, comma in fillers)
    plain = _reminder(f"remind me to call the plumber at {said}")
    dictated = _reminder(f"remind me to call the plumber at {um} {said}")
    assert (
        (dictated.title, dictated.at) == (plain.title, plain.at) == ("call the plumber", plain.at)
    )


@given(st.integers(1, 12), st.sampled_from(["morning", "afternoon", "evening"]), st.booleans())
def test_oclock_of_the_period_is_in_the_period(hour: int, period: str, mark: bool) -> None:
    """'5 o'clock of the afternoon' (was: "of the afternoon" made the title unreadable)."""
    clock = f"{hour} o'clock" if mark else str(hour)
    written = _reminder(f"remind me at {clock} in the {period} to call the bank")
    said = _reminder(f"remind me at {clock} of the {period} to call the bank")
    assert (said.title, said.at) == (written.title, written.at)


@st.composite
def day_words(draw: st.DrawFn) -> str:
    index = draw(st.integers(0, 7))
    if index == 7:
        return "tomorrow"
    names = [DAYS[index], *(SHORT[index] if index < 5 else ())]
    if index >= 5:
        names.append(DAYS[index][:3])  # "sat eve", "sun morn"
    return _cased(draw, draw(st.sampled_from(names)))


@given(day_words(), st.sampled_from([("eve", "evening"), ("morn", "morning")]))
def test_eve_and_morn_after_a_day_are_its_evening_and_morning(
    day: str, short: tuple[str, str]
) -> None:
    """'mon eve' (was: Monday 09:00, "eve" left in the title)."""
    word, period = short
    written = _reminder(f"remind me {day} {period} to put the bins out")
    said = _reminder(f"remind me {day} {word} to put the bins out")
    assert (said.title, said.at) == (written.title, written.at)


def test_eve_without_a_day_is_a_word() -> None:
    assert (
        find_time("remind me on christmas eve to wrap the presents", now=NOW, zone=ZONE).at is None
    )


@given(
    st.sampled_from([("sat", 28), ("sun", 29)]),
    st.integers(1, 12),
    st.sampled_from(["am", "pm"]),
    st.sampled_from(["reminder - {t} - {d} {c}", "{t} - {d} {c}", "remind me {d} {c} to {t}"]),
)
def test_short_weekend_days_in_terse_notes(
    day: tuple[str, int], hour: int, half: str, form: str
) -> None:
    """'reminder - vet - sat 10am' (was: Thursday 10:00 titled "vet - sat")."""
    name, dom = day
    message = form.format(t="vet", d=name, c=f"{hour}{half}")
    at = datetime(2026, 11, dom, hour % 12 + (12 if half == "pm" else 0), tzinfo=UTC)
    assert find_time(message, now=NOW, zone=ZONE).at == at


@given(st.sampled_from([("sat", 28), ("sun", 29), ("Sat", 28), ("SUN", 29)]))
def test_short_weekend_day_before_to(day: tuple[str, int]) -> None:
    """'remind me sat to wash the car' (was: no time found)."""
    name, dom = day
    intent = _reminder(f"remind me {name} to wash the car")
    assert (intent.title, intent.at) == ("wash the car", datetime(2026, 11, dom, 9, tzinfo=UTC))


@st.composite
def ordinal_dates(draw: st.DrawFn) -> tuple[str, str]:
    month = draw(st.integers(1, 12))
    dom = draw(st.integers(1, calendar.monthrange(2027, month)[1]))
    name, word = MONTHS[month - 1], ORDINALS[dom]
    word = draw(st.sampled_from([word, word.replace("-", " ")]))
    form = draw(st.sampled_from(["the {o} of {m}", "{o} of {m}", "{m} the {o}", "{m} {o}"]))
    return _cased(draw, form.format(o=word, m=name)), f"{name} {dom}"


@given(ordinal_dates(), st.sampled_from(["", " at 7pm"]))
def test_ordinal_words_with_a_month_are_that_date(said: tuple[str, str], clock: str) -> None:
    """'on the first of december' (was: no time found, Remo asked when)."""
    spoken, written = said
    expected = parse_when(written + clock, now=NOW, zone=ZONE)
    intent = _reminder(f"remind me on {spoken}{clock} to open the advent calendar")
    assert (intent.title, intent.at) == ("open the advent calendar", expected)


def _next_dom(dom: int) -> date:
    day = NOW.date()
    for ahead in range(13):
        year, month = divmod(day.month - 1 + ahead, 12)
        year += day.year
        if dom <= calendar.monthrange(year, month + 1)[1]:
            found = date(year, month + 1, dom)
            if datetime(found.year, found.month, found.day, 9, tzinfo=UTC) > NOW:
                return found
    raise AssertionError(dom)


@given(
    st.integers(0, 6),
    st.integers(1, 31),
    st.sampled_from(["{w} {d}", "{w} the {d}", "on {w} {d}", "on {w} the {d}", "{w}, the {d}"]),
)
def test_a_weekday_with_a_date_checks_the_date(weekday: int, dom: int, form: str) -> None:
    """'Friday 27th' is the 27th when it is a Friday; 'Friday the 28th' when the 28th is a
    Saturday is asked about (was: no time found; and Friday 2027-05-28, six months away)."""
    th = "th" if 11 <= dom <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(dom % 10, "th")
    said = form.format(w=DAYS[weekday].capitalize(), d=f"{dom}{th}")
    day = _next_dom(dom)
    message = f"remind me {said} to post the forms"
    if day.weekday() == weekday:
        intent = _reminder(message)
        assert (intent.title, intent.at) == (
            "post the forms",
            datetime(*day.timetuple()[:3], 9, tzinfo=UTC),
        )
    else:
        intent = read_turn(message, TURN)
        assert isinstance(intent, NeedTime), intent
        try:
            parse_when(said, now=NOW, zone=ZONE)
        except WhenError:
            pass
        else:
            raise AssertionError(f"{said!r} was read although the date is no {DAYS[weekday]}")


@given(
    st.sampled_from(["at {h}", "tomorrow at {h}", "{h}pm", "friday at {h}", "in {h} minutes"]),
    st.integers(1, 12),
    st.sampled_from([" period", " full stop", ", period.", " Full Stop", " exclamation mark"]),
)
def test_a_dictated_closing_mark_after_an_answer_is_not_read(
    form: str, hour: int, mark: str
) -> None:
    """'at 5 period' answering "when?" (was: not a time, so Remo offered instead of setting)."""
    said = form.format(h=hour)
    assert read_exact(said + mark, now=NOW, zone=ZONE) == read_exact(said, now=NOW, zone=ZONE)
    assert read_exact(said, now=NOW, zone=ZONE) is not None
