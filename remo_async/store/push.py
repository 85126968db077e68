"""Web Push subscriptions: listed per user (push_subscriptions), owned by one user per endpoint.

push_endpoints holds each endpoint's owner. Subscribing reads it and writes it with the
subscriptions in one transaction, conditioned on the owner it read: an endpoint moved
from one user to another leaves the first user's list in the same write, and two users
racing for one endpoint cannot both keep it.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

from remo_async.domain.times import Clock, format_time
from remo_async.push.models import PushKeys, PushSubscription, PushSubscriptionIn, subscription_id
from remo_async.store.attrs import Item, from_item, to_item
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import ConditionFailed, Dynamo, contention_pause
from remo_async.store.errors import Conflict, QuotaExceeded
from remo_async.store.query import QuerySpec, query_all, read_page
from remo_async.store.restore import Restored

WRITE_ATTEMPTS = 8
LIST_ID = "push_subscriptions"
PER_USER = 20
"""Subscriptions one user may hold (REMO_MAX_PUSH_SUBSCRIPTIONS): one per browser or
device they use; each fire of theirs is pushed to every one."""


class PushSubscriptionRepository:
    """Subscribe, list, read and delete one user's push subscriptions."""

    def __init__(
        self,
        dynamo: Dynamo,
        *,
        table: str,
        endpoints_table: str,
        cursors: CursorCodec,
        clock: Clock,
        limit: int = PER_USER,
    ) -> None:
        self._dynamo = dynamo
        self.limit = limit
        self.table = table
        self.endpoints_table = endpoints_table
        self._cursors = cursors
        self._clock = clock

    def _key(self, user_id: str, sid: str) -> Item:
        return {"user_id": {"S": user_id}, "subscription_id": {"S": sid}}

    async def _owner(self, sid: str) -> str | None:
        response = await self._dynamo.call(
            "get_item",
            TableName=self.endpoints_table,
            Key={"subscription_id": {"S": sid}},
            ConsistentRead=True,
        )
        item = response.get("Item")
        return None if item is None else str(item["user_id"]["S"])

    async def get(self, *, user_id: str, subscription_id: str) -> PushSubscription | None:
        """The user's subscription, or None."""
        response = await self._dynamo.call(
            "get_item",
            TableName=self.table,
            Key=self._key(user_id, subscription_id),
            ConsistentRead=True,
        )
        item = response.get("Item")
        return None if item is None else _subscription(item)

    async def subscribe(
        self, *, user_id: str, data: PushSubscriptionIn
    ) -> tuple[PushSubscription, bool]:
        """Stores the subscription; True when it is new to this user.

        The same endpoint again updates its keys and expiration (created_at kept); an
        endpoint another user had moves to this one. Raises QuotaExceeded when the
        subscription is new to a user who already holds `limit` (checked before the write:
        concurrent subscribes may pass it by a few; the sender pushes to `limit` at most),
        Conflict when writers kept racing.
        """
        sid = subscription_id(data.endpoint)
        for attempt in range(WRITE_ATTEMPTS):
            owner = await self._owner(sid)
            if owner != user_id and await self._holds(user_id) >= self.limit:
                raise QuotaExceeded(
                    f"at most {self.limit} push subscriptions per user; delete one first",
                    kind="push subscriptions",
                    limit=self.limit,
                )
            current = (
                None if owner != user_id else await self.get(user_id=user_id, subscription_id=sid)
            )
            now = self._clock()
            subscription = PushSubscription(
                subscription_id=sid,
                user_id=user_id,
                endpoint=data.endpoint,
                keys=data.keys,
                expiration_time=data.expiration_time,
                created_at=now if current is None else current.created_at,
                updated_at=now,
            )
            try:
                await self._claim(subscription, owner=owner)
            except ConditionFailed:
                await contention_pause(attempt)
                continue
            return subscription, current is None
        raise Conflict("the subscription kept changing; try again")

    async def _claim(self, subscription: PushSubscription, *, owner: str | None) -> None:
        """One transaction: the endpoint's owner becomes the user (if still `owner`), the
        subscription is written, and the former owner's copy is deleted."""
        sid, user_id = subscription.subscription_id, subscription.user_id
        pointer: dict[str, Any] = {
            "TableName": self.endpoints_table,
            "Item": {"subscription_id": {"S": sid}, "user_id": {"S": user_id}},
        }
        if owner is None:
            pointer["ConditionExpression"] = "attribute_not_exists(subscription_id)"
        else:
            pointer["ConditionExpression"] = "user_id = :owner"
            pointer["ExpressionAttributeValues"] = {":owner": {"S": owner}}
        items: list[dict[str, Any]] = [
            {"Put": pointer},
            {"Put": {"TableName": self.table, "Item": _item(subscription)}},
        ]
        if owner is not None and owner != user_id:
            items.append({"Delete": {"TableName": self.table, "Key": self._key(owner, sid)}})
        await self._dynamo.call("transact_write_items", TransactItems=items)

    def _spec(self, user_id: str) -> QuerySpec:
        return QuerySpec(
            table=self.table,
            key_condition="#uid = :uid",
            names={"#uid": "user_id"},
            values={":uid": {"S": user_id}},
            key_attrs=("user_id", "subscription_id"),
        )

    def _now_epoch(self) -> int:
        return int(self._clock().timestamp())

    async def _holds(self, user_id: str) -> int:
        """How many live subscriptions the user has, counted up to `limit`."""
        held = 0
        spec = dataclasses.replace(self._spec(user_id), projection="subscription_id")
        async for _ in query_all(self._dynamo, spec, now_epoch=self._now_epoch()):
            held += 1
            if held >= self.limit:
                break
        return held

    async def page(
        self, *, user_id: str, limit: int, cursor: str | None
    ) -> tuple[list[PushSubscription], str | None]:
        """One page of the user's subscriptions and the cursor of the next (None at the end)."""
        items, next_cursor = await read_page(
            self._dynamo,
            self._spec(user_id),
            cursors=self._cursors,
            user_id=user_id,
            list_id=LIST_ID,
            limit=limit,
            cursor=cursor,
            now_epoch=self._now_epoch(),
        )
        return [_subscription(item) for item in items], next_cursor

    async def iterate(self, *, user_id: str) -> AsyncIterator[PushSubscription]:
        """Every subscription of the user."""
        async for item in query_all(self._dynamo, self._spec(user_id), now_epoch=self._now_epoch()):
            yield _subscription(item)

    async def delete(
        self, *, user_id: str, subscription_id: str, p256dh: str | None = None
    ) -> bool:
        """Deletes the user's subscription; True when it was there.

        With p256dh, only while the subscription still has that key: a push service's
        404 or 410 for old keys does not delete the browser's fresh subscription.
        """
        condition: dict[str, Any] = {}
        if p256dh is not None:
            condition = {
                "ConditionExpression": "p256dh = :key",
                "ExpressionAttributeValues": {":key": {"S": p256dh}},
            }
        try:
            response = await self._dynamo.call(
                "delete_item",
                TableName=self.table,
                Key=self._key(user_id, subscription_id),
                ReturnValues="ALL_OLD",
                **condition,
            )
        except ConditionFailed:
            return False
        # The endpoint is free again, unless it has moved to someone else meanwhile.
        with contextlib.suppress(ConditionFailed):
            await self._dynamo.call(
                "delete_item",
                TableName=self.endpoints_table,
                Key={"subscription_id": {"S": subscription_id}},
                ConditionExpression="user_id = :uid",
                ExpressionAttributeValues={":uid": {"S": user_id}},
            )
        return "Attributes" in response

    async def delete_all(self, *, user_id: str) -> int:
        """Deletes every subscription of the user; returns how many there were."""
        ids = [s.subscription_id async for s in self.iterate(user_id=user_id)]
        deleted = 0
        for sid in ids:
            deleted += await self.delete(user_id=user_id, subscription_id=sid)
        return deleted

    async def restore(self, *, subscription: PushSubscription) -> Restored:
        """Writes an exported subscription unless its endpoint has an owner (anyone) already."""
        sid = subscription_id(subscription.endpoint)
        restored = subscription.model_copy(update={"subscription_id": sid})
        items = [
            {
                "Put": {
                    "TableName": self.endpoints_table,
                    "Item": {"subscription_id": {"S": sid}, "user_id": {"S": restored.user_id}},
                    "ConditionExpression": "attribute_not_exists(subscription_id)",
                }
            },
            {
                "Put": {
                    "TableName": self.table,
                    "Item": _item(restored),
                    "ConditionExpression": "attribute_not_exists(subscription_id)",
                }
            },
        ]
        try:
            await self._dynamo.call("transact_write_items", TransactItems=items)
        except ConditionFailed:
            return Restored.PRESENT
        return Restored.RESTORED


def _item(subscription: PushSubscription) -> Item:
    return to_item(
        {
            "user_id": subscription.user_id,
            "subscription_id": subscription.subscription_id,
            "endpoint": subscription.endpoint,
            "p256dh": subscription.keys.p256dh,
            "auth": subscription.keys.auth,
            "expiration_time": subscription.expiration_time,
            "created_at": format_time(subscription.created_at),
            "updated_at": format_time(subscription.updated_at),
        }
    )


def _subscription(item: Item) -> PushSubscription:
    values = from_item(item)
    keys = PushKeys.model_construct(p256dh=values.pop("p256dh"), auth=values.pop("auth"))
    return PushSubscription.model_validate({**values, "keys": keys})
