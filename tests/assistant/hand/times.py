"""Times of day, days, amounts, periods and dates inside reminder requests.

Each sentence is checked on Wednesday 2027-06-09 10:30 local in three zones (UTC, Kolkata
+05:30, Chatham +12:45), and the DST sentences on the change days of New York, London and
Adelaide. Expected times are local wall times of the frame's zone.
"""

from __future__ import annotations

from tests.assistant.hand.common import (
    ADELAIDE_AUTUMN,
    CHATHAM_WED,
    KOLKATA_WED,
    LONDON_SPRING,
    NY_EARLY,
    NY_FALL,
    NY_SPRING,
    UTC_EVENING,
    UTC_WED,
    Frame,
    NewReminder,
)
from tests.assistant.harness import Case

# (message, title, local time) on a Wednesday 2027-06-09 at 10:30.
WEDNESDAY = (
    # clock words and forms
    ("remind me to call mum at 7pm", "call mum", "2027-06-09 19:00"),
    ("remind me at 7 to call mum", "call mum", "2027-06-09 19:00"),
    ("remind me to water the plants at seven", "water the plants", "2027-06-09 19:00"),
    ("remind me to check the post at 9", "check the post", "2027-06-10 09:00"),
    ("remind me to phone the garage at 11", "phone the garage", "2027-06-09 11:00"),
    ("remind me to eat lunch at 12", "eat lunch", "2027-06-09 12:00"),
    ("remind me to take the bins out at half past eight", "take the bins out", "2027-06-10 08:30"),
    (
        "remind me at half past four to leave for the station",
        "leave for the station",
        "2027-06-09 16:30",
    ),
    ("remind me to start the stand-up at quarter to ten", "start the stand-up", "2027-06-10 09:45"),
    ("at quarter past four remind me to collect the kids", "collect the kids", "2027-06-09 16:15"),
    ("remind me to ring the vet at ten past four", "ring the vet", "2027-06-09 16:10"),
    ("remind me to put the kettle on at twenty to six", "put the kettle on", "2027-06-09 17:40"),
    ("remind me to go home at five o'clock", "go home", "2027-06-09 17:00"),
    ("remind me to grab a sandwich at noon", "grab a sandwich", "2027-06-09 12:00"),
    ("at midday remind me to stretch", "stretch", "2027-06-09 12:00"),
    ("remind me to lock the door at midnight", "lock the door", "2027-06-10 00:00"),
    ("remind me to take my tablets at 9.45pm", "take my tablets", "2027-06-09 21:45"),
    ("remind me to call grandpa at 7 in the evening", "call grandpa", "2027-06-09 19:00"),
    ("remind me to go for a run at 7 in the morning", "go for a run", "2027-06-10 07:00"),
    ("remind me to watch the match at 19:30", "watch the match", "2027-06-09 19:30"),
    ("remind me to book a taxi at 7:30 pm", "book a taxi", "2027-06-09 19:30"),
    ("remind me to feed the fish at 7:30", "feed the fish", "2027-06-09 19:30"),
    # amounts
    ("remind me in 20 minutes to check the oven", "check the oven", "+20"),
    ("remind me to check the oven in twenty minutes", "check the oven", "+20"),
    ("in 2 hours remind me to move the car", "move the car", "+120"),
    ("remind me to call the plumber in two hours", "call the plumber", "+120"),
    ("remind me to take a break in a couple of hours", "take a break", "+120"),
    ("remind me in a few minutes to turn off the hob", "turn off the hob", "+3"),
    ("remind me to leave in an hour and a half", "leave", "+90"),
    ("remind me to flip the steak in half an hour", "flip the steak", "+30"),
    ("remind me in a quarter of an hour to check the rice", "check the rice", "+15"),
    ("remind me in an hour to reply to Jess", "reply to Jess", "+60"),
    ("set a reminder in 45 mins to stretch", "stretch", "+45"),
    (
        "remind me to renew the parking permit in a fortnight at 10am",
        "renew the parking permit",
        "2027-06-23 10:00",
    ),
    ("remind me in 3 days at 5pm to send the invoice", "send the invoice", "2027-06-12 17:00"),
    # days
    ("remind me to call the bank tomorrow", "call the bank", "2027-06-10 09:00"),
    ("remind me to pay the gardener on friday", "pay the gardener", "2027-06-11 09:00"),
    ("remind me to submit the timesheet next monday", "submit the timesheet", "2027-06-14 09:00"),
    ("remind me to water the lawn next wednesday", "water the lawn", "2027-06-16 09:00"),
    ("remind me to book the hall wednesday at 3pm", "book the hall", "2027-06-09 15:00"),
    ("remind me on wednesday at 9am to order coffee", "order coffee", "2027-06-16 09:00"),
    ("remind me to visit Nan the day after tomorrow", "visit Nan", "2027-06-11 09:00"),
    ("remind me to file the taxes on 2030-06-01", "file the taxes", "2030-06-01 09:00"),
    (
        "remind me on 1 June 2030 at 5pm to open the time capsule",
        "open the time capsule",
        "2030-06-01 17:00",
    ),
    ("remind me to renew the lease on June 1st, 2030", "renew the lease", "2030-06-01 09:00"),
    ("remind me to buy a gift June 20th", "buy a gift", "2027-06-20 09:00"),
    ("remind me to plant the bulbs on the 1st of June", "plant the bulbs", "2028-06-01 09:00"),
    (
        "on the 3rd of July at noon remind me to light the barbecue",
        "light the barbecue",
        "2027-07-03 12:00",
    ),
    ("remind me to call Tom tomorrow at 7", "call Tom", "2027-06-10 19:00"),
    ("tomorrow at 10am remind me to call mum", "call mum", "2027-06-10 10:00"),
    ("remind me at 3pm on friday to submit the report", "submit the report", "2027-06-11 15:00"),
    ("on friday at 3pm remind me to submit the report", "submit the report", "2027-06-11 15:00"),
    # periods and their ends
    ("remind me to walk the dog tomorrow morning", "walk the dog", "2027-06-10 09:00"),
    ("remind me tomorrow afternoon to mow the lawn", "mow the lawn", "2027-06-10 15:00"),
    ("remind me to phone Dad tomorrow evening", "phone Dad", "2027-06-10 19:00"),
    ("remind me to watch the film tonight", "watch the film", "2027-06-09 20:00"),
    ("remind me this afternoon to chase the invoice", "chase the invoice", "2027-06-09 15:00"),
    ("remind me to iron a shirt this evening", "iron a shirt", "2027-06-09 19:00"),
    ("remind me to buy flowers friday evening", "buy flowers", "2027-06-11 19:00"),
    ("remind me to send the summary at the end of the day", "send the summary", "2027-06-09 17:00"),
    (
        "remind me to finish the slides by the end of the week",
        "finish the slides",
        "2027-06-11 17:00",
    ),
    ("remind me to book the venue at the end of next week", "book the venue", "2027-06-18 17:00"),
    (
        "remind me to pay the credit card at the end of the month",
        "pay the credit card",
        "2027-06-30 17:00",
    ),
    (
        "remind me to renew the insurance at the end of next month",
        "renew the insurance",
        "2027-07-31 17:00",
    ),
    ("remind me to clean the car this weekend", "clean the car", "2027-06-12 09:00"),
    ("remind me to visit the market next weekend", "visit the market", "2027-06-19 09:00"),
    ("remind me to call the school later today", "call the school", "2027-06-09 14:00"),
    ("remind me to reply to the landlord later", "reply to the landlord", "2027-06-09 14:00"),
    ("remind me to check the emails first thing tomorrow", "check the emails", "2027-06-10 08:00"),
    ("first thing, remind me to print the tickets", "print the tickets", "2027-06-10 08:00"),
)

# (frame, message, title, local time) on other clocks and on DST change days.
OTHER_CLOCKS = (
    (NY_EARLY, "remind me to stretch at 7", "stretch", "2027-06-09 07:00"),
    (NY_EARLY, "remind me to walk the dog at seven", "walk the dog", "2027-06-09 07:00"),
    (NY_EARLY, "remind me at 7:30 to make breakfast", "make breakfast", "2027-06-09 07:30"),
    (NY_EARLY, "remind me to call Ana at 7 tomorrow", "call Ana", "2027-06-10 19:00"),
    (NY_EARLY, "remind me to leave at five past six", "leave", "2027-06-09 18:05"),
    (UTC_EVENING, "remind me to read a chapter this evening", "read a chapter", "2027-06-09 21:00"),
    (
        UTC_EVENING,
        "remind me to send the notes at the end of the day",
        "send the notes",
        "2027-06-10 17:00",
    ),
    (UTC_EVENING, "remind me to call Lee at 7", "call Lee", "2027-06-10 19:00"),
    (UTC_EVENING, "remind me to take the bins out at 9", "take the bins out", "2027-06-10 09:00"),
    (UTC_EVENING, "remind me to brush the dog at noon", "brush the dog", "2027-06-10 12:00"),
    (
        UTC_EVENING,
        "remind me to do the crossword first thing",
        "do the crossword",
        "2027-06-10 08:00",
    ),
    (NY_SPRING, "remind me to call mum tomorrow at 9am", "call mum", "2027-03-14 09:00"),
    (NY_SPRING, "remind me to feed the cat at 8", "feed the cat", "2027-03-14 08:00"),
    (NY_SPRING, "remind me to go jogging first thing tomorrow", "go jogging", "2027-03-14 08:00"),
    (NY_SPRING, "remind me to cook dinner tomorrow evening", "cook dinner", "2027-03-14 19:00"),
    (
        NY_SPRING,
        "remind me to water the herbs tomorrow at noon",
        "water the herbs",
        "2027-03-14 12:00",
    ),
    (LONDON_SPRING, "remind me to make pancakes at 9am", "make pancakes", "2027-03-28 09:00"),
    (LONDON_SPRING, "remind me to phone Gran at noon", "phone Gran", "2027-03-28 12:00"),
    (LONDON_SPRING, "remind me to mow the lawn this afternoon", "mow the lawn", "2027-03-28 15:00"),
    (ADELAIDE_AUTUMN, "remind me to call Jo tomorrow at 10am", "call Jo", "2027-04-04 10:00"),
    (
        ADELAIDE_AUTUMN,
        "remind me to go to the market at 11",
        "go to the market",
        "2027-04-04 11:00",
    ),
    (
        ADELAIDE_AUTUMN,
        "remind me to have brunch tomorrow morning",
        "have brunch",
        "2027-04-04 09:00",
    ),
    (NY_FALL, "remind me to call Sam tomorrow at 9am", "call Sam", "2027-11-07 09:00"),
    (NY_FALL, "remind me to lock up at midnight", "lock up", "2027-11-07 00:00"),
    (
        NY_FALL,
        "remind me to set the clocks back first thing tomorrow",
        "set the clocks back",
        "2027-11-07 08:00",
    ),
)
# (frame, message, title, minutes from now) across a DST change: exact elapsed time.
ACROSS_CHANGES = (
    (NY_SPRING, "remind me in 6 hours to check the heating", "check the heating", 360),
    (LONDON_SPRING, "remind me in 3 hours to check the clocks", "check the clocks", 180),
    (ADELAIDE_AUTUMN, "in 8 hours remind me to switch the pump", "switch the pump", 480),
    (NY_FALL, "remind me in four hours to feed the baby", "feed the baby", 240),
)


def _wednesday(frame: Frame, text: str, title: str, local: str) -> Case:
    if local.startswith("+"):
        at = frame.after(minutes=int(local[1:]))
        return frame.case(text, NewReminder(title, at), "times")
    return frame.reminder(text, title, local, "times")


CASES: list[Case] = [
    _wednesday(frame, text, title, local)
    for frame in (UTC_WED, KOLKATA_WED, CHATHAM_WED)
    for text, title, local in WEDNESDAY
]
CASES += [frame.reminder(text, title, local, "times") for frame, text, title, local in OTHER_CLOCKS]
CASES += [
    frame.case(text, NewReminder(title, frame.after(minutes=minutes)), "times")
    for frame, text, title, minutes in ACROSS_CHANGES
]
