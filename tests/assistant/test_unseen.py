"""Phrasings nobody on the parser team wrote, run on the real engine over DynamoDB Local.

Written by a tester who did not read the parser or the other corpora: each case is a short
conversation at a frozen clock in one zone; each turn names every outcome a careful
assistant may give (by chat-conventions / issue 12), and any other outcome fails. A case the
engine still gets wrong is a strict xfail, so a fix flips it.

Expectation mini-language (one string per accepted outcome):
  "R <title> | <local YYYY-MM-DD HH:MM or *> [| <RRULE>]"  one reminder.created
  "T <title or *> [| cat=x] [| pri=y] [| due=YYYY-MM-DD]"  one todo.created
  "DONE <title>"        the item is completed (todo.completed or reminder done)
  "CANCEL <title>"      the reminder (or todo) is cancelled
  "MOVE <title> | <local time>"  the reminder is pending at that time
  "EDIT <title> | field=value"   the item now has that field
  "DEL <title>"         undo of a create: the item is deleted
  "RESTORE <title>"     undo of a change: the item is pending again
  "CANCEL2"             exactly two items cancelled ("both")
  "WARN <as R>"         R, and the answer says the same title already exists
  "LIST [a,b | -]"      only *.listed actions; with titles, exactly those items (- none)
  "NONE"                no action at all (an answer or a question)
  "MULTI <a> && <b>"    one change per part, each matching its part (in any order)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import permutations
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from remo_async.assistant import BuiltinEngine
from remo_async.domain.models import ReminderCreate, TodoCreate
from remo_async.store import Store
from tests.conftest import make_settings, migrate
from tests.helpers import SettableClock

LON, NY, TYO, SYD = "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"
WED = "2026-11-25 14:00"  # a Wednesday; London is on UTC in November
STATE_CHANGING = (".created", ".updated", ".completed", ".cancelled", ".deleted", ".restored")


@dataclass
class Case:
    """One conversation: setup items, then turns of (message, accepted outcomes)."""

    cid: str
    kind: str
    turns: list[tuple[str, list[str]]]
    zone: str = LON
    now: str = WED
    setup: list[tuple[Any, ...]] = field(default_factory=list)
    """("rem", title, local time, fired?) or ("todo", title, category, priority)."""


def c(cid: str, kind: str, msg: str, *expect: str, **kw: Any) -> Case:
    """A one-turn case."""
    return Case(cid, kind, [(msg, list(expect))], **kw)


def local(text: str, zone: str) -> datetime:
    """A local 'YYYY-MM-DD HH:MM' in zone, as UTC."""
    naive = datetime.strptime(text, "%Y-%m-%d %H:%M")
    return naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def norm(title: str) -> str:
    """A title as compared: lower case, no punctuation or emoji, no leading article."""
    words = re.sub(r"[^\w' ]+", " ", title.casefold()).split()
    while words and words[0] in ("the", "my", "a", "to"):
        words = words[1:]
    return " ".join(words)


def _item(action: dict[str, Any]) -> dict[str, Any]:
    return dict(action.get("reminder") or action.get("todo") or {})


def _changes(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in actions if str(a.get("type", "")).endswith(STATE_CHANGING)]


def _when(spec: str, zone: str) -> datetime | None:
    return None if spec.strip() == "*" else local(spec.strip(), zone)


def _rem_at(item: dict[str, Any], spec: str, zone: str) -> bool:
    want = _when(spec, zone)
    got = datetime.fromisoformat(str(item.get("reminding_time")).replace("Z", "+00:00"))
    return want is None or got == want


def _titled(item: dict[str, Any], title: str) -> bool:
    return title.strip() == "*" or norm(str(item.get("title", ""))) == norm(title)


def _fields_ok(item: dict[str, Any], parts: list[str]) -> bool:
    for part in parts:
        key, _, value = part.strip().partition("=")
        got = item.get({"cat": "category", "pri": "priority", "due": "due_date"}.get(key, key))
        if key == "title":
            if norm(str(got)) != norm(value):
                return False
        elif str(got).casefold() != value.strip().casefold():
            return False
    return True


def matches(expect: str, actions: list[dict[str, Any]], zone: str, text: str = "") -> bool:
    """Whether the engine's actions (and, for WARN, its answer) are this accepted outcome."""
    changes = _changes(actions)
    word, _, rest = expect.partition(" ")
    if word == "WARN":  # created, and the answer warns of the same title made just before
        return "already" in text.casefold() and matches("R " + rest, actions, zone)
    parts = rest.split("|")
    if word == "NONE":
        return not actions
    if word == "LIST":
        listed = bool(actions) and all(str(a["type"]).endswith(".listed") for a in actions)
        return listed and (not rest or _listed_titles(actions) == _title_set(rest))
    if word == "MULTI":  # several requests in one message: one change for each
        wants = [part.strip() for part in rest.split("&&")]
        return len(changes) == len(wants) and any(
            all(matches(w, [a], zone) for w, a in zip(wants, order, strict=True))
            for order in permutations(changes)
        )
    if word == "CANCEL2":
        return len(changes) == 2 and all(_item(a).get("status") == "cancelled" for a in changes)
    if len(changes) != 1:
        return False
    kind, item = str(changes[0]["type"]), _item(changes[0])
    if not _titled(item, parts[0]) and word not in ("EDIT",):
        return False
    if word == "R":
        rule = parts[2].strip() if len(parts) > 2 else None
        return (
            kind == "reminder.created"
            and _rem_at(item, parts[1], zone)
            and (rule == "*" or item.get("recurrence") == rule)
        )
    if word == "T":
        return kind == "todo.created" and _fields_ok(item, parts[1:])
    if word == "DONE":
        return item.get("status") == "done"
    if word == "CANCEL":
        return item.get("status") == "cancelled"
    if word == "MOVE":
        return item.get("status") == "pending" and _rem_at(item, parts[1], zone)
    if word == "EDIT":
        return _fields_ok(item, parts[1:]) and kind.endswith(".updated")
    if word == "DEL":
        return kind.endswith(".deleted")
    if word == "RESTORE":
        return item.get("status") == "pending" and not kind.endswith(".created")
    raise ValueError(expect)


def _listed_titles(actions: list[dict[str, Any]]) -> set[str]:
    items = [i for a in actions for i in (a.get("reminders") or []) + (a.get("todos") or [])]
    return {norm(str(item.get("title", ""))) for item in items}


def _title_set(text: str) -> set[str]:
    return set() if text.strip() == "-" else {norm(t) for t in text.split(",")}


def describe(actions: list[dict[str, Any]], zone: str) -> str:
    """The actions in short, times in the zone."""
    out = []
    for action in actions:
        item = _item(action)
        text = f"{action['type']} {item.get('title', '')!r}"
        if "reminding_time" in item:
            at = datetime.fromisoformat(str(item["reminding_time"]).replace("Z", "+00:00"))
            text += f" @{at.astimezone(ZoneInfo(zone)):%a %Y-%m-%d %H:%M}"
        for key in ("recurrence", "status", "priority", "category", "due_date"):
            if item.get(key) not in (None, "", "medium"):
                text += f" {key}={item[key]}"
        if str(action["type"]).endswith(".listed"):
            text += " " + ",".join(sorted(_listed_titles([action])))
        out.append(text)
    return "; ".join(out) or "no action"


async def _setup(store: Store, clock: SettableClock, user: str, case: Case) -> None:
    now = local(case.now, case.zone)
    for entry in case.setup:
        if entry[0] == "rem":
            _, title, at, fired = entry
            when = local(at, case.zone)
            clock.now = min(now, when) - timedelta(minutes=1)
            made = await store.reminders.create(
                user_id=user,
                data=ReminderCreate(title=title, reminding_time=when, timezone=case.zone),
            )
            if fired:
                clock.now = when
                await store.reminders.fire(reminder=made, now=when)
        else:
            _, title, category, priority = entry
            await store.todos.create(
                user_id=user,
                data=TodoCreate(title=title, category=category, priority=priority or "medium"),
            )
    clock.now = now


async def run_case(store: Store, clock: SettableClock, case: Case) -> list[str]:
    """Plays the case; one line per turn that missed: message | zone | now | expected | got."""
    user = f"unseen-{uuid.uuid4().hex[:10]}"
    await store.users.merge_preferences(privy_id=user, patch={"timezone": case.zone})
    await _setup(store, clock, user, case)
    engine = BuiltinEngine(store=store, clock=clock)
    history: list[dict[str, str]] = []
    misses = []
    for message, expected in case.turns:
        reply = await engine.reply(user_id=user, message=message, history=history)
        actions = [dict(a) for a in reply.actions]
        if not any(matches(e, actions, case.zone, reply.text) for e in expected):
            got = f"{describe(actions, case.zone)} / {reply.text[:90]!r}"
            misses.append(f"{message} | {case.zone} | {case.now} | {' OR '.join(expected)} | {got}")
        history += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": reply.text},
        ]
    return misses


DENTIST_3PM = ("rem", "dentist", "2026-11-25 15:00", False)
MILK_5PM = ("rem", "buy milk", "2026-11-25 17:00", False)
GYM_FRI = ("rem", "gym", "2026-11-27 18:00", False)
GARAGE = "remind me to call the garage tomorrow at 10"
GARAGE_R = "R call the garage | 2026-11-26 10:00"
GATE = "add fix the gate to my list"
GATE_T = "T fix the gate"
MUM6 = ("remind me to call mum at 6", ["R call mum | 2026-11-25 18:00"])


def fired(title: str, at: str = "2026-11-25 13:59") -> tuple[Any, ...]:
    """A reminder that fired a minute before WED."""
    return ("rem", title, at, True)


def todo(title: str, category: str | None = None, priority: str | None = None) -> tuple[Any, ...]:
    return ("todo", title, category, priority)


CLOCK = [
    c("seven", "clock", "remind me to feed the cat at seven", "R feed the cat | 2026-11-25 19:00"),
    c(
        "twenty-past",
        "clock",
        "pls remind me at twenty past five to pick up the kids",
        "R pick up the kids | 2026-11-25 17:20",
    ),
    c(
        "quarter-to-tmrw",
        "clock",
        "remind me tmrw at quarter to nine to take my pills",
        "R take my pills | 2026-11-26 08:45",
    ),
    c("1930", "clock", "remind me 2moro at 1930 to ring dad", "R ring dad | 2026-11-26 19:30"),
    c(
        "7.30-tonight",
        "clock",
        "remind me at 7.30 tonight to put the bins out",
        "R put the bins out | 2026-11-25 19:30",
    ),
    c(
        "19h30",
        "clock",
        "remind me at 19h30 to call the plumber",
        "R call the plumber | 2026-11-25 19:30",
    ),
    c(
        "noonish",
        "clock",
        "remind me to eat lunch tomorrow noonish",
        "R eat lunch | 2026-11-26 12:00",
        "NONE",
    ),
    c(
        "after-lunch",
        "clock",
        "remind me after lunch to email Karen",
        "R email Karen | 2026-11-25 13:00",
        "R email Karen | 2026-11-25 14:00",
        "NONE",
        now="2026-11-25 10:00",
    ),
    c("caps", "clock", "REMIND ME TO STRETCH AT 4", "R stretch | 2026-11-25 16:00"),
    c(
        "oclock-thx",
        "clock",
        "remind me at five o'clock to leave work thx",
        "R leave work | 2026-11-25 17:00",
    ),
    c(
        "midnight",
        "clock",
        "remind me at midnight to take out the recycling",
        "R take out the recycling | 2026-11-26 00:00",
    ),
    c(
        "midday-past",
        "clock",
        "remind me at midday to check the oven",
        "R check the oven | 2026-11-26 12:00",
    ),
    c(
        "9.45pm",
        "clock",
        "remind me at 9.45pm to lock the door",
        "R lock the door | 2026-11-25 21:45",
    ),
    c(
        "7-in-morning-lead",
        "clock",
        "at 7 in the morning remind me to go running",
        "R go running | 2026-11-26 07:00",
    ),
    c(
        "ten-past",
        "clock",
        "remind me to water the plants at ten past four",
        "R water the plants | 2026-11-25 16:10",
    ),
    c(
        "half-six",
        "clock",
        "remind me to call grandma at half six",
        "R call grandma | 2026-11-25 18:30",
        "NONE",
    ),
    c(
        "at-sign-emoji",
        "clock",
        "remind me @ 8pm to watch the match \u26bd",
        "R watch the match | 2026-11-25 20:00",
    ),
    c(
        "can-u",
        "clock",
        "can u remind me at 8:15 am tomorrow to take the car in",
        "R take the car in | 2026-11-26 08:15",
    ),
    c(
        "3-afternoon",
        "clock",
        "remind me at 3 in the afternoon to phone the bank",
        "R phone the bank | 2026-11-25 15:00",
    ),
    c("6ish", "clock", "remind me to meditate at 6ish", "R meditate | 2026-11-25 18:00", "NONE"),
    c(
        "tokyo-9",
        "clock",
        "remind me at 9 to start standup",
        "R start standup | 2026-11-25 09:00",
        zone=TYO,
        now="2026-11-25 08:00",
    ),
    c(
        "tokyo-7",
        "clock",
        "remind me at 7 to go home",
        "R go home | 2026-11-25 19:00",
        zone=TYO,
        now="2026-11-25 08:00",
    ),
    c(
        "ny-7-early",
        "clock",
        "remind me at 7 to walk the dog",
        "R walk the dog | 2026-11-25 07:00",
        zone=NY,
        now="2026-11-25 06:00",
    ),
    c(
        "0700",
        "clock",
        "remind me at 0700 tomorrow to catch the train",
        "R catch the train | 2026-11-26 07:00",
    ),
    c(
        "1159pm",
        "clock",
        "remind me at 11:59pm to submit the form",
        "R submit the form | 2026-11-25 23:59",
    ),
    c("no-at", "clock", "remind me quarter to ten to take meds", "R take meds | 2026-11-26 09:45"),
    c(
        "twenty-to",
        "clock",
        "remind me at twenty to six to start dinner",
        "R start dinner | 2026-11-25 17:40",
        zone=SYD,
        now="2026-11-25 09:00",
    ),
    c(
        "half-past-eight-eve",
        "clock",
        "remind me at half past eight this evening to call Priya",
        "R call Priya | 2026-11-25 20:30",
        zone=NY,
        now="2026-11-25 12:00",
    ),
    c("7pm-no-space", "clock", "remind me 7pm call mom", "R call mom | 2026-11-25 19:00", zone=NY),
    c(
        "8-oclock-morning",
        "clock",
        "remind me tomorrow at 8 o'clock in the morning to defrost the chicken",
        "R defrost the chicken | 2026-11-26 08:00",
    ),
    c(
        "trailing-time",
        "clock",
        "remind me to take the washing out at 4.15",
        "R take the washing out | 2026-11-25 16:15",
    ),
    c(
        "run-on",
        "clock",
        "hey so i was thinking could you remind me to call the landlord tomorrow at 11 thx",
        "R call the landlord | 2026-11-26 11:00",
    ),
]

AMOUNT = [
    c(
        "couple-hours",
        "amount",
        "remind me in a couple of hours to check the bread",
        "R check the bread | 2026-11-25 16:00",
    ),
    c(
        "few-mins",
        "amount",
        "in a few mins remind me to stir the soup",
        "R stir the soup | 2026-11-25 14:03",
    ),
    c(
        "hour-and-half",
        "amount",
        "remind me to move the car in an hour and a half",
        "R move the car | 2026-11-25 15:30",
    ),
    c(
        "half-hour",
        "amount",
        "remind me in half an hour to call back",
        "R call back | 2026-11-25 14:30",
    ),
    c(
        "quarter-hour",
        "amount",
        "remind me in a quarter of an hour to flip the steak",
        "R flip the steak | 2026-11-25 14:15",
    ),
    c(
        "fortnight",
        "amount",
        "remind me in a fortnight to check the garden",
        "R check the garden | 2026-12-09 14:00",
        "R check the garden | 2026-12-09 09:00",
    ),
    c(
        "twenty-minutes",
        "amount",
        "remind me in twenty minutes to take the pizza out",
        "R take the pizza out | 2026-11-25 14:20",
    ),
    c("90-mins", "amount", "remind me in 90 mins to leave", "R leave | 2026-11-25 15:30"),
    c("2-hrs", "amount", "remind me in 2 hrs to call Jo", "R call Jo | 2026-11-25 16:00"),
    c(
        "forty-five",
        "amount",
        "remind me in forty-five minutes to check email",
        "R check email | 2026-11-25 14:45",
    ),
    c("an-hour", "amount", "remind me in an hour to stretch", "R stretch | 2026-11-25 15:00"),
    c(
        "couple-hours-us",
        "amount",
        "in a couple hours remind me to reply to tom",
        "R reply to tom | 2026-11-25 16:00",
    ),
    c(
        "3-days",
        "amount",
        "remind me in 3 days to renew the parking permit",
        "R renew the parking permit | 2026-11-28 14:00",
        "R renew the parking permit | 2026-11-28 09:00",
    ),
    c(
        "a-week",
        "amount",
        "remind me in a week to follow up with the landlord",
        "R follow up with the landlord | 2026-12-02 14:00",
        "R follow up with the landlord | 2026-12-02 09:00",
    ),
    c(
        "two-weeks",
        "amount",
        "remind me in two weeks to book flights",
        "R book flights | 2026-12-09 14:00",
        "R book flights | 2026-12-09 09:00",
    ),
    c("no-title", "amount", "remind me in 5 min", "NONE"),
    c(
        "few-hours",
        "amount",
        "remind me in a few hours to water the tomatoes",
        "R water the tomatoes | 2026-11-25 17:00",
    ),
    c(
        "10min-abbrev",
        "amount",
        "remind me in 10m to check the laundry",
        "R check the laundry | 2026-11-25 14:10",
    ),
    c("an-hr", "amount", "remind me in an hr to eat", "R eat | 2026-11-25 15:00"),
    c(
        "couple-mins",
        "amount",
        "give me a nudge in a couple of minutes to turn off the hob",
        "R turn off the hob | 2026-11-25 14:02",
        "NONE",
    ),
    c(
        "1.5-hours",
        "amount",
        "remind me in 1.5 hours to pick up Zoe",
        "R pick up Zoe | 2026-11-25 15:30",
    ),
    c("half-hr", "amount", "remind me to call Ben in half an hr", "R call Ben | 2026-11-25 14:30"),
]

PERIOD = [
    c(
        "end-of-day",
        "period",
        "remind me at the end of the day to log my hours",
        "R log my hours | 2026-11-25 17:00",
    ),
    c(
        "by-eod",
        "period",
        "remind me by end of day to send the invoice",
        "R send the invoice | 2026-11-25 17:00",
    ),
    c(
        "end-week",
        "period",
        "remind me end of the week to do the timesheet",
        "R do the timesheet | 2026-11-27 17:00",
    ),
    c(
        "end-next-week",
        "period",
        "remind me end of next week to review the budget",
        "R review the budget | 2026-12-04 17:00",
    ),
    c(
        "end-month",
        "period",
        "remind me at the end of the month to pay rent",
        "R pay rent | 2026-11-30 17:00",
    ),
    c(
        "end-next-month",
        "period",
        "remind me end of next month to renew insurance",
        "R renew insurance | 2026-12-31 17:00",
    ),
    c(
        "this-weekend",
        "period",
        "remind me this weekend to clean the garage",
        "R clean the garage | 2026-11-28 09:00",
    ),
    c(
        "next-weekend",
        "period",
        "remind me next weekend to visit nan",
        "R visit nan | 2026-12-05 09:00",
    ),
    c(
        "later-today",
        "period",
        "remind me later today to call the vet",
        "R call the vet | 2026-11-25 18:00",
        now="2026-11-25 14:20",
    ),
    c(
        "first-thing-tmrw",
        "period",
        "remind me first thing tomorrow to email HR",
        "R email HR | 2026-11-26 08:00",
    ),
    c(
        "first-thing",
        "period",
        "remind me first thing to check the server",
        "R check the server | 2026-11-26 08:00",
    ),
    c(
        "tmrw-afternoon",
        "period",
        "remind me tomorrow afternoon to pick up the dry cleaning",
        "R pick up the dry cleaning | 2026-11-26 15:00",
    ),
    c("tmrw-evening", "period", "remind me tmrw evening to pack", "R pack | 2026-11-26 19:00"),
    c(
        "eod-friday",
        "period",
        "remind me end of day friday to submit expenses",
        "R submit expenses | 2026-11-27 17:00",
        "NONE",
    ),
    c(
        "this-evening",
        "period",
        "remind me this evening to call mum",
        "R call mum | 2026-11-25 19:00",
    ),
    c(
        "at-the-weekend",
        "period",
        "remind me at the weekend to mow the lawn",
        "R mow the lawn | 2026-11-28 09:00",
    ),
    c(
        "on-the-weekend",
        "period",
        "remind me on the weekend to mow the lawn",
        "R mow the lawn | 2026-11-28 09:00",
        zone=NY,
    ),
    c(
        "weekend-on-sunday",
        "period",
        "remind me this weekend to wash the car",
        "R wash the car | 2026-12-05 09:00",
        now="2026-11-29 10:00",
    ),
    c(
        "end-week-saturday",
        "period",
        "remind me end of the week to call the bank",
        "R call the bank | 2026-12-04 17:00",
        now="2026-11-28 10:00",
    ),
    c(
        "tonight",
        "period",
        "remind me tonight to charge my phone",
        "R charge my phone | 2026-11-25 20:00",
    ),
    c(
        "tmrw-morning-caps",
        "period",
        "Remind me Tomorrow Morning to Call The School",
        "R Call The School | 2026-11-26 09:00",
    ),
    c(
        "this-afternoon-late",
        "period",
        "remind me this afternoon to buy stamps",
        "R buy stamps | 2026-11-25 15:00",
        "NONE",
        now="2026-11-25 10:00",
    ),
    c(
        "end-of-month-syd",
        "period",
        "remind me end of month to pay the strata levy",
        "R pay the strata levy | 2026-11-30 17:00",
        zone=SYD,
    ),
]

DATE = [
    c(
        "iso",
        "date",
        "remind me to renew my passport on 2027-03-15",
        "R renew my passport | 2027-03-15 09:00",
    ),
    c(
        "3rd-of-dec",
        "date",
        "on the 3rd of December remind me about the school play",
        "R school play | 2026-12-03 09:00",
    ),
    c(
        "dec-3rd-6pm",
        "date",
        "remind me Dec 3rd at 6pm to buy tickets",
        "R buy tickets | 2026-12-03 18:00",
    ),
    c("14-feb", "date", "remind me on 14 feb to buy flowers", "R buy flowers | 2027-02-14 09:00"),
    c(
        "february-14th",
        "date",
        "remind me on February 14th to buy flowers",
        "R buy flowers | 2027-02-14 09:00",
    ),
    c("numeric-1-2", "date", "remind me on 1/2 to pay the bill", "NONE"),
    c("numeric-12-24", "date", "remind me 12/24 to wrap presents", "NONE"),
    c(
        "the-5th",
        "date",
        "remind me on the 5th to pay the nanny",
        "R pay the nanny | 2026-12-05 09:00",
        "NONE",
    ),
    c(
        "monday",
        "date",
        "remind me on monday to call the council",
        "R call the council | 2026-11-30 09:00",
    ),
    c(
        "next-tuesday",
        "date",
        "remind me next tuesday at 10 to book the MOT",
        "R book the MOT | 2026-12-01 10:00",
    ),
    c("thurs", "date", "remind me on thurs to buy a turkey", "R buy a turkey | 2026-11-26 09:00"),
    c("weds-today", "date", "remind me on weds to call sally", "R call sally | 2026-12-02 09:00"),
    c(
        "25th-december",
        "date",
        "remind me on 25th December at 8 to call family",
        "R call family | 2026-12-25 08:00",
    ),
    c(
        "nye",
        "date",
        "remind me on new year's eve to buy champagne",
        "R buy champagne | 2026-12-31 09:00",
        "NONE",
    ),
    c(
        "day-after-tmrw",
        "date",
        "remind me the day after tomorrow to return the library books",
        "R return the library books | 2026-11-27 09:00",
    ),
    c(
        "march-3-2027",
        "date",
        "remind me March 3 2027 at 2:30pm dentist",
        "R dentist | 2027-03-03 14:30",
    ),
    c(
        "day-before",
        "date",
        "my flight is on 2027-01-10, remind me the day before to check in",
        "R check in | 2027-01-09 09:00",
        "NONE",
    ),
    c(
        "june-first-comma",
        "date",
        "remind me on June 1st, 2027 to renew the domain",
        "R renew the domain | 2027-06-01 09:00",
    ),
    c(
        "1-june-time",
        "date",
        "remind me on 1 June 2027 at 16:00 to file the VAT return",
        "R file the VAT return | 2027-06-01 16:00",
    ),
    c("fri-abbr", "date", "remind me fri 2pm call jen", "R call jen | 2026-11-27 14:00"),
    c(
        "this-friday",
        "date",
        "remind me this friday to water the garden",
        "R water the garden | 2026-11-27 09:00",
    ),
    c(
        "date-mid-sentence",
        "date",
        "remind me to send the deposit for the 2027-04-02 trip on 2027-03-01",
        "R send the deposit for the 2027-04-02 trip | 2027-03-01 09:00",
        "NONE",
    ),
    c(
        "sat-morning",
        "date",
        "remind me sat morning to go to the market",
        "R go to the market | 2026-11-28 09:00",
    ),
]

RRULE = [
    c(
        "every-morning",
        "recur",
        "remind me to take my vitamins every morning",
        "R take my vitamins | 2026-11-26 09:00 | FREQ=DAILY",
    ),
    c(
        "every-evening",
        "recur",
        "remind me every evening to journal",
        "R journal | 2026-11-25 19:00 | FREQ=DAILY",
    ),
    c(
        "weekday-830",
        "recur",
        "remind me every weekday at 8:30 to check the inbox",
        "R check the inbox | 2026-11-26 08:30 | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    ),
    c(
        "sunday-6pm",
        "recur",
        "remind me to call dad every sunday at 6pm",
        "R call dad | 2026-11-29 18:00 | FREQ=WEEKLY;BYDAY=SU",
    ),
    c(
        "other-friday",
        "recur",
        "every other friday remind me to check payslip",
        "R check payslip | 2026-11-27 09:00 | FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    ),
    c(
        "2-weeks",
        "recur",
        "remind me every 2 weeks to change the bed sheets",
        "R change the bed sheets | * | FREQ=WEEKLY;INTERVAL=2",
    ),
    c(
        "first-monday",
        "recur",
        "remind me on the first monday of every month to pay the cleaner",
        "R pay the cleaner | 2026-12-07 09:00 | FREQ=MONTHLY;BYDAY=1MO",
    ),
    c(
        "last-friday",
        "recur",
        "remind me the last friday of the month to submit my timesheet",
        "R submit my timesheet | 2026-11-27 09:00 | FREQ=MONTHLY;BYDAY=-1FR",
    ),
    c(
        "last-day",
        "recur",
        "remind me on the last day of each month to back up photos",
        "R back up photos | 2026-11-30 09:00 | FREQ=MONTHLY;BYMONTHDAY=-1",
    ),
    c(
        "1st-every-month",
        "recur",
        "remind me on the 1st of every month to pay rent",
        "R pay rent | 2026-12-01 09:00 | FREQ=MONTHLY;BYMONTHDAY=1",
    ),
    c(
        "every-march-3rd",
        "recur",
        "remind me every march 3rd about mum's birthday",
        "R mum's birthday | 2027-03-03 09:00 | FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3",
    ),
    c(
        "tues-thurs",
        "recur",
        "remind me every tues and thurs at 7pm to go to the gym",
        "R go to the gym | 2026-11-26 19:00 | FREQ=WEEKLY;BYDAY=TU,TH",
    ),
    c(
        "hourly",
        "recur",
        "remind me hourly to drink water",
        "R drink water | 2026-11-25 15:00 | FREQ=HOURLY",
    ),
    c(
        "every-3-hours",
        "recur",
        "remind me every 3 hours to stand up",
        "R stand up | 2026-11-25 17:00 | FREQ=HOURLY;INTERVAL=3",
    ),
    c(
        "other-day",
        "recur",
        "remind me every other day to water the ferns",
        "R water the ferns | * | FREQ=DAILY;INTERVAL=2",
    ),
    c(
        "every-weekend",
        "recur",
        "remind me every weekend to call grandma",
        "R call grandma | 2026-11-28 09:00 | FREQ=WEEKLY;BYDAY=SA,SU",
    ),
    c("nightly", "recur", "remind me to floss nightly", "R floss | * | FREQ=DAILY", "NONE"),
    c(
        "annually",
        "recur",
        "remind me annually to renew the car tax",
        "R renew the car tax | * | FREQ=YEARLY",
    ),
    c("twice-a-day", "recur", "remind me twice a day to take antibiotics", "NONE"),
    c("blue-moon", "recur", "remind me every blue moon to call uncle bob", "NONE"),
    c(
        "2nd-4th-tue",
        "recur",
        "remind me every second and fourth tuesday to put the bins out",
        "R put the bins out | 2026-12-08 09:00 | FREQ=MONTHLY;BYDAY=2TU,4TU",
        "NONE",
    ),
    c(
        "except-fridays",
        "recur",
        "remind me every weekday except fridays to do standup",
        "R do standup | 2026-11-26 09:00 | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH",
        "NONE",
    ),
    c(
        "90-minutes",
        "recur",
        "remind me every 90 minutes to rest my eyes",
        "R rest my eyes | 2026-11-25 15:30 | FREQ=MINUTELY;INTERVAL=90",
        "NONE",
    ),
    c(
        "morning-except-weekends",
        "recur",
        "remind me every morning except weekends to walk",
        "R walk | 2026-11-26 09:00 | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "NONE",
    ),
    c(
        "each-monday",
        "recur",
        "remind me each monday to plan the week",
        "R plan the week | 2026-11-30 09:00 | FREQ=WEEKLY;BYDAY=MO",
    ),
    c(
        "monthly-word",
        "recur",
        "remind me every month to check the credit card statement",
        "R check the credit card statement | * | FREQ=MONTHLY",
    ),
    c(
        "daily-10pm",
        "recur",
        "remind me daily at 10pm to take melatonin",
        "R take melatonin | 2026-11-25 22:00 | FREQ=DAILY",
    ),
    c(
        "every-few-days",
        "recur",
        "remind me every few days to water the cactus",
        "R water the cactus | * | FREQ=DAILY;INTERVAL=3",
        "NONE",
    ),
    c(
        "6-months",
        "recur",
        "remind me every 6 months to see the dentist",
        "R see the dentist | * | FREQ=MONTHLY;INTERVAL=6",
    ),
    c(
        "mondays-plural",
        "recur",
        "remind me mondays at 9 to send the report",
        "R send the report | 2026-11-30 09:00 | FREQ=WEEKLY;BYDAY=MO",
        "NONE",
    ),
    c(
        "on-weekdays-7am",
        "recur",
        "wake me up on weekdays at 7am",
        "R wake up | 2026-11-26 07:00 | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "NONE",
    ),
    c(
        "every-other-thurs-tue-holidays",
        "recur",
        "remind me every other tuesday and thursday except holidays to run",
        "NONE",
    ),
    c(
        "every-day-at-noon",
        "recur",
        "every day at noon remind me to take a walk",
        "R take a walk | 2026-11-26 12:00 | FREQ=DAILY",
    ),
    c(
        "15th-monthly-time",
        "recur",
        "remind me on the 15th of each month at 6pm to pay the card",
        "R pay the card | 2026-12-15 18:00 | FREQ=MONTHLY;BYMONTHDAY=15",
    ),
    c(
        "every-year-birthday",
        "recur",
        "every year on 9 july remind me about Tom's birthday",
        "R Tom's birthday | 2027-07-09 09:00 | FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=9",
    ),
]

TODO = [
    c("oat-milk", "todo", "add oat milk to my shopping list", "T oat milk | cat=shopping"),
    c("put-on", "todo", "put batteries on the shopping list pls", "T batteries | cat=shopping"),
    c("quoted-question", "todo", "can you add 'fix the gate' to my todo list?", "T fix the gate"),
    c("todo-colon", "todo", "todo: book the vet", "T book the vet"),
    c(
        "urgent-colon",
        "todo",
        "urgent: call the insurance company",
        "T call the insurance company | pri=urgent",
    ),
    c(
        "trailing-high",
        "todo",
        "add renew the lease to my list, high priority",
        "T renew the lease | pri=high",
    ),
    c("for-work", "todo", "for work: prepare the slides", "T prepare the slides | cat=work"),
    c("holiday-list", "todo", "add sunscreen to the holiday list", "T sunscreen | cat=holiday"),
    c(
        "asap",
        "todo",
        "add replace smoke alarm battery asap",
        "T replace smoke alarm battery | pri=urgent",
    ),
    c("hashtag", "todo", "add pay council tax #home", "T pay council tax | cat=home"),
    c("by-friday", "todo", "add submit report by friday", "T submit report | due=2026-11-27"),
    c(
        "paren-low",
        "todo",
        "new todo clean the fridge (low priority)",
        "T clean the fridge | pri=low",
    ),
    c(
        "add-to-my-list-colon",
        "todo",
        "add to my list: call the electrician",
        "T call the electrician",
    ),
    c("to-do-dash", "todo", "to-do: organise the garage", "T organise the garage"),
    c("reading-list", "todo", "add 'read Dune' to my reading list", "T read Dune | cat=reading"),
    c("milk-low", "todo", "add milk, low priority", "T milk | pri=low"),
    c("HIGH-caps", "todo", "HIGH PRIORITY: file taxes", "T file taxes | pri=high"),
    c(
        "for-sam",
        "todo",
        "add buy a birthday card for Sam to my todos",
        "T buy a birthday card for Sam",
    ),
    c("shopping-colon", "todo", "shopping list: toothpaste", "T toothpaste | cat=shopping", "NONE"),
    c("need-to-remember", "todo", "i need to remember to buy stamps", "T buy stamps", "NONE"),
    c("to-do-list-spaced", "todo", "add fix bike to my to do list", "T fix bike"),
    c(
        "work-by-thurs",
        "todo",
        "add call the accountant to my work list by thursday",
        "T call the accountant | cat=work | due=2026-11-26",
    ),
    c("remember-to", "todo", "remember to buy milk", "T buy milk", "NONE"),
    c(
        "groceries",
        "todo",
        "stick avocados on the grocery list",
        "T avocados | cat=grocery",
        "NONE",
    ),
    c(
        "low-prio-abbrev",
        "todo",
        "add tidy the shed to my list, low prio",
        "T tidy the shed | pri=low",
    ),
    c("thx-trailing", "todo", "add dog food to my shopping list thx", "T dog food | cat=shopping"),
    c(
        "could-you-list",
        "todo",
        "could you add renew library card to my list?",
        "T renew library card",
    ),
    c(
        "urgent-trailing",
        "todo",
        "call the school back - urgent",
        "T call the school back | pri=urgent",
        "NONE",
    ),
    c("emoji-todo", "todo", "add \U0001f95a eggs to shopping list", "T eggs | cat=shopping"),
    c(
        "todo-due-date",
        "todo",
        "add pay the invoice to my list by 2026-12-10",
        "T pay the invoice | due=2026-12-10",
    ),
    c(
        "work-hash-urgent",
        "todo",
        "urgent: send the contract #work",
        "T send the contract | pri=urgent | cat=work",
    ),
]

LISTQ = [
    c("this-week", "list", "what's on this week", "LIST", setup=[GYM_FRI]),
    c("next-few-days", "list", "anything coming up in the next few days?", "LIST", setup=[GYM_FRI]),
    c("friday", "list", "what have i got on friday", "LIST", setup=[GYM_FRI]),
    c("finished-today", "list", "what did i finish today", "LIST"),
    c("went-off", "list", "what went off today?", "LIST", setup=[fired("stretch")]),
    c("shopping", "list", "what's on my shopping list", "LIST", setup=[todo("eggs", "shopping")]),
    c("show-todos", "list", "show me my todos", "LIST", setup=[todo("eggs")]),
    c("list-reminders-pls", "list", "list my reminders pls", "LIST", setup=[GYM_FRI]),
    c("whats-left", "list", "whats left to do", "LIST", setup=[todo("eggs")]),
    c("anything-tmrw", "list", "do i have anything tomorrow", "LIST"),
    c("schedule-tmrw", "list", "what's my schedule look like for tmrw", "LIST"),
    c("tonight", "list", "any reminders tonight?", "LIST"),
    c("agenda-weekend", "list", "what's on the agenda this weekend", "LIST"),
    c(
        "urgent-stuff",
        "list",
        "what urgent stuff do I have?",
        "LIST",
        setup=[todo("taxes", None, "urgent")],
    ),
    c("show-completed", "list", "show completed", "LIST"),
    c("work-todos", "list", "what are my work todos", "LIST", setup=[todo("deck", "work")]),
    c("remind-me-what", "list", "remind me what I have tomorrow", "LIST"),
    c("upper", "list", "WHAT ARE MY REMINDERS", "LIST"),
    c("anything-today", "list", "got anything for me today?", "LIST", setup=[MILK_5PM]),
    c("whats-next", "list", "what's next?", "LIST", setup=[MILK_5PM]),
]

REFS = [
    Case(
        "make-that-11",
        "ref",
        [
            (GARAGE, [GARAGE_R]),
            ("actually make that 11", ["MOVE call the garage | 2026-11-26 11:00"]),
        ],
    ),
    Case(
        "push-back-hour",
        "ref",
        [
            (GARAGE, [GARAGE_R]),
            ("push it back an hour", ["MOVE call the garage | 2026-11-26 11:00"]),
        ],
    ),
    Case(
        "move-friday",
        "ref",
        [(GARAGE, [GARAGE_R]), ("move it to friday", ["MOVE call the garage | 2026-11-27 10:00"])],
    ),
    Case(
        "forward-15",
        "ref",
        [
            (GARAGE, [GARAGE_R]),
            ("bring it forward 15 mins", ["MOVE call the garage | 2026-11-26 09:45"]),
        ],
    ),
    c("milk-one", "ref", "cancel the milk one", "CANCEL buy milk", setup=[DENTIST_3PM, MILK_5PM]),
    c(
        "my-3pm-move",
        "ref",
        "move my 3pm to 4",
        "MOVE dentist | 2026-11-25 16:00",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("my-3pm-cancel", "ref", "cancel my 3pm", "CANCEL dentist", setup=[DENTIST_3PM, MILK_5PM]),
    Case(
        "both",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("both", ["CANCEL2"])],
        setup=[
            ("rem", "call mum", "2026-11-25 18:00", False),
            ("rem", "call dad", "2026-11-25 19:00", False),
        ],
    ),
    Case(
        "first-one",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("the first one", ["CANCEL call mum"])],
        setup=[
            ("rem", "call mum", "2026-11-25 18:00", False),
            ("rem", "call dad", "2026-11-25 19:00", False),
        ],
    ),
    Case(
        "the-one-at-7",
        "ref",
        [
            ("move the call reminder to 9pm", ["NONE"]),
            ("the one at 7", ["MOVE call dad | 2026-11-25 21:00"]),
        ],
        setup=[
            ("rem", "call mum", "2026-11-25 18:00", False),
            ("rem", "call dad", "2026-11-25 19:00", False),
        ],
    ),
    c(
        "dentist-reminder",
        "ref",
        "delete the dentist reminder",
        "CANCEL dentist",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("it-no-context", "ref", "remind me about it tomorrow at 9", "NONE"),
    c("that-no-context", "ref", "remind me to do that at 5", "NONE"),
    c("this-no-context", "ref", "remind me of this tmrw", "NONE"),
    Case(
        "it-after-todo",
        "ref",
        [
            ("add call the plumber to my list", ["T call the plumber"]),
            ("remind me about it tomorrow at 9", ["R call the plumber | 2026-11-26 09:00", "NONE"]),
        ],
    ),
    c(
        "tick-off-milk",
        "ref",
        "tick off the milk one",
        "DONE milk",
        setup=[todo("milk", "shopping"), todo("bread", "shopping")],
    ),
    c("cancel-it-no-context", "ref", "cancel it", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    Case(
        "cancel-that",
        "ref",
        [(GARAGE, [GARAGE_R]), ("cancel that", ["CANCEL call the garage"])],
        setup=[DENTIST_3PM],
    ),
    c("my-5pm-done", "ref", "mark my 5pm as done", "DONE buy milk", setup=[DENTIST_3PM, MILK_5PM]),
    Case(
        "second-one",
        "ref",
        [("delete the call reminder", ["NONE"]), ("the second one", ["CANCEL call dad"])],
        setup=[
            ("rem", "call mum", "2026-11-25 18:00", False),
            ("rem", "call dad", "2026-11-25 19:00", False),
        ],
    ),
]

PAST = [
    c(
        "renewed-passport",
        "past",
        "I've renewed my passport",
        "DONE renew passport",
        setup=[todo("renew passport")],
    ),
    c(
        "paid-gas-emoji",
        "past",
        "paid the gas bill \U0001f44d",
        "DONE pay the gas bill",
        setup=[todo("pay the gas bill")],
    ),
    c("emailed-karen", "past", "emailed karen", "DONE email Karen", setup=[todo("email Karen")]),
    c(
        "bathroom-done",
        "past",
        "bathroom's done",
        "DONE clean the bathroom",
        "NONE",
        setup=[todo("clean the bathroom")],
    ),
    c("got-milk", "past", "got the milk", "DONE buy milk", setup=[todo("buy milk")]),
    c(
        "booked-dentist",
        "past",
        "booked the dentist finally",
        "DONE book dentist",
        setup=[todo("book dentist")],
    ),
    c(
        "just-called",
        "past",
        "just called the bank",
        "DONE call the bank",
        setup=[todo("call the bank")],
    ),
    c("didnt-buy", "past", "I didn't buy the milk", "NONE", setup=[todo("buy milk")]),
    c(
        "still-havent",
        "past",
        "I still haven't called the bank",
        "NONE",
        setup=[todo("call the bank")],
    ),
    c(
        "will-finish",
        "past",
        "I'll finish the report later",
        "NONE",
        setup=[todo("finish the report")],
    ),
    c(
        "neighbour-fixed",
        "past",
        "my neighbour fixed his fence",
        "NONE",
        setup=[todo("fix the fence")],
    ),
    c("did-i-buy", "past", "did I buy milk?", "NONE", "LIST", setup=[todo("buy milk")]),
    c(
        "sorted-invoices-caps",
        "past",
        "SORTED THE INVOICES",
        "DONE sort the invoices",
        setup=[todo("sort the invoices")],
    ),
    c(
        "finished-laundry-lol",
        "past",
        "finally finished the laundry lol",
        "DONE do the laundry",
        setup=[todo("do the laundry")],
    ),
    c(
        "done-with-report-us",
        "past",
        "done w the report",
        "DONE write the report",
        setup=[todo("write the report")],
    ),
    c(
        "almost-done",
        "past",
        "almost done with the report",
        "NONE",
        setup=[todo("write the report")],
    ),
    c(
        "sam-paid",
        "past",
        "Sam paid the gas bill",
        "DONE pay the gas bill",
        "NONE",
        setup=[todo("pay the gas bill")],
    ),
    c(
        "picked-up-kids",
        "past",
        "picked up the kids",
        "DONE pick up the kids",
        setup=[("rem", "pick up the kids", "2026-11-25 15:30", False)],
    ),
]

SNOOZE_AT = "2026-11-25 13:59"
SNOOZE = [
    c("not-now", "snooze", "not now", "MOVE stretch | 2026-11-25 14:10", setup=[fired("stretch")]),
    c("later", "snooze", "later", "MOVE stretch | 2026-11-25 15:00", setup=[fired("stretch")]),
    c(
        "20-min-please",
        "snooze",
        "in 20 min please",
        "MOVE stretch | 2026-11-25 14:20",
        setup=[fired("stretch")],
    ),
    c(
        "5-more",
        "snooze",
        "give me 5 more minutes",
        "MOVE stretch | 2026-11-25 14:05",
        setup=[fired("stretch")],
    ),
    c(
        "snooze-15",
        "snooze",
        "snooze 15",
        "MOVE stretch | 2026-11-25 14:15",
        setup=[fired("stretch")],
    ),
    c(
        "again-hour",
        "snooze",
        "remind me again in an hour",
        "MOVE stretch | 2026-11-25 15:00",
        setup=[fired("stretch")],
    ),
    c("snoze", "snooze", "snoze", "MOVE stretch | 2026-11-25 14:10", setup=[fired("stretch")]),
    c(
        "ugh-later",
        "snooze",
        "ugh later pls",
        "MOVE stretch | 2026-11-25 15:00",
        setup=[fired("stretch")],
    ),
    c(
        "try-at-6",
        "snooze",
        "not yet, try me at 6",
        "MOVE stretch | 2026-11-25 18:00",
        setup=[fired("stretch")],
    ),
    c("done", "snooze", "done", "DONE stretch", setup=[fired("stretch")]),
    c("ok-did-it", "snooze", "ok did it", "DONE stretch", setup=[fired("stretch")]),
    c("thanks", "snooze", "thanks!", "NONE", "DONE stretch", setup=[fired("stretch")]),
    c("not-now-nothing", "snooze", "not now", "NONE"),
    c(
        "busy",
        "snooze",
        "busy rn, 10 mins",
        "MOVE stretch | 2026-11-25 14:10",
        setup=[fired("stretch")],
    ),
    c(
        "remind-again-10",
        "snooze",
        "remind me again in 10",
        "MOVE stretch | 2026-11-25 14:10",
        setup=[fired("stretch")],
    ),
    c(
        "half-hour",
        "snooze",
        "in half an hour",
        "MOVE stretch | 2026-11-25 14:30",
        setup=[fired("stretch")],
    ),
    c(
        "snooze-till-tonight",
        "snooze",
        "snooze till tonight",
        "MOVE stretch | 2026-11-25 20:00",
        setup=[fired("stretch")],
    ),
]

RESCHEDULE = [
    Case(
        "hour-later",
        "resched",
        [(GARAGE, [GARAGE_R]), ("an hour later", ["MOVE call the garage | 2026-11-26 11:00"])],
    ),
    Case(
        "30-earlier",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("make it 30 mins earlier", ["MOVE call the garage | 2026-11-26 09:30"]),
        ],
    ),
    Case(
        "push-day",
        "resched",
        [(GARAGE, [GARAGE_R]), ("push it back a day", ["MOVE call the garage | 2026-11-27 10:00"])],
    ),
    Case(
        "change-730",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            (
                "change it to 7:30",
                [
                    "MOVE call the garage | 2026-11-26 07:30",
                    "MOVE call the garage | 2026-11-26 19:30",
                ],
            ),
        ],
    ),
    Case(
        "2pm-instead",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("can we do 2pm instead", ["MOVE call the garage | 2026-11-26 14:00"]),
        ],
    ),
    Case(
        "day-after",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("actually the day after", ["MOVE call the garage | 2026-11-27 10:00", "NONE"]),
        ],
    ),
    Case(
        "delay-2h",
        "resched",
        [(GARAGE, [GARAGE_R]), ("delay by 2 hours", ["MOVE call the garage | 2026-11-26 12:00"])],
    ),
    Case(
        "next-week",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("postpone it till next week", ["MOVE call the garage | 2026-12-03 10:00", "NONE"]),
        ],
    ),
    c(
        "dentist-to-4",
        "resched",
        "move the dentist to 4:30",
        "MOVE dentist | 2026-11-25 16:30",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "dentist-half-hour-later",
        "resched",
        "push the dentist back half an hour",
        "MOVE dentist | 2026-11-25 15:30",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "gym-to-sat",
        "resched",
        "move gym to saturday",
        "MOVE gym | 2026-11-28 18:00",
        setup=[GYM_FRI],
    ),
    Case(
        "tomorrow-instead",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("oh wait, friday instead", ["MOVE call the garage | 2026-11-27 10:00"]),
        ],
    ),
]

EDIT = [
    Case("high", "edit", [(GATE, [GATE_T]), ("make it high priority", ["EDIT * | pri=high"])]),
    Case(
        "rename",
        "edit",
        [(GATE, [GATE_T]), ("rename it to repair the gate", ["EDIT * | title=repair the gate"])],
    ),
    Case(
        "call-it",
        "edit",
        [(GATE, [GATE_T]), ("call it mend the gate instead", ["EDIT * | title=mend the gate"])],
    ),
    Case(
        "category",
        "edit",
        [(GATE, [GATE_T]), ("change the category to home", ["EDIT * | cat=home"])],
    ),
    Case(
        "actually-urgent",
        "edit",
        [(GATE, [GATE_T]), ("it's actually urgent", ["EDIT * | pri=urgent", "NONE"])],
    ),
    Case(
        "due-friday", "edit", [(GATE, [GATE_T]), ("set it due friday", ["EDIT * | due=2026-11-27"])]
    ),
    Case(
        "rename-reminder",
        "edit",
        [
            (GARAGE, [GARAGE_R]),
            ("rename it to ring the garage", ["EDIT * | title=ring the garage"]),
        ],
    ),
    Case(
        "low-prio", "edit", [(GATE, [GATE_T]), ("lower the priority", ["EDIT * | pri=low", "NONE"])]
    ),
    c(
        "rename-named",
        "edit",
        "rename the milk todo to oat milk",
        "EDIT * | title=oat milk",
        setup=[todo("milk", "shopping")],
    ),
    Case(
        "title-change",
        "edit",
        [
            (GATE, [GATE_T]),
            ("change the title to paint the gate", ["EDIT * | title=paint the gate"]),
        ],
    ),
    Case(
        "set-work", "edit", [(GATE, [GATE_T]), ("set the category to work", ["EDIT * | cat=work"])]
    ),
]

UNDO = [
    Case("undo-create", "undo", [(GARAGE, [GARAGE_R]), ("undo", ["DEL call the garage"])]),
    Case(
        "oops-undo-that",
        "undo",
        [(GARAGE, [GARAGE_R]), ("oops undo that", ["DEL call the garage"])],
    ),
    Case(
        "nvm",
        "undo",
        [(GARAGE, [GARAGE_R]), ("nvm", ["DEL call the garage", "CANCEL call the garage", "NONE"])],
    ),
    c("nothing", "undo", "undo", "NONE"),
    c("nothing-with-items", "undo", "undo", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    Case(
        "undo-complete",
        "undo",
        [("done with milk", ["DONE milk"]), ("undo", ["RESTORE milk"])],
        setup=[todo("milk")],
    ),
    Case(
        "revert-cancel",
        "undo",
        [("cancel the dentist reminder", ["CANCEL dentist"]), ("revert", ["RESTORE dentist"])],
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    Case(
        "take-back",
        "undo",
        [(GARAGE, [GARAGE_R]), ("take that back", ["DEL call the garage", "NONE"])],
    ),
    Case("undoo", "undo", [(GARAGE, [GARAGE_R]), ("undoo", ["DEL call the garage"])]),
    Case(
        "undo-move",
        "undo",
        [
            (GARAGE, [GARAGE_R]),
            ("push it back an hour", ["MOVE call the garage | 2026-11-26 11:00"]),
            ("undo", ["MOVE call the garage | 2026-11-26 10:00"]),
        ],
    ),
    Case("undo-caps", "undo", [(GATE, [GATE_T]), ("UNDO!!", ["DEL fix the gate"])]),
    Case(
        "undo-snooze",
        "undo",
        [
            ("not now", ["MOVE stretch | 2026-11-25 14:10"]),
            ("undo", ["NONE", "EDIT stretch | status=fired", "RESTORE stretch"]),
        ],
        setup=[fired("stretch")],
    ),
    Case(
        "undo-last-reminder",
        "undo",
        [(GARAGE, [GARAGE_R]), ("undo the last one", ["DEL call the garage"])],
    ),
]

TYPO = [
    c("remnd", "typo", "remnd me to call jo at 5", "R call jo | 2026-11-25 17:00"),
    c(
        "remidn-tomorow",
        "typo",
        "remidn me tomorow at 9 to pay rent",
        "R pay rent | 2026-11-26 09:00",
    ),
    c(
        "cancle",
        "typo",
        "cancle the dentist reminder",
        "CANCEL dentist",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "reminde",
        "typo",
        "reminde me in 10 mins to check the oven",
        "R check the oven | 2026-11-25 14:10",
    ),
    c("tommorrow", "typo", "remind me tommorrow at 8 to jog", "R jog | 2026-11-26 08:00"),
    c("wensday", "typo", "remind me on wensday at 10 to call Ann", "R call Ann | 2026-12-02 10:00"),
    c("shoping", "typo", "add mlik to shoping list", "T * | cat=shopping", "NONE"),
    c(
        "tomorow-morning",
        "typo",
        "remind me tomorow morning to call the vet",
        "R call the vet | 2026-11-26 09:00",
    ),
    c("delte", "typo", "delte the gym reminder", "CANCEL gym", setup=[GYM_FRI]),
    c(
        "dentsit",
        "typo",
        "cancel the dentsit reminder",
        "CANCEL dentist",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("garbled", "typo", "remind me at 5pm to asdkjh qwe", "NONE"),
    c("remaind", "typo", "remaind me tonite to call Liz", "R call Liz | 2026-11-25 20:00"),
    c(
        "fridya",
        "typo",
        "remind me fridya at 3pm to pay the window cleaner",
        "R pay the window cleaner | 2026-11-27 15:00",
        "NONE",
    ),
    c(
        "minuts",
        "typo",
        "remind me in 15 minuts to take the cake out",
        "R take the cake out | 2026-11-25 14:15",
    ),
    c("plz-rmd", "typo", "plz rmd me 2moro 10am dentist", "R dentist | 2026-11-26 10:00", "NONE"),
    c("snoooze", "typo", "snoooze", "MOVE stretch | 2026-11-25 14:10", setup=[fired("stretch")]),
    c("compelte", "typo", "mark the milk todo compelte", "DONE milk", setup=[todo("milk")]),
    c(
        "resechdule",
        "typo",
        "reschedual the dentist to 4pm",
        "MOVE dentist | 2026-11-25 16:00",
        setup=[DENTIST_3PM],
    ),
    c("all-typos-garbled", "typo", "remnid me tmorow at 9 to xqzv plk", "NONE"),
]

NOT = [
    c("remind-sam", "not", "should I remind Sam to bring the cake?", "NONE"),
    c("did-you-remind-tom", "not", "did you remind tom?", "NONE"),
    c("birthday", "not", "tomorrow is my birthday!", "NONE"),
    c("meeting-at-3", "not", "I have a meeting at 3", "NONE"),
    c("dont-no-item", "not", "don't remind me about the gym", "NONE"),
    c(
        "dont-with-item",
        "not",
        "don't remind me about the gym anymore",
        "CANCEL gym",
        "NONE",
        setup=[GYM_FRI],
    ),
    c("hypothetical", "not", "if I asked you to remind me at 5, would you?", "NONE"),
    c("sarcasm", "not", "oh great, another reminder to do my taxes \U0001f644", "NONE"),
    c("quoting-boss", "not", "my boss said 'remind me to fire Dave at 5'", "NONE"),
    c("sam-told-me", "not", "Sam told me to remind him about the keys tomorrow", "NONE"),
    c("never-eat-there", "not", "remind me never to eat there again lol", "NONE"),
    c("hate-mondays", "not", "I hate Mondays", "NONE"),
    c("was-reminded", "not", "I was reminded to call the bank yesterday", "NONE"),
    c("time-in-tokyo", "not", "what time is it in Tokyo", "NONE"),
    c("forgot-mum", "not", "I forgot to call mum yesterday", "NONE"),
    c("nobody-needs", "not", "Nobody needs to remind me to drink coffee", "NONE"),
    c(
        "no-need-dentist",
        "not",
        "no need to remind me about the dentist",
        "CANCEL dentist",
        "NONE",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("remind-wife", "not", "could you remind my wife to pick me up at 6?", "NONE"),
    c("how-pancakes", "not", "remind me how to make pancakes", "NONE"),
    c("going-gym", "not", "i'm going to the gym at 6", "NONE"),
    c("dentist-statement", "not", "the dentist is at 3 tomorrow", "NONE"),
    c("never-again", "not", "ha, remind me to never do that again", "NONE"),
    c("what-if-said", "not", "what would you do if I said remind me at 5?", "NONE"),
    c("dont-cancel", "not", "don't cancel the dentist", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    c("no-dont-add", "not", "no, don't add milk to the list", "NONE"),
    c("hello", "not", "hi there \U0001f44b", "NONE"),
    c("thanks-bye", "not", "thx, bye", "NONE"),
    c("what-can-you-do", "not", "what can you do?", "NONE"),
    c("my-mum-reminds", "not", "my mum always reminds me to wear a coat", "NONE"),
    c("dont-forget-quote", "not", 'the sign said "don\'t forget to lock up at 6"', "NONE"),
    c("joking", "not", "remind me to win the lottery tomorrow, jk", "NONE"),
    c(
        "was-going-to",
        "not",
        "I was going to ask you to remind me about the bins but never mind",
        "NONE",
    ),
    c("tell-john", "not", "tell John to call me at 5", "NONE"),
    c(
        "is-dentist-tomorrow",
        "not",
        "is my dentist appointment tomorrow?",
        "NONE",
        "LIST",
        setup=[DENTIST_3PM],
    ),
    c("cant-cancel-question", "not", "can I cancel reminders?", "NONE", setup=[DENTIST_3PM]),
    c("dont-add-todo", "not", "don't add anything to my list", "NONE"),
]

PRONOUN = [
    c("about-it", "pronoun", "remind me about it tomorrow at 9", "NONE"),
    c("of-that", "pronoun", "remind me of that at 5", "NONE"),
    c("this-tmrw", "pronoun", "remind me to do this tmrw", "NONE"),
    c("add-it", "pronoun", "add it to my list", "NONE"),
    c("them-friday", "pronoun", "remind me about them on friday", "NONE"),
    c("do-it-later", "pronoun", "remind me to do it later", "NONE"),
    c("that-thing", "pronoun", "remind me to do that thing at 4", "NONE"),
    c("it-caps", "pronoun", "REMIND ME ABOUT IT AT 6PM", "NONE"),
    c("this-emoji", "pronoun", "remind me about this \U0001f446 in an hour", "NONE"),
    c("stuff", "pronoun", "remind me about stuff tomorrow", "NONE"),
    c("todo-it", "pronoun", "todo: it", "NONE"),
    c("something", "pronoun", "remind me of something at 3", "NONE"),
]

DUP = [
    Case(
        "duplicate",
        "dup",
        [
            ("remind me to call mum at 6", ["R call mum | 2026-11-25 18:00"]),
            ("remind me to call mum at 6", ["WARN call mum | 2026-11-25 18:00"]),
        ],
    ),
    Case(
        "duplicate-reworded",
        "dup",
        [MUM6, ("pls remind me at 6pm to call mum", ["WARN call mum | 2026-11-25 18:00", "NONE"])],
    ),
    Case(
        "duplicate-other-time",
        "dup",
        [MUM6, ("remind me to call mum at 8", ["WARN call mum | 2026-11-26 08:00"])],
    ),
    Case(
        "duplicate-todo",
        "dup",
        [
            ("add eggs to my shopping list", ["T eggs | cat=shopping"]),
            ("add eggs to my shopping list", ["T eggs | cat=shopping", "NONE"]),
        ],
    ),
]


WAVE2 = [
    # statements and questions that hold a time: nothing is asked for
    c("train-leaves", "not", "my train leaves at 7.15 tomorrow", "NONE"),
    c(
        "lunch-anna",
        "not",
        "lunch with Anna on friday at 1",
        "NONE",
        "R lunch with Anna | 2026-11-27 13:00",
    ),
    c("plumber-coming", "not", "the plumber is coming at 10 tomorrow", "NONE"),
    c("dinner-at-8", "not", "dinner's at 8", "NONE"),
    c("finish-work", "not", "I finish work at 5", "NONE"),
    c("kids-out", "not", "the kids get out of school at 3:15", "NONE"),
    c("wake-up", "not", "I usually wake up at 7", "NONE"),
    c("meeting-moved", "not", "ugh the meeting got moved to 4", "NONE"),
    c("shop-open", "not", "is the shop open at 9 tomorrow?", "NONE"),
    c("weather-3", "not", "what's the weather like at 3 tomorrow", "NONE"),
    c("party-saturday", "not", "there's a party on saturday at 8 \U0001f389", "NONE"),
    c("remind-people", "not", "can you remind other people?", "NONE"),
    c("can-you-remind-me-bare", "not", "can you remind me?", "NONE"),
    c("dont-remind-call", "not", "don't remind me to call mum at 6", "NONE"),
    c("please-dont-set", "not", "please don't set a reminder for the party", "NONE"),
    c(
        "stop-reminding",
        "not",
        "stop reminding me about the gym",
        "CANCEL gym",
        "NONE",
        setup=[GYM_FRI],
    ),
    c(
        "dont-need-milk",
        "not",
        "I don't need the milk reminder anymore",
        "CANCEL buy milk",
        "NONE",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("if-rains", "not", "if I'd known I would have asked you to remind me at 6", "NONE"),
    c("she-said", "not", "she said she'd remind me to call at 5", "NONE"),
    c("lol-reminder", "not", "lol I set a reminder for 6am by accident yesterday", "NONE"),
    c("no-context-mark-done", "ref", "mark it done", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    c("no-context-delete-that", "ref", "delete that", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    c("no-context-push", "ref", "push it back an hour", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    c(
        "have-i-paid",
        "past",
        "have I paid the gas bill?",
        "NONE",
        "LIST",
        setup=[todo("pay the gas bill")],
    ),
    c("did-i-call", "past", "did I call the bank?", "NONE", "LIST", setup=[todo("call the bank")]),
    c(
        "did-i-email-yet",
        "past",
        "did i email karen yet",
        "NONE",
        "LIST",
        setup=[todo("email Karen")],
    ),
    c(
        "wish-finished",
        "past",
        "I wish I'd finished the report",
        "NONE",
        setup=[todo("finish the report")],
    ),
    c(
        "need-to-finish",
        "past",
        "I need to finish the report",
        "NONE",
        "T finish the report",
        setup=[todo("finish the report")],
    ),
    # single weekdays said short: one reminder, no series
    c(
        "on-tues",
        "date",
        "remind me on tues to call the bank",
        "R call the bank | 2026-12-01 09:00",
    ),
    c("on-mon-5", "date", "remind me on mon at 5 to ring Leo", "R ring Leo | 2026-11-30 17:00"),
    c("thu-4pm", "date", "thu 4pm remind me to call Nia", "R call Nia | 2026-11-26 16:00"),
    c("on-sat", "date", "remind me on sat to buy paint", "R buy paint | 2026-11-28 09:00"),
    c(
        "sun-evening",
        "date",
        "remind me sun evening to iron shirts",
        "R iron shirts | 2026-11-29 19:00",
    ),
    c("on-fri", "date", "remind me on fri to pay Ali back", "R pay Ali back | 2026-11-27 09:00"),
    c(
        "tues-plural",
        "recur",
        "remind me on tuesdays to put the bins out",
        "R put the bins out | 2026-12-01 09:00 | FREQ=WEEKLY;BYDAY=TU",
    ),
    c(
        "thursday-full",
        "date",
        "remind me on thursday to buy a turkey",
        "R buy a turkey | 2026-11-26 09:00",
    ),
    # 24-hour clocks and chatty prefixes
    c(
        "at-0930",
        "clock",
        "remind me at 0930 tomorrow to call the vet",
        "R call the vet | 2026-11-26 09:30",
    ),
    c(
        "at-2100",
        "clock",
        "remind me at 2100 to take the bins out",
        "R take the bins out | 2026-11-25 21:00",
    ),
    c("1545-bare", "clock", "remind me to leave at 1545", "R leave | 2026-11-25 15:45"),
    c("20h", "clock", "remind me at 20h to call Marie", "R call Marie | 2026-11-25 20:00"),
    c(
        "hey-remo",
        "clock",
        "hey remo, remind me to water the plants at 6",
        "R water the plants | 2026-11-25 18:00",
    ),
    c(
        "could-you-please",
        "clock",
        "could you please remind me to book a table at 5pm",
        "R book a table | 2026-11-25 17:00",
        "NONE",
    ),
    c(
        "would-you-mind",
        "clock",
        "would you mind reminding me to call Raj at 4?",
        "R call Raj | 2026-11-25 16:00",
    ),
    c("yo", "clock", "yo remind me at 6 to feed the fish", "R feed the fish | 2026-11-25 18:00"),
    c(
        "set-a-reminder-for",
        "clock",
        "set a reminder for 6pm to call the vet",
        "R call the vet | 2026-11-25 18:00",
    ),
    c(
        "set-reminder-title-first",
        "clock",
        "can you set a reminder to call the vet for 6pm",
        "R call the vet | 2026-11-25 18:00",
    ),
    c("reminder-colon", "clock", "reminder: call mum at 6", "R call mum | 2026-11-25 18:00"),
    c("ping-me", "clock", "ping me at 4 to check the oven", "R check the oven | 2026-11-25 16:00"),
    c(
        "dont-let-me-forget",
        "clock",
        "don't let me forget to call Sue at 5",
        "R call Sue | 2026-11-25 17:00",
    ),
    c("dashes", "clock", "remind me - dentist - 3pm tmrw", "R dentist | 2026-11-26 15:00"),
    c(
        "i-need-a-reminder",
        "clock",
        "i need a reminder at 7 to take my meds",
        "R take my meds | 2026-11-25 19:00",
    ),
    c(
        "alarm",
        "clock",
        "set an alarm for 7am to go for a run",
        "R go for a run | 2026-11-26 07:00",
        "NONE",
    ),
    # snoozes and new requests after a fire
    c(
        "5-more-mins",
        "snooze",
        "5 more mins",
        "MOVE stretch | 2026-11-25 14:05",
        setup=[fired("stretch")],
    ),
    c(
        "snooze-for-hour",
        "snooze",
        "snooze for an hour",
        "MOVE stretch | 2026-11-25 15:00",
        setup=[fired("stretch")],
    ),
    c(
        "not-right-now",
        "snooze",
        "not right now",
        "MOVE stretch | 2026-11-25 14:10",
        setup=[fired("stretch")],
    ),
    c(
        "remind-me-later",
        "snooze",
        "remind me later",
        "MOVE stretch | 2026-11-25 15:00",
        setup=[fired("stretch")],
    ),
    c(
        "in-a-bit",
        "snooze",
        "in a bit",
        "NONE",
        "MOVE stretch | 2026-11-25 14:10",
        "MOVE stretch | 2026-11-25 15:00",
        setup=[fired("stretch")],
    ),
    c(
        "tomorrow-morning-snooze",
        "snooze",
        "tomorrow morning",
        "MOVE stretch | 2026-11-26 09:00",
        setup=[fired("stretch")],
    ),
    c(
        "new-request-after-fire",
        "snooze",
        "remind me to call mum at 6",
        "R call mum | 2026-11-25 18:00",
        setup=[fired("stretch")],
    ),
    c(
        "new-todo-after-fire",
        "snooze",
        "add bread to my shopping list",
        "T bread | cat=shopping",
        setup=[fired("stretch")],
    ),
    c("fire-then-statement", "snooze", "I'm at work", "NONE", setup=[fired("stretch")]),
    # undo variants
    Case("undo-pls", "undo", [(GARAGE, [GARAGE_R]), ("undo pls", ["DEL call the garage"])]),
    Case(
        "scratch-that",
        "undo",
        [(GARAGE, [GARAGE_R]), ("scratch that", ["DEL call the garage", "CANCEL call the garage"])],
    ),
    Case("no-wait-undo", "undo", [(GATE, [GATE_T]), ("no wait, undo", ["DEL fix the gate"])]),
    c("revert-nothing", "undo", "revert", "NONE", setup=[DENTIST_3PM]),
    c("ctrl-z", "undo", "ctrl+z", "NONE", setup=[DENTIST_3PM]),
    Case(
        "undo-edit",
        "undo",
        [
            (GATE, [GATE_T]),
            ("make it high priority", ["EDIT * | pri=high"]),
            ("undo", ["EDIT * | pri=medium"]),
        ],
    ),
    # reschedules and edits after a create
    Case(
        "change-time-5pm",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("change the time to 5pm", ["MOVE call the garage | 2026-11-26 17:00"]),
        ],
    ),
    Case(
        "change-to-tuesday",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("change it to tuesday", ["MOVE call the garage | 2026-12-01 10:00"]),
        ],
    ),
    Case(
        "hour-earlier",
        "resched",
        [
            (GARAGE, [GARAGE_R]),
            ("move it an hour earlier", ["MOVE call the garage | 2026-11-26 09:00"]),
        ],
    ),
    Case("make-it-urgent", "edit", [(GATE, [GATE_T]), ("make it urgent", ["EDIT * | pri=urgent"])]),
    c(
        "rename-garage-named",
        "edit",
        "rename the gym reminder to yoga",
        "EDIT * | title=yoga",
        setup=[GYM_FRI],
    ),
    # lists
    c("coming-up", "list", "what's coming up", "LIST", setup=[GYM_FRI]),
    c("show-shopping", "list", "show my shopping list", "LIST", setup=[todo("eggs", "shopping")]),
    c("need-to-buy", "list", "what do i need to buy", "LIST", setup=[todo("eggs", "shopping")]),
    c(
        "reminders-went-off",
        "list",
        "which reminders went off today",
        "LIST",
        setup=[fired("stretch")],
    ),
    c("done-this-week", "list", "what have I done this week?", "LIST"),
    c("due-this-week", "list", "anything due this week?", "LIST", setup=[GYM_FRI]),
    # recurrences
    c(
        "weekday-morning",
        "recur",
        "remind me every weekday morning to check the post",
        "R check the post | 2026-11-26 09:00 | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    ),
    c(
        "mwf-6am",
        "recur",
        "remind me every monday wednesday and friday at 6am to swim",
        "R swim | 2026-11-27 06:00 | FREQ=WEEKLY;BYDAY=MO,WE,FR",
    ),
    c(
        "hour-between",
        "recur",
        "remind me every hour between 9 and 5 to stretch",
        "NONE",
        "R stretch | * | FREQ=HOURLY;BYHOUR=9,10,11,12,13,14,15,16,17",
    ),
    c(
        "1st-jan",
        "recur",
        "each year on 1st jan remind me to renew the domain",
        "R renew the domain | 2027-01-01 09:00 | FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
    ),
    c(
        "fortnightly",
        "recur",
        "remind me every fortnight to mow the lawn",
        "R mow the lawn | * | FREQ=WEEKLY;INTERVAL=2",
    ),
    c(
        "quarterly",
        "recur",
        "remind me every quarter to pay the VAT",
        "R pay the VAT | * | FREQ=MONTHLY;INTERVAL=3",
        "NONE",
    ),
    c(
        "every-2nd-tue",
        "recur",
        "remind me every 2nd tuesday to water the orchid",
        "R water the orchid | * | FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "R water the orchid | * | FREQ=MONTHLY;BYDAY=2TU",
        "NONE",
    ),
    c("except-holidays", "recur", "remind me every day except bank holidays to run", "NONE"),
    c(
        "every-other-month-last",
        "recur",
        "remind me on the last weekday of the month to do payroll",
        "R do payroll | 2026-11-30 09:00 | FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "NONE",
    ),
    # dates
    c(
        "on-the-1st",
        "date",
        "remind me on the 1st to pay rent",
        "R pay rent | 2026-12-01 09:00",
        "NONE",
    ),
    c(
        "on-dec-1",
        "date",
        "remind me on dec 1 to book the dentist",
        "R book the dentist | 2026-12-01 09:00",
    ),
    c(
        "1st-dec-7pm",
        "date",
        "remind me on 1st dec at 7pm to call Eve",
        "R call Eve | 2026-12-01 19:00",
    ),
    c("past-date", "date", "remind me on 2026-11-20 to pay the fine", "NONE"),
    c(
        "30-11",
        "date",
        "remind me on 30/11 to pay the fine",
        "R pay the fine | 2026-11-30 09:00",
        "NONE",
    ),
    # todos
    c("todo-dash", "todo", "todo - ring the council", "T ring the council"),
    c(
        "put-it-on-list",
        "todo",
        "I need to pay the council tax, put it on my list",
        "T pay the council tax",
        "NONE",
    ),
    c("remind-no-time-asks", "todo", "remind me to buy eggs", "NONE"),
    c("quoted-time-title", "todo", "add 'call mum at 6' to my list", "T call mum at 6", "NONE"),
    # pronouns
    c("about-that-tmrw", "pronoun", "remind me about that tomorrow", "NONE"),
    c("those-at-5", "pronoun", "remind me about those at 5", "NONE"),
    c("it-no-time", "pronoun", "remind me about it", "NONE"),
    # typos
    c("cancell-gym", "typo", "cancell the gym one", "CANCEL gym", setup=[GYM_FRI]),
    c("reimnd", "typo", "reimnd me at 6 to feed the dog", "R feed the dog | 2026-11-25 18:00"),
    c("remider", "typo", "set a remider for 5pm to call bob", "R call bob | 2026-11-25 17:00"),
    c(
        "tmorrow-typo",
        "typo",
        "remind me tmorrow at 10 to call bob",
        "R call bob | 2026-11-26 10:00",
    ),
    # DST edges
    c(
        "ny-spring-gap",
        "clock",
        "remind me tomorrow at 2:30am to check the boiler",
        "R check the boiler | 2027-03-14 03:30",
        "NONE",
        zone=NY,
        now="2027-03-13 20:00",
    ),
    c(
        "lon-spring-gap",
        "clock",
        "remind me at 1.30am tomorrow to check the boiler",
        "R check the boiler | 2027-03-28 02:30",
        "NONE",
        now="2027-03-27 20:00",
    ),
    c(
        "syd-tomorrow-9",
        "clock",
        "remind me tmrw at 9 to call the bank",
        "R call the bank | 2026-11-26 09:00",
        zone=SYD,
        now="2026-11-25 23:30",
    ),
]

TWO_CALLS = [
    ("rem", "call mum", "2026-11-25 18:00", False),
    ("rem", "call dad", "2026-11-25 19:00", False),
]
WAVE3 = [
    # numbers inside titles must stay titles
    c(
        "chapter-7",
        "title-num",
        "remind me to read chapter 7 tomorrow",
        "R read chapter 7 | 2026-11-26 09:00",
    ),
    c(
        "2-tickets",
        "title-num",
        "remind me to buy 2 tickets at 6",
        "R buy 2 tickets | 2026-11-25 18:00",
    ),
    c(
        "3-pills",
        "title-num",
        "remind me to take 3 pills at 9pm",
        "R take 3 pills | 2026-11-25 21:00",
    ),
    c(
        "room-101",
        "title-num",
        "remind me to call room 101 at 4",
        "R call room 101 | 2026-11-25 16:00",
    ),
    c("watch-24", "title-num", "remind me to watch 24 tonight", "R watch 24 | 2026-11-25 20:00"),
    c(
        "2027-calendar",
        "title-num",
        "remind me to buy a 2027 calendar on friday",
        "R buy a 2027 calendar | 2026-11-27 09:00",
    ),
    c(
        "3-oclock-meeting",
        "title-num",
        "remind me about the 3 o'clock meeting at 2:45",
        "R 3 o'clock meeting | 2026-11-25 14:45",
    ),
    c(
        "815-train",
        "title-num",
        "remind me to catch the 8:15 train tomorrow at 7:45",
        "R catch the 8:15 train | 2026-11-26 19:45",
        "R catch the 8:15 train | 2026-11-26 07:45",
    ),
    c(
        "50-fine",
        "title-num",
        "remind me to pay the \u00a350 fine on monday",
        "R pay the \u00a350 fine | 2026-11-30 09:00",
    ),
    c(
        "2-clients",
        "title-num",
        "remind me at 5 to call 2 clients",
        "R call 2 clients | 2026-11-25 17:00",
    ),
    c(
        "txt-2",
        "title-num",
        "pls remind me tmrw 2 call the dentist",
        "R call the dentist | 2026-11-26 09:00",
        "NONE",
    ),
    c(
        "txt-2-buy",
        "title-num",
        "remind me 2 buy milk at 5",
        "R buy milk | 2026-11-25 17:00",
        "NONE",
    ),
    c(
        "txt-4",
        "title-num",
        "remind me 4 the meeting at 10 tmrw",
        "R meeting | 2026-11-26 10:00",
        "NONE",
    ),
    c(
        "5k-run",
        "title-num",
        "remind me to do my 5k run on saturday morning",
        "R do my 5k run | 2026-11-28 09:00",
    ),
    c(
        "top-10",
        "title-num",
        "remind me to send the top 10 list in an hour",
        "R send the top 10 list | 2026-11-25 15:00",
    ),
    # references and follow-ups
    c(
        "dentist-one-to-4",
        "ref",
        "move the dentist one to 4",
        "MOVE dentist | 2026-11-25 16:00",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("5pm-one", "ref", "cancel the 5pm one", "CANCEL buy milk", setup=[DENTIST_3PM, MILK_5PM]),
    c("3-oclock", "ref", "cancel the 3 o'clock", "CANCEL dentist", setup=[DENTIST_3PM, MILK_5PM]),
    c(
        "5-oclock-to-6",
        "ref",
        "push my 5 o'clock to 6",
        "MOVE buy milk | 2026-11-25 18:00",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "what-time-dentist",
        "ref",
        "what time is my dentist?",
        "NONE",
        "LIST",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("cancel-both-calls", "ref", "cancel both call reminders", "CANCEL2", "NONE", setup=TWO_CALLS),
    Case(
        "dad-one",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("the dad one", ["CANCEL call dad"])],
        setup=TWO_CALLS,
    ),
    Case(
        "neither",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("neither", ["NONE"])],
        setup=TWO_CALLS,
    ),
    Case(
        "6pm-one",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("the 6pm one", ["CANCEL call mum"])],
        setup=TWO_CALLS,
    ),
    Case(
        "nevermind",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("nevermind", ["NONE"])],
        setup=TWO_CALLS,
    ),
    Case("tick-it-off", "ref", [(GATE, [GATE_T]), ("tick it off", ["DONE fix the gate"])]),
    Case(
        "remove-it",
        "ref",
        [(GATE, [GATE_T]), ("actually remove it", ["DEL fix the gate", "CANCEL fix the gate"])],
    ),
    Case("done-after-todo", "ref", [(GATE, [GATE_T]), ("done", ["DONE fix the gate", "NONE"])]),
    # clock edges
    c("at-12", "clock", "remind me at 12 to eat", "R eat | 2026-11-26 12:00"),
    c("12am", "clock", "remind me at 12am to lock up", "R lock up | 2026-11-26 00:00"),
    c(
        "12pm-tmrw",
        "clock",
        "remind me at 12pm tomorrow to call the florist",
        "R call the florist | 2026-11-26 12:00",
    ),
    c("at-1", "clock", "remind me at 1 to call Jo", "R call Jo | 2026-11-26 13:00"),
    c("8-tonight", "clock", "remind me at 8 tonight to text Lou", "R text Lou | 2026-11-25 20:00"),
    c(
        "10-tonight",
        "clock",
        "remind me at 10 tonight to set the alarm",
        "R set the alarm | 2026-11-25 22:00",
    ),
    c(
        "6-in-morning",
        "clock",
        "remind me at 6 in the morning to feed the baby",
        "R feed the baby | 2026-11-26 06:00",
    ),
    c(
        "9am-sharp",
        "clock",
        "remind me at 9 am sharp to call the boss",
        "R call the boss | 2026-11-26 09:00",
    ),
    # amounts
    c(
        "in-a-min",
        "amount",
        "remind me in a min to check the kettle",
        "R check the kettle | 2026-11-25 14:01",
    ),
    c("one-hour", "amount", "remind me in one hour to call Ken", "R call Ken | 2026-11-25 15:00"),
    c("1h", "amount", "remind me in 1h to call Ken", "R call Ken | 2026-11-25 15:00"),
    c(
        "2h30",
        "amount",
        "remind me in 2h30 to pick up Ava",
        "R pick up Ava | 2026-11-25 16:30",
        "NONE",
    ),
    c(
        "2-and-a-half",
        "amount",
        "remind me in 2 and a half hours to pick up Ava",
        "R pick up Ava | 2026-11-25 16:30",
    ),
    c(
        "three-quarters",
        "amount",
        "remind me in three quarters of an hour to leave",
        "R leave | 2026-11-25 14:45",
        "NONE",
    ),
    c(
        "10-days",
        "amount",
        "remind me in 10 days to cancel the trial",
        "R cancel the trial | 2026-12-05 14:00",
        "R cancel the trial | 2026-12-05 09:00",
    ),
    # periods
    c(
        "by-tonight",
        "period",
        "remind me by tonight to reply to Mia",
        "R reply to Mia | 2026-11-25 20:00",
    ),
    c(
        "end-week-friday-eve",
        "period",
        "remind me at the end of the week to tidy the desk",
        "R tidy the desk | 2026-12-04 17:00",
        now="2026-11-27 18:00",
    ),
    c(
        "this-evening-inside",
        "period",
        "remind me this evening to call Omar",
        "R call Omar | 2026-11-25 21:00",
        now="2026-11-25 20:30",
    ),
    c(
        "sometime-tmrw",
        "period",
        "remind me sometime tomorrow to call the bank",
        "R call the bank | 2026-11-26 09:00",
        "NONE",
    ),
    # dates
    c(
        "1st-of-june",
        "date",
        "remind me the 1st of June to renew the lease",
        "R renew the lease | 2027-06-01 09:00",
    ),
    c(
        "june-1st-noon",
        "date",
        "remind me june 1st at noon to call the bank",
        "R call the bank | 2027-06-01 12:00",
    ),
    c(
        "christmas-day",
        "date",
        "remind me on christmas day to call Nana",
        "R call Nana | 2026-12-25 09:00",
        "NONE",
    ),
    # edits
    Case("make-it-low", "edit", [(GATE, [GATE_T]), ("make it low", ["EDIT * | pri=low", "NONE"])]),
    Case(
        "priority-high",
        "edit",
        [(GATE, [GATE_T]), ("change priority to high", ["EDIT * | pri=high"])],
    ),
    Case(
        "work-list", "edit", [(GATE, [GATE_T]), ("move it to the work list", ["EDIT * | cat=work"])]
    ),
    # not requests
    c("remind-me-q", "not", "remind me?", "NONE"),
    c("you-forgot", "not", "you forgot to remind me!", "NONE"),
    c("why-didnt", "not", "why didn't you remind me at 5?", "NONE"),
    c("annoying", "not", "reminders are annoying", "NONE"),
    c("remind-myself", "not", "I'll remind myself at 6", "NONE"),
    c("dont-you-dare", "not", "don't you dare remind me at 6am", "NONE"),
    c("son-remind", "not", "i told my son to remind me at 4", "NONE"),
    # past tense
    c(
        "did-dishes",
        "past",
        "I did the dishes",
        "DONE do the dishes",
        setup=[todo("do the dishes")],
    ),
    c(
        "cleaned-car",
        "past",
        "cleaned the car \u2705",
        "DONE clean the car",
        setup=[todo("clean the car")],
    ),
    c(
        "called-mum",
        "past",
        "called mum",
        "DONE call mum",
        setup=[("rem", "call mum", "2026-11-25 18:00", False)],
    ),
    c("already-paid", "past", "I've already paid rent", "DONE pay rent", setup=[todo("pay rent")]),
    # snooze
    c(
        "at-4-instead",
        "snooze",
        "remind me at 4 instead",
        "MOVE stretch | 2026-11-25 16:00",
        setup=[fired("stretch")],
    ),
    c(
        "after-dinner",
        "snooze",
        "after dinner",
        "NONE",
        "MOVE stretch | 2026-11-25 19:00",
        setup=[fired("stretch")],
    ),
]

BANK = "remind me to call the bank"
WAVE4 = [
    Case(
        "tmrw-10",
        "dialog",
        [(BANK, ["NONE"]), ("tmrw at 10", ["R call the bank | 2026-11-26 10:00"])],
    ),
    Case(
        "20-mins-pls",
        "dialog",
        [
            ("remind me to feed the cat", ["NONE"]),
            ("in 20 mins pls", ["R feed the cat | 2026-11-25 14:20"]),
        ],
    ),
    Case("never-mind", "dialog", [(BANK, ["NONE"]), ("never mind", ["NONE"])]),
    Case(
        "switch-topic",
        "dialog",
        [(BANK, ["NONE"]), ("add milk to my shopping list", ["T milk | cat=shopping"])],
    ),
    Case(
        "half-4",
        "dialog",
        [(BANK, ["NONE"]), ("at half 4", ["R call the bank | 2026-11-25 16:30", "NONE"])],
    ),
    Case("whenever", "dialog", [(BANK, ["NONE"]), ("whenever", ["NONE"])]),
    Case(
        "dunno-friday",
        "dialog",
        [(BANK, ["NONE"]), ("i dunno, friday?", ["R call the bank | 2026-11-27 09:00", "NONE"])],
    ),
    Case(
        "answer-rrule",
        "dialog",
        [
            ("remind me to pay rent", ["NONE"]),
            (
                "the 1st of every month",
                ["R pay rent | 2026-12-01 09:00 | FREQ=MONTHLY;BYMONTHDAY=1"],
            ),
        ],
    ),
    Case("time-after-list", "dialog", [("what's on tomorrow", ["LIST"]), ("5pm", ["NONE"])]),
    c("bare-at-5", "dialog", "at 5", "NONE"),
    Case("bare-5", "dialog", [(BANK, ["NONE"]), ("5", ["R call the bank | 2026-11-25 17:00"])]),
    Case("and-dad", "dialog", [MUM6, ("and dad at 7", ["R call dad | 2026-11-25 19:00", "NONE"])]),
    Case("thanks-after", "dialog", [MUM6, ("thanks!", ["NONE"])]),
    Case("perfect", "dialog", [MUM6, ("perfect \U0001f44c", ["NONE"])]),
    Case("no-7", "dialog", [MUM6, ("no, 7", ["MOVE call mum | 2026-11-25 19:00"])]),
    Case(
        "meant-tomorrow",
        "dialog",
        [MUM6, ("wait, I meant tomorrow", ["MOVE call mum | 2026-11-26 18:00"])],
    ),
    Case("add-it-todo", "dialog", [MUM6, ("also add it to my todo list", ["T call mum", "NONE"])]),
    Case("ok-cool", "dialog", [MUM6, ("ok cool", ["NONE"])]),
    Case("what-did-you-set", "dialog", [MUM6, ("what time did you set it for?", ["NONE", "LIST"])]),
    Case("is-that-am", "dialog", [MUM6, ("is that am or pm?", ["NONE"])]),
    Case("not-pm-am", "dialog", [MUM6, ("no I meant 6am", ["MOVE call mum | 2026-11-26 06:00"])]),
    Case("undo-then-undo", "dialog", [MUM6, ("undo", ["DEL call mum"]), ("undo", ["NONE"])]),
]

WAVE5 = [
    c("now-and-then", "recur", "remind me every now and then to drink water", "NONE"),
    c("regularly", "recur", "remind me regularly to stretch", "NONE"),
    c("full-moon", "recur", "remind me every full moon to check the telescope", "NONE"),
    c(
        "other-weekend",
        "recur",
        "remind me every other weekend to visit mum",
        "R visit mum | 2026-11-28 09:00 | FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU",
        "NONE",
    ),
    c(
        "day-for-a-week",
        "recur",
        "remind me every day for a week to take antibiotics",
        "R take antibiotics | * | FREQ=DAILY;COUNT=7",
        "NONE",
    ),
    c(
        "daily-until-friday",
        "recur",
        "remind me daily until friday to water the seedlings",
        "R water the seedlings | * | FREQ=DAILY;UNTIL=20261127T235959Z",
        "NONE",
    ),
    c(
        "mondays-in-december",
        "recur",
        "remind me every monday in december to buy a gift",
        "NONE",
        "R buy a gift | 2026-12-07 09:00 | FREQ=WEEKLY;BYMONTH=12;BYDAY=MO",
    ),
    c("9-and-5", "recur", "remind me every weekday at 9 and 5 to log my time", "NONE"),
    c("odd-days", "recur", "remind me on odd days to run", "NONE"),
    c(
        "every-2-days-8am",
        "recur",
        "remind me every 2 days at 8am to change the dressing",
        "R change the dressing | 2026-11-26 08:00 | FREQ=DAILY;INTERVAL=2",
    ),
    c("add-eggs", "todo", "add eggs", "T eggs"),
    c(
        "call-mum-tomorrow-list",
        "todo",
        "add call mum tomorrow to my list",
        "T call mum | due=2026-11-26",
        "T call mum tomorrow",
        "NONE",
    ),
    c(
        "for-friday",
        "todo",
        "put 'pay rent' on my list for friday",
        "T pay rent | due=2026-11-27",
        "NONE",
    ),
    c(
        "todo-for-work",
        "todo",
        "add a todo for work to fix the printer",
        "T fix the printer | cat=work",
        "NONE",
    ),
    c("milk-x2", "todo", "add milk x2 to shopping", "T milk x2 | cat=shopping", "NONE"),
    c("everything", "list", "show me everything", "LIST"),
    c("overdue", "list", "what's overdue?", "LIST", setup=[todo("eggs")]),
    c("pending", "list", "what's pending", "LIST", setup=[todo("eggs")]),
    c("next-week", "list", "what have I got next week", "LIST", setup=[GYM_FRI]),
    c("yeah-right", "not", "yeah right, like I'd ever forget to call my mum at 6", "NONE"),
    c("sure-3am", "not", "sure, remind me at 3am, that'll be fun \U0001f644", "NONE"),
    c("he-texted", "not", "he texted 'remind me to bring the cake tomorrow'", "NONE"),
    c("anna-asked", "not", "Anna asked me to remind her to call at 5", "NONE"),
    c("my-reminder-app", "not", "my old app used to remind me at 7 every day", "NONE"),
    c("do-you-remember", "not", "do you remember what I told you at 5?", "NONE"),
    c("if-rain-umbrella", "not", "if it rains, remind me to take an umbrella", "NONE"),
    Case(
        "about-it-again",
        "ref",
        [
            ("remind me to call the bank at 5", ["R call the bank | 2026-11-25 17:00"]),
            (
                "remind me about it again tomorrow at 9",
                [
                    "R call the bank | 2026-11-26 09:00",
                    "MOVE call the bank | 2026-11-26 09:00",
                    "NONE",
                ],
            ),
        ],
    ),
    c(
        "two-fired",
        "snooze",
        "not now",
        "MOVE stretch | 2026-11-25 14:10",
        "NONE",
        setup=[fired("drink water", "2026-11-25 13:58"), fired("stretch")],
    ),
    c(
        "old-fire",
        "snooze",
        "not now",
        "MOVE stretch | 2026-11-25 14:10",
        "NONE",
        setup=[fired("stretch", "2026-11-25 11:00")],
    ),
    c(
        "cancel-two-named",
        "ref",
        "delete the dentist reminder and the milk one",
        "CANCEL2",
        "NONE",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "cancel-gym-keep-dentist",
        "ref",
        "cancel the gym but keep the dentist",
        "CANCEL gym",
        setup=[GYM_FRI, DENTIST_3PM],
    ),
    c(
        "dont-cancel-milk",
        "not",
        "cancel the dentist, not the milk",
        "CANCEL dentist",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "cant-make-dentist",
        "not",
        "I can't make the dentist at 3",
        "NONE",
        "CANCEL dentist",
        setup=[DENTIST_3PM],
    ),
    c("complete-reminder-q", "past", "is the dentist done?", "NONE", "LIST", setup=[DENTIST_3PM]),
    c(
        "dentist-done-statement",
        "past",
        "dentist done \u2705",
        "DONE dentist",
        setup=[("rem", "dentist", "2026-11-25 13:00", True)],
    ),
    c(
        "tonight-at-7-typo",
        "typo",
        "remind me tonihgt at 7 to call Max",
        "R call Max | 2026-11-25 19:00",
        "NONE",
    ),
    c(
        "tomorrw",
        "typo",
        "remind me tomorrw at 11 to pay the gas",
        "R pay the gas | 2026-11-26 11:00",
    ),
    c(
        "minuets",
        "typo",
        "remind me in 30 minuets to turn off the oven",
        "R turn off the oven | 2026-11-25 14:30",
    ),
    c("remind-cap-no-space", "typo", "remindme at 4 to call Pat", "R call Pat | 2026-11-25 16:00"),
]

NY_EVE = "2026-11-25 21:00"
WAVE6 = [
    c(
        "ny-eve-tmrw-9",
        "zone",
        "remind me tomorrow at 9 to call the bank",
        "R call the bank | 2026-11-26 09:00",
        zone=NY,
        now=NY_EVE,
    ),
    c(
        "ny-eve-at-8",
        "zone",
        "remind me at 8 to walk the dog",
        "R walk the dog | 2026-11-26 08:00",
        zone=NY,
        now=NY_EVE,
    ),
    c(
        "ny-eve-tonight-11",
        "zone",
        "remind me tonight at 11 to lock up",
        "R lock up | 2026-11-25 23:00",
        zone=NY,
        now=NY_EVE,
    ),
    c("ny-eve-list-today", "zone", "what's on today", "LIST", zone=NY, now=NY_EVE),
    c(
        "ny-eve-end-of-day",
        "zone",
        "remind me end of day to send the report",
        "R send the report | 2026-11-26 17:00",
        zone=NY,
        now=NY_EVE,
    ),
    c(
        "ny-eve-weekday",
        "zone",
        "remind me thursday at noon to carve the turkey",
        "R carve the turkey | 2026-11-26 12:00",
        zone=NY,
        now=NY_EVE,
    ),
    c(
        "syd-friday-5",
        "zone",
        "remind me on friday at 5 to leave early",
        "R leave early | 2026-11-27 17:00",
        zone=SYD,
        now="2026-11-25 09:00",
    ),
    c(
        "syd-this-weekend",
        "zone",
        "remind me this weekend to go to the beach",
        "R go to the beach | 2026-11-28 09:00",
        zone=SYD,
        now="2026-11-25 09:00",
    ),
    c(
        "lon-fall-back",
        "zone",
        "remind me tomorrow at 1.30am to check the boiler",
        "R check the boiler | 2026-10-25 01:30",
        "NONE",
        now="2026-10-24 20:00",
    ),
    c(
        "tyo-month-end-past",
        "zone",
        "remind me end of the month to file expenses",
        "R file expenses | 2026-12-31 17:00",
        "NONE",
        zone=TYO,
        now="2026-11-30 20:00",
    ),
    c(
        "tyo-in-90",
        "zone",
        "remind me in 90 minutes to leave for the airport",
        "R leave for the airport | 2026-11-30 21:30",
        zone=TYO,
        now="2026-11-30 20:00",
    ),
    c(
        "ny-dst-every-day",
        "zone",
        "remind me every day at 7am to run",
        "R run | 2027-03-13 07:00 | FREQ=DAILY",
        zone=NY,
        now="2027-03-12 20:00",
    ),
    c(
        "akl-tomorrow",
        "zone",
        "remind me tmrw at 10 to call the bank",
        "R call the bank | 2026-11-26 10:00",
        zone="Pacific/Auckland",
        now="2026-11-25 22:00",
    ),
    c(
        "kolkata-half-hour",
        "zone",
        "remind me at half past five to call home",
        "R call home | 2026-11-25 17:30",
        zone="Asia/Kolkata",
        now="2026-11-25 14:00",
    ),
]

WAVE7 = [
    c("should-i-call", "not", "should I call the bank?", "NONE", setup=[todo("call the bank")]),
    c(
        "when-pay-gas",
        "not",
        "when should I pay the gas bill?",
        "NONE",
        "LIST",
        setup=[todo("pay the gas bill")],
    ),
    c("who-pays", "not", "who's paying the gas bill?", "NONE", setup=[todo("pay the gas bill")]),
    c(
        "dentist-got-cancelled",
        "not",
        "the dentist got cancelled",
        "NONE",
        "CANCEL dentist",
        setup=[DENTIST_3PM],
    ),
    c("might-cancel", "not", "I might cancel the dentist", "NONE", setup=[DENTIST_3PM]),
    c("should-i-cancel", "not", "should I cancel the gym?", "NONE", setup=[GYM_FRI]),
    c("what-if-cancel", "not", "what happens if I cancel the gym?", "NONE", setup=[GYM_FRI]),
    c("later-nothing-fired", "snooze", "later", "NONE", setup=[DENTIST_3PM]),
    c("snooze-nothing-fired", "snooze", "snooze", "NONE", setup=[DENTIST_3PM]),
    Case(
        "undo-after-list",
        "undo",
        [("what's on today", ["LIST"]), ("undo", ["NONE"])],
        setup=[DENTIST_3PM],
    ),
    c("delete-everything", "not", "delete everything", "NONE", setup=[DENTIST_3PM, MILK_5PM]),
    c(
        "cancel-all",
        "ref",
        "cancel all my reminders",
        "NONE",
        "CANCEL2",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c("done-no-fire", "past", "done", "NONE", setup=[todo("eggs"), todo("milk")]),
    c("yes-nothing", "not", "yes", "NONE", setup=[DENTIST_3PM]),
    Case(
        "yes-to-which",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("yes", ["NONE"])],
        setup=TWO_CALLS,
    ),
    Case(
        "ok-to-which",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("ok", ["NONE"])],
        setup=TWO_CALLS,
    ),
    Case(
        "third-of-two",
        "ref",
        [("cancel the call reminder", ["NONE"]), ("the third one", ["NONE"])],
        setup=TWO_CALLS,
    ),
    c(
        "complete-wrong-item",
        "past",
        "I've paid the rent",
        "NONE",
        setup=[todo("pay the gas bill"), todo("call the landlord")],
    ),
    c("cancel-unknown", "ref", "cancel the yoga reminder", "NONE", setup=[DENTIST_3PM, GYM_FRI]),
    c("move-unknown", "ref", "move the yoga reminder to 6", "NONE", setup=[DENTIST_3PM, GYM_FRI]),
]

WAVE8 = [
    c(
        "shouty",
        "messy",
        "REMIND ME 2MORO @ 9AM 2 CALL DAD!!!",
        "R call dad | 2026-11-26 09:00",
        "NONE",
    ),
    c(
        "txt-gym",
        "messy",
        "can u pls set reminder tmrw 8am gym thx \U0001f64f",
        "R gym | 2026-11-26 08:00",
        "NONE",
    ),
    c(
        "monday-morning-thx",
        "messy",
        "remind me to call the council on monday morning thx",
        "R call the council | 2026-11-30 09:00",
    ),
    c(
        "xmas-next-friday",
        "messy",
        "Remind me to organise the team's xmas party next friday",
        "R organise the team's xmas party | 2026-11-27 09:00",
    ),
    c(
        "p.m.",
        "messy",
        "remind me at 4:30 p.m. to pick up Ella",
        "R pick up Ella | 2026-11-25 16:30",
    ),
    c("16.30", "messy", "remind me at 16.30 to pick up Ella", "R pick up Ella | 2026-11-25 16:30"),
    c(
        "commas",
        "messy",
        "remind me to call the bank, tomorrow, 10am",
        "R call the bank | 2026-11-26 10:00",
    ),
    c(
        "time-colon-title",
        "messy",
        "tomorrow 10am: call the bank",
        "R call the bank | 2026-11-26 10:00",
        "NONE",
    ),
    c("telegraphic", "messy", "10am tmrw call bank", "R call bank | 2026-11-26 10:00", "NONE"),
    c(
        "hour-comma-lead",
        "messy",
        "in an hour, remind me to check on the roast please",
        "R check on the roast | 2026-11-25 15:00",
    ),
    c(
        "in-the-morning",
        "messy",
        "remind me in the morning to call the plumber",
        "R call the plumber | 2026-11-26 09:00",
    ),
    c(
        "arvo",
        "messy",
        "remind me this arvo to ring Shaz",
        "R ring Shaz | 2026-11-25 15:00",
        "NONE",
        zone=SYD,
        now="2026-11-25 10:00",
    ),
    c(
        "tonite-2",
        "messy",
        "remind me tonite 2 feed the cat",
        "R feed the cat | 2026-11-25 20:00",
        "NONE",
    ),
    c(
        "9-tmrw-evening",
        "messy",
        "remind me at 9 tomorrow evening to call Kim",
        "R call Kim | 2026-11-26 21:00",
    ),
    c(
        "9-tmrw-morning",
        "messy",
        "remind me at 9 tomorrow morning to call Kim",
        "R call Kim | 2026-11-26 09:00",
    ),
    c(
        "set-reminder-colon",
        "messy",
        "set a reminder: dentist, fri 3pm",
        "R dentist | 2026-11-27 15:00",
        "NONE",
    ),
    c(
        "day-after-noon",
        "messy",
        "remind me the day after tomorrow at noon to call Ian",
        "R call Ian | 2026-11-27 12:00",
    ),
    c(
        "at-the-drugstore",
        "messy",
        "remind me to pick up my prescription at the drugstore at 5",
        "R pick up my prescription at the drugstore | 2026-11-25 17:00",
        zone=NY,
    ),
    c(
        "at-the-station",
        "messy",
        "remind me to meet Tom at the station at 6",
        "R meet Tom at the station | 2026-11-25 18:00",
    ),
    c(
        "at-work",
        "messy",
        "remind me to call Jane at work tomorrow",
        "R call Jane at work | 2026-11-26 09:00",
    ),
    c(
        "by-8",
        "messy",
        "remind me to be at the office by 8 tomorrow",
        "R be at the office | 2026-11-26 08:00",
        "R be at the office by 8 | 2026-11-26 09:00",
        "NONE",
    ),
    c(
        "for-the-meeting",
        "messy",
        "remind me at 2:45 to prep for the 3pm meeting",
        "R prep for the 3pm meeting | 2026-11-25 14:45",
    ),
]


def after_garage(cid: str, kind: str, msg: str, *expect: str) -> Case:
    """A follow-up to the garage reminder made in the same conversation."""
    return Case(cid, kind, [(GARAGE, [GARAGE_R]), (msg, list(expect))])


def after_gate(cid: str, msg: str, *expect: str) -> Case:
    """A follow-up to the gate todo made in the same conversation."""
    return Case(cid, "edit", [(GATE, [GATE_T]), (msg, list(expect))])


G = "MOVE call the garage | "
WAVE9 = [
    after_garage("11-instead", "resched", "make it 11 instead", G + "2026-11-26 11:00"),
    after_garage(
        "afternoon", "resched", "can you move that to the afternoon", G + "2026-11-26 15:00", "NONE"
    ),
    after_garage("next-monday", "resched", "push to next monday", G + "2026-11-30 10:00"),
    after_garage("for-915", "resched", "reschedule it for 9:15", G + "2026-11-26 09:15"),
    after_garage("half-hour-later", "resched", "half an hour later pls", G + "2026-11-26 10:30"),
    after_garage("back-45", "resched", "move it back by 45 min", G + "2026-11-26 10:45"),
    after_garage("earlier-hour", "resched", "earlier by an hour", G + "2026-11-26 09:00"),
    after_garage(
        "same-time-friday",
        "resched",
        "same time friday",
        G + "2026-11-27 10:00",
        "NONE",
        "R call the garage | 2026-11-27 10:00",
    ),
    after_garage(
        "every-day", "edit", "make it every day", "EDIT * | recurrence=FREQ=DAILY", "NONE"
    ),
    after_garage(
        "note",
        "edit",
        "add a note: ask about the brakes",
        "EDIT * | description=ask about the brakes",
        "NONE",
    ),
    after_gate("bump-high", "bump it to high", "EDIT * | pri=high"),
    after_gate("tag-home", "tag it #home", "EDIT * | cat=home", "NONE"),
    after_gate(
        "quoted-rename",
        "change it to 'fix the garden gate'",
        "EDIT * | title=fix the garden gate",
        "NONE",
    ),
    after_gate(
        "rename-quoted-both",
        "rename 'fix the gate' to 'oil the gate'",
        "EDIT * | title=oil the gate",
    ),
    c(
        "dentist-tomorrow",
        "resched",
        "move the dentist to tomorrow",
        "MOVE dentist | 2026-11-26 15:00",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "milk-one-to-6",
        "resched",
        "push the milk one to 6",
        "MOVE buy milk | 2026-11-25 18:00",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
    c(
        "dentist-half-4",
        "resched",
        "change the dentist to half 4",
        "MOVE dentist | 2026-11-25 16:30",
        "NONE",
        setup=[DENTIST_3PM, MILK_5PM],
    ),
]

SCOPE = [
    DENTIST_3PM,
    MILK_5PM,
    GYM_FRI,
    ("rem", "taxes", "2026-12-15 09:00", False),
    fired("stretch"),
    todo("eggs", "shopping"),
    todo("deck", "work", "urgent"),
]
WAVE10 = [
    c(
        "today",
        "scope",
        "what's on today",
        "LIST dentist,buy milk",
        "LIST dentist,buy milk,stretch",
        setup=SCOPE,
    ),
    c("on-friday", "scope", "anything on friday?", "LIST gym", setup=SCOPE),
    c("this-week", "scope", "what's on this week", "LIST dentist,buy milk,gym", setup=SCOPE),
    c(
        "next-few-days",
        "scope",
        "what've I got the next few days",
        "LIST dentist,buy milk,gym",
        setup=SCOPE,
    ),
    c("shopping", "scope", "what's on my shopping list", "LIST eggs", setup=SCOPE),
    c("urgent", "scope", "what's urgent", "LIST deck", setup=SCOPE),
    c("december", "scope", "what have I got in december", "LIST taxes", setup=SCOPE),
    c("went-off", "scope", "what went off today", "LIST stretch", setup=SCOPE),
    c("tomorrow-empty", "scope", "what's on tomorrow", "LIST -", setup=SCOPE),
    c("work-todos", "scope", "my work todos pls", "LIST deck", setup=SCOPE),
    c("tmrw-evening-empty", "scope", "whats on tmrw evening", "LIST -", setup=SCOPE),
    c("tonight", "scope", "anything tonight?", "LIST -", setup=SCOPE),
    c("this-afternoon", "scope", "what's on this afternoon", "LIST dentist,buy milk", setup=SCOPE),
]

TWO = [DENTIST_3PM, MILK_5PM]
WAVE11 = [
    c("cancel-that-one", "ref", "cancel that one", "NONE", setup=TWO),
    c("delete-it-pls", "ref", "delete it pls", "NONE", setup=TWO),
    c("move-it-to-5", "ref", "move it to 5", "NONE", setup=TWO),
    c("snooze-it", "ref", "snooze it", "NONE", setup=TWO),
    c("rename-it-nothing", "ref", "rename it to yoga", "NONE", setup=TWO),
    c("high-nothing", "ref", "make it high priority", "NONE", setup=[todo("eggs"), todo("milk")]),
    c("sister", "not", "my sister wants me to remind her at 7 to call", "NONE"),
    c("tom-asked", "not", "Tom asked if you could remind him at 9", "NONE"),
    c("teacher", "not", "the teacher said to remind the kids at 3", "NONE"),
    c("all-done", "past", "all done", "NONE", setup=[todo("eggs"), todo("milk")]),
    c("finished-bang", "past", "finished!", "NONE", setup=[todo("eggs"), todo("milk")]),
    c("did-it-tick", "snooze", "did it \u2705", "DONE stretch", setup=[fired("stretch")]),
    c("yep-done", "snooze", "yep done", "DONE stretch", setup=[fired("stretch")]),
    c(
        "done-fired-and-todos",
        "snooze",
        "done",
        "DONE stretch",
        setup=[todo("eggs"), fired("stretch")],
    ),
]

WAVE12 = [
    c("cancle-my-3pm", "typo", "cancle my 3pm", "CANCEL dentist", setup=TWO),
    c("tomorow-no-title", "typo", "remind me tomorow", "NONE"),
    c("shwo", "typo", "shwo my reminders", "LIST", setup=TWO),
    c("lsit", "typo", "lsit my todos", "LIST", setup=[todo("eggs")]),
    c(
        "mlik-done",
        "typo",
        "mark the mlik todo done",
        "DONE milk",
        setup=[todo("milk"), todo("eggs")],
    ),
    c("dentst", "typo", "cancel the dentst", "CANCEL dentist", setup=TWO),
    c("remidn-6", "typo", "remidn me at 6 to call mum", "R call mum | 2026-11-25 18:00"),
    c(
        "reschedule-typo-it",
        "typo",
        "resceduel the gym to saturday",
        "MOVE gym | 2026-11-28 18:00",
        "NONE",
        setup=[GYM_FRI],
    ),
    c("tommorow-list", "typo", "whats on tommorow", "LIST", setup=TWO),
]

CASES: list[Case] = (
    CLOCK
    + AMOUNT
    + PERIOD
    + DATE
    + RRULE
    + TODO
    + LISTQ
    + REFS
    + PAST
    + SNOOZE
    + RESCHEDULE
    + EDIT
    + UNDO
    + TYPO
    + NOT
    + PRONOUN
    + DUP
    + WAVE2
    + WAVE3
    + WAVE4
    + WAVE5
    + WAVE6
    + WAVE7
    + WAVE8
    + WAVE9
    + WAVE10
    + WAVE11
    + WAVE12
)


XFAIL: dict[str, str] = {
    "ref-my-5pm-done": "no action, answers 'I only set reminders you ask for. Should I remind ...",
    "snooze-ugh-later": "no action, answers 'I only set reminders you ask for. Should I remind...",
    "snooze-try-at-6": "no action, answers 'I only set reminders you ask for. Should I remind ...",
    "snooze-busy": "no action, answers 'I'm not sure what you'd like me to do. You can say thi...",
    "edit-due-friday": "no action, answers 'I only set reminders you ask for. Should I remind ...",
    "resched-change-time-5pm": "no action, answers 'I couldn't find an open reminder called 't...",
    "edit-priority-high": "no action, answers 'I couldn't find an open todo called 'priority'.'",
    "edit-work-list": "no action, answers 'I'm not sure what you'd like me to do. You can say ...",
    "snooze-at-4-instead": "no action, answers 'What should I remind you about?'",
    "dialog-answer-rrule": "no action, answers 'I'm not sure what you'd like me to do. You can...",
    "dialog-bare-5": "no action, answers 'I'm not sure what you'd like me to do. You can say t...",
    "dialog-not-pm-am": "no action, answers 'I only set reminders you ask for. Should I remind...",
    "ref-cancel-gym-keep-dentist": "no action, answers 'I couldn't find an open reminder or to...",
    "not-dont-cancel-milk": "no action, answers 'I couldn't find an open reminder or todo call...",
    "resched-for-915": "no action, answers 'That time has already passed; when should it be in...",
}
"""Cases the engine still gets wrong (kind-cid: what it does), strict: a fix flips them."""


@dataclass
class Shared:
    """The module's store on DynamoDB Local and the clock it reads (each case its own user)."""

    store: Store
    clock: SettableClock


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(dynamodb_local_endpoint: str) -> AsyncIterator[Shared]:
    """One migrated table set for every case: a Store per case would triple the runtime."""
    clock = SettableClock()
    async with Store.open(make_settings(dynamodb_local_endpoint), clock=clock) as opened:
        await migrate(opened)
        yield Shared(opened, clock)


def params(cases: list[Case], xfail: dict[str, str]) -> list[Any]:
    """One pytest param per case, id kind-cid; a case named in xfail is a strict xfail."""
    out = []
    for case in cases:
        case_id = f"{case.kind}-{case.cid}"
        reason = xfail.get(case_id, "")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case_id, marks=marks))
    return out


def check_ids(cases: list[Case], xfail: dict[str, str]) -> None:
    """Case ids are unique, and every xfail names a case."""
    ids = [f"{case.kind}-{case.cid}" for case in cases]
    assert len(ids) == len(set(ids))
    assert set(xfail) <= set(ids), set(xfail) - set(ids)


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("case", params(CASES, XFAIL))
async def test_unseen_phrasing(shared: Shared, case: Case) -> None:
    misses = await run_case(shared.store, shared.clock, case)
    assert not misses, "\n".join(misses)


def test_case_ids_are_unique() -> None:
    check_ids(CASES, XFAIL)
