"""The conversations table: each user's messages, keyed by a unique microsecond timestamp."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

from remo_async.domain.enums import Role
from remo_async.domain.models import Message, MessageCreate, Page
from remo_async.domain.rules import epoch, message_ttl
from remo_async.domain.times import Clock, format_timestamp, parse_stored
from remo_async.store.answers import StoredShape
from remo_async.store.attrs import Item, from_item, to_item
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import ConditionFailed, Dynamo
from remo_async.store.errors import Conflict
from remo_async.store.purge import delete_partition
from remo_async.store.query import QuerySpec, query_all, read_page
from remo_async.store.restore import Restored, put_if_absent

WRITE_ATTEMPTS = 1000
ONE_MICROSECOND = timedelta(microseconds=1)


class ConversationRepository:
    """Conversation memory; a message is never overwritten."""

    def __init__(
        self, dynamo: Dynamo, *, table: str, cursors: CursorCodec, clock: Clock, ttl_days: int
    ) -> None:
        self._dynamo = dynamo
        self.table = table
        self._cursors = cursors
        self._clock = clock
        self._ttl_days = ttl_days

    async def add(self, *, user_id: str, data: MessageCreate) -> Message:
        """Stores a message at now; a taken timestamp moves it one microsecond later."""
        at: datetime = self._clock()
        for _ in range(WRITE_ATTEMPTS):
            values = {
                "user_id": user_id,
                "timestamp": format_timestamp(at),
                "role": data.role.value,
                "content": data.content,
                "ttl": message_ttl(sent_at=at, ttl_days=self._ttl_days),
            }
            try:
                await self._dynamo.call(
                    "put_item",
                    TableName=self.table,
                    Item=to_item(values),
                    ConditionExpression="attribute_not_exists(#ts)",
                    ExpressionAttributeNames={"#ts": "timestamp"},
                )
            except ConditionFailed:
                at += ONE_MICROSECOND
                continue
            return Message.model_validate(values)
        raise Conflict("could not find a free timestamp for the message")

    async def restore(self, *, message: Message) -> Restored:
        """Writes an exported message at its exact timestamp unless one is there.

        A message past its retention is not written: it would only wait to be deleted.
        """
        ttl = message_ttl(sent_at=parse_stored(message.timestamp), ttl_days=self._ttl_days)
        now_epoch = epoch(self._clock())
        if ttl <= now_epoch:
            return Restored.EXPIRED
        values = {**message.model_dump(mode="json"), "ttl": ttl}
        return await put_if_absent(
            self._dynamo,
            table=self.table,
            item=to_item(values),
            id_attr="timestamp",
            now_epoch=now_epoch,
        )

    def _spec(self, user_id: str, *, newest_first: bool) -> QuerySpec:
        return QuerySpec(
            table=self.table,
            key_condition="#uid = :uid",
            names={"#uid": "user_id"},
            values={":uid": {"S": user_id}},
            key_attrs=("user_id", "timestamp"),
            forward=not newest_first,
        )

    async def _list_items(
        self, *, user_id: str, limit: int, cursor: str | None
    ) -> tuple[builtins.list[Item], str | None]:
        """The latest messages' items, newest first, and the cursor to older ones."""
        return await read_page(
            self._dynamo,
            self._spec(user_id, newest_first=True),
            cursors=self._cursors,
            user_id=user_id,
            list_id="conversation",
            limit=limit,
            cursor=cursor,
            now_epoch=epoch(self._clock()),
        )

    async def list(
        self, *, user_id: str, limit: int = 50, cursor: str | None = None
    ) -> Page[Message]:
        """The latest messages, oldest first within the page; the cursor leads to older ones."""
        items, next_cursor = await self._list_items(user_id=user_id, limit=limit, cursor=cursor)
        messages = [_message(item) for item in reversed(items)]
        return Page[Message](items=messages, next_cursor=next_cursor)

    async def list_answer(
        self, *, user_id: str, limit: int = 50, cursor: str | None = None
    ) -> dict[str, Any]:
        """The page list() reads, as its answer: {"items": [message JSON], "next_cursor"}."""
        items, next_cursor = await self._list_items(user_id=user_id, limit=limit, cursor=cursor)
        answers = [_answer(item) for item in reversed(items)]
        return {"items": answers, "next_cursor": next_cursor}

    async def recent(self, *, user_id: str, count: int) -> builtins.list[Message]:
        """The last `count` messages, oldest first."""
        page = await self.list(user_id=user_id, limit=count)
        return page.items

    async def iterate(self, *, user_id: str) -> AsyncIterator[Message]:
        """Every live message of the user, oldest first."""
        spec = self._spec(user_id, newest_first=False)
        async for item in query_all(self._dynamo, spec, now_epoch=epoch(self._clock())):
            yield _message(item)

    async def delete_all(self, *, user_id: str) -> int:
        """Deletes every message of the user; returns how many there were."""
        return await delete_partition(
            self._dynamo, table=self.table, key_attrs=("user_id", "timestamp"), user_id=user_id
        )


MESSAGE_SHAPE = StoredShape(
    Message, texts=("user_id", "timestamp", "content"), choices={"role": Role}
)


def _answer(item: Item) -> dict[str, Any]:
    answer = MESSAGE_SHAPE.answer(item)
    return _message(item).model_dump(mode="json") if answer is None else answer


def _message(item: Item) -> Message:
    values = from_item(item)
    values.pop("ttl", None)
    return Message.model_validate(values)
