"""Reminder requests: openers, politeness and word orders around one when and one title.

Checked on Wednesday 2027-06-09 10:30 in UTC, London (+01:00 in June) and St John's (-02:30).
"""

from __future__ import annotations

from tests.assistant.hand.common import LONDON_WED, STJOHNS_WED, UTC_WED
from tests.assistant.harness import Case

THU_5PM, TODAY_6PM, FRI_9 = "2027-06-10 17:00", "2027-06-09 18:00", "2027-06-11 09:00"
# (message, title, local time)
REQUESTS = (
    ("remind me to call the dentist tomorrow at 5pm", "call the dentist", THU_5PM),
    ("please remind me to call the dentist tomorrow at 5pm", "call the dentist", THU_5PM),
    ("can you remind me to call the dentist tomorrow at 5pm?", "call the dentist", THU_5PM),
    ("could you remind me tomorrow at 5pm to call the dentist?", "call the dentist", THU_5PM),
    ("set a reminder to call the dentist tomorrow at 5pm", "call the dentist", THU_5PM),
    ("set a reminder for tomorrow at 5pm to call the dentist", "call the dentist", THU_5PM),
    ("set a reminder for 5pm tomorrow: call the dentist", "call the dentist", THU_5PM),
    ("don't let me forget to call the dentist tomorrow at 5pm", "call the dentist", THU_5PM),
    ("hey remo, remind me to call the dentist tomorrow at 5pm", "call the dentist", THU_5PM),
    (
        "Hey Remo, can you remind me to call the dentist at 5pm tomorrow?",
        "call the dentist",
        THU_5PM,
    ),
    ("remind me to call the dentist tomorrow at 5pm please", "call the dentist", THU_5PM),
    ("remind me to call the dentist tomorrow at 5pm, thanks", "call the dentist", THU_5PM),
    ("remind me to call the dentist tomorrow at 5pm. thanks!", "call the dentist", THU_5PM),
    ("tomorrow at 5pm remind me to call the dentist", "call the dentist", THU_5PM),
    ("tomorrow at 5pm, remind me to call the dentist", "call the dentist", THU_5PM),
    ("at 5pm tomorrow remind me to call the dentist", "call the dentist", THU_5PM),
    ("remind me at 5pm tomorrow to call the dentist", "call the dentist", THU_5PM),
    ("remind me tomorrow to call the dentist at 5pm", "call the dentist", THU_5PM),
    ("remind me to call the dentist at 5pm on thursday", "call the dentist", THU_5PM),
    ("remind me on thursday at 5pm to call the dentist", "call the dentist", THU_5PM),
    ("remind me about the dentist tomorrow at 5pm", "the dentist", THU_5PM),
    ("Remind me to pick up the cake at 6pm", "pick up the cake", TODAY_6PM),
    ("remind me at 6pm to pick up the cake", "pick up the cake", TODAY_6PM),
    ("at 6pm remind me to pick up the cake please", "pick up the cake", TODAY_6PM),
    ("6pm: remind me to pick up the cake", "pick up the cake", TODAY_6PM),
    ("remind me to meet Sam at the station at 6pm", "meet Sam at the station", TODAY_6PM),
    ("at 6pm remind me to meet Sam at the station", "meet Sam at the station", TODAY_6PM),
    ("remind me on friday to read chapter 7", "read chapter 7", FRI_9),
    ("on friday remind me to pay the 2 bills", "pay the 2 bills", FRI_9),
    ("remind me on friday to call mum about the 3 kids", "call mum about the 3 kids", FRI_9),
    ("remind me to buy milk and eggs on friday", "buy milk and eggs", FRI_9),
    ("remind me to check on grandma on friday", "check on grandma", FRI_9),
    ("remind me to send Priya the slides friday morning", "send Priya the slides", FRI_9),
    ("I need a reminder to renew my library card on friday", "renew my library card", FRI_9),
)

CASES: list[Case] = [
    frame.reminder(text, title, local, "reminders")
    for frame in (UTC_WED, LONDON_WED, STJOHNS_WED)
    for text, title, local in REQUESTS
]
