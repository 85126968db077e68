"""The domain: models, enums and pure rules. No I/O here."""

from remo_async.domain.enums import Priority, ReminderStatus, Role, TodoStatus
from remo_async.domain.models import (
    Message,
    MessageCreate,
    Page,
    Preferences,
    Reminder,
    ReminderCreate,
    ReminderUpdate,
    Todo,
    TodoCreate,
    TodoUpdate,
    User,
    UserUpdate,
)

__all__ = [
    "Message",
    "MessageCreate",
    "Page",
    "Preferences",
    "Priority",
    "Reminder",
    "ReminderCreate",
    "ReminderStatus",
    "ReminderUpdate",
    "Role",
    "Todo",
    "TodoCreate",
    "TodoStatus",
    "TodoUpdate",
    "User",
    "UserUpdate",
]
