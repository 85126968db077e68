"""Conversation memory: unique timestamps under concurrency, newest pages, TTL."""

from __future__ import annotations

import asyncio

import pytest

from remo_async.domain import MessageCreate, Role
from remo_async.store import Store

ALICE = "did:privy:alice"


def _msg(text: str, role: Role = Role.USER) -> MessageCreate:
    return MessageCreate(role=role, content=text)


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_50_concurrent_writes_all_kept_in_order(store: Store) -> None:
    # The test clock does not move: every write asks for the same microsecond.
    written = await asyncio.gather(
        *(store.conversations.add(user_id=ALICE, data=_msg(f"m{i}")) for i in range(50))
    )
    stamps = [m.timestamp for m in written]
    assert len(set(stamps)) == 50
    history = [m async for m in store.conversations.iterate(user_id=ALICE)]
    assert [m.timestamp for m in history] == sorted(stamps)
    assert sorted(m.content for m in history) == sorted(f"m{i}" for i in range(50))


async def test_sequential_writes_keep_their_order(store: Store) -> None:
    for i in range(5):
        await store.conversations.add(user_id=ALICE, data=_msg(f"m{i}"))
    recent = await store.conversations.recent(user_id=ALICE, count=3)
    assert [m.content for m in recent] == ["m2", "m3", "m4"]


async def test_pages_go_from_newest_to_older(store: Store, clock) -> None:
    for i in range(7):
        clock.advance(seconds=1)
        await store.conversations.add(user_id=ALICE, data=_msg(f"m{i}"))
    first = await store.conversations.list(user_id=ALICE, limit=3)
    assert [m.content for m in first.items] == ["m4", "m5", "m6"]
    second = await store.conversations.list(user_id=ALICE, limit=3, cursor=first.next_cursor)
    assert [m.content for m in second.items] == ["m1", "m2", "m3"]
    third = await store.conversations.list(user_id=ALICE, limit=3, cursor=second.next_cursor)
    assert [m.content for m in third.items] == ["m0"]
    assert third.next_cursor is None


async def test_messages_expire_after_30_days(store: Store, clock) -> None:
    await store.conversations.add(user_id=ALICE, data=_msg("old"))
    clock.advance(days=20)
    await store.conversations.add(user_id=ALICE, data=_msg("new"))
    clock.advance(days=11)
    page = await store.conversations.list(user_id=ALICE)
    assert [m.content for m in page.items] == ["new"]
    assert "ttl" not in page.items[0].model_dump()


async def test_delete_all_messages(store: Store) -> None:
    for i in range(40):
        await store.conversations.add(user_id=ALICE, data=_msg(f"m{i}"))
    assert await store.conversations.delete_all(user_id=ALICE) == 40
    assert (await store.conversations.list(user_id=ALICE)).items == []
