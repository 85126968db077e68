"""Reminders: creates never overwrite, pages are whole, TTL hides, due_shard follows status."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from remo_async.domain import ReminderCreate, ReminderStatus, ReminderUpdate
from remo_async.domain.rules import InvalidTransition, due_shard
from remo_async.store import AlreadyExists, InvalidCursor, NotFound, Store
from remo_async.store.attrs import from_item
from tests.helpers import SettableClock

ALICE = "did:privy:alice"
BOB = "did:privy:bob"


def _new(clock: SettableClock, title: str = "call mum", **extra: object) -> ReminderCreate:
    return ReminderCreate.model_validate(
        {"title": title, "reminding_time": clock.now + timedelta(hours=1), **extra}
    )


async def _raw(store: Store, user_id: str, reminder_id: str) -> dict:
    response = await store.dynamo.call(
        "get_item",
        TableName=store.reminders.table,
        Key={"user_id": {"S": user_id}, "reminder_id": {"S": reminder_id}},
    )
    return from_item(response["Item"])


async def test_create_then_get_round_trips(store: Store, clock: SettableClock) -> None:
    created = await store.reminders.create(user_id=ALICE, data=_new(clock, timezone="Europe/Paris"))
    assert created.reminder_id.startswith("rem_")
    assert created.status is ReminderStatus.PENDING
    assert created.timezone == "Europe/Paris"
    assert created.fired_at is None
    got = await store.reminders.get(user_id=ALICE, record_id=created.reminder_id)
    assert got == created
    dumped = created.model_dump(mode="json")
    assert "ttl" not in dumped
    assert "due_shard" not in dumped
    assert "version" not in dumped
    assert dumped["reminding_time"] == "2026-11-25T10:00:00Z"


async def test_users_never_see_each_other(store: Store, clock: SettableClock) -> None:
    mine = await store.reminders.create(user_id=ALICE, data=_new(clock))
    await store.reminders.create(user_id=BOB, data=_new(clock, "bob's"))
    assert await store.reminders.get(user_id=BOB, record_id=mine.reminder_id) is None
    page = await store.reminders.list(user_id=BOB)
    assert [r.title for r in page.items] == ["bob's"]
    assert not await store.reminders.delete(user_id=BOB, record_id=mine.reminder_id)
    assert await store.reminders.get(user_id=ALICE, record_id=mine.reminder_id) == mine
    with pytest.raises(NotFound):
        await store.reminders.update(
            user_id=BOB, reminder_id=mine.reminder_id, changes=ReminderUpdate(title="mine now")
        )


# moto's TransactWriteItems is not safe across its server's threads (it answers a failed
# condition, or a 500, for another transaction's write): concurrent counted writes need
# DynamoDB Local.
@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_200_concurrent_creates_give_200_items(store: Store, clock: SettableClock) -> None:
    created = await asyncio.gather(
        *(store.reminders.create(user_id=ALICE, data=_new(clock, f"r{i}")) for i in range(200))
    )
    assert len({r.reminder_id for r in created}) == 200
    listed = [r async for r in store.reminders.iterate(user_id=ALICE)]
    assert sorted(r.title for r in listed) == sorted(f"r{i}" for i in range(200))


async def test_a_create_never_overwrites(store: Store, clock: SettableClock, monkeypatch) -> None:
    first = await store.reminders.create(user_id=ALICE, data=_new(clock, "first"))
    monkeypatch.setattr("remo_async.store.reminders.new_reminder_id", lambda: first.reminder_id)
    with pytest.raises(AlreadyExists):
        await store.reminders.create(user_id=ALICE, data=_new(clock, "second"))
    assert (
        await store.reminders.get_or_raise(user_id=ALICE, record_id=first.reminder_id)
    ).title == ("first")


# moto's TransactWriteItems is not safe across its server's threads (it answers a failed
# condition, or a 500, for another transaction's write): concurrent counted writes need
# DynamoDB Local.
@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_300_large_items_page_exactly_once(store: Store, clock: SettableClock) -> None:
    description = "x" * 1990
    await asyncio.gather(
        *(
            store.reminders.create(
                user_id=ALICE, data=_new(clock, f"r{i:03}", description=description)
            )
            for i in range(300)
        )
    )
    # The descriptions make DynamoDB cut its own 1 MB pages too: pages must still be whole.
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = await store.reminders.list(user_id=ALICE, limit=70, cursor=cursor)
        pages += 1
        assert len(page.items) == 70 or page.next_cursor is None
        seen += [r.reminder_id for r in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 5
    assert len(seen) == 300
    assert len(set(seen)) == 300
    assert seen == sorted(seen), "oldest created first"


async def test_expired_items_are_invisible_and_pages_stay_full(
    store: Store, clock: SettableClock
) -> None:
    old = [
        await store.reminders.create(user_id=ALICE, data=_new(clock, f"old{i}")) for i in range(3)
    ]
    for reminder in old:
        await store.reminders.update(
            user_id=ALICE,
            reminder_id=reminder.reminder_id,
            changes=ReminderUpdate(status=ReminderStatus.DONE),
        )
    clock.advance(days=200)
    fresh = [
        await store.reminders.create(user_id=ALICE, data=_new(clock, f"new{i}")) for i in range(4)
    ]
    clock.advance(days=200)  # the done ones are past retention (365 days); the fresh are not
    page = await store.reminders.list(user_id=ALICE, limit=3)
    assert [r.title for r in page.items] == ["new0", "new1", "new2"]
    assert page.next_cursor is not None
    rest = await store.reminders.list(user_id=ALICE, limit=3, cursor=page.next_cursor)
    assert [r.title for r in rest.items] == ["new3"]
    assert rest.next_cursor is None
    assert await store.reminders.get(user_id=ALICE, record_id=old[0].reminder_id) is None
    assert not await store.reminders.delete(user_id=ALICE, record_id=old[1].reminder_id)
    assert len([r async for r in store.reminders.iterate(user_id=ALICE)]) == len(fresh)
    with pytest.raises(NotFound):
        await store.reminders.update(
            user_id=ALICE, reminder_id=old[2].reminder_id, changes=ReminderUpdate(title="back")
        )


async def test_pending_reminder_lives_until_due(store: Store, clock: SettableClock) -> None:
    far = ReminderCreate(title="in two years", reminding_time=clock.now + timedelta(days=730))
    reminder = await store.reminders.create(user_id=ALICE, data=far)
    raw = await _raw(store, ALICE, reminder.reminder_id)
    assert raw["ttl"] >= int(far.reminding_time.timestamp())


async def test_due_shard_exactly_while_pending(store: Store, clock: SettableClock) -> None:
    reminder = await store.reminders.create(user_id=ALICE, data=_new(clock))
    raw = await _raw(store, ALICE, reminder.reminder_id)
    assert raw["due_shard"] == due_shard(reminder.reminder_id, store.settings.dispatch_shards)
    for status, has_shard in [
        (ReminderStatus.CANCELLED, False),
        (ReminderStatus.PENDING, True),
        (ReminderStatus.DONE, False),
    ]:
        await store.reminders.update(
            user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status=status)
        )
        raw = await _raw(store, ALICE, reminder.reminder_id)
        assert ("due_shard" in raw) is has_shard, status


async def test_status_guards(store: Store, clock: SettableClock) -> None:
    reminder = await store.reminders.create(user_id=ALICE, data=_new(clock))
    done = await store.reminders.update(
        user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status="done")
    )
    assert done.status is ReminderStatus.DONE
    with pytest.raises(InvalidTransition, match="from done to cancelled"):
        await store.reminders.update(
            user_id=ALICE,
            reminder_id=reminder.reminder_id,
            changes=ReminderUpdate(status="cancelled"),
        )
    with pytest.raises(InvalidTransition, match="from done to fired"):
        await store.reminders.update(
            user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status="fired")
        )
    again = await store.reminders.update(
        user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status="done")
    )
    assert again.status is ReminderStatus.DONE


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_concurrent_updates_lose_nothing(store: Store, clock: SettableClock) -> None:
    reminder = await store.reminders.create(user_id=ALICE, data=_new(clock))
    await asyncio.gather(
        store.reminders.update(
            user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(title="new")
        ),
        store.reminders.update(
            user_id=ALICE,
            reminder_id=reminder.reminder_id,
            changes=ReminderUpdate(description="details"),
        ),
        store.reminders.update(
            user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status="done")
        ),
    )
    final = await store.reminders.get_or_raise(user_id=ALICE, record_id=reminder.reminder_id)
    assert (final.title, final.description, final.status) == ("new", "details", "done")


async def test_status_lists_use_the_index(store: Store, clock: SettableClock) -> None:
    made = [
        await store.reminders.create(user_id=ALICE, data=_new(clock, f"r{i}")) for i in range(5)
    ]
    for reminder in made[:2]:
        await store.reminders.update(
            user_id=ALICE, reminder_id=reminder.reminder_id, changes=ReminderUpdate(status="done")
        )
    pending = await store.reminders.list(user_id=ALICE, status=ReminderStatus.PENDING, limit=2)
    assert [r.title for r in pending.items] == ["r2", "r3"]
    more = await store.reminders.list(
        user_id=ALICE, status=ReminderStatus.PENDING, limit=2, cursor=pending.next_cursor
    )
    assert [r.title for r in more.items] == ["r4"]
    assert more.next_cursor is None
    done = [
        r.title async for r in store.reminders.iterate(user_id=ALICE, status=ReminderStatus.DONE)
    ]
    assert sorted(done) == ["r0", "r1"]


async def test_bad_cursors_are_refused(store: Store, clock: SettableClock) -> None:
    for i in range(3):
        await store.reminders.create(user_id=ALICE, data=_new(clock, f"r{i}"))
    page = await store.reminders.list(user_id=ALICE, limit=1)
    assert page.next_cursor is not None
    body, sig = page.next_cursor.split(".")
    tampered = f"{body[:-2]}{'A' if body[-2] != 'A' else 'B'}{body[-1]}.{sig}"
    for bad in (tampered, "not-a-cursor", "", f"{body}.", "%%%.%%%"):
        with pytest.raises(InvalidCursor):
            await store.reminders.list(user_id=ALICE, cursor=bad)
    with pytest.raises(InvalidCursor, match="another list"):
        await store.reminders.list(user_id=BOB, cursor=page.next_cursor)
    with pytest.raises(InvalidCursor, match="another list"):
        await store.reminders.list(
            user_id=ALICE, status=ReminderStatus.PENDING, cursor=page.next_cursor
        )
    with pytest.raises(InvalidCursor):
        await store.todos.list(user_id=ALICE, cursor=page.next_cursor)


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)  # as above
async def test_delete_is_idempotent_and_delete_all_leaves_nothing(
    store: Store, clock: SettableClock
) -> None:
    made = await asyncio.gather(
        *(store.reminders.create(user_id=ALICE, data=_new(clock, f"r{i}")) for i in range(60))
    )
    await store.reminders.create(user_id=BOB, data=_new(clock, "bob keeps this"))
    assert await store.reminders.delete(user_id=ALICE, record_id=made[0].reminder_id)
    assert not await store.reminders.delete(user_id=ALICE, record_id=made[0].reminder_id)
    assert await store.reminders.delete_all(user_id=ALICE) == 59
    raw = await store.dynamo.call(
        "query",
        TableName=store.reminders.table,
        KeyConditionExpression="user_id = :u",
        ExpressionAttributeValues={":u": {"S": ALICE}},
    )
    assert raw["Items"] == []
    assert [r.title async for r in store.reminders.iterate(user_id=BOB)] == ["bob keeps this"]
