"""Sets the derived list attributes (listing.py) on items written before migration 0004."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from remo_async.store.attrs import from_item, to_attr
from remo_async.store.dynamo import ConditionFailed, Dynamo
from remo_async.store.listing import DERIVED_ATTRS, derived

ATTEMPTS = 4
"""Tries per item: a concurrent write re-reads it (and a write of this release sets them)."""


async def backfill_derived(
    dynamo: Dynamo,
    *,
    table: str,
    id_attr: str,
    time_attr: str,
    say: Callable[[str], None],
) -> int:
    """Scans `table` (every page) and sets each item's derived attributes where they are
    missing or stale; returns how many items it changed. Idempotent: a second run changes
    nothing. Each write is conditioned on the `version` read, so it never undoes a
    concurrent change (on a lost race the item is read again, ATTEMPTS times in all).
    """
    request: dict[str, Any] = {"TableName": table, "ConsistentRead": True}
    changed = 0
    while True:
        response = await dynamo.call("scan", **request)
        for item in response.get("Items", []):
            changed += await _mend(dynamo, table, item, id_attr=id_attr, time_attr=time_attr)
        last = response.get("LastEvaluatedKey")
        if last is None:
            break
        request["ExclusiveStartKey"] = last
    say(f"set list attributes on {changed} item(s) of {table}")
    return changed


async def _mend(
    dynamo: Dynamo, table: str, item: dict[str, Any], *, id_attr: str, time_attr: str
) -> int:
    key = {"user_id": item["user_id"], id_attr: item[id_attr]}
    for _ in range(ATTEMPTS):
        values = from_item(item)
        wanted = derived(values, id_attr=id_attr, time_attr=time_attr)
        current = {name: values[name] for name in DERIVED_ATTRS if name in values}
        if wanted == current:
            return 0
        names = {f"#d{i}": name for i, name in enumerate(wanted)}
        sets = [f"#d{i} = :d{i}" for i in range(len(wanted))]
        stale = [name for name in current if name not in wanted]
        names.update({f"#x{i}": name for i, name in enumerate(stale)})
        expression = "SET " + ", ".join(sets) if sets else ""
        if stale:
            expression += " REMOVE " + ", ".join(f"#x{i}" for i in range(len(stale)))
        attr_values = {f":d{i}": to_attr(v) for i, v in enumerate(wanted.values())}
        version = item.get("version")
        if version is None:
            condition = "attribute_exists(#id) AND attribute_not_exists(#v)"
        else:
            condition = "#v = :v"
            attr_values[":v"] = version
        names.update({"#id": id_attr, "#v": "version"} if version is None else {"#v": "version"})
        try:
            await dynamo.call(
                "update_item",
                TableName=table,
                Key=key,
                UpdateExpression=expression.strip(),
                ConditionExpression=condition,
                ExpressionAttributeNames=names,
                **({"ExpressionAttributeValues": attr_values} if attr_values else {}),
            )
            return 1
        except ConditionFailed:
            response = await dynamo.call("get_item", TableName=table, Key=key, ConsistentRead=True)
            if "Item" not in response:
                return 0  # deleted meanwhile
            item = response["Item"]
    return 0
