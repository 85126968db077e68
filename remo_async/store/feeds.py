"""The calendar_feeds table: each user's secret feed address, stored only as a SHA-256 hash.

Two items per feed, written together in one transaction: `user#<user_id>` holds the hash
of the user's current secret, `secret#<hex hash>` names the user it opens. Rotating
replaces both (the old secret stops working in the same write); revoking deletes both.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from typing import Any

from remo_async.domain.times import Clock, format_time
from remo_async.store.dynamo import ConditionFailed, Dynamo, contention_pause
from remo_async.store.errors import Conflict

SECRET_BYTES = 32
"""256 random bits per secret (RFC 4086 section 8: far past any guessing)."""
SECRET_FORM = re.compile(r"^[A-Za-z0-9_-]{43}$")
"""A secret's text: 32 bytes in unpadded base64url (RFC 4648 section 5), 43 characters."""
WRITE_ATTEMPTS = 8


def new_secret() -> str:
    """A fresh secret: 256 random bits, base64url without padding."""
    return base64.urlsafe_b64encode(secrets.token_bytes(SECRET_BYTES)).rstrip(b"=").decode()


def secret_hash(secret: str) -> str:
    """The hex SHA-256 of a secret: what is stored in its place."""
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarFeedRepository:
    """Creates, rotates, revokes and resolves calendar feed secrets."""

    def __init__(self, dynamo: Dynamo, *, table: str, clock: Clock) -> None:
        self._dynamo = dynamo
        self.table = table
        self._clock = clock

    async def _current_hash(self, user_id: str) -> str | None:
        response = await self._dynamo.call(
            "get_item",
            TableName=self.table,
            Key={"feed_key": {"S": f"user#{user_id}"}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        return None if item is None else str(item["secret_hash"]["S"])

    def _user_guard(self, user_id: str, old: str | None) -> dict[str, Any]:
        """The condition that the user's item still holds `old` (or is absent)."""
        if old is None:
            return {"ConditionExpression": "attribute_not_exists(feed_key)"}
        return {
            "ConditionExpression": "secret_hash = :old",
            "ExpressionAttributeValues": {":old": {"S": old}},
        }

    async def rotate(self, *, user_id: str) -> str:
        """A new secret for the user; any earlier one stops working in the same write.

        Raises Conflict when concurrent rotations kept racing (rare: retried first).
        """
        now = format_time(self._clock())
        for attempt in range(WRITE_ATTEMPTS):
            old = await self._current_hash(user_id)
            secret = new_secret()
            digest = secret_hash(secret)
            items: list[dict[str, Any]] = [
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": {
                            "feed_key": {"S": f"user#{user_id}"},
                            "secret_hash": {"S": digest},
                            "created_at": {"S": now},
                        },
                        **self._user_guard(user_id, old),
                    }
                },
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": {
                            "feed_key": {"S": f"secret#{digest}"},
                            "user_id": {"S": user_id},
                            "created_at": {"S": now},
                        },
                        "ConditionExpression": "attribute_not_exists(feed_key)",
                    }
                },
            ]
            if old is not None:
                items.append(
                    {
                        "Delete": {
                            "TableName": self.table,
                            "Key": {"feed_key": {"S": f"secret#{old}"}},
                        }
                    }
                )
            try:
                await self._dynamo.call("transact_write_items", TransactItems=items)
            except ConditionFailed:
                await contention_pause(attempt)
                continue
            return secret
        raise Conflict("the calendar feed kept changing; try again")

    async def revoke(self, *, user_id: str) -> bool:
        """Deletes the user's feed address; True when there was one."""
        for attempt in range(WRITE_ATTEMPTS):
            old = await self._current_hash(user_id)
            if old is None:
                return False
            user_key = {"feed_key": {"S": f"user#{user_id}"}}
            items = [
                {
                    "Delete": {
                        "TableName": self.table,
                        "Key": user_key,
                        **self._user_guard(user_id, old),
                    }
                },
                {"Delete": {"TableName": self.table, "Key": {"feed_key": {"S": f"secret#{old}"}}}},
            ]
            try:
                await self._dynamo.call("transact_write_items", TransactItems=items)
            except ConditionFailed:
                await contention_pause(attempt)
                continue
            return True
        raise Conflict("the calendar feed kept changing; try again")

    async def user_for(self, secret: str) -> str | None:
        """The user a secret opens; None when it is malformed, unknown or revoked."""
        if not SECRET_FORM.match(secret):
            return None
        response = await self._dynamo.call(
            "get_item",
            TableName=self.table,
            Key={"feed_key": {"S": f"secret#{secret_hash(secret)}"}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        return None if item is None else str(item["user_id"]["S"])
