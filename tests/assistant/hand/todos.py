"""Todo requests: title, priority, category and due date as stored.

Checked on Wednesday 2027-06-09 10:30 in UTC and St John's (-02:30); "by friday" is the
date 2027-06-11, no time.
"""

from __future__ import annotations

from datetime import date

from tests.assistant.hand.common import STJOHNS_WED, UTC_WED, NewTodo
from tests.assistant.harness import Case

FRI, THU, MIDSUMMER = date(2027, 6, 11), date(2027, 6, 10), date(2027, 6, 20)
# (message, title, priority, category, due)
TODOS: tuple[tuple[str, str, str, str | None, date | None], ...] = (
    ("add milk to my shopping list", "milk", "medium", "shopping", None),
    ("add eggs to the shopping list", "eggs", "medium", "shopping", None),
    ("add bin bags to my home list", "bin bags", "medium", "home", None),
    ("add call the accountant to my work list", "call the accountant", "medium", "work", None),
    ("add apples to my Shopping list", "apples", "medium", "shopping", None),
    ("add 2 pints of milk to my grocery list", "2 pints of milk", "medium", "grocery", None),
    ("add the 3 reports to my work list", "the 3 reports", "medium", "work", None),
    ("add oat milk to my grocery list, low priority", "oat milk", "low", "grocery", None),
    ("urgent: pay the rent", "pay the rent", "urgent", None, None),
    ("urgent: add pay the water bill to my list", "pay the water bill", "urgent", None, None),
    ("high priority: renew the passport", "renew the passport", "high", None, None),
    ("add fix the bike to my list, low priority", "fix the bike", "low", None, None),
    ("add book the MOT to my list (high priority)", "book the MOT", "high", None, None),
    ("add send the contract to my work list asap", "send the contract", "urgent", "work", None),
    ("for work: prepare the slides", "prepare the slides", "medium", "work", None),
    ("for home: fix the dripping tap", "fix the dripping tap", "medium", "home", None),
    ("could you add stamps to my list?", "stamps", "medium", None, None),
    ("can you add bananas to my shopping list?", "bananas", "medium", "shopping", None),
    (
        "could you add a birthday card to the shopping list please?",
        "a birthday card",
        "medium",
        "shopping",
        None,
    ),
    ("add descale the kettle #home", "descale the kettle", "medium", "home", None),
    ("add renew my passport #travel", "renew my passport", "medium", "travel", None),
    ("add submit the grant by friday", "submit the grant", "medium", None, FRI),
    ("add pay the council tax by tomorrow", "pay the council tax", "medium", None, THU),
    (
        "add return the library books to my list by 2027-06-20",
        "return the library books",
        "medium",
        None,
        MIDSUMMER,
    ),
    ("add an urgent todo to pay rent #home", "pay rent", "urgent", "home", None),
    ("add a todo to call the dentist", "call the dentist", "medium", None, None),
    ("todo: buy a new kettle", "buy a new kettle", "medium", None, None),
    ("new todo: clean the windows", "clean the windows", "medium", None, None),
    ("add a high priority todo to finish the budget", "finish the budget", "high", None, None),
    ("add a low priority task: sort the photos", "sort the photos", "low", None, None),
    ("add Priya's birthday present to my list", "Priya's birthday present", "medium", None, None),
    ("add sunscreen to my packing list, high priority", "sunscreen", "high", "packing", None),
    ("add weed the beds to the garden list", "weed the beds", "medium", "garden", None),
    ("add book flights to my travel list by friday", "book flights", "medium", "travel", FRI),
    (
        "high priority: add chase the refund to my work list",
        "chase the refund",
        "high",
        "work",
        None,
    ),
    ("add learn the lines to my todo list", "learn the lines", "medium", None, None),
    ("add toothpaste to my to-do list", "toothpaste", "medium", None, None),
)

CASES: list[Case] = [
    frame.case(text, NewTodo(title, priority, category, due), "todos")
    for frame in (UTC_WED, STJOHNS_WED)
    for text, title, priority, category, due in TODOS
]
