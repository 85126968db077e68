"""The DynamoDB calls the service makes for each benchmarked operation, made straight.

Shared by benchmarks/api.py's raw side (aioboto3 in the load generator) and benchmarks/
_bare.py (the same calls behind a bare aiohttp handler), so both make exactly the calls a
service request makes, with a client configured as the service's (the Store's).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from remo_async.domain.rules import due_shard, epoch, message_ttl, new_reminder_id, record_ttl
from remo_async.domain.times import format_time, format_timestamp, utc_now
from remo_async.settings import Settings
from remo_async.store import Store
from remo_async.store.attrs import Item, to_item
from remo_async.store.listing import with_derived

LIVE_FILTER = "(attribute_not_exists(#ttl) OR #ttl > :now_epoch)"
MESSAGE = (
    "Remind me to call the plumber about the kitchen tap tomorrow morning, "
    "and add washing-up liquid to the shopping list."
)
BODY = {
    "title": "Water the plants",
    "description": "the ones on the balcony",
    "timezone": "UTC",
}
"""The created reminder's fields but its time (the benchmark's create body)."""


def reminder_item(settings: Settings, user_id: str, *, now: datetime, due: datetime) -> Item:
    """A new pending reminder as ReminderRepository.create writes it (with the derived
    attributes the GSIs of migration 0004 are keyed on)."""
    reminder_id = new_reminder_id()
    values = with_derived(
        {
            "user_id": user_id,
            "reminder_id": reminder_id,
            "title": BODY["title"],
            "description": BODY["description"],
            "reminding_time": format_time(due),
            "timezone": BODY["timezone"],
            "status": "pending",
            "created_at": format_time(now),
            "version": 1,
            "updated_at": format_time(now),
            "due_shard": due_shard(reminder_id, settings.dispatch_shards),
            "ttl": record_ttl(
                written_at=now, retention_days=settings.retention_days, pending_until=due
            ),
        },
        id_attr="reminder_id",
        time_attr="reminding_time",
    )
    return to_item(values)


def message_item(settings: Settings, user_id: str, *, at: datetime, role: str) -> Item:
    """A conversation message as ConversationRepository.add writes it."""
    return to_item(
        {
            "user_id": user_id,
            "timestamp": format_timestamp(at),
            "role": role,
            "content": MESSAGE,
            "ttl": message_ttl(sent_at=at, ttl_days=settings.conversation_ttl_days),
        }
    )


@dataclass
class RawCalls:
    """One method per operation: the service's DynamoDB calls for it, nothing else."""

    store: Store
    due: datetime

    @property
    def client(self) -> Any:
        return self.store.dynamo.client

    async def create(self, user: str) -> Item:
        """A pending reminder and the user's counter in one transaction, as the service's;
        returns the item written."""
        item = reminder_item(self.store.settings, user, now=utc_now(), due=self.due)
        put = {
            "TableName": self.store.reminders.table,
            "Item": item,
            "ConditionExpression": "attribute_not_exists(#id)",
            "ExpressionAttributeNames": {"#id": "reminder_id"},
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
        counter = self.store.reminders.quota.change(user_id=user, delta=1)
        await self.client.transact_write_items(TransactItems=[{"Put": put}, counter])
        return item

    async def create_idem(self, user: str, given: str, *, body: str) -> Item:
        """The claim, the create and the stored answer, as IdempotencyRepository makes them."""
        key = f"{user}\nPOST /user/{user}/reminders\n{given}"
        now = utc_now()
        table = self.store.idempotency.table
        await self.client.put_item(
            TableName=table,
            Item=to_item(
                {
                    "key": key,
                    "user_id": user,
                    "fingerprint": "0" * 64,
                    "lease": epoch(now) + 30,
                    "ttl": epoch(now) + 86400,
                    "claim": secrets.token_hex(8),
                }
            ),
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
        item = await self.create(user)
        answer = {"fingerprint": "0" * 64, "status": 201, "body": body * 3}
        await self.client.put_item(
            TableName=table,
            Item=to_item(
                {
                    "key": key,
                    "user_id": user,
                    **answer,
                    "location": key,
                    "ttl": epoch(now) + 86400,
                }
            ),
        )
        return item

    async def get(self, user: str, reminder_id: str) -> Item:
        """A consistent GetItem of one reminder; raises when it is not there."""
        answer = await self.client.get_item(
            TableName=self.store.reminders.table,
            Key={"user_id": {"S": user}, "reminder_id": {"S": reminder_id}},
            ConsistentRead=True,
        )
        if "Item" not in answer:
            raise RuntimeError(f"raw get: {reminder_id} not found")
        item: Item = answer["Item"]
        return item

    async def _query(self, table: str, user: str, *, limit: int, forward: bool) -> list[Item]:
        answer = await self.client.query(
            TableName=table,
            KeyConditionExpression="#uid = :uid",
            FilterExpression=LIVE_FILTER,
            ExpressionAttributeNames={"#uid": "user_id", "#ttl": "ttl"},
            ExpressionAttributeValues={
                ":uid": {"S": user},
                ":now_epoch": {"N": str(int(time.time()))},
            },
            ScanIndexForward=forward,
            ConsistentRead=True,
            Limit=limit + 1,
        )
        items: list[Item] = answer["Items"]
        if len(items) != limit + 1:
            raise RuntimeError(f"raw query of {table}: {len(items)} items")
        return items

    async def list(self, user: str) -> list[Item]:
        """The default reminder list's one Query (created order, 20 and one more)."""
        return await self._query(self.store.reminders.table, user, limit=20, forward=True)

    async def conversation(self, user: str) -> list[Item]:
        """The conversation page's one Query (newest first, 50 and one more)."""
        return await self._query(self.store.conversations.table, user, limit=50, forward=False)
