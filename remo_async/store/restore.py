"""Restoring exported items as they were: written once, never over a live item."""

from __future__ import annotations

import enum
from typing import Any

from remo_async.store.attrs import Item
from remo_async.store.dynamo import ConditionFailed, Dynamo

RESTORED_FOLLOWER = "restored"
"""followed_by of a restored recurring reminder that had fired: its next one exists already."""


class Restored(enum.StrEnum):
    """What restoring one item did."""

    RESTORED = "restored"
    PRESENT = "already present"
    EXPIRED = "past retention"


def absent_put(*, table: str, item: Item, id_attr: str, now_epoch: int) -> dict[str, Any]:
    """A Put (TransactItems entry) of item unless a live item has its key; expired is absent."""
    return {
        "Put": {
            "TableName": table,
            "Item": item,
            "ConditionExpression": "attribute_not_exists(#id) OR #ttl <= :now",
            "ExpressionAttributeNames": {"#id": id_attr, "#ttl": "ttl"},
            "ExpressionAttributeValues": {":now": {"N": str(now_epoch)}},
        }
    }


async def put_if_absent(
    dynamo: Dynamo, *, table: str, item: Item, id_attr: str, now_epoch: int
) -> Restored:
    """Puts item unless a live item has its key; an expired one counts as absent."""
    put = absent_put(table=table, item=item, id_attr=id_attr, now_epoch=now_epoch)["Put"]
    try:
        await dynamo.call("put_item", **put)
    except ConditionFailed:
        return Restored.PRESENT
    return Restored.RESTORED
