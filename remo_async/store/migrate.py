"""Applies the numbered migrations under migrations/ once each, recording them in a ledger."""

from __future__ import annotations

import asyncio
import importlib.util
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remo_async.domain.times import format_time, utc_now
from remo_async.settings import Settings
from remo_async.store.dynamo import ConditionFailed, Dynamo
from remo_async.store.errors import RequestRefused, StoreError, TableMissing
from remo_async.store.schema import LEDGER, Table

_FILE = re.compile(r"^(\d{4})_(\w+)\.py$")


Backfill = Callable[[Dynamo, Settings, Callable[[str], None]], Awaitable[None]]
"""`async def backfill(dynamo, settings, say)` of a migration file: idempotent, resumable."""


class MigrationError(StoreError):
    """The migrations are malformed, or tables did not become ACTIVE in time."""


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered file of table definitions."""

    version: int
    name: str
    description: str
    tables: tuple[Table, ...]
    backfill: Backfill | None = None
    """Rewrites existing items after the tables are in place (e.g. attributes a new GSI keys on)."""


def default_migrations_dir(settings: Settings) -> Path:
    """REMO_MIGRATIONS_DIR, else migrations/ beside the package (a checkout), else ./migrations."""
    if settings.migrations_dir is not None:
        return settings.migrations_dir
    beside = Path(__file__).resolve().parents[2] / "migrations"
    return beside if beside.is_dir() else Path.cwd() / "migrations"


def load_migrations(directory: Path) -> list[Migration]:
    """Every migration file in directory, in version order; versions are 1, 2, 3..."""
    if not directory.is_dir():
        raise MigrationError(f"no migrations folder at {directory} (set REMO_MIGRATIONS_DIR)")
    found = []
    for path in sorted(directory.iterdir()):
        match = _FILE.match(path.name)
        if match is None:
            continue
        module = _load_module(path)
        version = int(getattr(module, "VERSION", -1))
        if version != int(match.group(1)):
            raise MigrationError(f"{path.name}: VERSION must be {int(match.group(1))}")
        found.append(
            Migration(
                version=version,
                name=path.stem,
                description=str(getattr(module, "DESCRIPTION", "")),
                tables=tuple(getattr(module, "TABLES", ())),
                backfill=getattr(module, "backfill", None),
            )
        )
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError(f"migration versions in {directory} must run 1, 2, 3... without gaps")
    return found


def _load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"remo_migration_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise MigrationError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Migrator:
    """Brings the tables to the latest migration; safe to run twice or from two processes."""

    def __init__(
        self,
        dynamo: Dynamo,
        *,
        settings: Settings,
        migrations: Iterable[Migration],
        say: Callable[[str], None] = print,
        poll_interval: float = 0.25,
        timeout: float = 900.0,
    ) -> None:
        self._dynamo = dynamo
        self._settings = settings
        self.migrations = list(migrations)
        self._say = say
        self._poll = poll_interval
        self._timeout = timeout

    @property
    def ledger(self) -> str:
        """The physical name of the ledger table."""
        return self._settings.table_name(LEDGER.name)

    async def applied(self) -> dict[int, str]:
        """Applied versions and when; empty when the ledger does not exist yet."""
        request: dict[str, Any] = {"TableName": self.ledger, "ConsistentRead": True}
        done: dict[int, str] = {}
        while True:
            try:
                response = await self._dynamo.call("scan", **request)
            except TableMissing:
                return {}
            for item in response.get("Items", []):
                done[int(item["version"]["N"])] = item.get("applied_at", {}).get("S", "")
            if "LastEvaluatedKey" not in response:
                return done
            request["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    async def status(self) -> list[tuple[Migration, str | None]]:
        """Each known migration with the time it was applied, or None while pending."""
        done = await self.applied()
        return [(m, done.get(m.version)) for m in self.migrations]

    async def apply(self) -> list[int]:
        """Applies pending migrations in order and returns the versions applied now."""
        await self.ensure_table(LEDGER)
        done = await self.applied()
        applied_now = []
        # A table made now is made as the last pending migration defines it (one CreateTable
        # with every GSI rather than a CreateTable and an UpdateTable per later GSI).
        latest = {
            table.name: table
            for migration in self.migrations
            if migration.version not in done
            for table in migration.tables
        }
        for migration in self.migrations:
            if migration.version in done:
                continue
            self._say(f"applying {migration.name}: {migration.description}")
            for table in migration.tables:
                await self.ensure_table(table, create_as=latest.get(table.name))
            if migration.backfill is not None:
                await migration.backfill(self._dynamo, self._settings, self._say)
            await self._record(migration)
            applied_now.append(migration.version)
        if not applied_now:
            self._say("nothing to apply: every migration is in place")
        return applied_now

    async def _record(self, migration: Migration) -> None:
        try:
            await self._dynamo.call(
                "put_item",
                TableName=self.ledger,
                Item={
                    "version": {"N": str(migration.version)},
                    "name": {"S": migration.name},
                    "description": {"S": migration.description},
                    "applied_at": {"S": format_time(utc_now())},
                },
                ConditionExpression="attribute_not_exists(version)",
            )
            self._say(f"recorded {migration.name} in {self.ledger}")
        except ConditionFailed:
            self._say(f"{migration.name} was recorded by another process meanwhile")

    async def describe(self, name: str) -> dict[str, Any] | None:
        """DescribeTable's Table, or None when there is no such table."""
        try:
            response = await self._dynamo.call("describe_table", TableName=name)
        except TableMissing:
            return None
        table: dict[str, Any] = response["Table"]
        return table

    async def ensure_table(self, table: Table, *, create_as: Table | None = None) -> None:
        """Creates the table unless it exists (as `create_as`, when given), adds the GSIs it
        lacks, waits until it is ACTIVE, and turns on TTL."""
        name = self._settings.table_name(table.name)
        described = await self.describe(name)
        if described is None:
            try:
                made = create_as or table
                await self._dynamo.call("create_table", **made.create_request(name))
                self._say(f"created table {name}")
            except RequestRefused as exc:
                if exc.code != "ResourceInUseException":
                    raise
                self._say(f"table {name} is being created by another process")
        await self._wait_active(name)
        await self._add_indexes(name, table)
        if table.ttl_attribute is not None:
            await self._ensure_ttl(name, table.ttl_attribute)

    async def _add_indexes(self, name: str, table: Table) -> None:
        """Creates each GSI of `table` the live table lacks, one UpdateTable at a time
        (DynamoDB creates one GSI per call); DynamoDB backfills it from existing items."""
        for index in table.indexes:
            described = await self.describe(name) or {}
            present = {i["IndexName"] for i in described.get("GlobalSecondaryIndexes", [])}
            if index.name in present:
                continue
            try:
                await self._dynamo.call("update_table", TableName=name, **index.create_update())
                self._say(f"creating index {index.name} on {name}")
            except RequestRefused as exc:
                # Another process is adding it (or another index) right now: wait, look again.
                if exc.code not in {"ResourceInUseException", "LimitExceededException"}:
                    raise
            await self._wait_active(name)

    async def _wait_active(self, name: str) -> None:
        deadline = time.monotonic() + self._timeout
        while True:
            described = await self.describe(name)
            if described is not None and table_is_active(described):
                return
            if time.monotonic() > deadline:
                raise MigrationError(f"table {name} did not become ACTIVE in {self._timeout:.0f}s")
            await asyncio.sleep(self._poll)

    async def _ensure_ttl(self, name: str, attribute: str) -> None:
        response = await self._dynamo.call("describe_time_to_live", TableName=name)
        state = response.get("TimeToLiveDescription", {})
        if state.get("TimeToLiveStatus") in {"ENABLED", "ENABLING"}:
            return
        try:
            await self._dynamo.call(
                "update_time_to_live",
                TableName=name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute},
            )
            self._say(f"enabled TTL on {name}.{attribute}")
        except RequestRefused as exc:
            # Another process turned it on between our describe and update.
            if "already enabled" not in str(exc).lower():
                raise


def table_is_active(described: dict[str, Any]) -> bool:
    """True when the table and each of its global secondary indexes are ACTIVE."""
    if described.get("TableStatus") != "ACTIVE":
        return False
    indexes = described.get("GlobalSecondaryIndexes", [])
    return all(index.get("IndexStatus") == "ACTIVE" for index in indexes)
