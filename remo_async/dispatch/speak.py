"""The assistant speaks: each fire adds one assistant message to its user's conversation."""

from __future__ import annotations

from remo_async.domain import MessageCreate, Reminder, Role
from remo_async.store import Store


def reminder_message(reminder: Reminder) -> str:
    """What the assistant says when a reminder fires."""
    text = f"Reminder: {reminder.title}"
    description = reminder.description.strip()
    return f"{text} — {description}" if description else text


class AssistantSpeaker:
    """A Notifier that writes the fire into the conversation, so the next chat sees it."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def reminder_fired(self, reminder: Reminder) -> None:
        """Adds the message once; the dispatcher runs this only on the replica that fired."""
        await self._store.conversations.add(
            user_id=reminder.user_id,
            data=MessageCreate(role=Role.ASSISTANT, content=reminder_message(reminder)),
        )
