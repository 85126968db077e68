"""The families the second unseen batch (tests/assistant/test_unseen_wild.py) found misread,
tested as kinds over generated phrasings rather than as the instances that exposed them:

- two requests in one message are asked about, never merged into one reminder's title;
- words between "remind me" and its title ("plz", "for me", "abt") stay out of the title;
- a wake word or a polite opening ("hey siri", "would you be able to") does not hide a request;
- emoji closing a message are not part of the title or category;
- British "half seven" is 7:30;
- "every 2 weeks on tuesday" keeps its weekdays (BYDAY) with the interval;
- a short weekday ("fri", "thurs") scopes a list to that day;
- a past tense whose verb the title lacks ("bought the eggs" for the todo "eggs"), "the
  report's done", ticking off or removing "X from my shopping list", "I don't need the
  dentist reminder anymore", "yep, done", "snooze till 4", "remind me later today to X" (a
  new reminder, not a snooze) and "what do I need to get from the shops";
- texting "2" for "to" after a day word, "would you mind reminding me", "... lol" endings;
- a part of a day ("anything tonight?", "this afternoon") or a month ("in December") scopes
  a list.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.intents import (
    Cancel,
    Chat,
    Finish,
    NeedTime,
    NewReminder,
    NewTodo,
    ShowReminders,
    ShowTodos,
    Snooze,
    read_turn,
)
from remo_async.assistant.matching import words
from remo_async.assistant.turn import Turn

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday; London is on UTC
TURN = Turn.offline(now=NOW, zone="Europe/London")
TASKS = st.sampled_from(
    (
        "call mum",
        "take out the bins",
        "pay the window cleaner",
        "book the MOT",
        "email dr. smith",
        "buy eggs and milk",
        "pick up the kids",
        "water the plants",
    )
)
TIMES = st.sampled_from(
    (
        ("at 6", datetime(2026, 11, 25, 18, 0, tzinfo=UTC)),
        ("tomorrow at 10am", datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
        ("on friday", datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),
        ("in 20 minutes", NOW + timedelta(minutes=20)),
        ("tonight", datetime(2026, 11, 25, 20, 0, tzinfo=UTC)),
    )
)
SECOND = st.sampled_from(
    (
        "and add milk to my shopping list",
        "and also put bread on the list",
        "and to call gran at 9pm",
        "then at 9pm to email the landlord",
        ". also what's on tomorrow?",
        ". then remind me to lock up at 11pm",
        "and remind me to stretch at 8pm",
        "and mark the report as done",
    )
)


@given(TASKS, TIMES, SECOND)
def test_two_requests_are_asked_about(task: str, when: tuple[str, datetime], second: str) -> None:
    said = f"remind me to {task} {when[0]} {second}".replace(" .", ".")
    intent = read_turn(said, TURN)
    assert isinstance(intent, Chat), (said, intent)


@given(TASKS, TIMES)
def test_one_request_with_and_in_its_title_is_still_created(
    task: str, when: tuple[str, datetime]
) -> None:
    said = f"remind me to {task} and put it in the diary {when[0]}. thanks!"
    intent = read_turn(said, TURN)
    assert isinstance(intent, NewReminder), (said, intent)
    assert intent.title == f"{task} and put it in the diary"


FILLERS = st.sampled_from(
    (
        ("remind me plz to", "to"),
        ("remind me pls to", "to"),
        ("remind me please to", "to"),
        ("set a reminder for me to", "to"),
        ("create a reminder for me to", "to"),
        ("remind me abt", "about"),
        ("remind me bout", "about"),
    )
)


@given(FILLERS, TASKS, TIMES)
def test_words_between_remind_me_and_the_title_stay_out(
    lead: tuple[str, str], task: str, when: tuple[str, datetime]
) -> None:
    said = f"{lead[0]} {task} {when[0]}"
    intent = read_turn(said, TURN)
    assert isinstance(intent, NewReminder), (said, intent)
    assert (intent.title, intent.at, intent.phrasing) == (task, when[1], lead[1])


OPENINGS = st.sampled_from(
    (
        "hey siri",
        "hey siri,",
        "alexa,",
        "alexa",
        "ok google",
        "hey google,",
        "would you be able to",
        "could u be able to",
        "do me a favour and",
        "do me a favor,",
        "please do",
        "hey remo, would you be able to",
    )
)


@given(OPENINGS, TASKS, TIMES)
def test_a_wake_word_or_polite_opening_keeps_the_request(
    opening: str, task: str, when: tuple[str, datetime]
) -> None:
    said = f"{opening} remind me to {task} {when[0]}"
    intent = read_turn(said, TURN)
    assert isinstance(intent, NewReminder), (said, intent)
    assert (intent.title, intent.at) == (task, when[1])


EMOJI = st.lists(
    st.sampled_from(("\U0001f436", "\U0001f64f", "\u2764\ufe0f", "\U0001f44d\U0001f3fd", "\u2728")),
    min_size=1,
    max_size=3,
).map(" ".join)


@given(st.sampled_from(("dog food", "oat milk", "bin bags")), st.sampled_from(("", "my ")), EMOJI)
def test_closing_emoji_are_not_part_of_a_todo(item: str, my: str, emoji: str) -> None:
    said = f"add {item} to {my}shopping list {emoji}"
    intent = read_turn(said, TURN)
    assert intent == NewTodo(title=item, category="shopping"), (said, intent)


@given(TASKS, TIMES.map(lambda t: t[0]), EMOJI)
def test_closing_emoji_are_not_part_of_a_reminder(task: str, when: str, emoji: str) -> None:
    intent = read_turn(f"remind me to {task} {when} {emoji}", TURN)
    assert isinstance(intent, NewReminder | NeedTime), intent
    assert intent.title == task


HOUR_WORDS = ("one", "two", "three", "four", "five", "six", "seven")


@given(
    st.integers(2, 7),  # 14:30 .. 19:30, all still ahead today
    st.booleans(),
    st.sampled_from(("at", "around", "by")),
    st.sampled_from(("", " tonight", " pm")),
)
def test_british_half_hour(hour: int, in_words: bool, pre: str, tail: str) -> None:
    said_hour = HOUR_WORDS[hour - 1] if in_words else str(hour)
    said = f"remind me {pre} half {said_hour}{tail} to ring Ellie"
    intent = read_turn(said, TURN)
    assert isinstance(intent, NewReminder), (said, intent)
    assert intent.at == datetime(2026, 11, 25, 12 + hour, 30, tzinfo=UTC), said


DAYS = (
    ("monday", "mon", "MO"),
    ("tuesday", "tue", "TU"),
    ("wednesday", "wed", "WE"),
    ("thursday", "thurs", "TH"),
    ("friday", "fri", "FR"),
    ("saturday", "sat", "SA"),
    ("sunday", "sun", "SU"),
)


@given(
    st.sampled_from((("2", 2), ("two", 2), ("3", 3), ("other", 2))),
    st.lists(st.sampled_from(range(7)), min_size=1, max_size=3, unique=True),
    st.booleans(),
)
def test_every_n_weeks_on_weekdays(n: tuple[str, int], days: list[int], short: bool) -> None:
    named = " and ".join(DAYS[d][1 if short else 0] for d in days)
    said = f"remind me every {n[0]} weeks on {named} to pay the cleaner".replace(
        "other weeks", "other week"
    )
    intent = read_turn(said, TURN)
    assert isinstance(intent, NewReminder), (said, intent)
    codes = ",".join(DAYS[d][2] for d in sorted(days))
    assert intent.recurrence == f"FREQ=WEEKLY;INTERVAL={n[1]};BYDAY={codes}", said
    assert intent.title == "pay the cleaner"


@given(
    st.sampled_from((0, 1, 3, 4, 5, 6)),  # not Wednesday: that is today
    st.sampled_from(("whats on {}", "anything on {}?", "what do i have on {}", "reminders for {}")),
)
def test_a_short_weekday_scopes_a_list(day: int, question: str) -> None:
    short = ("mon", "tues", "weds", "thurs", "fri", "sat", "sun")[day]
    intent = read_turn(question.format(short), TURN)
    ahead = (day - 2) % 7 or 7  # the next such day after Wednesday 2026-11-25
    assert intent == ShowReminders(scope="day", day=date(2026, 11, 25) + timedelta(days=ahead))


# Second round: the asked-about families of the batch (completions, cancels, snoozes, lists).
OBJECTS = st.sampled_from(("the eggs", "milk", "the parcel", "my prescription", "the stamps"))


@given(
    st.sampled_from(("bought", "got", "picked up", "grabbed", "collected", "i've bought")), OBJECTS
)
def test_past_tense_keeps_the_thing_when_the_title_lacks_the_verb(verb: str, thing: str) -> None:
    intent = read_turn(f"{verb} {thing}", TURN)
    assert isinstance(intent, Finish), intent
    assert intent.thing is not None
    assert words(intent.thing) == words(thing)


@given(
    st.sampled_from(("slides", "report", "laundry", "tax return", "invoice")),
    st.sampled_from(("{} done", "{}'s done", "{} is sorted", "{} all done", "{} done lol")),
    st.sampled_from(("", "the ", "my ")),
)
def test_the_item_then_done(item: str, form: str, article: str) -> None:
    intent = read_turn(form.format(article + item), TURN)
    assert intent == Finish(target=item), intent


@given(st.sampled_from(("show completed", "all done", "i'm done", "not done", "list completed")))
def test_done_words_that_name_no_item(said: str) -> None:
    intent = read_turn(said, TURN)
    assert not (isinstance(intent, Finish) and intent.target), intent


@given(
    st.sampled_from(("check off", "tick off", "cross off")),
    st.sampled_from(("eggs", "bin bags", "oat milk")),
    st.sampled_from(("shopping", "grocery", "todo", "to-do")),
)
def test_ticking_off_a_named_list(verb: str, item: str, category: str) -> None:
    intent = read_turn(f"{verb} {item} from my {category} list", TURN)
    assert intent == Finish(target=item, kind="todo"), intent


@given(st.sampled_from(("remove", "delete")), st.sampled_from(("eggs", "bin bags", "oat milk")))
def test_removing_from_a_named_list(verb: str, item: str) -> None:
    intent = read_turn(f"{verb} {item} from the shopping list", TURN)
    assert intent == Cancel(target=item, kind="todo"), intent


@given(
    st.sampled_from(("i don't need", "I dont need", "i do not need", "i no longer need")),
    st.sampled_from(("the dentist reminder", "my gym reminder", "the dentist one")),
    st.sampled_from(("", " anymore", " any more")),
)
def test_no_longer_needing_a_reminder_cancels_it(opening: str, item: str, end: str) -> None:
    said = f"{opening} {item}{end}"
    intent = read_turn(said, TURN)
    if not end and not item.endswith("reminder"):
        assert not isinstance(intent, Cancel), said  # "I don't need the dentist one": unclear
        return
    assert isinstance(intent, Cancel), (said, intent)
    assert intent.target in ("dentist", "gym"), intent


@given(
    st.sampled_from(("yep", "yup", "yeah", "nah", "nope", "oops")),
    st.sampled_from((",", "", "!")),
)
def test_an_acknowledgement_opening_keeps_the_command(ack: str, mark: str) -> None:
    assert read_turn(f"{ack}{mark} done", TURN) == Finish(target=None)
    assert read_turn(f"{ack}{mark} delete that", TURN) == Cancel(target=None)


@given(st.sampled_from(("till", "until", "til")), st.integers(3, 7), st.booleans())
def test_snooze_until_a_bare_hour(word: str, hour: int, in_words: bool) -> None:
    said_hour = HOUR_WORDS[hour - 1] if in_words else str(hour)
    intent = read_turn(f"snooze {word} {said_hour}", TURN)
    assert intent == Snooze(until=datetime(2026, 11, 25, 12 + hour, 0, tzinfo=UTC)), intent


@given(
    st.sampled_from(
        (
            ("later today", datetime(2026, 11, 25, 17, 0, tzinfo=UTC)),
            ("again tomorrow at 10", datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
            ("again on friday", datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),
        )
    ),
    TASKS,
)
def test_remind_me_later_with_a_title_is_a_new_reminder(
    when: tuple[str, datetime], task: str
) -> None:
    said = f"remind me {when[0]} to {task}"
    assert read_turn(said, TURN) == NewReminder(title=task, at=when[1])


@given(
    st.sampled_from(("do", "should")),
    st.sampled_from(("get", "buy", "grab", "pick up")),
    st.sampled_from(("", " from the shops", " at the supermarket", " from the store")),
    st.sampled_from(("", "?")),
)
def test_what_to_get_from_the_shops(modal: str, verb: str, place: str, end: str) -> None:
    said = f"what {modal} i need to {verb}{place}{end}"
    assert read_turn(said, TURN) == ShowTodos(category="shopping"), said


# Third round: families behind test_unseen.py's strict xfails.
DAY_WORDS = st.sampled_from(
    (
        ("tmrw", datetime(2026, 11, 26, 9, 0, tzinfo=UTC)),
        ("tomorrow", datetime(2026, 11, 26, 9, 0, tzinfo=UTC)),
        ("on friday", datetime(2026, 11, 27, 9, 0, tzinfo=UTC)),
        ("thurs", datetime(2026, 11, 26, 9, 0, tzinfo=UTC)),
    )
)


@given(DAY_WORDS, TASKS)
def test_texting_2_is_to_not_a_clock(day: tuple[str, datetime], task: str) -> None:
    said = f"pls remind me {day[0]} 2 {task}"
    assert read_turn(said, TURN) == NewReminder(title=task, at=day[1]), said


@given(st.sampled_from(("at 2", "tomorrow at 2pm", "tomorrow 2 pm", "tomorrow 2 o'clock")), TASKS)
def test_a_2_that_is_a_clock_stays_one(when: str, task: str) -> None:
    intent = read_turn(f"remind me {when} {task}", TURN)
    assert isinstance(intent, NewReminder), intent
    assert intent.at.hour == 14


@given(
    st.sampled_from(("would you mind", "do you mind", "could u mind", "would you mind please")),
    TASKS,
    TIMES,
    st.sampled_from(("", "?")),
)
def test_would_you_mind_reminding_me(
    opening: str, task: str, when: tuple[str, datetime], end: str
) -> None:
    said = f"{opening} reminding me to {task} {when[0]}{end}".replace("mind please", "mind")
    assert read_turn(said, TURN) == NewReminder(title=task, at=when[1]), said


@given(
    st.sampled_from(("finished", "sorted", "washed", "cleaned")),
    st.sampled_from(("lol", "haha", "yay", "phew", "finally")),
)
def test_a_completion_ending_in_a_laugh(verb: str, end: str) -> None:
    intent = read_turn(f"finally {verb} the laundry {end}", TURN)
    assert isinstance(intent, Finish), intent
    assert intent.target is not None
    assert words(intent.target)[-1] == "laundry"


@given(
    st.sampled_from(("take 2 tablets", "buy 2 pints of milk", "book 4 tickets", "call 2 clients")),
    st.sampled_from(("at 8pm", "tomorrow", "on friday at 6")),
)
def test_a_2_that_counts_stays_in_the_title(task: str, when: str) -> None:
    intent = read_turn(f"remind me to {task} {when}", TURN)
    assert isinstance(intent, NewReminder), intent
    assert intent.title == task


PARTS = {"morning": (5, 12), "afternoon": (12, 18), "evening": (18, 24), "tonight": (18, 24)}


@given(
    st.sampled_from(sorted(PARTS)),
    st.booleans(),
    st.sampled_from(("what's on {}", "anything {}?", "what have i got {}", "any reminders {}")),
    st.sampled_from(("Europe/London", "America/New_York", "Australia/Sydney")),
)
def test_a_part_of_a_day_scopes_a_list(part: str, tomorrow: bool, question: str, zone: str) -> None:
    said = part if part == "tonight" else f"{'tomorrow' if tomorrow else 'this'} {part}"
    intent = read_turn(question.format(said), Turn.offline(now=NOW, zone=zone))
    assert isinstance(intent, ShowReminders), intent
    assert intent.scope == "window"
    assert intent.window is not None
    tz = ZoneInfo(zone)
    day = NOW.astimezone(tz).date() + timedelta(days=int(tomorrow and part != "tonight"))
    first, last = PARTS[part]
    start = datetime.combine(day, time(first), tz)
    assert intent.window == (
        start.astimezone(UTC),
        (start + timedelta(hours=last - first)).astimezone(UTC),
    )


@given(st.integers(1, 12), st.sampled_from(("what have i got in {}", "anything in {}?")))
def test_a_month_scopes_a_list(month: int, question: str) -> None:
    name = date(2027, month, 1).strftime("%B")
    intent = read_turn(question.format(name.lower()), TURN)
    assert isinstance(intent, ShowReminders), intent
    year = 2026 if month >= 11 else 2027
    after = date(year + month // 12, month % 12 + 1, 1)
    assert intent.window == (
        datetime(year, month, 1, tzinfo=ZoneInfo("Europe/London")).astimezone(UTC),
        datetime.combine(after, time(), ZoneInfo("Europe/London")).astimezone(UTC),
    )


@given(
    st.sampled_from(
        (
            ("2mrw morning", datetime(2026, 11, 26, 9, 0, tzinfo=UTC)),
            ("tmrrw at 5", datetime(2026, 11, 26, 17, 0, tzinfo=UTC)),
            ("this arvo", datetime(2026, 11, 25, 15, 0, tzinfo=UTC)),
            ("on sunday arvo", datetime(2026, 11, 29, 15, 0, tzinfo=UTC)),
        )
    ),
    TASKS,
    st.sampled_from(("remind me {when} to {task}", "remind me to {task} {when}")),
)
def test_texting_and_regional_day_words(when: tuple[str, datetime], task: str, form: str) -> None:
    said = form.format(when=when[0], task=task)
    assert read_turn(said, TURN) == NewReminder(title=task, at=when[1]), said


@given(st.sampled_from(("the client call", "the school fees")), TIMES, st.booleans())
def test_a_reminder_regarding_something(
    subject: str, when: tuple[str, datetime], for_: bool
) -> None:
    said = f"set a reminder {when[0]} regarding {subject}"
    if for_ and not when[0].startswith(("in ", "at ", "on ")):
        said = said.replace("reminder ", "reminder for ")  # "for tonight regarding ..."
    intent = read_turn(said, TURN)
    assert isinstance(intent, NewReminder), (said, intent)
    assert intent.title == subject


@given(
    st.sampled_from(("and", "n", "&", "'n'")),
    st.sampled_from(
        (("an hour {} a half", 90), ("1 {} a half hours", 90), ("2 {} a half hours", 150))
    ),
    TASKS,
)
def test_and_a_half_with_digits_or_texting(and_: str, amount: tuple[str, int], task: str) -> None:
    said = f"remind me in {amount[0].format(and_)} to {task}"
    assert read_turn(said, TURN) == NewReminder(
        title=task, at=NOW + timedelta(minutes=amount[1])
    ), said


# Fourth round: "due" asks the same as "on"; cancel verbs beyond "cancel".
LIST_SCOPES = st.sampled_from(
    (
        "this week",
        "today",
        "tomorrow",
        "on friday",
        "on fri",
        "next week",
        "the next few days",
        "tonight",
        "this afternoon",
        "in december",
        "",
    )
)


@given(
    st.sampled_from(("", "show me ", "tell me ", "so ", "hey remo, ", "can you tell me ")),
    st.sampled_from(
        (
            "what's due {}",
            "whats due {}",
            "what is due {}",
            "anything due {}?",
            "is anything due {}?",
            "what have i got due {}",
            "what reminders are due {}",
            "what do i have due {}?",
        )
    ),
    LIST_SCOPES,
)
def test_due_lists_like_on(opener: str, question: str, scope: str) -> None:
    said = (opener + question.format(scope)).replace(" ?", "?").strip()
    intent = read_turn(said, TURN)
    assert isinstance(intent, ShowReminders), (said, intent)
    assert intent == read_turn(f"what's on {scope}".strip(), TURN), said


CANCEL_VERBS = st.sampled_from(
    ("bin", "scrap", "ditch", "drop", "get rid of", "nuke", "trash", "axe", "kill", "dump")
)
ITEM_NAMES = st.sampled_from(
    (
        "the gym reminder",
        "my dentist reminder",
        "the dentist one",
        "the 3pm reminder",
        "my 3pm",
        "the reminder to call mum",
        "the reminder about the bins",
        "the one at 3pm",
        "that",
        "that one",
        "it",
    )
)


@given(
    st.sampled_from(("", "please ", "can you ", "could you ", "pls ", "ok ")),
    CANCEL_VERBS,
    ITEM_NAMES,
    st.sampled_from(("", ".", "!", " please")),
)
def test_cancel_synonyms_cancel_the_named_item(opener: str, verb: str, item: str, end: str) -> None:
    said = f"{opener}{verb} {item}{end}"
    intent = read_turn(said, TURN)
    assert isinstance(intent, Cancel), (said, intent)
    assert intent == read_turn(f"cancel {item}", TURN), said


@given(
    CANCEL_VERBS,
    st.sampled_from(
        (
            "off the kids",
            "the car at the garage",
            "the bins out",
            "the parcel round to gran's",
            "the gym membership",
        )
    ),
    TIMES,
)
def test_cancel_synonyms_over_a_thing_are_not_cancels(
    verb: str, thing: str, when: tuple[str, datetime]
) -> None:
    task = f"{verb} {thing}"
    intent = read_turn(f"remind me to {task} {when[0]}", TURN)
    assert intent == NewReminder(title=task, at=when[1]), (task, intent)
    said = f"{task} {when[0]}"
    assert not isinstance(read_turn(said, TURN), Cancel), said


@given(
    st.sampled_from(
        ("bin day", "bin day tomorrow", "put the bins out", "it's bin day", "bins tonight")
    )
)
def test_bin_days_cancel_nothing(said: str) -> None:
    assert not isinstance(read_turn(said, TURN), Cancel), said
