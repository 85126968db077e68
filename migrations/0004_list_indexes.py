"""GSIs for the lists a client can use (order by due time or priority, one status, ranges).

Each GSI is keyed on attributes every write sets (store/listing.py); `backfill` sets them
on the items written before this migration. Only GSIs: DynamoDB cannot add an LSI to an
existing table.
"""

from collections.abc import Callable

from remo_async.settings import Settings
from remo_async.store.backfill import backfill_derived
from remo_async.store.dynamo import Dynamo
from remo_async.store.schema import Index, Key, Table

VERSION = 4
DESCRIPTION = "list GSIs of reminders and todos (due order, priority order, one status)"

_USER, _USER_STATUS = Key("user_id"), Key("user_status")
_DUE, _PRIORITY = Key("due_key"), Key("priority_key")

TABLES = (
    Table(
        name="reminders",
        hash=Key("user_id"),
        range=Key("reminder_id"),
        indexes=(
            Index("status-index", hash=_USER, range=Key("status")),
            Index("due-index", hash=Key("due_shard"), range=Key("reminding_time")),
            Index("user-due-index", hash=_USER, range=_DUE),
            Index("status-created-index", hash=_USER_STATUS, range=Key("reminder_id")),
            Index("status-due-index", hash=_USER_STATUS, range=_DUE),
        ),
        ttl_attribute="ttl",
        stream="NEW_AND_OLD_IMAGES",
    ),
    Table(
        name="todos",
        hash=Key("user_id"),
        range=Key("todo_id"),
        indexes=(
            Index("status-index", hash=_USER, range=Key("status")),
            Index("priority-index", hash=_USER, range=Key("priority")),
            Index("user-due-index", hash=_USER, range=_DUE),
            Index("user-priority-index", hash=_USER, range=_PRIORITY),
            Index("status-created-index", hash=_USER_STATUS, range=Key("todo_id")),
            Index("status-due-index", hash=_USER_STATUS, range=_DUE),
            Index("status-priority-index", hash=_USER_STATUS, range=_PRIORITY),
        ),
        ttl_attribute="ttl",
    ),
)


async def backfill(dynamo: Dynamo, settings: Settings, say: Callable[[str], None]) -> None:
    """Sets user_status, due_key, priority_key, q_title and q_text on existing items."""
    for table, id_attr, time_attr in (
        ("reminders", "reminder_id", "reminding_time"),
        ("todos", "todo_id", "due_date"),
    ):
        await backfill_derived(
            dynamo,
            table=settings.table_name(table),
            id_attr=id_attr,
            time_attr=time_attr,
            say=say,
        )
