"""No action on weak evidence: a time and other words, without request words, creates nothing.

Kind tests (hypothesis) over generated statements, texting-style requests and reported speech:
whatever the subject, verb and time, a message that does not ask ("remind me", "add",
"ping me"...) is read as Chat (no action), never as a reminder or a todo.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import (
    Chat,
    NewReminder,
    NewTodo,
    Reschedule,
    ShowReminders,
    ShowTodos,
    read_turn,
)
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
SUBJECTS = ("my train", "the kids", "dinner", "the meeting", "I", "we", "Sam", "my flight")
VERBS = ("leaves", "get out of school", "starts", "finish work", "usually wake up", "is", "lands")
TIMES = ("at 7", "at 7.15 tomorrow", "at 3:15", "tomorrow at 9", "at 6pm", "on friday at 10")
IMPERATIVES = ("call mum", "tell John to call me", "buy milk", "pick up the kids")


@given(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(TIMES))
def test_a_statement_with_a_time_creates_nothing(subject: str, verb: str, when: str) -> None:
    intent = read_turn(f"{subject} {verb} {when}", Turn.offline(now=NOW, zone="Europe/London"))
    assert isinstance(intent, Chat), intent


@given(st.sampled_from(IMPERATIVES), st.sampled_from(TIMES))
def test_words_and_a_time_are_offered_not_set(what: str, when: str) -> None:
    intent = read_turn(f"{what} {when}", Turn.offline(now=NOW, zone="Europe/London"))
    assert isinstance(intent, Chat), intent
    assert "remind me" in (intent.problem or ""), intent


@given(st.sampled_from(("ping me", "give me a nudge", "nudge me", "set an alarm")))
def test_other_asking_words_still_set_a_reminder(asking: str) -> None:
    turn = Turn.offline(now=NOW, zone="Europe/London")
    intent = read_turn(f"{asking} at 4 to check the oven", turn)
    assert isinstance(intent, NewReminder), intent
    assert intent.title == "check the oven"


UNREAD = ("at 1930", "sometime tomorrow", "every hour between 9 and 5", "every day for a week")
TASKS = ("ring dad", "call the bank", "water the seedlings", "take antibiotics")


@given(st.sampled_from(UNREAD), st.sampled_from(TASKS))
def test_a_time_left_unread_in_the_title_is_asked_about(when: str, task: str) -> None:
    """The words of a time phrase the grammar did not read never become part of a title."""
    intent = read_turn(f"remind me {when} to {task}", Turn.offline(now=NOW, zone="UTC"))
    if isinstance(intent, NewReminder):
        assert intent.title == task, intent
    else:
        assert isinstance(intent, Chat), intent


@given(
    st.sampled_from(("did I", "have I", "did we", "have you")),
    st.sampled_from(("buy milk", "call the bank", "email karen yet", "pay the rent")),
    st.sampled_from(("", "?")),
)
def test_a_question_about_what_was_done_completes_nothing(ask: str, task: str, mark: str) -> None:
    intent = read_turn(f"{ask} {task}{mark}", Turn.offline(now=NOW, zone="UTC"))
    assert isinstance(intent, Chat | ShowReminders | ShowTodos), intent


@given(st.sampled_from(("tues", "weds", "thurs", "thur", "wed", "tue")))
def test_an_abbreviated_weekday_is_one_day_not_a_repeat(day: str) -> None:
    intent = read_turn(f"remind me on {day} to call the bank", Turn.offline(now=NOW, zone="UTC"))
    assert isinstance(intent, NewReminder), intent
    assert intent.recurrence is None, intent


@given(st.sampled_from(("it again", "this 👆", "instead", "that too", "it as well")))
def test_a_title_that_names_nothing_is_asked_about(title: str) -> None:
    intent = read_turn(f"remind me about {title} at 5pm", Turn.offline(now=NOW, zone="UTC"))
    assert isinstance(intent, Chat), intent


TODO_TITLES = ("call the electrician", "buy stamps", "pay the council tax", "fix the printer")


@given(
    st.sampled_from(TODO_TITLES),
    st.sampled_from(
        (
            "add to my list: {t}",
            "put on the list - {t}",
            "i need to remember to {t}",
            "I need to {t}, put it on my list",
            "i have to {t}. add it to my todo list",
        )
    ),
)
def test_list_words_around_a_todo_are_not_its_title(title: str, said: str) -> None:
    intent = read_turn(said.format(t=title), Turn.offline(now=NOW, zone="UTC"))
    assert isinstance(intent, NewTodo), intent
    assert intent.title == title, intent


@given(st.sampled_from(("tag it #home", "it's actually urgent", "add a note: ask about it")))
def test_a_todo_title_about_another_item_is_asked_about(said: str) -> None:
    assert isinstance(read_turn(said, Turn.offline(now=NOW, zone="UTC")), Chat)


@given(st.sampled_from(("reminde me", "remindme", "rmd me", "rmnd me", "remind me 2")))
def test_texting_forms_of_remind_me_are_not_titles(lead: str) -> None:
    intent = read_turn(f"{lead} at 4 to call Pat", Turn.offline(now=NOW, zone="UTC"))
    assert isinstance(intent, NewReminder), intent
    assert intent.title.endswith("call Pat"), intent
    assert "remind" not in intent.title.lower(), intent


@given(st.sampled_from(("tomorrow", "today", "this week", "on friday")))
def test_remind_me_what_i_have_lists(scope: str) -> None:
    intent = read_turn(f"remind me what I have {scope}", Turn.offline(now=NOW, zone="UTC"))
    assert isinstance(intent, ShowReminders), intent


@given(st.sampled_from(("tmorow", "tomorow", "2moro", "tmrrow")), st.sampled_from(TASKS))
def test_an_unread_day_word_before_the_title_is_asked_about(day: str, task: str) -> None:
    intent = read_turn(f"remind me {day} at 9 to {task}", Turn.offline(now=NOW, zone="UTC"))
    if isinstance(intent, NewReminder):
        assert intent.title == task, intent
        assert intent.at.date() == date(2026, 11, 26), intent
    else:
        assert isinstance(intent, Chat), intent


@given(
    st.sampled_from(
        (
            ("push to next monday", "push it to next monday"),
            ("delay by 2 hours", "delay it by 2 hours"),
            ("earlier by an hour", "bring it forward an hour"),
            ("friday instead", "move it to friday"),
            ("can we do 2pm instead", "move it to 2pm"),
        )
    )
)
def test_a_move_said_in_short_is_the_move_of_it(pair: tuple[str, str]) -> None:
    short, full = pair
    turn = Turn.offline(now=NOW, zone="UTC")
    assert read_turn(short, turn) == read_turn(full, turn)
    assert isinstance(read_turn(short, turn), Reschedule)


def test_words_then_instead_are_not_a_move() -> None:
    assert not isinstance(
        read_turn("call mum instead", Turn.offline(now=NOW, zone="UTC")), Reschedule
    )
