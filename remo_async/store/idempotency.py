"""The idempotency table: a claim per Idempotency-Key, then the first answer, kept 24 h."""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from remo_async.domain.rules import epoch
from remo_async.domain.times import Clock
from remo_async.store.attrs import from_item, to_item
from remo_async.store.dynamo import ConditionFailed, Dynamo
from remo_async.store.purge import delete_partition

USER_INDEX = "user-index"
"""The GSI of migration 0006: a user's keys, to erase them with the user's data."""
KEEP = timedelta(hours=24)
LEASE = timedelta(seconds=30)
"""How long a claim may stay pending before another request may take it over (a crash)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What a key holds: who claimed it with which body, and the answer once there is one."""

    fingerprint: str
    status: int | None = None
    body: str | None = None
    location: str | None = None

    @property
    def done(self) -> bool:
        """True once the first request's answer is stored."""
        return self.status is not None


class IdempotencyRepository:
    """Claims keys atomically, so of two concurrent retries only one runs."""

    def __init__(self, dynamo: Dynamo, *, table: str, clock: Clock) -> None:
        self._dynamo = dynamo
        self.table = table
        self._clock = clock

    async def claim(self, *, key: str, fingerprint: str, user_id: str) -> Answer | None:
        """None when this caller now owns the key; else what the key already holds."""
        now = self._clock()
        values = {
            "key": key,
            "user_id": user_id,
            "fingerprint": fingerprint,
            "lease": epoch(now + LEASE),
            "ttl": epoch(now + KEEP),
            # Two retries with one key and body in one second would write the same item:
            # the token tells a claim that botocore resent (and landed) from another's.
            "claim": secrets.token_hex(8),
        }
        try:
            await self._dynamo.call(
                "put_item",
                TableName=self.table,
                Item=to_item(values),
                ConditionExpression=(
                    "attribute_not_exists(#k) OR #ttl < :now "
                    "OR (attribute_not_exists(#status) AND #lease < :now)"
                ),
                ExpressionAttributeNames={
                    "#k": "key",
                    "#ttl": "ttl",
                    "#status": "status",
                    "#lease": "lease",
                },
                ExpressionAttributeValues={":now": {"N": str(epoch(now))}},
            )
        except ConditionFailed:
            held = await self.get(key=key)
            if held is not None:
                return held
            return await self.claim(key=key, fingerprint=fingerprint, user_id=user_id)
        return None

    async def get(self, *, key: str) -> Answer | None:
        """What the key holds, or None."""
        response = await self._dynamo.call(
            "get_item", TableName=self.table, Key={"key": {"S": key}}, ConsistentRead=True
        )
        item = response.get("Item")
        if item is None:
            return None
        values: dict[str, Any] = from_item(item)
        return Answer(
            fingerprint=values["fingerprint"],
            status=values.get("status"),
            body=values.get("body"),
            location=values.get("location"),
        )

    async def complete(self, *, key: str, answer: Answer, user_id: str) -> None:
        """Stores the first answer for replays."""
        now = self._clock()
        values = {
            "key": key,
            "user_id": user_id,
            "fingerprint": answer.fingerprint,
            "status": answer.status,
            "body": answer.body,
            "location": answer.location,
            "ttl": epoch(now + KEEP),
        }
        await self._dynamo.call("put_item", TableName=self.table, Item=to_item(values))

    async def release(self, *, key: str) -> None:
        """Gives up a claim whose request failed, so a retry can run."""
        with contextlib.suppress(ConditionFailed):  # it completed meanwhile: keep the answer
            await self._dynamo.call(
                "delete_item",
                TableName=self.table,
                Key={"key": {"S": key}},
                ConditionExpression="attribute_not_exists(#status)",
                ExpressionAttributeNames={"#status": "status"},
            )

    async def forget_user(self, *, user_id: str) -> int:
        """Deletes every key the user claimed (and the answers stored under them); returns
        how many. Read from the user-index GSI, which is eventually consistent: a claim
        made in the same moment may be missed, and its answer expires within KEEP."""
        return await delete_partition(
            self._dynamo, table=self.table, key_attrs=("key",), user_id=user_id, index=USER_INDEX
        )
