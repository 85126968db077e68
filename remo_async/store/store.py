"""The Store: every repository over one DynamoDB client."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any, Literal

from remo_async.domain.times import Clock, utc_now
from remo_async.settings import Settings
from remo_async.store.conversations import ConversationRepository
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import CallObserver, Dynamo, open_client
from remo_async.store.errors import TableMissing
from remo_async.store.feeds import CalendarFeedRepository
from remo_async.store.idempotency import IdempotencyRepository
from remo_async.store.migrate import table_is_active
from remo_async.store.push import PushSubscriptionRepository
from remo_async.store.quotas import Quota
from remo_async.store.reminders import ReminderRepository
from remo_async.store.todos import TodoRepository
from remo_async.store.users import UserRepository

TABLES = (
    "reminders",
    "todos",
    "users",
    "conversations",
    "idempotency",
    "quotas",
    "migrations",
    "push_subscriptions",
    "push_endpoints",
    "calendar_feeds",
)
DataType = Literal[
    "reminders", "todos", "conversations", "push_subscriptions", "calendar_feed", "user", "all"
]


class Store:
    """The data layer of one process."""

    def __init__(
        self,
        client: Any,
        *,
        settings: Settings,
        clock: Clock = utc_now,
        observer: CallObserver | None = None,
    ) -> None:
        self.settings = settings
        self.dynamo = Dynamo(client, observer=observer)
        cursors = CursorCodec(settings.effective_cursor_secret)
        name = settings.table_name
        quotas = name("quotas")
        self.reminders = ReminderRepository(
            self.dynamo,
            table=name("reminders"),
            cursors=cursors,
            clock=clock,
            retention_days=settings.retention_days,
            shards=settings.dispatch_shards,
            quota=Quota(
                self.dynamo,
                table=quotas,
                kind="reminders",
                limit=settings.max_pending_reminders,
                clock=clock,
            ),
        )
        self.todos = TodoRepository(
            self.dynamo,
            table=name("todos"),
            cursors=cursors,
            clock=clock,
            retention_days=settings.retention_days,
            quota=Quota(
                self.dynamo, table=quotas, kind="todos", limit=settings.max_todos, clock=clock
            ),
        )
        self.idempotency = IdempotencyRepository(
            self.dynamo, table=name("idempotency"), clock=clock
        )
        self.users = UserRepository(self.dynamo, table=name("users"), clock=clock)
        self.conversations = ConversationRepository(
            self.dynamo,
            table=name("conversations"),
            cursors=cursors,
            clock=clock,
            ttl_days=settings.conversation_ttl_days,
        )
        self.feeds = CalendarFeedRepository(self.dynamo, table=name("calendar_feeds"), clock=clock)
        self.push = PushSubscriptionRepository(
            self.dynamo,
            table=name("push_subscriptions"),
            endpoints_table=name("push_endpoints"),
            cursors=cursors,
            clock=clock,
            limit=settings.max_push_subscriptions,
        )

    @classmethod
    @contextlib.asynccontextmanager
    async def open(
        cls, settings: Settings, *, clock: Clock = utc_now, observer: CallObserver | None = None
    ) -> AsyncIterator[Store]:
        """A Store over a new client, closed on exit; enter it once per process."""
        async with open_client(settings) as client:
            yield cls(client, settings=settings, clock=clock, observer=observer)

    async def table_states(self) -> dict[str, str]:
        """Each table's state: ACTIVE when it and its indexes are, else its status or MISSING."""
        states = {}
        for table in TABLES:
            name = self.settings.table_name(table)
            try:
                response = await self.dynamo.call("describe_table", TableName=name)
            except TableMissing:
                states[name] = "MISSING"
                continue
            described = response["Table"]
            active = table_is_active(described)
            states[name] = "ACTIVE" if active else str(described.get("TableStatus", "UPDATING"))
        return states

    async def delete_user_data(
        self, *, user_id: str, data_type: DataType = "all"
    ) -> dict[str, int]:
        """Deletes one kind of a user's data, or all of it; returns counts by kind."""
        deleted: dict[str, int] = {}
        if data_type in {"push_subscriptions", "all"}:
            deleted["push_subscriptions"] = await self.push.delete_all(user_id=user_id)
        if data_type in {"calendar_feed", "all"}:
            deleted["calendar_feed"] = int(await self.feeds.revoke(user_id=user_id))
        if data_type in {"reminders", "all"}:
            deleted["reminders"] = await self.reminders.delete_all(user_id=user_id)
        if data_type in {"todos", "all"}:
            deleted["todos"] = await self.todos.delete_all(user_id=user_id)
        if data_type in {"conversations", "all"}:
            deleted["conversations"] = await self.conversations.delete_all(user_id=user_id)
            await self.users.forget_memory(privy_id=user_id)  # "it" and "undo" refer to it
        if data_type in {"user", "all"}:
            deleted["user"] = int(await self.users.delete(privy_id=user_id))
        if data_type == "all":
            # Stored answers of Idempotency-Key requests hold the user's titles and replies,
            # and a retry would replay a create of what was just deleted.
            await self.idempotency.forget_user(user_id=user_id)
        return deleted
