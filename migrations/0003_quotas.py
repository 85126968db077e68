"""The quotas table: per user and kind, how many reminders or todos are pending."""

from remo_async.store.schema import Key, Table

VERSION = 3
DESCRIPTION = "per-user counters of pending reminders and todos (the limits per user)"

TABLES = (Table(name="quotas", hash=Key("user_id"), range=Key("kind")),)
