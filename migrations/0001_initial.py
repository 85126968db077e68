"""The tables of DESIGN.md: reminders, todos, users and conversations."""

from remo_async.store.schema import Index, Key, Table

VERSION = 1
DESCRIPTION = "reminders, todos, users and conversations, with their indexes, TTL and stream"

TABLES = (
    Table(
        name="reminders",
        hash=Key("user_id"),
        range=Key("reminder_id"),
        indexes=(
            Index("status-index", hash=Key("user_id"), range=Key("status")),
            # Sparse: only pending reminders carry due_shard. Sharded so no single
            # partition key takes every write (~1,000 writes/s per partition).
            Index("due-index", hash=Key("due_shard"), range=Key("reminding_time")),
        ),
        ttl_attribute="ttl",
        stream="NEW_AND_OLD_IMAGES",
    ),
    Table(
        name="todos",
        hash=Key("user_id"),
        range=Key("todo_id"),
        indexes=(
            Index("status-index", hash=Key("user_id"), range=Key("status")),
            Index("priority-index", hash=Key("user_id"), range=Key("priority")),
        ),
        ttl_attribute="ttl",
    ),
    Table(name="users", hash=Key("privy_id")),
    Table(
        name="conversations",
        hash=Key("user_id"),
        range=Key("timestamp"),
        ttl_attribute="ttl",
    ),
)
