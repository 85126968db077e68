"""A model-based load test: 50 users x 200 random calls, all users at once, on DynamoDB Local.

Every simulated user keeps a plain model of what API.md says the service stores for them
(reminders, todos, profile, preferences, conversation memory) and checks each answer
against it as it comes: status code and every field. Server-made values (ids, times) are
checked for form and for falling inside the call's time window, then adopted. At the end
every list (all pages, every filter), the profile, the preferences, the conversation and
GET /data must equal the model exactly, and a scan of the tables must hold no record the
models do not: nothing lost, nothing duplicated, nothing under the wrong user.

Some creates carry an Idempotency-Key (the same key names for every user), sent several
times at once or retried later, with the same body or another; some patches of one record
race each other; some calls use the user's token on another user's paths, ids, cursors
and user_id, and must be refused (403, 404, 400) without changing anything.

The calls are random but seeded: a failure names the seed, and REMO_LOAD_SEED=<seed> makes
the same random choices again (each user draws from its own generators; the interleaving
of users, and the order of ids made in one burst, are the scheduler's).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import random
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from remo_async.api.auth import mint_dev_token
from remo_async.embedded import free_port
from remo_async.embedded.children import die_with_parent
from remo_async.settings import Settings
from remo_async.store import Store
from tests.conftest import DEV_SECRET, make_settings, migrate

USERS = 50
CALLS = 200
REPLICAS = 2
SEED_VARIABLE = "REMO_LOAD_SEED"

ZONES = (
    "UTC",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "Asia/Tokyo",
)
OFFSETS = ("+05:30", "-04:00", "+09:00", "+00:00", "-10:00")
# What each rule is stored as.
RULES = {
    "FREQ=DAILY": "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO": "FREQ=WEEKLY;BYDAY=MO",
    "freq=monthly;bymonthday=1": "FREQ=MONTHLY;BYMONTHDAY=1",
    "RRULE:FREQ=WEEKLY;BYDAY=FR": "FREQ=WEEKLY;BYDAY=FR",
}
WORDS = (
    "call",
    "mum",
    "pay",
    "rent",
    "dentist",
    "buy",
    "milk",
    "renew",
    "passport",
    "Café",
    "☕",
    "日本語",
    "naïve",
    "report",
    "garden",
    '"quoted"',
    "a&b",
)
NAMES = ("Ann", "Bob", "Zoë", "Łukasz", "Ngozi", "Mei", "O'Brien")
LANGUAGES = ("en", "de", "fr-CA", "pt-BR")
EXTRA_KEYS = ("theme", "units", "digest", "sounds", "layout", "beta")
REMINDER_STATUSES = ("pending", "done", "cancelled")
TODO_STATUSES = ("pending", "done", "cancelled")
PRIORITIES = ("low", "medium", "high", "urgent")
# The transitions API.md allows a user (fired never occurs: the dispatcher is off).
REMINDER_MOVES = {
    "pending": {"done", "cancelled"},
    "done": {"pending"},
    "cancelled": {"pending"},
}
TODO_MOVES = {
    "pending": {"done", "cancelled"},
    "done": {"pending", "cancelled"},
    "cancelled": {"pending"},
}
DEFAULT_PREFERENCES = {"timezone": "UTC", "language": "en"}
# Messages the built-in engine acts on deterministically, and what each must create.
CHAT_TODOS = {
    "add an urgent todo to pay rent": ("pay rent", "urgent", None),
    "add a todo: book flights #travel": ("book flights", "medium", "travel"),
    "add renew passport under travel, low priority": ("renew passport", "low", "travel"),
    "add eggs to my shopping list": ("eggs", "medium", "shopping"),
    "todo: clean the garage": ("clean the garage", "medium", None),
}
# Some lists of a user (a cursor is bound to its user and its list).
LISTS = (
    "reminders?",
    "reminders?status=pending",
    "todos?",
    "todos?status=done",
    "todos?priority=high",
    "todos?status=pending&priority=low",
    "conversation?",
)
# What a listing shows: of which kind, which statuses (None: all), which priority.
CHAT_LISTINGS: dict[str, tuple[str, set[str] | None, str | None]] = {
    "show all my reminders": ("reminders", None, None),
    "show my reminders": ("reminders", {"pending", "fired"}, None),
    "show all my todos": ("todos", None, None),
    "show my todos": ("todos", {"pending"}, None),
    "show high priority todos": ("todos", {"pending"}, "high"),
    "show my urgent todos": ("todos", {"pending"}, "urgent"),
    "list my completed tasks": ("todos", {"done"}, None),
    "show my cancelled todos": ("todos", {"cancelled"}, None),
}
CHAT_REMINDER_TITLES = ("check the oven", "feed the cat", "call mum", "take the laundry out")
CHAT_GREETINGS = ("hello remo!", "hi", "good morning")
LISTED_AT_MOST = 100
LIMITS = (1, 2, 3, 5, 10, 25, 50, 100)
# Every page of the final reads is read one after another: no limit of 1 there.
FINAL_LIMITS = (7, 25, 100)

REMINDER_ID = re.compile(r"^rem_[0-9A-HJKMNP-TV-Z]{26}$")
TODO_ID = re.compile(r"^todo_[0-9A-HJKMNP-TV-Z]{26}$")
SECONDS_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
MICROS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

Json = Any


class ModelMismatch(AssertionError):
    """The service answered something the model says it must not."""


def utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime(SECONDS_FORMAT)


def read_stamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    for fmt in (SECONDS_FORMAT, MICROS_FORMAT):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def short(value: Any, size: int = 300) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= size else text[: size - 3] + "..."


def differences(actual: Any, expected: Any) -> str:
    if isinstance(actual, dict) and isinstance(expected, dict):
        keys = sorted(set(actual) | set(expected))
        found = [
            f"{k}: got {actual.get(k, '<absent>')!r}, expected {expected.get(k, '<absent>')!r}"
            for k in keys
            if actual.get(k, "<absent>") != expected.get(k, "<absent>")
        ]
        return "; ".join(found)
    return f"got {short(actual, 1500)}, expected {short(expected, 1500)}"


@dataclass(eq=False)
class Answer:
    """One HTTP exchange, with the wall-clock window it happened in."""

    method: str
    path: str
    sent: Json
    status: int
    headers: Mapping[str, str]
    text: str
    started: datetime
    ended: datetime

    def json(self) -> Json:
        return json.loads(self.text) if self.text else None


@dataclass
class Message:
    """A message the model expects; a chat's own message has a timestamp known only later."""

    role: str
    content: str
    timestamp: str | None
    earliest: datetime
    latest: datetime


@dataclass
class Keyed:
    """An Idempotency-Key this user used, with its body and first answer."""

    path: str
    body: Json
    answer: Answer


@dataclass
class TimeInput:
    """A time as sent; `utc(zone)` is what the service must store."""

    text: str
    local: datetime | None = None
    """The wall-clock time, with its zone when the text carries an offset."""
    minutes: int | None = None
    """Set for "in N minutes": now + N, read from the call's window."""

    def utc(self, zone: str) -> str | None:
        if self.local is None:
            return None
        local = self.local if self.local.tzinfo else self.local.replace(tzinfo=ZoneInfo(zone))
        return utc_text(local)


@dataclass
class World:
    seed: int
    settings: Settings
    session: aiohttp.ClientSession
    bases: list[str]
    sims: list[Sim] = field(default_factory=list)
    failed: bool = False


class Sim:
    """One simulated user: its calls, its model, and the checks."""

    def __init__(self, world: World, index: int) -> None:
        self.world = world
        self.uid = f"did:privy:load-{index:02d}"
        self.base = f"/user/{self.uid}"
        self.quoted = f"/user/{quote(self.uid, safe='')}"
        self.rng = random.Random(f"{world.seed}:{index}")
        # Apart, so that what other users hold (which varies) leaves this user's choices alone.
        self.replica = random.Random(f"{world.seed}:{index}:replica")
        self.mischief = random.Random(f"{world.seed}:{index}:mischief")
        self.headers = {"Authorization": f"Bearer {mint_dev_token(world.settings, self.uid)}"}
        self.calls = 0
        self.recent: deque[str] = deque(maxlen=10)
        self.reminders: dict[str, dict[str, Any]] = {}
        self.todos: dict[str, dict[str, Any]] = {}
        self.gone: list[str] = []
        self.profile: dict[str, Any] | None = None
        self.preferences: dict[str, Any] = dict(DEFAULT_PREFERENCES)
        self.user_item = False
        self.messages: list[Message] = []
        self.keys: dict[str, Keyed] = {}
        self.key_count = 0
        self.cursors: list[tuple[str, str]] = []
        self.tally: Counter[str] = Counter()

    # -- calls and checks ----------------------------------------------------------------

    async def call(
        self,
        method: str,
        path: str,
        body: Json = None,
        *,
        headers: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        token: bool = True,
    ) -> Answer:
        sent_headers = {**(self.headers if token else {}), **(headers or {})}
        request_id = None
        if self.replica.random() < 0.2:
            # Echoed under 50-way concurrency: request contexts must not leak into each other.
            request_id = sent_headers["X-Request-ID"] = f"load-{self.uid[-2:]}-{self.calls}"
        started = datetime.now(UTC)
        kwargs: dict[str, Any] = {"data": form} if form is not None else {"json": body}
        replica = self.replica.randrange(len(self.world.bases))
        base = self.world.bases[replica]
        async with self.world.session.request(
            method, base + path, headers=sent_headers, **kwargs
        ) as response:
            text = await response.text()
            answer = Answer(
                method=method,
                path=path,
                sent=form if form is not None else body,
                status=response.status,
                headers=response.headers.copy(),
                text=text,
                started=started,
                ended=datetime.now(UTC),
            )
        self.calls += 1
        echoed = answer.headers.get("X-Request-ID")
        if not echoed or (request_id is not None and echoed != request_id):
            self.fail(f"X-Request-ID {echoed!r} for {request_id!r}", answer)
        self.recent.append(
            f"[replica {replica}] {method} {path} {short(answer.sent, 160)} -> "
            f"{answer.status} {short(text, 200)}"
        )
        return answer

    def fail(self, what: str, answer: Answer | None = None) -> NoReturn:
        seed = self.world.seed
        lines = [
            f"seed {seed} ({SEED_VARIABLE}={seed} runs it again): {self.uid}, call {self.calls}:"
        ]
        lines.append(f"  {what}")
        if answer is not None:
            lines.append(
                f"  {answer.method} {answer.path} {short(answer.sent, 500)} -> "
                f"{answer.status} {short(answer.text, 1500)}"
            )
        lines.append("  this user's latest calls:")
        lines += [f"    {line}" for line in self.recent]
        raise ModelMismatch("\n".join(lines))

    def expect(self, answer: Answer, status: int, what: str = "") -> Json:
        if answer.status != status:
            self.fail(f"expected {status} {what}".rstrip(), answer)
        try:
            return answer.json()
        except ValueError:
            self.fail("the answer is not JSON", answer)

    def same(self, actual: Any, expected: Any, what: str, answer: Answer | None = None) -> None:
        if actual != expected:
            self.fail(f"{what}: {differences(actual, expected)}", answer)

    def stamp(
        self, value: Any, answer: Answer, what: str, *, plus: timedelta = timedelta()
    ) -> None:
        """A time the service made during the call (to the second, or to the microsecond)."""
        at = read_stamp(value)
        if at is None:
            self.fail(f"{what} {value!r} is not a UTC time", answer)
        earliest = answer.started + plus
        if "." not in str(value):
            earliest = earliest.replace(microsecond=0)
        if not earliest <= at <= answer.ended + plus:
            self.fail(
                f"{what} {value} is outside the call's window "
                f"{utc_text(earliest)}..{utc_text(answer.ended + plus)}",
                answer,
            )

    def problem(self, answer: Answer, status: int, what: str) -> None:
        self.expect(answer, status, what)
        if not answer.headers.get("Content-Type", "").startswith("application/problem+json"):
            self.fail(f"{what}: the error is not problem+json", answer)

    # -- random inputs -------------------------------------------------------------------

    def title(self) -> str:
        words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 4)))
        return self.rng.choice(("", "", " ", "  ")) + words + self.rng.choice(("", " "))

    def text(self, longest: int = 60) -> str:
        size = self.rng.randint(1, longest)
        return "".join(self.rng.choice("abc xyz,.!?é✓\n") for _ in range(size))

    def moment(self) -> TimeInput:
        day = date(2027, 1, 1) + timedelta(days=self.rng.randrange(365))
        local = datetime(
            day.year, day.month, day.day, self.rng.randint(9, 18), self.rng.choice((0, 15, 30, 45))
        )
        shape = self.rng.choice(("z", "offset", "naive"))
        if shape == "z":
            return TimeInput(local.isoformat() + "Z", local.replace(tzinfo=UTC))
        if shape == "offset":
            offset = self.rng.choice(OFFSETS)
            return TimeInput(local.isoformat() + offset, datetime.fromisoformat(f"{local}{offset}"))
        return TimeInput(local.isoformat(), local)

    def time_input(self) -> TimeInput:
        if self.rng.random() < 0.15:
            minutes = self.rng.choice((5, 45, 90, 600))
            return TimeInput(f"in {minutes} minutes", minutes=minutes)
        return self.moment()

    def due_input(self) -> tuple[str, Callable[[str], str]]:
        """A due_date as sent, and what it must be stored as in a zone."""
        choice = self.rng.random()
        day = date(2027, 1, 1) + timedelta(days=self.rng.randrange(365))
        if choice < 0.5:
            return day.isoformat(), lambda zone: day.isoformat()
        moment = self.moment()
        return moment.text, lambda zone: str(moment.utc(zone))

    def next_key(self) -> str:
        # Every user counts k1, k2, ...: a key must be scoped to its user.
        self.key_count += 1
        return f"k{self.key_count}"

    # -- the run -------------------------------------------------------------------------

    async def run(self) -> None:
        operations: list[tuple[float, Callable[[], Awaitable[None]]]] = [
            (12, self.create_reminder),
            (4, self.get_reminder),
            (11, self.patch_reminder),
            (4, self.snooze),
            (4, self.delete_reminder),
            (4, self.list_reminders),
            (11, self.create_todo),
            (4, self.get_todo),
            (10, self.patch_todo),
            (4, self.delete_todo),
            (4, self.list_todos),
            (5, self.replay),
            (1, self.failed_create_releases_key),
            (3, self.put_profile),
            (2, self.get_profile),
            (3, self.post_preferences),
            (2, self.get_preferences),
            (5, self.post_message),
            (3, self.list_conversation),
            (0.3, self.delete_conversation),
            (6, self.chat),
            (0.6, self.get_data),
            (0.4, self.delete_data),
            (3, self.race),
            (8, self.intrude),
        ]
        weights = [w for w, _ in operations]
        while self.calls < CALLS and not self.world.failed:
            (operation,) = self.rng.choices([op for _, op in operations], weights)
            self.tally[operation.__name__] += 1
            await operation()

    # -- reminders -----------------------------------------------------------------------

    def reminder_body(self) -> tuple[dict[str, Any], TimeInput]:
        when = self.time_input()
        body: dict[str, Any] = {"title": self.title(), "reminding_time": when.text}
        if self.rng.random() < 0.5:
            body["description"] = self.text()
        if self.rng.random() < 0.4:
            body["timezone"] = self.rng.choice(ZONES)
        if self.rng.random() < 0.2:
            body["recurrence"] = self.rng.choice(list(RULES))
        return body, when

    def check_new_reminder(self, answer: Answer, body: dict[str, Any], when: TimeInput) -> None:
        got = self.expect(answer, 201, "for a new reminder")
        zone = body.get("timezone") or self.preferences["timezone"]
        expected = {
            "reminder_id": got.get("reminder_id"),
            "user_id": self.uid,
            "title": body["title"].strip(),
            "description": body.get("description", ""),
            "reminding_time": when.utc(zone) or got.get("reminding_time"),
            "timezone": zone,
            "recurrence": RULES.get(body.get("recurrence", "")),
            "status": "pending",
            "created_at": got.get("created_at"),
            "updated_at": got.get("created_at"),
            "fired_at": None,
            "failure": None,
        }
        self.same(got, expected, "the new reminder", answer)
        self.new_id(got["reminder_id"], REMINDER_ID, answer)
        self.stamp(got["created_at"], answer, "created_at")
        if when.minutes is not None:
            plus = timedelta(minutes=when.minutes)
            self.stamp(got["reminding_time"], answer, "reminding_time", plus=plus)
        location = f"{self.quoted}/reminders/{got['reminder_id']}"
        self.same(answer.headers.get("Location"), location, "Location", answer)
        self.reminders[got["reminder_id"]] = got

    def new_id(self, record_id: str, pattern: re.Pattern[str], answer: Answer) -> None:
        if not pattern.match(record_id):
            self.fail(f"{record_id!r} is not an id of ours", answer)
        if record_id in self.reminders or record_id in self.todos or record_id in self.gone:
            self.fail(f"{record_id} was handed out before", answer)

    async def create_reminder(self) -> None:
        key = None
        if self.rng.random() < 0.1:
            # The same key and body for every user: a key must not cross users.
            key = self.next_key()
            at = datetime(2027, 6, 1, 10, tzinfo=UTC)
            body: dict[str, Any] = {"title": f"shared {key}", "reminding_time": utc_text(at)}
            when = TimeInput(body["reminding_time"], at)
        else:
            body, when = self.reminder_body()
        path = f"{self.base}/reminders"
        await self.create(path, body, lambda a: self.check_new_reminder(a, body, when), key=key)

    async def create(
        self, path: str, body: Json, check: Callable[[Answer], None], *, key: str | None = None
    ) -> None:
        """A create: without a key, with one, or with one sent several times at once."""
        # The service polls while a first request with the key runs: concurrent copies cost.
        shape = self.rng.uniform(0.5 if key else 0.0, 1.0)
        if shape < 0.5:
            check(await self.call("POST", path, body))
            return
        key = key or self.next_key()
        headers = {"Idempotency-Key": key}
        if shape < 0.92:
            answer = await self.call("POST", path, body, headers=headers)
            check(answer)
            if "Idempotent-Replayed" in answer.headers:
                self.fail("a first answer says it is replayed", answer)
            self.keys[key] = Keyed(path, body, answer)
            return
        copies = self.rng.randint(2, 3)
        answers = await asyncio.gather(
            *(self.call("POST", path, body, headers=headers) for _ in range(copies))
        )
        # A copy that waited longer than the service waits for the first is told to retry.
        waited = [a for a in answers if a.status == 409 and "Retry-After" in a.headers]
        for answer in answers:
            if answer not in waited:
                self.expect(answer, 201, "for one of concurrent copies")
        firsts = [
            a for a in answers if a not in waited and a.headers.get("Idempotent-Replayed") != "true"
        ]
        if len(firsts) != 1:
            self.fail(f"{copies} concurrent retries ran {len(firsts)} times", answers[0])
        check(firsts[0])
        for other in answers:
            if other in waited:
                self.tally["retry-later"] += 1
                continue
            self.same(other.json(), firsts[0].json(), "a concurrent retry's answer", other)
            self.same(
                other.headers.get("Location"), firsts[0].headers.get("Location"), "Location", other
            )
        self.keys[key] = Keyed(path, body, firsts[0])

    async def replay(self) -> None:
        if not self.keys:
            await self.create_reminder()
            return
        key = self.rng.choice(sorted(self.keys))
        first = self.keys[key]
        headers = {"Idempotency-Key": key}
        if self.rng.random() < 0.75:
            answer = await self.call("POST", first.path, first.body, headers=headers)
            self.expect(answer, first.answer.status, "for a retry")
            self.same(answer.headers.get("Idempotent-Replayed"), "true", "replayed", answer)
            self.same(answer.json(), first.answer.json(), "a retry's answer", answer)
            self.same(
                answer.headers.get("Location"), first.answer.headers.get("Location"), "Location"
            )
        else:
            other = dict(first.body)
            changed = "content" if "content" in other else "title"
            other[changed] += " again"
            answer = await self.call("POST", first.path, other, headers=headers)
            self.problem(answer, 409, "for a key reused with another body")

    async def failed_create_releases_key(self) -> None:
        key = self.next_key()
        headers = {"Idempotency-Key": key}
        path = f"{self.base}/reminders"
        bad = {"title": "   ", "reminding_time": "2027-01-01T10:00:00Z"}
        answer = await self.call("POST", path, bad, headers=headers)
        self.problem(answer, 422, "for a blank title")
        self.same([e["field"] for e in answer.json()["errors"]], ["title"], "errors", answer)
        body, when = self.reminder_body()
        answer = await self.call("POST", path, body, headers=headers)
        self.check_new_reminder(answer, body, when)
        self.keys[key] = Keyed(path, body, answer)

    def pick(self, records: dict[str, dict[str, Any]]) -> str | None:
        roll = self.rng.random()
        if records and roll < 0.85:
            return self.rng.choice(list(records))
        if self.gone and roll < 0.95:
            return self.rng.choice(self.gone)
        return None

    async def get_reminder(self) -> None:
        await self.get_record("reminders", self.reminders, "rem_")

    async def get_record(self, kind: str, records: dict[str, dict[str, Any]], prefix: str) -> None:
        record_id = self.pick(records) or f"{prefix}{'0' * 26}"
        answer = await self.call("GET", f"{self.base}/{kind}/{record_id}")
        if record_id in records:
            self.same(self.expect(answer, 200), records[record_id], f"GET {record_id}", answer)
        else:
            self.problem(answer, 404, f"for {record_id}, deleted or never made")

    async def patch_reminder(self) -> None:
        record_id = self.pick(self.reminders)
        if record_id is None:
            await self.create_reminder()
            return
        patch: dict[str, Any] = {}
        when = None
        if self.rng.random() < 0.4:
            patch["title"] = self.title()
        if self.rng.random() < 0.3:
            patch["description"] = self.rng.choice((None, self.text()))
        if self.rng.random() < 0.3:
            patch["timezone"] = self.rng.choice(ZONES)
        if self.rng.random() < 0.3:
            when = self.moment()
            patch["reminding_time"] = when.text
        if self.rng.random() < 0.2:
            patch["recurrence"] = self.rng.choice((None, *RULES))
        if self.rng.random() < 0.5:
            patch["status"] = self.rng.choice(REMINDER_STATUSES)
        elif self.rng.random() < 0.05:
            patch["status"] = "fired"
        answer = await self.call("PATCH", f"{self.base}/reminders/{record_id}", patch)
        current = self.reminders.get(record_id)
        if patch.get("status") == "fired":
            self.problem(answer, 422, "for status fired (the body is checked first)")
            self.same([e["field"] for e in answer.json()["errors"]], ["status"], "errors", answer)
            return
        if current is None:
            self.problem(answer, 404, f"for a deleted {record_id}")
            return
        expected = dict(current)
        if "title" in patch:
            expected["title"] = patch["title"].strip()
        if "description" in patch:
            expected["description"] = patch["description"] or ""
        if "timezone" in patch:
            expected["timezone"] = patch["timezone"]
        if when is not None:
            expected["reminding_time"] = when.utc(patch.get("timezone") or current["timezone"])
        if "recurrence" in patch:
            expected["recurrence"] = RULES.get(patch["recurrence"] or "")
        target = patch.get("status")
        if target is not None:
            if target != current["status"] and target not in REMINDER_MOVES[current["status"]]:
                self.problem(answer, 409, f"for {current['status']} -> {target}")
                return
            expected["status"] = target
        got = self.expect(answer, 200, "for a patch")
        expected["updated_at"] = got.get("updated_at")
        self.same(got, expected, "the patched reminder", answer)
        self.stamp(got["updated_at"], answer, "updated_at")
        self.reminders[record_id] = got

    async def snooze(self) -> None:
        record_id = self.pick(self.reminders) or f"rem_{'1' * 26}"
        minutes = self.rng.choice((1, 10, 60, 1440, 10080))
        answer = await self.call(
            "POST", f"{self.base}/reminders/{record_id}/snooze", {"minutes": minutes}
        )
        current = self.reminders.get(record_id)
        if current is None:
            self.problem(answer, 404, f"for a snooze of a missing {record_id}")
            return
        if current["status"] not in ("pending", "fired"):
            self.problem(answer, 409, f"for a snooze of a {current['status']} reminder")
            return
        got = self.expect(answer, 200, "for a snooze")
        expected = {
            **current,
            "status": "pending",
            "fired_at": None,
            "reminding_time": got.get("reminding_time"),
            "updated_at": got.get("updated_at"),
        }
        self.same(got, expected, "the snoozed reminder", answer)
        self.stamp(got["updated_at"], answer, "updated_at")
        self.stamp(got["reminding_time"], answer, "snoozed until", plus=timedelta(minutes=minutes))
        self.reminders[record_id] = got

    async def delete_reminder(self) -> None:
        await self.delete_record("reminders", self.reminders)

    async def delete_record(self, kind: str, records: dict[str, dict[str, Any]]) -> None:
        prefix = "rem_" if kind == "reminders" else "todo_"
        record_id = self.pick(records) or f"{prefix}{'2' * 26}"
        answer = await self.call("DELETE", f"{self.base}/{kind}/{record_id}")
        self.expect(answer, 204, f"for a delete of {record_id}")
        if records.pop(record_id, None) is not None:
            self.gone.append(record_id)

    async def list_reminders(self, *, final: bool = False) -> None:
        status = self.rng.choice((None, *REMINDER_STATUSES))
        query = {} if status is None else {"status": status}
        expected = [r for r in self.reminders.values() if status in (None, r["status"])]
        await self.read_list("reminders", query, expected, final=final)

    async def read_list(
        self,
        kind: str,
        query: dict[str, str],
        expected: list[dict[str, Any]],
        *,
        final: bool = False,
        limit: int | None = None,
    ) -> None:
        """Reads pages (all of them when final) and compares each with the model's slice."""
        limit = limit or self.rng.choice(FINAL_LIMITS if final else LIMITS)
        most = 10**6 if final else self.rng.randint(1, 4)
        cursor, offset, pages = None, 0, 0
        while pages < most:
            params = {**query, "limit": str(limit), **({"cursor": cursor} if cursor else {})}
            answer = await self.call("GET", f"{self.base}/{kind}?{_query(params)}")
            got = self.expect(answer, 200, f"for a page of {kind}")
            for item in got["items"]:
                if item.get("user_id") != self.uid:
                    self.fail(f"another user's record in my {kind}: {item}", answer)
            wanted = expected[offset : offset + limit]
            self.same(got["items"], wanted, f"page {pages + 1} of {kind} {query}", answer)
            offset += limit
            pages += 1
            cursor = got["next_cursor"]
            if (cursor is None) != (offset >= len(expected)):
                self.fail(f"next_cursor {cursor!r} with {len(expected)} records", answer)
            if cursor is None:
                return
            self.cursors.append((f"{kind}?{_query(query)}", cursor))

    # -- todos ---------------------------------------------------------------------------

    def todo_body(self) -> tuple[dict[str, Any], Callable[[str], str] | None]:
        body: dict[str, Any] = {"title": self.title()}
        due = None
        if self.rng.random() < 0.4:
            body["description"] = self.text()
        if self.rng.random() < 0.6:
            body["priority"] = self.rng.choice(PRIORITIES)
        if self.rng.random() < 0.4:
            body["category"] = self.rng.choice(("home", " work ", "travel", "Café"))
        if self.rng.random() < 0.4:
            body["due_date"], due = self.due_input()
        return body, due

    def check_new_todo(
        self, answer: Answer, body: dict[str, Any], due: Callable[[str], str] | None
    ) -> None:
        got = self.expect(answer, 201, "for a new todo")
        category = body.get("category")
        expected = {
            "todo_id": got.get("todo_id"),
            "user_id": self.uid,
            "title": body["title"].strip(),
            "description": body.get("description", ""),
            "priority": body.get("priority", "medium"),
            "category": None if category is None else category.strip(),
            "due_date": None if due is None else due(self.preferences["timezone"]),
            "status": "pending",
            "created_at": got.get("created_at"),
            "updated_at": got.get("created_at"),
            "completed_at": None,
        }
        self.same(got, expected, "the new todo", answer)
        self.new_id(got["todo_id"], TODO_ID, answer)
        self.stamp(got["created_at"], answer, "created_at")
        self.same(
            answer.headers.get("Location"), f"{self.quoted}/todos/{got['todo_id']}", "Location"
        )
        self.todos[got["todo_id"]] = got

    async def create_todo(self) -> None:
        body, due = self.todo_body()
        await self.create(f"{self.base}/todos", body, lambda a: self.check_new_todo(a, body, due))

    async def get_todo(self) -> None:
        await self.get_record("todos", self.todos, "todo_")

    def todo_patch(self) -> tuple[dict[str, Any], Callable[[str], str] | None]:
        patch: dict[str, Any] = {}
        due = None
        if self.rng.random() < 0.3:
            patch["title"] = self.title()
        if self.rng.random() < 0.2:
            patch["description"] = self.rng.choice((None, self.text()))
        if self.rng.random() < 0.3:
            patch["priority"] = self.rng.choice(PRIORITIES)
        if self.rng.random() < 0.2:
            patch["category"] = self.rng.choice((None, "errands", " home "))
        if self.rng.random() < 0.2:
            if self.rng.random() < 0.3:
                patch["due_date"] = None
            else:
                patch["due_date"], due = self.due_input()
        return patch, due

    def expected_todo(
        self, current: dict[str, Any], patch: dict[str, Any], due: Callable[[str], str] | None
    ) -> dict[str, Any]:
        expected = dict(current)
        if "title" in patch:
            expected["title"] = patch["title"].strip()
        if "description" in patch:
            expected["description"] = patch["description"] or ""
        if "priority" in patch:
            expected["priority"] = patch["priority"]
        if "category" in patch:
            expected["category"] = None if patch["category"] is None else patch["category"].strip()
        if "due_date" in patch:
            expected["due_date"] = None if due is None else due(self.preferences["timezone"])
        return expected

    async def patch_todo(self) -> None:
        record_id = self.pick(self.todos)
        if record_id is None:
            await self.create_todo()
            return
        patch, due = self.todo_patch()
        if self.rng.random() < 0.5:
            patch["status"] = self.rng.choice(TODO_STATUSES)
        answer = await self.call("PATCH", f"{self.base}/todos/{record_id}", patch)
        current = self.todos.get(record_id)
        if current is None:
            self.problem(answer, 404, f"for a deleted {record_id}")
            return
        expected = self.expected_todo(current, patch, due)
        target, was = patch.get("status"), current["status"]
        if target is not None:
            if target != was and target not in TODO_MOVES[was]:
                self.problem(answer, 409, f"for {was} -> {target}")
                return
            expected["status"] = target
        got = self.expect(answer, 200, "for a patch")
        expected["updated_at"] = got.get("updated_at")
        if target is not None and target != was:
            expected["completed_at"] = got.get("completed_at") if target == "done" else None
        self.same(got, expected, "the patched todo", answer)
        self.stamp(got["updated_at"], answer, "updated_at")
        if target == "done" and was != "done":
            self.stamp(got["completed_at"], answer, "completed_at")
        self.todos[record_id] = got

    async def delete_todo(self) -> None:
        await self.delete_record("todos", self.todos)

    async def list_todos(self, *, final: bool = False) -> None:
        status = self.rng.choice((None, None, *TODO_STATUSES))
        priority = self.rng.choice((None, None, *PRIORITIES))
        query = {k: v for k, v in (("status", status), ("priority", priority)) if v}
        expected = [
            t
            for t in self.todos.values()
            if status in (None, t["status"]) and priority in (None, t["priority"])
        ]
        await self.read_list("todos", query, expected, final=final)

    # -- racing patches of one record ----------------------------------------------------

    async def race(self) -> None:
        """Concurrent patches of different fields of one record: none may be lost."""
        roll = self.rng.random()
        if roll < 0.2:
            await self.race_preferences()
            return
        if roll < 0.45:
            await self.race_creates()
            return
        if roll < 0.55:
            await self.race_delete()
            return
        kind = self.rng.choice(("reminders", "todos"))
        records = self.reminders if kind == "reminders" else self.todos
        if not records:
            await (self.create_reminder() if kind == "reminders" else self.create_todo())
            return
        record_id = self.rng.choice(list(records))
        current = records[record_id]
        n = self.rng.randint(2, 4)
        # Values that differ from the current ones and are stored as sent.
        mark = f"raced {self.rng.randrange(10**9)}"
        options: list[dict[str, Any]] = [{"title": mark}, {"description": mark}]
        if kind == "reminders":
            zone = self.rng.choice([z for z in ZONES if z != current["timezone"]])
            rule = self.rng.choice([RULES[r] for r in RULES if RULES[r] != current["recurrence"]])
            options += [{"timezone": zone}, {"recurrence": rule}]
        else:
            priority = self.rng.choice([p for p in PRIORITIES if p != current["priority"]])
            day = (date(2028, 1, 1) + timedelta(days=self.rng.randrange(300))).isoformat()
            options += [{"priority": priority}, {"category": mark[-12:]}, {"due_date": day}]
        chosen = self.rng.sample(options, min(n, len(options)))
        answers = await asyncio.gather(
            *(self.call("PATCH", f"{self.base}/{kind}/{record_id}", p) for p in chosen)
        )
        expected = dict(current)
        for patch in chosen:
            expected.update(patch)
        complete = None
        for answer, mine in zip(answers, chosen, strict=True):
            got = self.expect(answer, 200, "for one of racing patches")
            self.same({k: got.get(k) for k in mine}, mine, "a racing patch's own change", answer)
            self.stamp(got["updated_at"], answer, "updated_at")
            if {k: got.get(k) for k in expected if k != "updated_at"} == {
                k: v for k, v in expected.items() if k != "updated_at"
            }:
                complete = got
        if complete is None:
            self.fail(
                f"racing patches {chosen} of {record_id}: no answer holds all "
                f"of them (a lost update); answers: {[short(a.text, 400) for a in answers]}"
            )
        records[record_id] = complete

    async def race_delete(self) -> None:
        """Patches and snoozes racing a delete of the record: it stays deleted."""
        kind = self.rng.choice(("reminders", "todos"))
        records = self.reminders if kind == "reminders" else self.todos
        if not records:
            return
        record_id = self.rng.choice(list(records))
        path = f"{self.base}/{kind}/{record_id}"
        calls = [("DELETE", path, None)]
        for _ in range(self.rng.randint(1, 3)):
            snoozable = records[record_id]["status"] in ("pending", "fired")
            if kind == "reminders" and snoozable and self.rng.random() < 0.3:
                calls.append(("POST", f"{path}/snooze", {"minutes": 30}))
            else:
                calls.append(("PATCH", path, {"title": f"raced {self.rng.randrange(10**6)}"}))
        self.rng.shuffle(calls)
        answers = await asyncio.gather(*(self.call(m, p, b) for m, p, b in calls))
        del records[record_id]
        self.gone.append(record_id)
        for answer in answers:
            if answer.method == "DELETE":
                self.expect(answer, 204, "for a delete racing patches")
            elif answer.status != 200:
                self.problem(answer, 404, "for a patch racing a delete")
        self.problem(await self.call("GET", path), 404, "after a delete that raced patches")

    async def race_creates(self) -> None:
        """Concurrent creates of one user: each stored once, under its own id or timestamp."""
        kind = self.rng.choice(("reminders", "todos", "conversation"))
        checks: list[Callable[[Answer], None]] = []
        bodies: list[dict[str, Any]] = []
        for _ in range(self.rng.randint(2, 4)):
            if kind == "reminders":
                body, when = self.reminder_body()
                checks.append(functools.partial(self.check_new_reminder, body=body, when=when))
            elif kind == "todos":
                body, due = self.todo_body()
                checks.append(functools.partial(self.check_new_todo, body=body, due=due))
            else:
                body = self.message_body()
                checks.append(functools.partial(self.check_new_message, body=body))
            bodies.append(body)
        answers = await asyncio.gather(
            *(self.call("POST", f"{self.base}/{kind}", body) for body in bodies)
        )
        for answer in answers:
            self.expect(answer, 201, "for one of concurrent creates")
        # The model lists them as the service orders them: by id, messages by timestamp.
        order = {"reminders": "reminder_id", "todos": "todo_id", "conversation": "timestamp"}
        ranked = sorted(
            zip(answers, checks, strict=True), key=lambda pair: str(pair[0].json()[order[kind]])
        )
        for answer, check in ranked:
            check(answer)

    async def race_preferences(self) -> None:
        keys = self.rng.sample(EXTRA_KEYS, self.rng.randint(2, 4))
        patches = [{key: f"raced {self.rng.randrange(10**6)}"} for key in keys]
        answers = await asyncio.gather(
            *(self.call("POST", f"{self.base}/preferences", p) for p in patches)
        )
        for answer, patch in zip(answers, patches, strict=True):
            got = self.expect(answer, 200, "for one of racing preference merges")
            prefs = got["preferences"]
            self.same({k: prefs.get(k) for k in patch}, patch, "a racing merge's own key", answer)
            self.preferences.update(patch)
        self.user_item = True
        await self.get_preferences()

    # -- profile and preferences ---------------------------------------------------------

    async def put_profile(self) -> None:
        choices: dict[str, Callable[[], Any]] = {
            "email": lambda: f"u{self.rng.randrange(10**6)}@example.com",
            "wallet": lambda: (
                "0x" + "".join(self.rng.choice("0123456789abcdef") for _ in range(40))
            ),
            "first_name": lambda: self.rng.choice(NAMES) + self.rng.choice(("", " ")),
            "last_name": lambda: self.rng.choice(NAMES),
            "phone_number": lambda: f"+4477009{self.rng.randrange(10**5):05d}",
        }
        body = {
            name: (None if self.rng.random() < 0.2 else make())
            for name, make in choices.items()
            if self.rng.random() < 0.5
        }
        answer = await self.call("PUT", self.base, body)
        created = self.profile is None
        got = self.expect(answer, 201 if created else 200, "for a profile save")
        expected: dict[str, Any] = self.profile or {
            "privy_id": self.uid,
            **dict.fromkeys(choices),
            "created_at": got.get("created_at"),
        }
        expected = {
            **expected,
            **{k: (v.strip() if isinstance(v, str) else v) for k, v in body.items()},
            "updated_at": got.get("updated_at"),
        }
        self.same(got, expected, "the saved profile", answer)
        self.stamp(got["updated_at"], answer, "updated_at")
        if created:
            self.same(got["created_at"], got["updated_at"], "a new profile's created_at", answer)
        self.profile = got
        self.user_item = True

    async def get_profile(self) -> None:
        answer = await self.call("GET", self.base)
        if self.profile is None:
            self.problem(answer, 404, "before the first PUT")
        else:
            self.same(self.expect(answer, 200), self.profile, "the profile", answer)

    async def post_preferences(self) -> None:
        patch: dict[str, Any] = {}
        if self.rng.random() < 0.4:
            patch["timezone"] = self.rng.choice(ZONES)
        if self.rng.random() < 0.3:
            patch["language"] = self.rng.choice(LANGUAGES)
        for key in self.rng.sample(EXTRA_KEYS, self.rng.randint(0, 2)):
            patch[key] = self.rng.choice(
                ("dark", 3, True, ["a", "b"], {"nested": "yes", "n": 2}, "日本")
            )
        answer = await self.call("POST", f"{self.base}/preferences", patch)
        got = self.expect(answer, 200, "for a preferences merge")
        self.preferences = {**self.preferences, **patch}
        self.user_item = True
        self.same(got, {"user_id": self.uid, "preferences": self.preferences}, "merged", answer)

    async def get_preferences(self) -> None:
        answer = await self.call("GET", f"{self.base}/preferences")
        expected = {"user_id": self.uid, "preferences": self.preferences}
        self.same(self.expect(answer, 200), expected, "the preferences", answer)

    # -- conversation and chat -----------------------------------------------------------

    def message_body(self) -> dict[str, Any]:
        return {"role": self.rng.choice(("user", "assistant")), "content": self.text(200)}

    def check_new_message(self, answer: Answer, body: dict[str, Any]) -> None:
        got = self.expect(answer, 201, "for a new message")
        expected = {**body, "user_id": self.uid, "timestamp": got.get("timestamp")}
        self.same(got, expected, "the new message", answer)
        self.stamp(got["timestamp"], answer, "timestamp")
        self.same(answer.headers.get("Location"), f"{self.quoted}/conversation", "Location")
        if self.messages and str(self.messages[-1].timestamp or "") >= got["timestamp"]:
            self.fail("a message not after the one before it", answer)
        self.messages.append(
            Message(body["role"], body["content"], got["timestamp"], answer.started, answer.ended)
        )

    async def post_message(self) -> None:
        body = self.message_body()
        path = f"{self.base}/conversation"
        await self.create(path, body, lambda answer: self.check_new_message(answer, body))

    def check_messages(self, got: list[Any], expected: list[Message], answer: Answer) -> None:
        if len(got) != len(expected):
            self.fail(f"{len(got)} messages, expected {len(expected)}", answer)
        for item, message in zip(got, expected, strict=True):
            wanted = {
                "user_id": self.uid,
                "role": message.role,
                "content": message.content,
                "timestamp": message.timestamp or item.get("timestamp"),
            }
            self.same(item, wanted, "a message", answer)
            if message.timestamp is None:
                at = read_stamp(item["timestamp"])
                if at is None or not message.earliest <= at < message.latest:
                    self.fail(f"a chat message's timestamp {item['timestamp']} is off", answer)
                message.timestamp = item["timestamp"]
        stamps = [m["timestamp"] for m in got]
        if stamps != sorted(set(stamps)):
            self.fail("messages are not oldest first, each at its own timestamp", answer)

    async def list_conversation(self, *, final: bool = False) -> None:
        limit = self.rng.choice(FINAL_LIMITS if final else LIMITS)
        most = 10**6 if final else self.rng.randint(1, 3)
        cursor, end, pages = None, len(self.messages), 0
        while pages < most:
            params = {"limit": str(limit), **({"cursor": cursor} if cursor else {})}
            answer = await self.call("GET", f"{self.base}/conversation?{_query(params)}")
            got = self.expect(answer, 200, "for a conversation page")
            self.check_messages(got["items"], self.messages[max(0, end - limit) : end], answer)
            end, pages, cursor = end - limit, pages + 1, got["next_cursor"]
            if (cursor is None) != (end <= 0):
                self.fail(f"next_cursor {cursor!r} with {len(self.messages)} messages", answer)
            if cursor is None:
                return
            self.cursors.append(("conversation?", cursor))

    async def delete_conversation(self) -> None:
        answer = await self.call("DELETE", f"{self.base}/conversation")
        self.expect(answer, 204, "for forgetting the conversation")
        self.messages.clear()

    async def chat(self) -> None:
        kind = self.rng.choice(("greeting", "todo", "reminder", "reminder", "listing"))
        minutes = self.rng.choice((10, 45, 120))
        title = self.rng.choice(CHAT_REMINDER_TITLES)
        message = {
            "greeting": self.rng.choice(CHAT_GREETINGS),
            "todo": self.rng.choice(list(CHAT_TODOS)),
            "reminder": f"remind me in {minutes} minutes to {title}",
            "listing": self.rng.choice(list(CHAT_LISTINGS)),
        }[kind]
        fields: dict[str, str] = {"message": message}
        if self.rng.random() < 0.3:
            fields["user_id"] = self.uid
        if self.rng.random() < 0.2:
            history = [{"role": "user", "content": "never stored"}]
            fields["conversation_history"] = json.dumps(history)
        if self.rng.random() < 0.25:
            answer = await self.call("POST", "/chat", form=fields)
        else:
            body: dict[str, Any] = dict(fields)
            if "conversation_history" in body:
                body["conversation_history"] = json.loads(body["conversation_history"])
            answer = await self.call("POST", "/chat", body)
        got = self.expect(answer, 200, f"for chat {message!r}")
        expected = {
            "response": got.get("response"),
            "success": True,
            "timestamp": got.get("timestamp"),
            "user_id": self.uid,
            "actions": got.get("actions"),
        }
        self.same(got, expected, "the chat answer", answer)
        self.stamp(got["timestamp"], answer, "the answer's timestamp")
        actions = got["actions"]
        if kind == "greeting":
            self.same(actions, [], "a greeting's actions", answer)
        elif kind == "todo":
            self.chat_todo(answer, actions, CHAT_TODOS[message])
        elif kind == "reminder":
            self.chat_reminder(answer, actions, title, minutes)
        else:
            self.chat_listing(answer, actions, *CHAT_LISTINGS[message])
        answered = read_stamp(got["timestamp"]) or answer.ended
        self.messages.append(Message("user", message, None, answer.started, answered))
        self.messages.append(
            Message("assistant", got["response"], got["timestamp"], answer.started, answer.ended)
        )

    def chat_todo(self, answer: Answer, actions: Any, wanted: tuple[str, str, str | None]) -> None:
        if not (isinstance(actions, list) and len(actions) == 1):
            self.fail("a todo message must make exactly one action", answer)
        self.same(actions[0].get("type"), "todo.created", "the action", answer)
        todo = actions[0]["todo"]
        title, priority, category = wanted
        expected = {
            "todo_id": todo.get("todo_id"),
            "user_id": self.uid,
            "title": title,
            "description": "",
            "priority": priority,
            "category": category,
            "due_date": None,
            "status": "pending",
            "created_at": todo.get("created_at"),
            "updated_at": todo.get("created_at"),
            "completed_at": None,
        }
        self.same(todo, expected, "the chat's todo", answer)
        self.new_id(todo["todo_id"], TODO_ID, answer)
        self.stamp(todo["created_at"], answer, "created_at")
        self.todos[todo["todo_id"]] = todo

    def chat_reminder(self, answer: Answer, actions: Any, title: str, minutes: int) -> None:
        if not (isinstance(actions, list) and len(actions) == 1):
            self.fail("a reminder message must make exactly one action", answer)
        self.same(actions[0].get("type"), "reminder.created", "the action", answer)
        reminder = actions[0]["reminder"]
        expected = {
            "reminder_id": reminder.get("reminder_id"),
            "user_id": self.uid,
            "title": title,
            "description": "",
            "reminding_time": reminder.get("reminding_time"),
            "timezone": self.preferences["timezone"],
            "recurrence": None,
            "status": "pending",
            "created_at": reminder.get("created_at"),
            "updated_at": reminder.get("created_at"),
            "fired_at": None,
            "failure": None,
        }
        self.same(reminder, expected, "the chat's reminder", answer)
        self.new_id(reminder["reminder_id"], REMINDER_ID, answer)
        self.stamp(reminder["created_at"], answer, "created_at")
        plus = timedelta(minutes=minutes)
        self.stamp(reminder["reminding_time"], answer, "reminding_time", plus=plus)
        self.reminders[reminder["reminder_id"]] = reminder

    def chat_listing(
        self,
        answer: Answer,
        actions: Any,
        kind: str,
        statuses: set[str] | None,
        priority: str | None,
    ) -> None:
        """A listing (some read status-index or priority-index) holds what the model has."""
        if not (isinstance(actions, list) and len(actions) == 1):
            self.fail("a listing must be exactly one action", answer)
        self.same(actions[0].get("type"), f"{kind}.listed", "the action", answer)
        listed = actions[0][kind]
        id_attr = "reminder_id" if kind == "reminders" else "todo_id"
        records = {
            k: r
            for k, r in (self.reminders if kind == "reminders" else self.todos).items()
            if (statuses is None or r["status"] in statuses)
            and priority in (None, r.get("priority"))
        }
        if len(records) <= LISTED_AT_MOST:
            by_id = sorted(listed, key=lambda r: str(r[id_attr]))
            self.same(by_id, [records[k] for k in sorted(records)], f"listed {kind}", answer)
        else:
            for record in listed:
                self.same(record, records.get(record[id_attr]), f"a listed {kind[:-1]}", answer)

    # -- everything at once --------------------------------------------------------------

    def expected_data(self) -> dict[str, Any]:
        return {
            "user_id": self.uid,
            "user": self.profile,
            "preferences": self.preferences,
            "reminders": list(self.reminders.values()),
            "todos": list(self.todos.values()),
            "push_subscriptions": [],  # this model subscribes no browser
        }

    async def get_data(self) -> None:
        answer = await self.call("GET", f"{self.base}/data")
        got = self.expect(answer, 200, "for all data")
        conversation = got.pop("conversation", None)
        for reminder in got.get("reminders", []):
            # Exported, not answered: its time in its series, which this model does not
            # follow (tests/test_s6_userdata_roundtrip.py checks it round-trips).
            reminder.pop("recurrence_id", None)
        self.same(got, self.expected_data(), "GET /data", answer)
        self.check_messages(conversation or [], self.messages, answer)

    async def delete_data(self) -> None:
        data_type = self.rng.choice(("reminders", "todos", "conversations", "user", "all", None))
        path = f"{self.base}/data" + (f"?data_type={data_type}" if data_type else "")
        answer = await self.call("DELETE", path)
        got = self.expect(answer, 200, "for deleting data")
        counts = {
            "reminders": len(self.reminders),
            "todos": len(self.todos),
            "conversations": len(self.messages),
            "user": int(self.user_item),
        }
        kinds = list(counts) if data_type in (None, "all") else [data_type]
        expected = {k: counts[k] for k in kinds}
        if data_type in (None, "all"):  # no browser subscribed, no calendar address made
            expected |= {"push_subscriptions": 0, "calendar_feed": 0}
        self.same(got, {"deleted": expected}, "deleted counts", answer)
        if "reminders" in kinds:
            self.gone += list(self.reminders)
            self.reminders.clear()
        if "todos" in kinds:
            self.gone += list(self.todos)
            self.todos.clear()
        if "conversations" in kinds:
            self.messages.clear()
        if "user" in kinds:
            self.profile, self.user_item = None, False
            self.preferences = dict(DEFAULT_PREFERENCES)
        if data_type in (None, "all"):
            # The stored first answers go too: a key sent again creates anew.
            self.keys.clear()

    # -- another user's data -------------------------------------------------------------

    async def intrude(self) -> None:
        """My token on another user's data: refused, and nothing changes."""
        victim = self.mischief.choice([s for s in self.world.sims if s is not self])
        roll = self.mischief.random()
        if roll < 0.5:
            method, path, body = self.mischief.choice(victim.doors())
            answer = await self.call(method, path, body)
            self.problem(answer, 403, "for another user's path")
            if victim.uid in answer.text:
                self.fail("a refusal names the other user", answer)
        elif roll < 0.75:
            kind = self.mischief.choice(("reminders", "todos"))
            records = victim.reminders if kind == "reminders" else victim.todos
            if not records:
                return
            record_id = self.mischief.choice(list(records))
            method, suffix, body = self.mischief.choice(
                (
                    ("GET", "", None),
                    ("PATCH", "", {"title": "mine now"}),
                    ("DELETE", "", None),
                    *((("POST", "/snooze", {"minutes": 5}),) if kind == "reminders" else ()),
                )
            )
            answer = await self.call(method, f"{self.base}/{kind}/{record_id}{suffix}", body)
            if method == "DELETE":
                self.expect(answer, 204, "for deleting another user's id under my path")
            else:
                self.problem(answer, 404, "for another user's id under my path")
        elif roll < 0.85 and victim.cursors and self.cursors:
            # Another user's cursor on the same list, or my cursor on another of my lists.
            if self.mischief.random() < 0.5:
                where, cursor = self.mischief.choice(victim.cursors)
                what = "another user's cursor"
            else:
                mine, cursor = self.mischief.choice(self.cursors)
                where = self.mischief.choice([w for w in LISTS if w != mine])
                what = f"a cursor of {mine} on {where}"
            separator = "&" if not where.endswith("?") else ""
            path = f"{self.base}/{where}{separator}{_query({'cursor': cursor})}"
            self.problem(await self.call("GET", path), 400, f"for {what}")
        elif roll < 0.95:
            body = {"message": "remind me in 10 minutes to steal", "user_id": victim.uid}
            self.problem(await self.call("POST", "/chat", body), 403, "for chat as another user")
        else:
            headers = self.mischief.choice(({}, {"Authorization": "Bearer nonsense"}))
            answer = await self.call("GET", f"{self.base}/reminders", headers=headers, token=False)
            self.problem(answer, 401, "without a valid token")

    def doors(self) -> list[tuple[str, str, Json]]:
        """Every route of this user, with a body that would change something."""
        rem = next(iter(self.reminders), f"rem_{'3' * 26}")
        todo = next(iter(self.todos), f"todo_{'3' * 26}")
        return [
            ("GET", self.base, None),
            ("PUT", self.base, {"first_name": "Mallory"}),
            ("GET", f"{self.base}/preferences", None),
            ("POST", f"{self.base}/preferences", {"timezone": "Asia/Tokyo"}),
            ("GET", f"{self.base}/data", None),
            ("DELETE", f"{self.base}/data", None),
            ("GET", f"{self.base}/reminders", None),
            ("POST", f"{self.base}/reminders", {"title": "x", "reminding_time": "in 1 hour"}),
            ("GET", f"{self.base}/reminders/{rem}", None),
            ("PATCH", f"{self.base}/reminders/{rem}", {"status": "cancelled"}),
            ("DELETE", f"{self.base}/reminders/{rem}", None),
            ("POST", f"{self.base}/reminders/{rem}/snooze", {"minutes": 5}),
            ("GET", f"{self.base}/todos", None),
            ("POST", f"{self.base}/todos", {"title": "x"}),
            ("GET", f"{self.base}/todos/{todo}", None),
            ("PATCH", f"{self.base}/todos/{todo}", {"status": "done"}),
            ("DELETE", f"{self.base}/todos/{todo}", None),
            ("GET", f"{self.base}/conversation", None),
            ("POST", f"{self.base}/conversation", {"role": "user", "content": "x"}),
            ("DELETE", f"{self.base}/conversation", None),
            ("GET", f"{self.base}/events", None),
        ]

    # -- the end -------------------------------------------------------------------------

    async def verify(self) -> None:
        """The final state, every way it can be read, equals the model."""
        everything = list(self.reminders.values())
        await self.read_list("reminders", {}, everything, final=True)
        for status in REMINDER_STATUSES:
            wanted = [r for r in everything if r["status"] == status]
            await self.read_list("reminders", {"status": status}, wanted, final=True, limit=100)
        todos = list(self.todos.values())
        await self.read_list("todos", {}, todos, final=True)
        for status in TODO_STATUSES:
            wanted = [t for t in todos if t["status"] == status]
            await self.read_list("todos", {"status": status}, wanted, final=True, limit=100)
        await self.list_todos(final=True)  # a random filter of priority and status
        await self.list_conversation(final=True)
        await self.get_profile()
        await self.get_preferences()
        await self.get_data()


def _query(params: Mapping[str, str]) -> str:
    return "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in params.items())


async def _scan_owners(store: Store, table: str) -> Counter[str]:
    """How many items each user_id has in a table, read with a consistent scan."""
    owners: Counter[str] = Counter()
    request: dict[str, Any] = {
        "TableName": store.settings.table_name(table),
        "ProjectionExpression": "user_id",
        "ConsistentRead": True,
    }
    while True:
        response = await store.dynamo.call("scan", **request)
        owners.update(item["user_id"]["S"] for item in response.get("Items", []))
        if "LastEvaluatedKey" not in response:
            return owners
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"]


async def _run_all(world: World, step: Callable[[Sim], Awaitable[None]]) -> None:
    async def guarded(sim: Sim) -> None:
        try:
            await step(sim)
        except BaseException:
            world.failed = True
            raise

    results = await asyncio.gather(*(guarded(s) for s in world.sims), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    if errors:
        first = next((e for e in errors if isinstance(e, ModelMismatch)), errors[0])
        if len(errors) > 1:
            first.add_note(f"({len(errors) - 1} other user(s) failed too)")
        raise first


@dataclass
class Servers:
    settings: Settings
    bases: list[str]
    logs: list[Path]


@pytest.fixture
def servers(dynamodb_local_endpoint: str, tmp_path: Path) -> Iterator[Servers]:
    """REPLICAS real `remo-async serve` processes on one fresh table prefix, dev auth.

    Processes, not an in-process app: the servers and this test's clients then use both
    cores, and every user's calls are spread over replicas, as behind a load balancer.
    """
    settings = make_settings(dynamodb_local_endpoint)
    asyncio.run(_migrate(settings))
    env = {
        **os.environ,
        "REMO_DYNAMODB_ENDPOINT": dynamodb_local_endpoint,
        "REMO_TABLE_PREFIX": settings.table_prefix,
        "REMO_AUTH_MODE": "dev",
        "REMO_DEV_SECRET": DEV_SECRET,
        # Fifty users flat out would pass any per-user limit; the dispatcher and the event
        # streams are not under test here (their own tests are) and would only add load.
        "REMO_RATE_LIMIT": "0",
        "REMO_DISPATCH_ENABLED": "false",
        "REMO_EVENTS_ENABLED": "false",
        "REMO_LOG_LEVEL": "WARNING",
        "REMO_LOG_FORMAT": "json",
    }
    processes, bases, logs = [], [], []
    with contextlib.ExitStack() as stack:
        for replica in range(REPLICAS):
            port = free_port()
            log = tmp_path / f"server-{replica}.log"
            # A file, not a pipe: a pipe nobody reads fills up and blocks the server.
            sink = stack.enter_context(log.open("wb"))
            process = subprocess.Popen(
                [sys.executable, "-m", "remo_async", "serve", "--port", str(port)],
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent(),  # noqa: PLW1509 - a SIGKILLed test leaves no server
            )
            stack.callback(_stop, process)
            processes.append(process)
            bases.append(f"http://127.0.0.1:{port}")
            logs.append(log)
        for base, process, log in zip(bases, processes, logs, strict=True):
            _wait_until_up(base, process, log)
        yield Servers(settings=settings, bases=bases, logs=logs)


async def _migrate(settings: Settings) -> None:
    async with Store.open(settings) as store:
        await migrate(store)


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2):
                return
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"the server exited: {log.read_text()[-3000:]}")
            time.sleep(0.1)
    pytest.fail(f"the server did not come up: {log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def load_seed() -> int:
    given = os.environ.get(SEED_VARIABLE)
    return int(given) if given else secrets.randbelow(2**32)


@pytest.mark.slow
async def test_many_users_at_once_match_their_models(servers: Servers, load_seed: int) -> None:
    settings = servers.settings
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        world = World(seed=load_seed, settings=settings, session=session, bases=servers.bases)
        world.sims = [Sim(world, i) for i in range(USERS)]
        started = time.monotonic()
        await _run_all(world, Sim.run)
        ran = time.monotonic() - started
        await _run_all(world, Sim.verify)
        verified = time.monotonic() - started - ran
        dynamodb = 0.0
        for base in servers.bases:
            async with session.get(f"{base}/metrics") as response:
                metrics = await response.text()
            dynamodb += sum(
                float(line.rsplit(" ", 1)[1])
                for line in metrics.splitlines()
                if line.startswith("remo_dynamodb_calls_total{")
            )
    async with Store.open(settings) as store:
        for table, count in (
            ("reminders", lambda s: len(s.reminders)),
            ("todos", lambda s: len(s.todos)),
            ("conversations", lambda s: len(s.messages)),
        ):
            expected = Counter({s.uid: count(s) for s in world.sims if count(s)})
            found = await _scan_owners(store, table)
            assert found == expected, (
                f"seed {load_seed}: the {table} table holds {dict(found - expected)} more and "
                f"{dict(expected - found)} fewer items than the models"
            )
    for log in servers.logs:
        text = log.read_text()
        assert "Traceback" not in text, f"seed {load_seed}: {log.name}: {text[-3000:]}"
    calls = sum(s.calls for s in world.sims)
    tally = sum((s.tally for s in world.sims), Counter[str]())
    print(
        f"\nmodel load: seed {load_seed}, {USERS} users x {CALLS} calls over {REPLICAS} "
        f"replicas: {calls} calls in {ran:.1f} s ({calls / ran:.0f}/s, {dynamodb:.0f} DynamoDB "
        f"calls), verified in {verified:.1f} s; operations: {dict(tally.most_common())}"
    )
