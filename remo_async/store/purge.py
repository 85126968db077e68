"""Deleting a user's whole partition of a table: paged, batched, retrying unprocessed items."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from remo_async.store.attrs import Item
from remo_async.store.dynamo import Dynamo
from remo_async.store.errors import StoreUnavailable

BATCH = 25
BATCH_ATTEMPTS = 8


async def delete_partition(
    dynamo: Dynamo,
    *,
    table: str,
    key_attrs: Sequence[str],
    user_id: str,
    index: str | None = None,
) -> int:
    """Deletes every item whose partition key is user_id; returns the count deleted.

    With `index`, the items a GSI keyed on `user_id` finds (key_attrs are then the table's
    own keys, to delete by); a GSI is read eventually consistent (DynamoDB offers no other).
    """
    names = {f"#k{i}": name for i, name in enumerate(key_attrs)}
    request: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": "#k0 = :uid",
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": {":uid": {"S": user_id}},
        "ProjectionExpression": ", ".join(names),
        "ConsistentRead": True,
    }
    if index is not None:
        request.update(
            IndexName=index,
            KeyConditionExpression="#uid = :uid",
            ExpressionAttributeNames={**names, "#uid": "user_id"},
            ConsistentRead=False,
        )
    deleted = 0
    while True:
        response = await dynamo.call("query", **request)
        keys: list[Item] = response.get("Items", [])
        for start in range(0, len(keys), BATCH):
            await _delete_batch(dynamo, table=table, keys=keys[start : start + BATCH])
        deleted += len(keys)
        last = response.get("LastEvaluatedKey")
        if last is None:
            return deleted
        request["ExclusiveStartKey"] = last


async def _delete_batch(dynamo: Dynamo, *, table: str, keys: list[Item]) -> None:
    pending: list[dict[str, Any]] = [{"DeleteRequest": {"Key": key}} for key in keys]
    for attempt in range(BATCH_ATTEMPTS):
        response = await dynamo.call("batch_write_item", RequestItems={table: pending})
        pending = response.get("UnprocessedItems", {}).get(table, [])
        if not pending:
            return
        # DynamoDB hands back what it could not take under load: back off, then resend it.
        await asyncio.sleep(min(0.05 * 2**attempt, 2.0))
    raise StoreUnavailable(f"DynamoDB kept {len(pending)} deletes unprocessed", retry_after=2)
