"""Migrations: tables as DESIGN.md says, applied once, safe twice and from two processes."""

from __future__ import annotations

import asyncio

from remo_async.settings import Settings
from remo_async.store import Store
from remo_async.store.migrate import Migrator, default_migrations_dir, load_migrations
from remo_async.store.store import TABLES


def _migrator(store: Store, lines: list[str]) -> Migrator:
    migrations = load_migrations(default_migrations_dir(store.settings))
    return Migrator(
        store.dynamo,
        settings=store.settings,
        migrations=migrations,
        say=lines.append,
        poll_interval=0.05,
    )


async def _describe(store: Store, name: str) -> dict:
    response = await store.dynamo.call("describe_table", TableName=store.settings.table_name(name))
    return response["Table"]


async def test_tables_match_the_design(store: Store) -> None:
    reminders = await _describe(store, "reminders")
    indexes = {i["IndexName"]: i["KeySchema"] for i in reminders["GlobalSecondaryIndexes"]}
    assert indexes["due-index"] == [
        {"AttributeName": "due_shard", "KeyType": "HASH"},
        {"AttributeName": "reminding_time", "KeyType": "RANGE"},
    ]
    assert indexes["status-index"][1] == {"AttributeName": "status", "KeyType": "RANGE"}
    assert reminders["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    todos = await _describe(store, "todos")
    assert {i["IndexName"] for i in todos["GlobalSecondaryIndexes"]} == {
        "status-index",
        "priority-index",
        "user-due-index",
        "user-priority-index",
        "status-created-index",
        "status-due-index",
        "status-priority-index",
    }
    users = await _describe(store, "users")
    assert users["KeySchema"] == [{"AttributeName": "privy_id", "KeyType": "HASH"}]
    conversations = await _describe(store, "conversations")
    assert conversations["KeySchema"][1] == {"AttributeName": "timestamp", "KeyType": "RANGE"}
    for table in ("reminders", "todos", "conversations"):
        ttl = await store.dynamo.call(
            "describe_time_to_live", TableName=store.settings.table_name(table)
        )
        assert ttl["TimeToLiveDescription"]["AttributeName"] == "ttl"
    quotas = await _describe(store, "quotas")
    assert quotas["KeySchema"] == [
        {"AttributeName": "user_id", "KeyType": "HASH"},
        {"AttributeName": "kind", "KeyType": "RANGE"},
    ]
    states = await store.table_states()
    assert set(states.values()) == {"ACTIVE"}
    assert len(states) == len(TABLES)


async def test_applying_twice_changes_nothing(store: Store) -> None:
    lines: list[str] = []
    migrator = _migrator(store, lines)
    before = await migrator.applied()
    assert await migrator.apply() == []
    assert await migrator.applied() == before
    assert lines == ["nothing to apply: every migration is in place"]
    status = await migrator.status()
    assert [(m.version, applied is not None) for m, applied in status] == [
        (1, True),
        (2, True),
        (3, True),
        (4, True),
        (5, True),
        (6, True),
    ]


async def test_two_processes_at_once_apply_once(settings: Settings) -> None:
    async with Store.open(settings) as first, Store.open(settings) as second:
        a_lines: list[str] = []
        b_lines: list[str] = []
        a, b = _migrator(first, a_lines), _migrator(second, b_lines)
        assert all(applied is None for _, applied in await a.status())
        results = await asyncio.gather(a.apply(), b.apply())
        # Each version is applied by one process or by both (every step is idempotent).
        assert set(results[0] + results[1]) == {1, 2, 3, 4, 5, 6}
        applied = await a.applied()
        assert sorted(applied) == [1, 2, 3, 4, 5, 6]
        assert set((await first.table_states()).values()) == {"ACTIVE"}
