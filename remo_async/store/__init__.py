"""The data layer: DynamoDB only."""

from remo_async.store.errors import (
    AlreadyExists,
    Conflict,
    InvalidCursor,
    InvalidValue,
    NotFound,
    QuotaExceeded,
    StoreError,
    StoreUnavailable,
)
from remo_async.store.service import ConversationMemoryManager, DynamoDBService
from remo_async.store.store import Store

__all__ = [
    "AlreadyExists",
    "Conflict",
    "ConversationMemoryManager",
    "DynamoDBService",
    "InvalidCursor",
    "InvalidValue",
    "NotFound",
    "QuotaExceeded",
    "Store",
    "StoreError",
    "StoreUnavailable",
]
