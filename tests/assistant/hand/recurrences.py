"""Recurring reminders: the RRULE (compared part by part) and the first occurrence.

Checked on Wednesday 2027-06-09 10:30 local in UTC and Adelaide (+09:30), and on the spring
DST change days of New York and London. Occurrences without a time are at 09:00 (every
evening 19:00); hourly ones start one interval from now.
"""

from __future__ import annotations

from tests.assistant.hand.common import (
    ADELAIDE_WED,
    LONDON_SPRING,
    NY_SPRING,
    UTC_WED,
    Ask,
    NewReminder,
)
from tests.assistant.harness import Case

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
# (message, title, rule, first occurrence local, or "+minutes")
WEDNESDAY = (
    (
        "remind me to take my pills every day at 8am",
        "take my pills",
        "FREQ=DAILY",
        "2027-06-10 08:00",
    ),
    (
        "remind me daily at 6pm to write in my journal",
        "write in my journal",
        "FREQ=DAILY",
        "2027-06-09 18:00",
    ),
    (
        "remind me every day to take my vitamins",
        "take my vitamins",
        "FREQ=DAILY",
        "2027-06-10 09:00",
    ),
    (
        "every day at noon remind me to eat something",
        "eat something",
        "FREQ=DAILY",
        "2027-06-09 12:00",
    ),
    ("remind me to stand up hourly", "stand up", "FREQ=HOURLY", "+60"),
    ("remind me every hour to drink water", "drink water", "FREQ=HOURLY", "+60"),
    ("remind me every 2 hours to rest my eyes", "rest my eyes", "FREQ=HOURLY;INTERVAL=2", "+120"),
    (
        "every three hours remind me to check the dough",
        "check the dough",
        "FREQ=HOURLY;INTERVAL=3",
        "+180",
    ),
    ("every morning remind me to meditate", "meditate", "FREQ=DAILY", "2027-06-10 09:00"),
    (
        "remind me every evening to lock the back door",
        "lock the back door",
        "FREQ=DAILY",
        "2027-06-09 19:00",
    ),
    (
        "remind me every weekday at 7:30am to catch the bus",
        "catch the bus",
        WEEKDAYS,
        "2027-06-10 07:30",
    ),
    (
        "every weekday at 11am remind me to post the stand-up notes",
        "post the stand-up notes",
        WEEKDAYS,
        "2027-06-09 11:00",
    ),
    (
        "remind me every weekend to call grandma",
        "call grandma",
        "FREQ=WEEKLY;BYDAY=SA,SU",
        "2027-06-12 09:00",
    ),
    (
        "remind me every monday at 9am to plan the week",
        "plan the week",
        "FREQ=WEEKLY;BYDAY=MO",
        "2027-06-14 09:00",
    ),
    (
        "every friday at 4pm remind me to fill in the timesheet",
        "fill in the timesheet",
        "FREQ=WEEKLY;BYDAY=FR",
        "2027-06-11 16:00",
    ),
    (
        "every monday and thursday at 6pm remind me to go to yoga",
        "go to yoga",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "2027-06-10 18:00",
    ),
    (
        "remind me to put the recycling out every tuesday and friday",
        "put the recycling out",
        "FREQ=WEEKLY;BYDAY=TU,FR",
        "2027-06-11 09:00",
    ),
    (
        "remind me every other week to clean the fridge",
        "clean the fridge",
        "FREQ=WEEKLY;INTERVAL=2",
        "2027-06-10 09:00",
    ),
    (
        "every 3 days remind me to water the cactus",
        "water the cactus",
        "FREQ=DAILY;INTERVAL=3",
        "2027-06-10 09:00",
    ),
    (
        "remind me every other monday to pay the cleaner",
        "pay the cleaner",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        "2027-06-14 09:00",
    ),
    (
        "remind me on the second wednesday of every month to go to book club",
        "go to book club",
        "FREQ=MONTHLY;BYDAY=2WE",
        "2027-07-14 09:00",
    ),
    (
        "remind me at 7pm on the second wednesday of every month to go to book club",
        "go to book club",
        "FREQ=MONTHLY;BYDAY=2WE",
        "2027-06-09 19:00",
    ),
    (
        "remind me on the last sunday of each month to test the smoke alarm",
        "test the smoke alarm",
        "FREQ=MONTHLY;BYDAY=-1SU",
        "2027-06-27 09:00",
    ),
    (
        "remind me on the first monday of every month to send the report",
        "send the report",
        "FREQ=MONTHLY;BYDAY=1MO",
        "2027-07-05 09:00",
    ),
    (
        "remind me on the last day of every month to pay rent",
        "pay rent",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "2027-06-30 09:00",
    ),
    (
        "remind me on the 15th of every month to pay the phone bill",
        "pay the phone bill",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "2027-06-15 09:00",
    ),
    (
        "on the 1st of every month at 8am remind me to check the budget",
        "check the budget",
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "2027-07-01 08:00",
    ),
    (
        "remind me every year on june 1st to renew the domain",
        "renew the domain",
        "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1",
        "2028-06-01 09:00",
    ),
    (
        "remind me every june 20th to buy a card for Dad",
        "buy a card for Dad",
        "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20",
        "2027-06-20 09:00",
    ),
    (
        "remind me weekly to back up the photos",
        "back up the photos",
        "FREQ=WEEKLY",
        "2027-06-10 09:00",
    ),
    ("remind me monthly to read the meter", "read the meter", "FREQ=MONTHLY", "2027-06-10 09:00"),
    (
        "remind me yearly to service the boiler",
        "service the boiler",
        "FREQ=YEARLY",
        "2027-06-10 09:00",
    ),
    (
        "remind me annually to renew the car tax",
        "renew the car tax",
        "FREQ=YEARLY",
        "2027-06-10 09:00",
    ),
    (
        "every year remind me to check the will at 3pm",
        "check the will",
        "FREQ=YEARLY",
        "2027-06-09 15:00",
    ),
)
CANNOT = (
    "remind me to water the ferns every other tuesday and thursday except holidays",
    "remind me to howl every blue moon",
    "remind me to take an umbrella every time it rains",
)
DST = (
    (
        NY_SPRING,
        "remind me every day at 9am to stretch",
        "stretch",
        "FREQ=DAILY",
        "2027-03-14 09:00",
    ),
    (
        NY_SPRING,
        "every sunday at 10am remind me to call Mom",
        "call Mom",
        "FREQ=WEEKLY;BYDAY=SU",
        "2027-03-14 10:00",
    ),
    (
        NY_SPRING,
        "remind me every morning to open the blinds",
        "open the blinds",
        "FREQ=DAILY",
        "2027-03-14 09:00",
    ),
    (
        LONDON_SPRING,
        "remind me every day at 8am to feed the hens",
        "feed the hens",
        "FREQ=DAILY",
        "2027-03-28 08:00",
    ),
    (
        LONDON_SPRING,
        "remind me every weekend at 10am to go swimming",
        "go swimming",
        "FREQ=WEEKLY;BYDAY=SA,SU",
        "2027-03-28 10:00",
    ),
)

CASES: list[Case] = []
for frame in (UTC_WED, ADELAIDE_WED):
    for text, title, rule, local in WEDNESDAY:
        if local.startswith("+"):
            expect = NewReminder(title, frame.after(minutes=int(local[1:])), rule)
            CASES.append(frame.case(text, expect, "recurrences"))
        else:
            CASES.append(frame.reminder(text, title, local, "recurrences", rule))
    CASES += [frame.case(text, Ask(), "recurrences") for text in CANNOT]
CASES += [
    frame.reminder(text, title, local, "recurrences", rule)
    for frame, text, title, rule, local in DST
]
