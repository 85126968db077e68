"""Todos: filters by status and priority, completion stamps, guards."""

from __future__ import annotations

from datetime import date

import pytest

from remo_async.domain import Priority, TodoCreate, TodoStatus, TodoUpdate
from remo_async.domain.rules import InvalidTransition
from remo_async.store import Store

ALICE = "did:privy:alice"


async def _make(store: Store, title: str, priority: str = "medium", **extra: object):
    data = TodoCreate.model_validate({"title": title, "priority": priority, **extra})
    return await store.todos.create(user_id=ALICE, data=data)


async def test_create_defaults_and_due_dates(store: Store) -> None:
    plain = await _make(store, "buy milk")
    assert plain.todo_id.startswith("todo_")
    assert (plain.priority, plain.status, plain.completed_at) == ("medium", "pending", None)
    dated = await _make(store, "taxes", due_date="2027-04-15", category="home")
    assert dated.due_date == date(2027, 4, 15)
    timed = await _make(store, "call", due_date="2027-04-15T09:30:00+02:00")
    assert timed.model_dump(mode="json")["due_date"] == "2027-04-15T07:30:00Z"
    got = await store.todos.get_or_raise(user_id=ALICE, record_id=timed.todo_id)
    assert got == timed
    assert (await store.todos.get(user_id=ALICE, record_id=dated.todo_id)) == dated


async def test_filters_by_status_and_priority_in_creation_order(store: Store) -> None:
    made = [
        await _make(store, f"t{i}", priority=p)
        for i, p in enumerate(["high", "low", "high", "urgent", "high"])
    ]
    await store.todos.update(
        user_id=ALICE, todo_id=made[2].todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
    )
    high = await store.todos.list(user_id=ALICE, priority=Priority.HIGH)
    assert [t.title for t in high.items] == ["t0", "t2", "t4"]
    high_pending = await store.todos.list(
        user_id=ALICE, priority=Priority.HIGH, status=TodoStatus.PENDING, limit=1
    )
    assert [t.title for t in high_pending.items] == ["t0"]
    rest = await store.todos.list(
        user_id=ALICE,
        priority=Priority.HIGH,
        status=TodoStatus.PENDING,
        limit=1,
        cursor=high_pending.next_cursor,
    )
    assert [t.title for t in rest.items] == ["t4"]
    assert rest.next_cursor is None
    done = [t.title async for t in store.todos.iterate(user_id=ALICE, status=TodoStatus.DONE)]
    assert done == ["t2"]
    urgent = [t.title async for t in store.todos.iterate(user_id=ALICE, priority=Priority.URGENT)]
    assert urgent == ["t3"]


async def test_completion_stamps_and_guards(store: Store, clock) -> None:
    todo = await _make(store, "buy milk")
    clock.advance(minutes=5)
    done = await store.todos.update(
        user_id=ALICE, todo_id=todo.todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
    )
    assert done.completed_at == clock.now
    assert done.updated_at == clock.now
    assert done.created_at == todo.created_at
    reopened = await store.todos.update(
        user_id=ALICE, todo_id=todo.todo_id, changes=TodoUpdate(status=TodoStatus.PENDING)
    )
    assert reopened.completed_at is None
    cancelled = await store.todos.update(
        user_id=ALICE, todo_id=todo.todo_id, changes=TodoUpdate(status=TodoStatus.CANCELLED)
    )
    with pytest.raises(InvalidTransition):
        await store.todos.update(
            user_id=ALICE, todo_id=todo.todo_id, changes=TodoUpdate(status=TodoStatus.DONE)
        )
    assert cancelled.status is TodoStatus.CANCELLED


async def test_partial_update_keeps_and_removes_fields(store: Store) -> None:
    todo = await _make(store, "taxes", category="home", description="forms")
    changed = await store.todos.update(
        user_id=ALICE,
        todo_id=todo.todo_id,
        changes=TodoUpdate.model_validate({"category": None, "priority": "urgent"}),
    )
    assert (changed.category, changed.priority, changed.description) == (None, "urgent", "forms")


async def test_delete_all_todos(store: Store) -> None:
    for i in range(30):
        await _make(store, f"t{i}")
    assert await store.todos.delete_all(user_id=ALICE) == 30
    assert (await store.todos.list(user_id=ALICE)).items == []
