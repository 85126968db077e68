"""Reading partitions: full pages despite filters, and iterators that follow every page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from remo_async.store.attrs import Item
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import Dynamo

LIVE_FILTER = "(attribute_not_exists(#ttl) OR #ttl > :now_epoch)"


@dataclass(frozen=True, slots=True)
class QuerySpec:
    """One Query: key condition, optional index and filter; live items only."""

    table: str
    key_condition: str
    names: dict[str, str]
    values: Item
    key_attrs: Sequence[str]
    index: str | None = None
    filter: str | None = None
    forward: bool = True
    consistent: bool = True
    projection: str | None = None

    def request(self, *, now_epoch: int) -> dict[str, Any]:
        """The Query arguments, with the filter that hides expired items."""
        condition = LIVE_FILTER if self.filter is None else f"({self.filter}) AND {LIVE_FILTER}"
        args: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": self.key_condition,
            "FilterExpression": condition,
            "ExpressionAttributeNames": {**self.names, "#ttl": "ttl"},
            "ExpressionAttributeValues": {**self.values, ":now_epoch": {"N": str(now_epoch)}},
            "ScanIndexForward": self.forward,
        }
        if self.index is not None:
            args["IndexName"] = self.index
        elif self.consistent:
            args["ConsistentRead"] = True
        if self.projection is not None:
            args["ProjectionExpression"] = self.projection
        return args


MAX_READS_PER_PAGE = 8
"""Queries one page may make; a filter that keeps few items then answers a short page."""
FILTERED_READ = 100
"""Items a filtered query asks DynamoDB to evaluate at least, so sparse matches fill a page."""


async def query_page(
    dynamo: Dynamo, spec: QuerySpec, *, limit: int, start: Item | None, now_epoch: int
) -> tuple[list[Item], Item | None]:
    """Up to `limit` live items and the key to go on from (None when nothing is left).

    The filter counts against DynamoDB's Limit, so a short answer is refilled from the
    next page, at most MAX_READS_PER_PAGE queries in all (then the page is short, and the
    key is where DynamoDB stopped); one item more than asked is read so a last full page
    has no cursor.
    """
    items: list[Item] = []
    request = spec.request(now_epoch=now_epoch)
    for _ in range(MAX_READS_PER_PAGE):
        wanted = limit + 1 - len(items)
        request["Limit"] = wanted if spec.filter is None else max(wanted, FILTERED_READ)
        if start is not None:
            request["ExclusiveStartKey"] = start
        response = await dynamo.call("query", **request)
        items.extend(response.get("Items", []))
        start = response.get("LastEvaluatedKey")
        if len(items) > limit:
            del items[limit:]
            return items, {name: items[-1][name] for name in spec.key_attrs}
        if start is None:
            return items, None
    return items, start


async def read_page(
    dynamo: Dynamo,
    spec: QuerySpec,
    *,
    cursors: CursorCodec,
    user_id: str,
    list_id: str,
    limit: int,
    cursor: str | None,
    now_epoch: int,
) -> tuple[list[Item], str | None]:
    """One page for a client: its cursor in, the next opaque cursor out."""
    start = None if cursor is None else cursors.decode(cursor, user_id=user_id, list_id=list_id)
    items, last = await query_page(dynamo, spec, limit=limit, start=start, now_epoch=now_epoch)
    if last is None:
        return items, None
    return items, cursors.encode(user_id=user_id, list_id=list_id, key=last)


ITERATE_PAGE = 200
"""Items one Query of query_all reads (Limit). botocore parses a whole answer in one go on
the event loop: a 1 MB page (~3,000 todos) held it for 150-500 ms; 200 items take ~15 ms.
Read units are the same (they count bytes, not requests)."""


async def query_all(dynamo: Dynamo, spec: QuerySpec, *, now_epoch: int) -> AsyncIterator[Item]:
    """Every live item the query matches, ITERATE_PAGE at a time, to the end."""
    request = {**spec.request(now_epoch=now_epoch), "Limit": ITERATE_PAGE}
    while True:
        response = await dynamo.call("query", **request)
        for item in response.get("Items", []):
            yield item
        start = response.get("LastEvaluatedKey")
        if start is None:
            return
        request["ExclusiveStartKey"] = start
