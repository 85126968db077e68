"""The seed-compatible facade and memory manager, over the same repositories."""

from __future__ import annotations

import pytest

from remo_async.domain import Role
from remo_async.store import ConversationMemoryManager, DynamoDBService, Store

ALICE = "did:privy:alice"
BOB = "did:privy:bob"


async def test_seed_methods(store: Store) -> None:
    service = DynamoDBService(store)
    # The old clients sent their own ids and statuses; the store makes its own.
    reminder = await service.save_reminder(
        ALICE,
        {
            "reminder_id": "rem_20241201_143022_abc123",
            "title": "Team Meeting",
            "reminding_time": "2026-12-02T10:00:00",
            "timezone": "America/New_York",
            "status": "done",
        },
    )
    assert reminder.reminder_id != "rem_20241201_143022_abc123"
    assert reminder.status == "pending"
    assert reminder.model_dump(mode="json")["reminding_time"] == "2026-12-02T15:00:00Z"
    assert [r.title for r in await service.get_reminders(ALICE, status="pending")] == [
        "Team Meeting"
    ]
    updated = await service.update_reminder_status(ALICE, reminder.reminder_id, "done")
    assert updated is not None
    assert updated.status == "done"
    assert await service.get_reminders(ALICE, status="pending") == []
    assert await service.update_reminder_status(BOB, reminder.reminder_id, "done") is None
    assert await service.delete_reminder(ALICE, reminder.reminder_id)

    todo = await service.save_todo(ALICE, {"title": "Review", "priority": "high"})
    assert [t.todo_id for t in await service.get_todos(ALICE, priority="high")] == [todo.todo_id]
    assert await service.get_todos(ALICE, status="done") == []
    assert (await service.update_todo_status(ALICE, todo.todo_id, "done")).status == "done"  # type: ignore[union-attr]
    assert await service.delete_todo(ALICE, todo.todo_id)
    assert not await service.delete_todo(ALICE, todo.todo_id)

    assert await service.get_user_details(ALICE) is None
    user = await service.save_user_details({"privy_id": ALICE, "email": "a@example.com"})
    assert user.email == "a@example.com"
    assert await service.get_user_details(ALICE) == user


async def test_memory_manager(store: Store, clock) -> None:
    service = DynamoDBService(store)
    memory = ConversationMemoryManager(user_id=ALICE, service=service)
    await memory.add_message("user", "Hello Remo!")
    clock.advance(seconds=1)
    await memory.add_message("assistant", "Hello! How can I help you today?")
    recent = await memory.get_recent_messages(5)
    assert [(m.role, m.content) for m in recent] == [
        (Role.USER, "Hello Remo!"),
        (Role.ASSISTANT, "Hello! How can I help you today?"),
    ]
    history = await service.get_conversation_history(ALICE, limit=1)
    assert [m.content for m in history] == ["Hello! How can I help you today?"]
    assert await ConversationMemoryManager(user_id=BOB, service=service).get_recent_messages() == []
    with pytest.raises(ValueError, match="system"):
        await memory.add_message("system", "not a role we keep")


async def test_delete_user_data_by_type(store: Store) -> None:
    service = DynamoDBService(store)
    await service.save_reminder(ALICE, {"title": "r", "reminding_time": "2026-12-02T10:00:00Z"})
    await service.save_todo(ALICE, {"title": "t"})
    await service.save_conversation_message(ALICE, {"role": "user", "content": "hi"})
    await service.save_user_details({"privy_id": ALICE, "first_name": "A"})
    await service.save_todo(BOB, {"title": "bob's"})
    assert await store.delete_user_data(user_id=ALICE, data_type="todos") == {"todos": 1}
    assert await store.delete_user_data(user_id=ALICE) == {
        "push_subscriptions": 0,
        "calendar_feed": 0,
        "reminders": 1,
        "todos": 0,
        "conversations": 1,
        "user": 1,
    }
    assert await service.get_reminders(ALICE) == []
    assert await service.get_user_details(ALICE) is None
    assert len(await service.get_todos(BOB)) == 1
