"""export, import and doctor: the same JSON as GET /data, idempotent restores, honest checks."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from remo_async.api.auth import mint_dev_token
from remo_async.app import create_app
from remo_async.cli import main
from remo_async.domain import ReminderCreate, ReminderStatus, ReminderUpdate, UserUpdate
from remo_async.domain.enums import Role, TodoStatus
from remo_async.domain.models import MessageCreate, TodoCreate, TodoUpdate
from remo_async.domain.times import utc_now
from remo_async.embedded import free_port
from remo_async.settings import Settings
from remo_async.store import Store
from remo_async.store.attrs import from_item
from remo_async.store.migrate import default_migrations_dir, load_migrations
from remo_async.store.store import TABLES as STORE_TABLES
from tests.conftest import DEV_SECRET, make_settings, migrate
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
BOB = "did:privy:bob"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("REMO_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file is read


def _use(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """Points the command line at the settings' backend and tables."""
    monkeypatch.setenv("REMO_DYNAMODB_ENDPOINT", str(settings.dynamodb_endpoint))
    monkeypatch.setenv("REMO_TABLE_PREFIX", settings.table_prefix)
    monkeypatch.setenv("REMO_AUTH_MODE", "dev")
    monkeypatch.setenv("REMO_DEV_SECRET", DEV_SECRET)
    monkeypatch.setenv("REMO_DYNAMODB_MAX_ATTEMPTS", "2")


async def _run(*argv: str) -> int:
    # main() runs its own event loop, so it gets a thread of its own.
    return await asyncio.to_thread(main, list(argv))


async def _seed(store: Store, clock: SettableClock) -> None:
    """Alice: a profile, preferences, reminders in every status, todos, messages; Bob: one."""
    await store.users.save(
        privy_id=ALICE, changes=UserUpdate(first_name="Alice", email="alice@example.com")
    )
    await store.users.merge_preferences(
        privy_id=ALICE,
        patch={
            "timezone": "Europe/Berlin",
            "webhook_url": "https://example.com/hook",
            "webhook_secret": "whsec_kept",
            "color": "green",
        },
    )
    soon, past = clock.now + timedelta(days=1), clock.now - timedelta(hours=1)
    await store.reminders.create(
        user_id=ALICE, data=ReminderCreate(title="pending", reminding_time=soon)
    )
    done = await store.reminders.create(
        user_id=ALICE, data=ReminderCreate(title="done", reminding_time=soon)
    )
    daily = await store.reminders.create(
        user_id=ALICE,
        data=ReminderCreate(title="daily", reminding_time=past, recurrence="FREQ=DAILY"),
    )
    clock.advance(minutes=5)
    update = ReminderUpdate(status=ReminderStatus.DONE)
    await store.reminders.update(user_id=ALICE, reminder_id=done.reminder_id, changes=update)
    assert await store.reminders.fire(reminder=daily, now=clock.now) is not None  # + next one
    await store.todos.create(user_id=ALICE, data=TodoCreate(title="open", due_date="2026-12-24"))
    closed = await store.todos.create(
        user_id=ALICE, data=TodoCreate(title="closed", category="home")
    )
    clock.advance(minutes=5)
    closing = TodoUpdate(status=TodoStatus.DONE)
    await store.todos.update(user_id=ALICE, todo_id=closed.todo_id, changes=closing)
    for role, content in ((Role.USER, "hello"), (Role.ASSISTANT, "hi Alice")):
        await store.conversations.add(user_id=ALICE, data=MessageCreate(role=role, content=content))
    await store.todos.create(user_id=BOB, data=TodoCreate(title="bob's"))


async def _get_data(aiohttp_client: Any, settings: Settings, clock: SettableClock) -> Any:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(settings, clock=clock))
    headers = {"Authorization": f"Bearer {mint_dev_token(settings, ALICE)}"}
    response = await client.get(f"/user/{ALICE}/data", headers=headers)
    assert response.status == 200
    return await response.json()


async def test_export_prints_the_json_of_get_data(
    store: Store,
    clock: SettableClock,
    aiohttp_client: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await _seed(store, clock)
    _use(monkeypatch, store.settings)
    assert await _run("export", ALICE) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported == await _get_data(aiohttp_client, store.settings, clock)
    assert [r["title"] for r in exported["reminders"]].count("daily") == 2
    assert len(exported["reminders"]) == 4
    assert {t["title"] for t in exported["todos"]} == {"open", "closed"}
    assert [m["content"] for m in exported["conversation"]] == ["hello", "hi Alice"]
    assert exported["preferences"]["webhook_secret"] == "whsec_kept"


async def test_export_to_a_file_is_atomic_and_private(
    store: Store,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    await _seed(store, clock)
    _use(monkeypatch, store.settings)
    target = tmp_path / "alice.json"
    target.write_text("an older backup")
    assert await _run("export", ALICE) == 0
    printed = capsys.readouterr().out
    assert await _run("export", ALICE, "-o", str(target)) == 0
    assert capsys.readouterr().out.startswith(f"wrote {target}: 4 reminders, 2 todos, 2 messages")
    assert json.loads(target.read_text()) == json.loads(printed)
    assert target.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["alice.json"]  # no temp file left
    missing = tmp_path / "no-such-folder" / "alice.json"
    assert await _run("export", ALICE, "-o", str(missing)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"remo-async export: cannot write {missing}: ")
    assert err.count("\n") == 1


async def test_exporting_an_unknown_user_says_so(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, store.settings)
    assert await _run("export", "did:privy:nobody") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["reminders"] == []
    assert captured.err == "remo-async export: note: nothing is stored for did:privy:nobody\n"


async def _raw_items(store: Store, table: str, user_id: str) -> list[dict[str, Any]]:
    key = "privy_id" if table == store.users.table else "user_id"
    response = await store.dynamo.call(
        "query",
        TableName=table,
        KeyConditionExpression="#k = :u",
        ExpressionAttributeNames={"#k": key},
        ExpressionAttributeValues={":u": {"S": user_id}},
        ConsistentRead=True,
    )
    return [from_item(item) for item in response["Items"]]


async def _everything(store: Store, user_id: str) -> dict[str, list[dict[str, Any]]]:
    tables = (store.users, store.reminders, store.todos, store.conversations)
    return {r.table: await _raw_items(store, r.table, user_id) for r in tables}


async def test_import_restores_everything_once(
    store: Store,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    await _seed(store, clock)
    _use(monkeypatch, store.settings)
    backup = tmp_path / "alice.json"
    assert await _run("export", ALICE, "-o", str(backup)) == 0
    fresh = make_settings(str(store.settings.dynamodb_endpoint))
    async with Store.open(fresh) as target:
        await migrate(target)
        _use(monkeypatch, fresh)
        capsys.readouterr()
        assert await _run("import", str(backup)) == 0
        out = capsys.readouterr().out
        assert f"imported {ALICE} into the tables {fresh.table_prefix}*" in out
        assert "  reminders: 4 restored, 0 already present\n" in out
        assert "  todos: 2 restored, 0 already present\n" in out
        assert "  conversation: 2 restored, 0 already present\n" in out
        assert "  user: 1 restored, 0 already present\n" in out
        assert "  preferences: 1 restored, 0 already present\n" in out
        assert await _run("export", ALICE) == 0
        assert json.loads(capsys.readouterr().out) == json.loads(backup.read_text())
        await _check_internal_attributes(target)
        before = await _everything(target, ALICE)
        assert await _run("import", str(backup)) == 0
        again = capsys.readouterr().out
        for kind, count in (("reminders", 4), ("todos", 2), ("conversation", 2), ("user", 1)):
            assert f"  {kind}: 0 restored, {count} already present\n" in again
        assert "  preferences: 0 restored, 1 already present\n" in again
        assert await _everything(target, ALICE) == before
        assert await _raw_items(target, target.todos.table, BOB) == []


async def _check_internal_attributes(target: Store) -> None:
    """Pending reminders are in the due-index again; others are not; first versions."""
    reminders = {
        r["title"] + r["status"]: r for r in await _raw_items(target, target.reminders.table, ALICE)
    }
    assert set(reminders) == {"pendingpending", "donedone", "dailyfired", "dailypending"}
    assert all(r["version"] == 1 and r["ttl"] > 0 for r in reminders.values())
    assert "due_shard" not in reminders["donedone"]
    assert "due_shard" not in reminders["dailyfired"]
    assert reminders["dailyfired"]["followed_by"]  # firing it again must not make a third
    pending = reminders["pendingpending"]
    far = utc_now() + timedelta(days=400)
    due = [r.reminder_id async for r in target.reminders.due(shard=pending["due_shard"], now=far)]
    assert pending["reminder_id"] in due
    todos = await _raw_items(target, target.todos.table, ALICE)
    assert all(t["version"] == 1 and t["ttl"] > 0 for t in todos)
    messages = await _raw_items(target, target.conversations.table, ALICE)
    assert all(m["ttl"] > 0 for m in messages)


def _document(**changes: Any) -> dict[str, Any]:
    """A small valid export of Alice."""
    reminder = {
        "reminder_id": "rem_01JDOCTOR0000000000000000",
        "user_id": ALICE,
        "title": "call mum",
        "reminding_time": "2030-01-01T10:00:00Z",
        "status": "pending",
        "created_at": "2026-11-01T10:00:00Z",
        "updated_at": "2026-11-02T10:00:00Z",
    }
    message = {
        "user_id": ALICE,
        "timestamp": utc_now().strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "role": "user",
        "content": "hello",
    }
    document = {
        "user_id": ALICE,
        "user": None,
        "preferences": {"timezone": "UTC", "language": "en"},
        "reminders": [reminder],
        "todos": [],
        "conversation": [message],
    }
    return {**document, **changes}


BAD_FILES = {
    "not json": "{not json",
    "bad status": json.dumps(
        _document(reminders=[{**_document()["reminders"][0], "status": "snoozed"}])
    ),
    "bad timezone": json.dumps(_document(preferences={"timezone": "Mars/Olympus"})),
    "bad timestamp": json.dumps(
        _document(conversation=[{**_document()["conversation"][0], "timestamp": "yesterday"}])
    ),
    "no user_id": json.dumps({k: v for k, v in _document().items() if k != "user_id"}),
}


@pytest.mark.parametrize("case", BAD_FILES)
async def test_an_invalid_file_is_one_line_and_writes_nothing(
    case: str,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _use(monkeypatch, store.settings)
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES[case])
    assert await _run("import", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("remo-async import: not a valid user data file: ")
    assert captured.err.count("\n") == 1
    assert all(items == [] for items in (await _everything(store, ALICE)).values())


async def test_a_missing_file_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    _use(monkeypatch, settings)
    assert await _run("import", "nowhere.json") == 1
    assert capsys.readouterr().err == (
        "remo-async import: cannot read nowhere.json: No such file or directory\n"
    )


async def test_records_of_another_user_are_refused(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _use(monkeypatch, store.settings)
    document = _document()
    document["reminders"][0]["user_id"] = BOB
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(document))
    assert await _run("import", str(path)) == 1
    err = capsys.readouterr().err
    assert err == (
        f"remo-async import: the file is for user_id {ALICE} but holds records of another "
        "user: reminder rem_01JDOCTOR0000000000000000\n"
    )
    for user_id in (ALICE, BOB):
        assert all(items == [] for items in (await _everything(store, user_id)).values())


async def test_messages_past_retention_are_counted_not_restored(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _use(monkeypatch, store.settings)
    old = {**_document()["conversation"][0], "timestamp": "2020-01-01T00:00:00.000000Z"}
    document = _document()
    document["conversation"].append(old)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    assert await _run("import", str(path)) == 0
    out = capsys.readouterr().out
    assert "  conversation: 1 restored, 0 already present, 1 past retention (not restored)" in out
    messages = await _raw_items(store, store.conversations.table, ALICE)
    assert [m["timestamp"] for m in messages] == [document["conversation"][0]["timestamp"]]


async def test_doctor_passes_on_a_migrated_prefix(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, store.settings)
    assert await _run("doctor") == 0
    lines = capsys.readouterr().out.splitlines()
    prefix = store.settings.table_prefix
    assert lines[-1] == f"doctor: all {len(lines) - 1} checks ok"
    assert all(line.startswith("ok    ") for line in lines[:-1]), lines
    names = {line.split(":")[0].removeprefix("ok").strip() for line in lines[:-1]}
    for table in ("reminders", "todos", "users", "conversations", "idempotency", "migrations"):
        assert f"table {prefix}{table}" in names
        assert f"keys {prefix}{table}" in names
    for table in ("reminders", "todos", "conversations", "idempotency"):
        assert f"ttl {prefix}{table}" in names
    assert f"stream {prefix}reminders" in names
    assert {"settings", "dynamodb", "migrations", "round trip"} <= names
    left = await store.dynamo.call("scan", TableName=store.reminders.table)
    assert left["Items"] == []  # the round trip's throwaway user is gone


async def test_doctor_names_the_missing_tables(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, settings)
    assert await _run("doctor") == 1
    out = capsys.readouterr().out
    for table in ("reminders", "todos", "users", "conversations", "idempotency", "migrations"):
        name = settings.table_prefix + table
        assert f"FAIL  table {name}: missing; run `remo-async migrate`\n" in out
    assert "FAIL  migrations: pending 0001_initial, 0002_idempotency, 0003_quotas, 0004_" in out
    assert "skip  round trip: not tried while tables are missing or wrong\n" in out
    # One failing check per table (every table of the Store), and the migrations' check.
    checks = [line for line in out.splitlines() if line.startswith(("ok ", "FAIL ", "skip "))]
    failed = [line for line in checks if not line.startswith("ok ")]
    assert len([line for line in failed if line.endswith("missing; run `remo-async migrate`")]) == (
        len(STORE_TABLES)
    )
    assert out.endswith(f"doctor: {len(failed)} of {len(checks)} checks did not pass\n")


async def test_doctor_reports_an_unreachable_dynamodb(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, make_settings(f"http://127.0.0.1:{free_port()}"))
    monkeypatch.setenv("REMO_DYNAMODB_MAX_ATTEMPTS", "1")
    assert await _run("doctor") == 1
    captured = capsys.readouterr()
    failed = [line for line in captured.out.splitlines() if not line.startswith("ok ")]
    assert failed[0].startswith("FAIL  dynamodb: DynamoDB is unreachable: ")
    assert failed[1:] == ["doctor: 1 of 2 checks did not pass"]
    assert "Traceback" not in captured.out + captured.err


async def test_doctor_reports_invalid_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REMO_AUTH_MODE", "dev")
    assert await _run("doctor") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL  settings: invalid settings: REMO_DEV_SECRET")
    assert lines[1:] == ["doctor: 1 of 1 checks did not pass"]


async def test_doctor_finds_drifted_tables(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tables made by hand: todos without its TTL and an index, reminders without a stream."""
    declared = {
        t.name: t for m in load_migrations(default_migrations_dir(store.settings)) for t in m.tables
    }
    drifted = (
        dataclasses.replace(declared["todos"], indexes=declared["todos"].indexes[:1]),
        dataclasses.replace(declared["reminders"], stream=None),
    )
    for table in drifted:
        name = store.settings.table_name(table.name)
        await store.dynamo.call("delete_table", TableName=name)
        await store.dynamo.client.get_waiter("table_not_exists").wait(TableName=name)
        await store.dynamo.call("create_table", **table.create_request(name))
        await store.dynamo.client.get_waiter("table_exists").wait(TableName=name)
    _use(monkeypatch, store.settings)
    assert await _run("doctor") == 1
    out = capsys.readouterr().out
    prefix = store.settings.table_prefix
    (keys,) = [line for line in out.splitlines() if line.startswith(f"FAIL  keys {prefix}todos: ")]
    assert "index priority-index is missing" in keys
    assert keys.endswith("(declared key (user_id S, todo_id S))")
    assert f"FAIL  ttl {prefix}todos: disabled; the migrations declare it on ttl\n" in out
    assert f"FAIL  ttl {prefix}reminders: disabled; the migrations declare it on ttl\n" in out
    assert (
        f"FAIL  stream {prefix}reminders: no stream; the migrations declare NEW_AND_OLD_IMAGES\n"
    ) in out
    assert f"ok    ttl {prefix}conversations: enabled on ttl\n" in out
    assert "skip  round trip" in out


# moto's server cannot take a lone surrogate (it answers 500); DynamoDB Local keeps it.
@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_doctor_names_stored_text_that_cannot_be_encoded(
    store: Store,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What older versions stored (lone surrogates) is named: user, item, field."""
    await _seed(store, clock)
    reminder = await store.reminders.create(
        user_id=BOB, data=ReminderCreate(title="fine", reminding_time=clock.now)
    )
    await store.dynamo.call(
        "update_item",
        TableName=store.reminders.table,
        Key={"user_id": {"S": BOB}, "reminder_id": {"S": reminder.reminder_id}},
        UpdateExpression="SET title = :t",
        ExpressionAttributeValues={":t": {"S": "bad \udc80"}},
    )
    # As the old bug stored it: json.dumps escaped the key into the preferences string.
    await store.dynamo.call(
        "update_item",
        TableName=store.users.table,
        Key={"privy_id": {"S": ALICE}},
        UpdateExpression="SET preferences = :p",
        ExpressionAttributeValues={":p": {"S": json.dumps({"\udc80x": 1, "ok": ["\ud800"]})}},
    )
    _use(monkeypatch, store.settings)
    assert await _run("doctor") == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1, out
    assert failed[0].startswith("FAIL  stored text: 2 of ")
    assert f"user {BOB} reminder_id {reminder.reminder_id}: title" in failed[0]
    assert f"user {ALICE}: preferences.ok.0, preferences.\ufffdx (key)" in failed[0]
    assert out.splitlines()[-1].endswith(" checks did not pass")
    assert out.splitlines()[-1].startswith("doctor: 1 of ")


async def test_doctor_names_parked_reminders(
    store: Store,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A reminder the dispatcher parked is listed with its user and reason (not a FAIL)."""
    reminder = await store.reminders.create(
        user_id=BOB, data=ReminderCreate(title="poisoned", reminding_time=clock.now)
    )
    parked = await store.reminders.park(
        user_id=BOB,
        reminder_id=reminder.reminder_id,
        reason="SearchExhausted: never",
        now=clock.now,
    )
    assert parked
    _use(monkeypatch, store.settings)
    assert await _run("doctor") == 0
    lines = capsys.readouterr().out.splitlines()
    [line] = [line for line in lines if line.startswith("ok    parked reminders:")]
    assert "1 could not be fired" in line
    assert f"user {BOB} reminder {reminder.reminder_id}: SearchExhausted: never" in line


async def test_doctor_names_damaged_items(
    store: Store,
    clock: SettableClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An item whose fields its model refuses (answered mended) is a FAIL naming it."""
    reminder = await store.reminders.create(
        user_id=BOB, data=ReminderCreate(title="fine", reminding_time=clock.now)
    )
    await store.dynamo.call(
        "update_item",
        TableName=store.reminders.table,
        Key={"user_id": {"S": BOB}, "reminder_id": {"S": reminder.reminder_id}},
        UpdateExpression="REMOVE title",
    )
    _use(monkeypatch, store.settings)
    assert await _run("doctor") == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert failed == [
        f"FAIL  stored items: 1 are damaged (answered mended; a PATCH setting the fields "
        f"mends them): user {BOB} reminder_id {reminder.reminder_id}: title"
    ]
