"""`remo-async doctor`: whether this deployment can serve, one line per check."""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from remo_async.domain.enums import Role
from remo_async.domain.models import MessageCreate, Reminder, ReminderCreate, Todo, TodoCreate
from remo_async.domain.text import unencodable_paths
from remo_async.domain.times import utc_now
from remo_async.settings import Settings, SettingsError, load_settings
from remo_async.store import Store, StoreError
from remo_async.store.attrs import from_item
from remo_async.store.errors import TableMissing
from remo_async.store.migrate import (
    Migration,
    Migrator,
    default_migrations_dir,
    load_migrations,
    table_is_active,
)
from remo_async.store.records import INTERNAL_ATTRS
from remo_async.store.schema import LEDGER, Key, Table
from remo_async.userdata import export_user

Status = Literal["ok", "FAIL", "skip"]
TTL_ON = frozenset({"ENABLED", "ENABLING"})
SHOWN_ITEMS = 10


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report."""

    status: Status
    name: str
    reason: str

    def line(self) -> str:
        """The check as the report prints it."""
        return f"{self.status:<4}  {self.name}: {self.reason}"


class RoundTripError(Exception):
    """What was read back is not what was written."""


async def diagnose(
    *, say: Callable[[Check], None], overrides: Mapping[str, Any] | None = None
) -> list[Check]:
    """Runs every check, telling each as it ends; settings come from the environment."""
    checks: list[Check] = []

    def report(status: Status, name: str, reason: str) -> bool:
        checks.append(Check(status, name, reason))
        say(checks[-1])
        return status == "ok"

    try:
        settings = load_settings(**(overrides or {}))
    except SettingsError as exc:
        report("FAIL", "settings", str(exc))
        return checks
    where = settings.dynamodb_endpoint or f"AWS {settings.aws_region}"
    report("ok", "settings", f"loaded (DynamoDB {where}, table prefix {settings.table_prefix!r})")
    try:
        async with Store.open(settings) as store:
            await Doctor(store, settings=settings, report=report).run()
    except Exception as exc:  # the doctor reports; it never ends in a traceback
        report("FAIL", "doctor", f"stopped by an unexpected {type(exc).__name__}: {exc}")
    return checks


class Doctor:
    """The checks that need DynamoDB."""

    def __init__(
        self, store: Store, *, settings: Settings, report: Callable[[Status, str, str], bool]
    ) -> None:
        self._store = store
        self._settings = settings
        self._report = report

    async def run(self) -> None:
        """Reachability, then tables, the ledger and a round trip."""
        if not await self._reachable():
            return
        migrations = self._migrations()
        # A table as the last migration that declares it says (0004 adds GSIs to 0001's).
        latest = {t.name: t for m in migrations for t in m.tables}
        tables = [LEDGER, *latest.values()]
        tables_ok = [await self._table(table) for table in tables]
        if migrations:
            await self._ledger(migrations)
        if all(tables_ok) and migrations:
            await self._round_trip()
            await self._stored_text()
        else:
            self._report("skip", "round trip", "not tried while tables are missing or wrong")

    async def _reachable(self) -> bool:
        try:
            await self._store.dynamo.call("list_tables", Limit=1)
        except StoreError as exc:
            return self._report("FAIL", "dynamodb", str(exc))
        where = self._settings.dynamodb_endpoint or f"AWS {self._settings.aws_region}"
        return self._report("ok", "dynamodb", f"reachable at {where}")

    def _migrations(self) -> list[Migration]:
        try:
            return load_migrations(default_migrations_dir(self._settings))
        except StoreError as exc:
            self._report("FAIL", "migrations", str(exc))
            return []

    async def _describe(self, name: str) -> dict[str, Any] | None:
        try:
            response = await self._store.dynamo.call("describe_table", TableName=name)
        except TableMissing:
            return None
        described: dict[str, Any] = response["Table"]
        return described

    async def _table(self, table: Table) -> bool:
        name = self._settings.table_name(table.name)
        try:
            described = await self._describe(name)
            if described is None:
                return self._report("FAIL", f"table {name}", "missing; run `remo-async migrate`")
            ok = self._report(*_state(name, described))
            ok &= self._report(*_keys(table, name, described))
            if table.ttl_attribute is not None:
                ok &= self._report(*await self._ttl(table.ttl_attribute, name))
            if table.stream is not None:
                ok &= self._report(*_stream(table.stream, name, described))
        except StoreError as exc:
            return self._report("FAIL", f"table {name}", str(exc))
        return ok

    async def _ttl(self, attribute: str, name: str) -> tuple[Status, str, str]:
        response = await self._store.dynamo.call("describe_time_to_live", TableName=name)
        ttl = response.get("TimeToLiveDescription", {})
        status = ttl.get("TimeToLiveStatus", "DISABLED")
        if status in TTL_ON and ttl.get("AttributeName") == attribute:
            return "ok", f"ttl {name}", f"{status.lower()} on {attribute}"
        found = f" on {ttl['AttributeName']}" if "AttributeName" in ttl else ""
        reason = f"{status.lower()}{found}; the migrations declare it on {attribute}"
        return "FAIL", f"ttl {name}", reason

    async def _ledger(self, migrations: list[Migration]) -> None:
        migrator = Migrator(
            self._store.dynamo, settings=self._settings, migrations=migrations, say=_quiet
        )
        try:
            applied = await migrator.applied()
        except StoreError as exc:
            self._report("FAIL", "migrations", str(exc))
            return
        pending = [m.name for m in migrations if m.version not in applied]
        if pending:
            listed = ", ".join(pending)
            self._report("FAIL", "migrations", f"pending {listed}; run `remo-async migrate`")
            return
        unknown = sorted(set(applied) - {m.version for m in migrations})
        newer = f"; the ledger also holds {unknown}, newer than this code" if unknown else ""
        self._report("ok", "migrations", f"all {len(migrations)} applied{newer}")

    async def _round_trip(self) -> None:
        user_id = f"did:remo:doctor-{secrets.token_hex(6)}"
        try:
            await self._write_and_read(user_id)
            await self._store.delete_user_data(user_id=user_id)
            data = await export_user(self._store, user_id=user_id)
        except (StoreError, RoundTripError) as exc:
            await self._clean_up(user_id)
            self._report("FAIL", "round trip", f"as {user_id}: {exc}")
            return
        kinds = {"reminders": data.reminders, "todos": data.todos, "messages": data.conversation}
        left = [kind for kind, items in kinds.items() if items]
        if left:
            self._report("FAIL", "round trip", f"delete_user_data left {', '.join(left)}")
            return
        done = "wrote, read back and deleted a reminder, a todo and a message"
        self._report("ok", "round trip", f"{done} of a throwaway user")

    async def _write_and_read(self, user_id: str) -> None:
        store = self._store
        # A year out, so that a running dispatcher never fires it.
        when = utc_now() + timedelta(days=365)
        data = ReminderCreate(title="remo-async doctor", reminding_time=when)
        reminder = await store.reminders.create(user_id=user_id, data=data)
        todo = await store.todos.create(user_id=user_id, data=TodoCreate(title="remo-async doctor"))
        note = MessageCreate(role=Role.USER, content="remo-async doctor")
        message = await store.conversations.add(user_id=user_id, data=note)
        if await store.reminders.get(user_id=user_id, record_id=reminder.reminder_id) != reminder:
            raise RoundTripError("the reminder read back differs from the one written")
        if await store.todos.get(user_id=user_id, record_id=todo.todo_id) != todo:
            raise RoundTripError("the todo read back differs from the one written")
        if [m async for m in store.conversations.iterate(user_id=user_id)] != [message]:
            raise RoundTripError("the conversation read back differs from the message written")

    async def _stored_text(self) -> None:
        # Older versions stored lone surrogates (e.g. a preferences key "\udc80"): answers
        # replace them with U+FFFD, but only rewriting the item mends it.
        store = self._store
        tables = (  # the table, its user's attribute, and what names one item of it
            (store.users.table, "privy_id", None),
            (store.reminders.table, "user_id", "reminder_id"),
            (store.todos.table, "user_id", "todo_id"),
            (store.conversations.table, "user_id", "timestamp"),
        )
        found: list[str] = []
        parked: list[str] = []
        damaged: list[str] = []
        models: dict[str, type[BaseModel]] = {
            store.reminders.table: Reminder,
            store.todos.table: Todo,
        }
        scanned = 0
        try:
            for table, owner, item in tables:
                async for values in self._scan(table):
                    scanned += 1
                    if table == store.reminders.table and values.get("status") == "failed":
                        parked.append(
                            f"user {_shown(values.get(owner))} reminder "
                            f"{_shown(values.get('reminder_id'))}: {_shown(values.get('failure'))}"
                        )
                    if table in models:
                        fields = _unreadable(models[table], values)
                        if fields:
                            damaged.append(
                                f"user {_shown(values.get(owner))} {item} "
                                f"{_shown(values.get(str(item)))}: {', '.join(fields)}"
                            )
                    paths = _unencodable(values)
                    if paths:
                        where = [f"user {_shown(values.get(owner))}"]
                        where += [f"{item} {_shown(values.get(item))}"] if item else []
                        found.append(" ".join(where) + ": " + ", ".join(paths))
        except StoreError as exc:
            self._report("FAIL", "stored text", f"not checked: {exc}")
            return
        self._parked(parked)
        self._damaged(damaged)
        if not found:
            self._report("ok", "stored text", f"all {scanned} items encode as UTF-8")
            return
        reason = (
            f"{len(found)} of {scanned} items hold text UTF-8 cannot encode (a lone surrogate, "
            "answered as U+FFFD until the item is rewritten): "
        )
        self._report("FAIL", "stored text", reason + _listed(found))

    def _damaged(self, damaged: list[str]) -> None:
        """Items whose fields their model refuses: answered mended, fixed only by a write."""
        if not damaged:
            self._report("ok", "stored items", "every reminder and todo reads as its model")
            return
        self._report(
            "FAIL",
            "stored items",
            f"{len(damaged)} are damaged (answered mended; a PATCH setting the fields "
            "mends them): " + _listed(damaged),
        )

    def _parked(self, parked: list[str]) -> None:
        """Reminders the dispatcher parked (status failed): user data to look at, not a fault."""
        if not parked:
            self._report("ok", "parked reminders", "none")
            return
        self._report(
            "ok",
            "parked reminders",
            f"{len(parked)} could not be fired and wait for their users (PATCH status "
            "pending to re-arm): " + _listed(parked),
        )

    async def _scan(self, table: str) -> AsyncIterator[dict[str, Any]]:
        request: dict[str, Any] = {"TableName": table}
        while True:
            response = await self._store.dynamo.call("scan", **request)
            for item in response.get("Items", []):
                yield from_item(item)
            if "LastEvaluatedKey" not in response:
                return
            request["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    async def _clean_up(self, user_id: str) -> None:
        # Best effort: the failure being reported already says what went wrong.
        with contextlib.suppress(StoreError):
            await self._store.delete_user_data(user_id=user_id)


def _listed(found: list[str]) -> str:
    """The first SHOWN_ITEMS of found, and how many more there are."""
    more = f"; and {len(found) - SHOWN_ITEMS} more" if len(found) > SHOWN_ITEMS else ""
    return "; ".join(found[:SHOWN_ITEMS]) + more


def _unreadable(model: type[BaseModel], values: dict[str, Any]) -> list[str]:
    public = {k: v for k, v in values.items() if k not in INTERNAL_ATTRS}
    try:
        model.model_validate(public)
    except ValidationError as exc:
        return sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
    return []


def _unencodable(values: dict[str, Any]) -> list[str]:
    paths = unencodable_paths(values)
    saved = values.get("preferences")
    if isinstance(saved, str):  # one JSON string, whose \u escapes may hide a surrogate
        try:
            paths += unencodable_paths(json.loads(saved), at="preferences")
        except ValueError:
            paths.append("preferences (not JSON)")
    return paths


def _shown(value: Any) -> str:
    # Printable whatever it holds: a key may itself hold a lone surrogate.
    return str(value).encode("utf-8", "backslashreplace").decode()[:200]


def _state(name: str, described: dict[str, Any]) -> tuple[Status, str, str]:
    indexes = described.get("GlobalSecondaryIndexes", [])
    if table_is_active(described):
        listed = ", ".join(i["IndexName"] for i in indexes)
        return "ok", f"table {name}", "ACTIVE" + (f" with {listed}" if listed else "")
    states = [f"{i['IndexName']} {i.get('IndexStatus')}" for i in indexes]
    reason = ", ".join([f"table {described.get('TableStatus')}", *states])
    return "FAIL", f"table {name}", f"not ACTIVE yet: {reason}"


def _keys(table: Table, name: str, described: dict[str, Any]) -> tuple[Status, str, str]:
    types = {d["AttributeName"]: d["AttributeType"] for d in described["AttributeDefinitions"]}
    problems = []
    declared, key = (
        _declared_key(table.hash, table.range),
        _described_key(described["KeySchema"], types),
    )
    if key != declared:
        problems.append(f"key is {key}")
    found = {i["IndexName"]: i for i in described.get("GlobalSecondaryIndexes", [])}
    for index in table.indexes:
        actual = found.pop(index.name, None)
        keyed = None if actual is None else _described_key(actual["KeySchema"], types)
        if actual is None:
            problems.append(f"index {index.name} is missing")
        elif keyed != _declared_key(index.hash, index.range):
            problems.append(f"index {index.name} is keyed {keyed}")
        elif actual.get("Projection", {}).get("ProjectionType") != "ALL":
            problems.append(f"index {index.name} does not project every attribute")
    problems += [f"index {extra} is not in the migrations" for extra in found]
    if problems:
        return "FAIL", f"keys {name}", "; ".join(problems) + f" (declared key {declared})"
    indexes = f", indexes {', '.join(i.name for i in table.indexes)}" if table.indexes else ""
    return "ok", f"keys {name}", f"key {declared}{indexes} as declared"


def _declared_key(hash_key: Key, range_key: Key | None) -> str:
    return "(" + ", ".join(f"{k.name} {k.type}" for k in (hash_key, range_key) if k) + ")"


def _described_key(schema: list[dict[str, str]], types: dict[str, str]) -> str:
    ordered = sorted(schema, key=lambda k: k["KeyType"] != "HASH")
    names = [f"{k['AttributeName']} {types.get(k['AttributeName'], '?')}" for k in ordered]
    return "(" + ", ".join(names) + ")"


def _stream(view: str, name: str, described: dict[str, Any]) -> tuple[Status, str, str]:
    spec = described.get("StreamSpecification") or {}
    if spec.get("StreamEnabled") and spec.get("StreamViewType") == view:
        return "ok", f"stream {name}", view
    found = spec.get("StreamViewType") if spec.get("StreamEnabled") else "no stream"
    return "FAIL", f"stream {name}", f"{found}; the migrations declare {view}"


def _quiet(_: str) -> None:
    pass
