"""Shared by the benchmarks: a DynamoDB Local, settings on a fresh prefix, statistics."""

from __future__ import annotations

import os
import statistics
import sys
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from remo_async.settings import AuthMode, Settings
from remo_async.store import Store
from remo_async.store.migrate import Migrator, default_migrations_dir, load_migrations


def bench_settings(endpoint: str, **overrides: Any) -> Settings:
    """Settings for one benchmark on its own table prefix."""
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    values: dict[str, Any] = {
        "dynamodb_endpoint": endpoint,
        "table_prefix": f"b{uuid.uuid4().hex[:8]}-",
        "auth_mode": AuthMode.DEV,
        "dev_secret": "bench-dev-secret-0123456789abcdef",
        "rate_limit": 0,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def migrate(store: Store) -> None:
    """Creates the benchmark's tables."""
    migrations = load_migrations(default_migrations_dir(store.settings))
    await Migrator(
        store.dynamo, settings=store.settings, migrations=migrations, say=lambda _: None
    ).apply()


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def drop_tables(store: Store) -> None:
    """Deletes the benchmark's tables, so DynamoDB Local does not slow down run after run."""
    names = await store.dynamo.call("list_tables")
    for name in names.get("TableNames", []):
        if name.startswith(store.settings.table_prefix):
            await store.dynamo.call("delete_table", TableName=name)
