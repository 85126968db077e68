"""What is not a request creates nothing; what cannot be read for sure is asked about.

"nothing": actions [] and nothing stored or changed. "ask": the same, and the answer is a
question. Checked on Wednesday 2027-06-09 10:30 in UTC and Kolkata.
"""

from __future__ import annotations

from tests.assistant.hand.common import (
    KOLKATA_WED,
    UTC_EVENING,
    UTC_WED,
    Ask,
    Changed,
    Frame,
    Nothing,
    SeedReminder,
)
from tests.assistant.harness import Case, Expectation, Seed

NOTHING = (
    "should I remind Sam to bring the cake?",
    "did Sam remind you?",
    "should I remind my brother about the party tomorrow?",
    "Sam said he'd remind me to call the plumber",
    "tomorrow is my birthday!",
    "I have a meeting at 3",
    "I have a dentist appointment on friday at 10am",
    "my mum always reminds me to call her on sundays",
    "if I asked you to remind me to call mum, would you?",
    "what if I asked you to remind me tomorrow at 9?",
    "hypothetically, could you remind someone else?",
    "what's the weather like?",
    "hello",
    "thanks!",
    "thank you so much",
    "I love pizza",
    "asdfghjkl",
    "ok",
    "good morning remo",
    "who are you?",
    "what can you do?",
    "I forgot to call mum yesterday",
    "the meeting was moved to 4pm",
    "don't remind me about the gym",
    "never remind me about the gym",
    "undo",
)
ASK = (
    "remind me to call mum",
    "please remind me to water the plants",
    "remind me to book the hall",
    "can you remind me to pay the gas bill?",
    "remind me about it tomorrow at 9",
    "remind me about that tomorrow at 9",
    "remind me about this at 5pm",
    "remind me to tomorrow at 9",
    "remind me to call mum on 12/24",
    "remind me to pay rent on 3/4",
    "remind me to stretch every blue moon",
)


def _one_dentist(frame: Frame) -> tuple[Seed, ...]:
    return (SeedReminder("dentist", "dentist", frame.at("2027-06-10 15:00")),)


def _two_dentists(frame: Frame) -> tuple[Seed, ...]:
    return (
        SeedReminder("d1", "dentist checkup", frame.at("2027-06-10 15:00")),
        SeedReminder("d2", "dentist cleaning", frame.at("2027-06-17 15:00")),
    )


def _cases(frame: Frame) -> list[Case]:
    cases = [frame.case(text, Nothing(), "not-requests") for text in NOTHING]
    cases += [frame.case(text, Ask(), "asks") for text in ASK]
    negations: list[tuple[str, Expectation, tuple[Seed, ...]]] = [
        (
            "don't remind me about the dentist",
            Changed("reminder.cancelled", ("dentist",), {"status": "cancelled"}),
            _one_dentist(frame),
        ),
        ("don't remind me about the dentist", Ask(), _two_dentists(frame)),
        ("don't remind me about the gym", Nothing(), _one_dentist(frame)),
        ("undo", Nothing(), _one_dentist(frame)),
        ("undo that", Nothing(), _one_dentist(frame)),
        ("I have a dentist appointment at 3", Nothing(), _one_dentist(frame)),
    ]
    cases += [frame.case(t, e, "not-requests", s) for t, e, s in negations]
    return cases


CASES: list[Case] = [case for frame in (UTC_WED, KOLKATA_WED) for case in _cases(frame)]
# "later today" at 20:15 is 23:15 rounded up to midnight: past 23:00, so asked.
CASES += [
    UTC_EVENING.case(text, Ask(), "asks")
    for text in ("remind me to call Jo later today", "remind me later today to lock the shed")
]
