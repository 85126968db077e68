"""Damaged data as an older release, a restore or a hand would leave it in the table."""

from __future__ import annotations

from typing import Any

from remo_async.domain.rules import due_shard, new_reminder_id
from remo_async.store import Store
from remo_async.store.attrs import from_item, to_item


async def plant_copy(
    store: Store, *, user_id: str, reminder_id: str, changes: dict[str, Any]
) -> str:
    """Writes a copy of a stored reminder under a new id, in the due-index, changed.

    Each change sets an attribute to its value, or removes it when the value is None;
    returns the copy's id. The write goes straight to the table, past every check.
    """
    key = {"user_id": {"S": user_id}, "reminder_id": {"S": reminder_id}}
    response = await store.dynamo.call("get_item", TableName=store.reminders.table, Key=key)
    values = from_item(response["Item"])
    values["reminder_id"] = new_reminder_id()
    values["due_shard"] = due_shard(values["reminder_id"], store.settings.dispatch_shards)
    for name, value in changes.items():
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
    await store.dynamo.call("put_item", TableName=store.reminders.table, Item=to_item(values))
    return str(values["reminder_id"])
