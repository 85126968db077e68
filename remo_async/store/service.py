"""DynamoDBService and ConversationMemoryManager: the old server's method names, async."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from remo_async.domain.enums import Priority, ReminderStatus, Role, TodoStatus
from remo_async.domain.models import (
    Message,
    MessageCreate,
    Reminder,
    ReminderCreate,
    ReminderUpdate,
    Todo,
    TodoCreate,
    TodoUpdate,
    User,
    UserUpdate,
)
from remo_async.store.errors import NotFound
from remo_async.store.store import Store

REMINDER_FIELDS = ("title", "description", "reminding_time", "timezone", "recurrence")
TODO_FIELDS = ("title", "description", "priority", "category", "due_date")
USER_FIELDS = ("email", "wallet", "first_name", "last_name", "phone_number")


def _pick(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    # The old clients send ids, statuses and timestamps of their own: the store makes those.
    return {k: data[k] for k in fields if k in data}


def _aware(value: Any, zone: str) -> Any:
    """Reads a time the old clients sent without an offset in the given zone."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone) if zone != "UTC" else UTC)
    return value


class DynamoDBService:
    """The seed server's data API, thin over the repositories."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def save_reminder(self, user_id: str, reminder_data: dict[str, Any]) -> Reminder:
        """Creates a reminder; naive times are read in its timezone (default UTC)."""
        fields = _pick(reminder_data, REMINDER_FIELDS)
        fields["reminding_time"] = _aware(
            fields.get("reminding_time"), fields.get("timezone", "UTC")
        )
        data = ReminderCreate.model_validate(fields)
        return await self.store.reminders.create(user_id=user_id, data=data)

    async def get_reminders(self, user_id: str, status: str | None = None) -> list[Reminder]:
        """Every reminder of the user, optionally of one status."""
        wanted = None if status is None else ReminderStatus(status)
        found = [r async for r in self.store.reminders.iterate(user_id=user_id, status=wanted)]
        return sorted(found, key=lambda r: r.reminder_id)

    async def update_reminder_status(
        self, user_id: str, reminder_id: str, status: str
    ) -> Reminder | None:
        """Changes a reminder's status; None when there is no such reminder."""
        changes = ReminderUpdate(status=ReminderStatus(status))
        try:
            return await self.store.reminders.update(
                user_id=user_id, reminder_id=reminder_id, changes=changes
            )
        except NotFound:
            return None

    async def delete_reminder(self, user_id: str, reminder_id: str) -> bool:
        """Deletes a reminder; True when it was there."""
        return await self.store.reminders.delete(user_id=user_id, record_id=reminder_id)

    async def save_todo(self, user_id: str, todo_data: dict[str, Any]) -> Todo:
        """Creates a todo."""
        data = TodoCreate.model_validate(_pick(todo_data, TODO_FIELDS))
        return await self.store.todos.create(user_id=user_id, data=data)

    async def get_todos(
        self, user_id: str, status: str | None = None, priority: str | None = None
    ) -> list[Todo]:
        """Every todo of the user, optionally of one status and/or priority."""
        todos = self.store.todos.iterate(
            user_id=user_id,
            status=None if status is None else TodoStatus(status),
            priority=None if priority is None else Priority(priority),
        )
        return sorted([t async for t in todos], key=lambda t: t.todo_id)

    async def update_todo_status(self, user_id: str, todo_id: str, status: str) -> Todo | None:
        """Changes a todo's status; None when there is no such todo."""
        try:
            return await self.store.todos.update(
                user_id=user_id, todo_id=todo_id, changes=TodoUpdate(status=TodoStatus(status))
            )
        except NotFound:
            return None

    async def delete_todo(self, user_id: str, todo_id: str) -> bool:
        """Deletes a todo; True when it was there."""
        return await self.store.todos.delete(user_id=user_id, record_id=todo_id)

    async def save_user_details(self, user_data: dict[str, Any]) -> User:
        """Creates or updates the profile of user_data["privy_id"]."""
        changes = UserUpdate.model_validate(_pick(user_data, USER_FIELDS))
        user, _ = await self.store.users.save(privy_id=user_data["privy_id"], changes=changes)
        return user

    async def get_user_details(self, privy_id: str) -> User | None:
        """The profile, or None."""
        return await self.store.users.get(privy_id=privy_id)

    async def save_conversation_message(
        self, user_id: str, message_data: dict[str, Any]
    ) -> Message:
        """Stores one message ({"role", "content"}) at a unique timestamp."""
        data = MessageCreate.model_validate(_pick(message_data, ("role", "content")))
        return await self.store.conversations.add(user_id=user_id, data=data)

    async def get_conversation_history(self, user_id: str, limit: int = 50) -> list[Message]:
        """The last `limit` messages, oldest first."""
        return await self.store.conversations.recent(user_id=user_id, count=limit)


class ConversationMemoryManager:
    """One user's conversation memory, as the old server's memory manager offered it."""

    def __init__(self, *, user_id: str, service: DynamoDBService) -> None:
        self.user_id = user_id
        self._service = service

    async def add_message(self, role: str, content: str) -> Message:
        """Remembers one message."""
        return await self._service.save_conversation_message(
            self.user_id, {"role": Role(role), "content": content}
        )

    async def get_recent_messages(self, n: int = 10) -> list[Message]:
        """The last n messages, oldest first."""
        return await self._service.get_conversation_history(self.user_id, limit=n)
