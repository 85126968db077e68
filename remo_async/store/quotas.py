"""Counters of each user's pending reminders and open todos: the limits per user, kept exact.

One item per (user_id, kind) in the quotas table. Every write that makes a record pending
or stops it being pending moves the counter in the same TransactWriteItems, and an
increase is conditioned on the limit, so concurrent creates can never pass it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from remo_async.domain.times import Clock, format_time, parse_stored
from remo_async.store.attrs import Item
from remo_async.store.dynamo import ConditionFailed, Dynamo

COUNT = "pending"
"""The counter attribute: how many of the user's records of this kind are pending."""
RESYNC_AFTER = timedelta(hours=1)
"""A refused create recounts a counter last counted longer ago than this (see resync)."""

Count = Callable[[], Awaitable[int]]
"""Counts the user's pending records of this kind, live ones only, from the table itself."""


class Quota:
    """The pending-record counter of one kind (reminders or todos), for every user."""

    def __init__(self, dynamo: Dynamo, *, table: str, kind: str, limit: int, clock: Clock) -> None:
        self._dynamo = dynamo
        self.table = table
        self.kind = kind
        self.limit = limit
        self._clock = clock

    def _key(self, user_id: str) -> Item:
        return {"user_id": {"S": user_id}, "kind": {"S": self.kind}}

    def change(self, *, user_id: str, delta: int) -> dict[str, Any]:
        """The TransactItems entry moving the user's counter by delta.

        An increase holds only while the counter stays within the limit; any change needs
        the counter to exist (its condition fails otherwise, and the writer initialises it).
        """
        condition = "#n <= :room" if delta > 0 else "attribute_exists(#n)"
        values: Item = {":delta": {"N": str(delta)}, ":one": {"N": "1"}}
        if delta > 0:
            values[":room"] = {"N": str(self.limit - delta)}
        return {
            "Update": {
                "TableName": self.table,
                "Key": self._key(user_id),
                # rev counts changes: a recount applies only if none happened meanwhile.
                "UpdateExpression": "ADD #n :delta, rev :one",
                "ConditionExpression": condition,
                "ExpressionAttributeNames": {"#n": COUNT},
                "ExpressionAttributeValues": values,
            }
        }

    async def _read(self, user_id: str) -> dict[str, Any] | None:
        response = await self._dynamo.call(
            "get_item", TableName=self.table, Key=self._key(user_id), ConsistentRead=True
        )
        item: dict[str, Any] | None = response.get("Item")
        return item

    async def current(self, *, user_id: str) -> int | None:
        """The user's counter, or None before it was initialised."""
        item = await self._read(user_id)
        return None if item is None else int(item[COUNT]["N"])

    async def initialise(self, *, user_id: str, count: Count) -> None:
        """Creates the counter from a count of the user's pending records, unless one exists.

        While the counter is missing no counted write can commit (each one's condition needs
        it), so the count cannot go stale before the put; of two replicas initialising at
        once, the conditional put lets one win and the other's equal count is dropped.
        """
        counted = await count()
        with contextlib.suppress(ConditionFailed):  # another writer initialised it first
            await self._dynamo.call(
                "put_item",
                TableName=self.table,
                Item={
                    **self._key(user_id),
                    COUNT: {"N": str(counted)},
                    "rev": {"N": "0"},
                    "counted_at": {"S": format_time(self._clock())},
                },
                ConditionExpression="attribute_not_exists(#n)",
                ExpressionAttributeNames={"#n": COUNT},
            )

    async def resync(self, *, user_id: str, count: Count) -> bool:
        """Recounts a counter not counted for RESYNC_AFTER; True when it went down.

        The counter can only run high, never low: a pending todo that outlives its
        retention expires (TTL) without a write, and DynamoDB deletes it without telling
        us. The recount applies only if no counted write happened since the counter was
        read (its rev is unchanged); GetItem is serialized with transactions, so every
        write before that read is in the count.
        """
        item = await self._read(user_id)
        if item is None:
            return False
        counted_at = parse_stored(item.get("counted_at", {}).get("S", "1970-01-01T00:00:00Z"))
        now = self._clock()
        if now - counted_at < RESYNC_AFTER:
            return False
        counted = await count()
        try:
            await self._dynamo.call(
                "update_item",
                TableName=self.table,
                Key=self._key(user_id),
                UpdateExpression="SET #n = :count, counted_at = :now ADD rev :one",
                ConditionExpression="rev = :rev",
                ExpressionAttributeNames={"#n": COUNT},
                ExpressionAttributeValues={
                    ":count": {"N": str(counted)},
                    ":now": {"S": format_time(now)},
                    ":rev": item["rev"],
                    ":one": {"N": "1"},
                },
            )
        except ConditionFailed:
            return False  # a counted write came in between: the next refusal tries again
        return counted < int(item[COUNT]["N"])

    async def remove(self, *, user_id: str) -> None:
        """Forgets the counter; the next counted write initialises it from a count."""
        await self._dynamo.call("delete_item", TableName=self.table, Key=self._key(user_id))
