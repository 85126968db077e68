"""What reminders and todos share: conditional creates, reads, pages, optimistic updates."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import date, datetime
from typing import Any, ClassVar, Generic, TypeVar

import structlog
from pydantic import BaseModel, ValidationError

from remo_async.domain.models import Page
from remo_async.domain.rules import epoch
from remo_async.domain.times import Clock, format_time
from remo_async.store.answers import StoredShape
from remo_async.store.attrs import Item, from_attr, from_item, to_item
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import ConditionFailed, Dynamo, contention_pause
from remo_async.store.errors import (
    AlreadyExists,
    Conflict,
    InvalidValue,
    NotFound,
    QuotaExceeded,
)
from remo_async.store.listing import DERIVED_ATTRS, ListQuery, list_spec
from remo_async.store.purge import delete_partition
from remo_async.store.query import LIVE_FILTER, QuerySpec, query_all, read_page
from remo_async.store.quotas import Quota
from remo_async.store.restore import Restored, absent_put

M = TypeVar("M", bound=BaseModel)
log = structlog.get_logger("remo_async.store")

INTERNAL_ATTRS = ("ttl", "due_shard", "version", "followed_by", "fired_by", *DERIVED_ATTRS)
UPDATE_ATTEMPTS = 16

Values = dict[str, Any]
Change = Callable[[Values, datetime], Values]
"""Computes the new item from the current one (plain values) and the time of the write."""
Write = dict[str, Any]
"""One entry of TransactItems: {"Put" | "Update" | "Delete": the operation's arguments}."""

SINGLE_WRITES = {"Put": "put_item", "Update": "update_item", "Delete": "delete_item"}
PENDING = "pending"
CONDITION_FAILED = "ConditionalCheckFailed"


def stored(value: Any) -> Any:
    """A field value as it is stored: times as fixed-width UTC strings, dates as ISO dates."""
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def apply_fields(values: Values, fields: dict[str, Any]) -> None:
    """Sets each field of a partial update; None removes an optional field."""
    for name, value in fields.items():
        if value is None:
            values.pop(name, None)
        else:
            values[name] = stored(value)


def is_live(values: Values, *, now_epoch: int) -> bool:
    """False for an item whose ttl has passed (DynamoDB deletes those days late)."""
    ttl = values.get("ttl")
    return ttl is None or int(ttl) > now_epoch


class RecordRepository(Generic[M]):
    """A table keyed by (user_id, <id_attr>) holding one kind of record."""

    id_attr: str
    model: type[M]
    indexes: ClassVar[Mapping[str, str]] = {}
    """Attribute -> GSI keyed (user_id, attribute), in order of preference."""

    def __init__(
        self, dynamo: Dynamo, *, table: str, cursors: CursorCodec, clock: Clock, quota: Quota
    ) -> None:
        self._dynamo = dynamo
        self.table = table
        self._cursors = cursors
        self._clock = clock
        self.quota = quota

    shape: ClassVar[StoredShape]
    """The model's fields as this release stores them (answers straight from items)."""
    placeholders: ClassVar[Mapping[str, Any]] = {}
    """Values that stand in for a required field a stored item lacks or holds wrongly."""

    def _model(self, values: Values) -> M:
        public = {k: v for k, v in values.items() if k not in INTERNAL_ATTRS}
        return self.model.model_validate(public)

    def _read(self, values: Values) -> M:
        """A stored item as its model, for an answer; never fails on what an older release,
        a restore or a hand left in the table.

        A field the model refuses is dropped when it has a default, else replaced from
        `placeholders` (named in `failure` where the model has one); the item itself is
        left as stored, and `remo-async doctor` names it.
        """
        try:
            return self._model(values)
        except ValidationError as exc:
            public = {k: v for k, v in values.items() if k not in INTERNAL_ATTRS}
            names = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
            for name in names:
                field = self.model.model_fields.get(name)
                if field is None or not field.is_required():
                    public.pop(name, None)
                elif name in self.placeholders:
                    public[name] = self.placeholders[name]
                else:
                    raise
            if "failure" in self.model.model_fields:
                public["failure"] = f"stored item unreadable: {', '.join(names)}"
            log.warning(
                "stored item unreadable; answered mended",
                table=self.table,
                user_id=values.get("user_id"),
                record_id=values.get(self.id_attr),
                fields=names,
            )
            return self.model.model_validate(public)

    def _answer(self, item: Item) -> dict[str, Any]:
        """A stored item as its answer: straight from the item when it is exactly as this
        release writes it (answers.py), else through the model, as _read mends it."""
        answer = self.shape.answer(item)
        if answer is None:
            return self._read(from_item(item)).model_dump(mode="json")
        return answer

    def _key(self, user_id: str, record_id: str) -> Item:
        return {"user_id": {"S": user_id}, self.id_attr: {"S": record_id}}

    def _now_epoch(self) -> int:
        return epoch(self._clock())

    async def _put_new(self, values: Values) -> M:
        put = {
            "TableName": self.table,
            "Item": to_item(values),
            "ConditionExpression": "attribute_not_exists(#id)",
            "ExpressionAttributeNames": {"#id": self.id_attr},
        }
        try:
            await self._write({"Put": put}, user_id=values["user_id"], delta=_pending(values))
        except ConditionFailed:
            raise AlreadyExists(f"{values[self.id_attr]} already exists") from None
        return self._model(values)

    async def _write(self, write: Write, *, user_id: str, delta: int) -> None:
        """Makes one conditional write, moving the user's pending counter by delta with it.

        delta 0 is a plain write; otherwise one TransactWriteItems of the write and the
        counter (botocore's retry of it carries the same ClientRequestToken, so a retry
        after a lost answer is answered as the first attempt was). Raises ConditionFailed
        when the write's own condition failed, QuotaExceeded when an increase would pass
        the limit, Conflict when concurrent transactions kept cancelling it.
        """
        ((kind, arguments),) = write.items()
        if delta == 0:
            await self._dynamo.call(SINGLE_WRITES[kind], **arguments)
            return
        checked = {kind: {**arguments, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}
        items = [checked, self.quota.change(user_id=user_id, delta=delta)]
        for attempt in range(UPDATE_ATTEMPTS):
            try:
                await self._dynamo.call("transact_write_items", TransactItems=items)
                return
            except ConditionFailed as failed:
                own, counter = (*failed.reasons, "None", "None")[:2]
                if own == CONDITION_FAILED:
                    if _own_put_landed(failed, write):
                        return
                    raise
                if counter == CONDITION_FAILED and await self._counter_refused(user_id, delta):
                    continue  # initialised or recounted: try again at once
            await contention_pause(attempt)  # cancelled by a concurrent transaction
        raise Conflict(f"{self.quota.kind} of {user_id} kept changing; try again")

    async def _counter_refused(self, user_id: str, delta: int) -> bool:
        """After the counter's condition failed: True when it was (re)counted, else why not.

        Raises QuotaExceeded for an increase past the limit.
        """
        current = await self.quota.current(user_id=user_id)
        count = functools.partial(self._count_pending, user_id)
        if current is None:
            await self.quota.initialise(user_id=user_id, count=count)
            return True
        if delta > 0 and current + delta > self.quota.limit:
            if await self.quota.resync(user_id=user_id, count=count):
                return True
            raise QuotaExceeded(
                f"at most {self.quota.limit} pending {self.quota.kind} per user",
                kind=self.quota.kind,
                limit=self.quota.limit,
            )
        return False  # it moved meanwhile

    async def _count_pending(self, user_id: str) -> int:
        """The user's live pending records, counted on the table itself (consistent)."""
        request: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "user_id = :uid",
            "FilterExpression": f"#status = :pending AND {LIVE_FILTER}",
            "ExpressionAttributeNames": {"#status": "status", "#ttl": "ttl"},
            "ExpressionAttributeValues": {
                ":uid": {"S": user_id},
                ":pending": {"S": PENDING},
                ":now_epoch": {"N": str(self._now_epoch())},
            },
            "Select": "COUNT",
            "ConsistentRead": True,
        }
        counted = 0
        while True:
            response = await self._dynamo.call("query", **request)
            counted += int(response.get("Count", 0))
            if "LastEvaluatedKey" not in response:
                return counted
            request["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    async def stored_ids(self, *, user_id: str) -> set[str]:
        """The ids of the user's live records."""
        spec = self._spec(user_id, {}, ordered=False)
        items = query_all(self._dynamo, spec, now_epoch=self._now_epoch())
        return {str(item[self.id_attr]["S"]) async for item in items}

    async def pending_room(self, *, user_id: str) -> int:
        """How many more records the user may have pending (the counter initialised if new)."""
        current = await self.quota.current(user_id=user_id)
        if current is None:
            await self.quota.initialise(
                user_id=user_id, count=functools.partial(self._count_pending, user_id)
            )
            current = await self.quota.current(user_id=user_id) or 0
        return self.quota.limit - current

    async def _put_restored(self, values: Values, *, updated_at: datetime) -> Restored:
        """Puts a record as exported, first version, unless a live one has its id."""
        # _finish stamped the write time; a restore keeps the record's own updated_at.
        values["updated_at"] = format_time(updated_at)
        values["version"] = 1
        put = absent_put(
            table=self.table,
            item=to_item(values),
            id_attr=self.id_attr,
            now_epoch=self._now_epoch(),
        )
        try:
            await self._write(put, user_id=values["user_id"], delta=_pending(values))
        except ConditionFailed:
            return Restored.PRESENT
        return Restored.RESTORED

    async def _get_item(self, user_id: str, record_id: str) -> Item | None:
        response = await self._dynamo.call(
            "get_item",
            TableName=self.table,
            Key=self._key(user_id, record_id),
            ConsistentRead=True,
        )
        item: Item | None = response.get("Item")
        if item is None:
            return None
        ttl = item.get("ttl")
        alive = ttl is None or is_live({"ttl": from_attr(ttl)}, now_epoch=self._now_epoch())
        return item if alive else None

    async def _get_values(self, user_id: str, record_id: str) -> Values | None:
        item = await self._get_item(user_id, record_id)
        return None if item is None else from_item(item)

    async def get(self, *, user_id: str, record_id: str) -> M | None:
        """The record, or None when it is not there or has expired."""
        values = await self._get_values(user_id, record_id)
        return None if values is None else self._read(values)

    async def get_or_raise(self, *, user_id: str, record_id: str) -> M:
        """The record, or NotFound."""
        found = await self.get(user_id=user_id, record_id=record_id)
        if found is None:
            raise NotFound(f"{record_id} not found")
        return found

    async def get_answer(self, *, user_id: str, record_id: str) -> dict[str, Any]:
        """The record as its answer (the model's JSON form), or NotFound."""
        item = await self._get_item(user_id, record_id)
        if item is None:
            raise NotFound(f"{record_id} not found")
        return self._answer(item)

    def _spec(self, user_id: str, filters: Mapping[str, str | None], *, ordered: bool) -> QuerySpec:
        """A query of the user's records whose attributes equal the given values.

        GSIs do not keep items with equal keys in creation order, so ordered reads use
        the table itself with a filter; unordered reads use the best GSI.
        """
        names = {"#uid": "user_id"}
        values: Item = {":uid": {"S": user_id}}
        conditions = {}
        for i, (attr, value) in enumerate((a, v) for a, v in filters.items() if v is not None):
            names[f"#f{i}"] = attr
            values[f":f{i}"] = {"S": value}
            conditions[attr] = f"#f{i} = :f{i}"
        key_attrs: tuple[str, ...] = ("user_id", self.id_attr)
        key_condition, index = "#uid = :uid", None
        indexed = None if ordered else next((a for a in self.indexes if a in conditions), None)
        if indexed is not None:
            index = self.indexes[indexed]
            key_condition += f" AND {conditions.pop(indexed)}"
            key_attrs += (indexed,)
        return QuerySpec(
            table=self.table,
            index=index,
            key_condition=key_condition,
            filter=" AND ".join(conditions.values()) or None,
            names=names,
            values=values,
            key_attrs=key_attrs,
        )

    async def _list_items(
        self, *, user_id: str, query: ListQuery, limit: int, cursor: str | None
    ) -> tuple[list[Item], str | None]:
        if query.empty():  # DynamoDB refuses BETWEEN a higher and a lower bound
            return [], None
        spec = list_spec(self.table, user_id=user_id, id_attr=self.id_attr, query=query)
        kind = self.id_attr.removesuffix("_id") + "s"
        return await read_page(
            self._dynamo,
            spec,
            cursors=self._cursors,
            user_id=user_id,
            list_id=query.list_id(kind),
            limit=limit,
            cursor=cursor,
            now_epoch=self._now_epoch(),
        )

    async def list(
        self,
        *,
        user_id: str,
        query: ListQuery | None = None,
        status: str | None = None,
        priority: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page[M]:
        """One page of the user's records as `query` asks (listing.py: which GSI serves it);
        `status` and `priority` narrow it further. Oldest created first unless it orders.

        The cursor is bound to the user and to this very query: any other is InvalidCursor.
        """
        query = query or ListQuery()
        if status is not None:
            query = dataclasses.replace(query, statuses=(str(status),))
        if priority is not None:
            query = dataclasses.replace(query, priority=str(priority))
        items, next_cursor = await self._list_items(
            user_id=user_id, query=query, limit=limit, cursor=cursor
        )
        return Page[M](items=[self._read(from_item(i)) for i in items], next_cursor=next_cursor)

    async def list_answer(
        self, *, user_id: str, query: ListQuery, limit: int = 50, cursor: str | None = None
    ) -> dict[str, Any]:
        """The page list() reads, as its answer: {"items": [record JSON], "next_cursor"}."""
        items, next_cursor = await self._list_items(
            user_id=user_id, query=query, limit=limit, cursor=cursor
        )
        return {"items": [self._answer(i) for i in items], "next_cursor": next_cursor}

    async def _iterate(self, spec: QuerySpec) -> AsyncIterator[M]:
        async for item in query_all(self._dynamo, spec, now_epoch=self._now_epoch()):
            yield self._read(from_item(item))

    async def _change(self, *, user_id: str, record_id: str, change: Change) -> M:
        """Applies change to the freshest copy; a concurrent writer makes it re-read and retry."""
        for attempt in range(UPDATE_ATTEMPTS):
            current = await self._get_values(user_id, record_id)
            if current is None:
                raise NotFound(f"{record_id} not found")
            values = change(dict(current), self._clock())
            values["version"] = int(current.get("version", 0)) + 1
            try:  # before the write: an answer that fails must not follow a write
                changed = self._model(values)
            except ValidationError as exc:
                fields = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
                raise InvalidValue(
                    f"the stored item is damaged in {', '.join(fields)}; set them in this change",
                    field=fields[0] if fields else None,
                ) from None
            put = {"TableName": self.table, "Item": to_item(values), **_same_version(current)}
            delta = _pending(values) - _pending(current)
            try:
                await self._write({"Put": put}, user_id=user_id, delta=delta)
            except ConditionFailed:
                await contention_pause(attempt)
                continue
            return changed
        raise Conflict(f"{record_id} kept changing; try again")

    async def delete(self, *, user_id: str, record_id: str) -> bool:
        """Deletes the record; True when a live one was there. Deleting twice is fine.

        The copy read tells whether a pending one leaves the counter; deleting exactly
        that version keeps the two in step (a concurrent change makes it read again).
        """
        key = self._key(user_id, record_id)
        for attempt in range(UPDATE_ATTEMPTS):
            current = await self._get_values(user_id, record_id)
            if current is None:
                # Absent, or expired (TTL deletes it days late): gone without a count.
                await self._dynamo.call("delete_item", TableName=self.table, Key=key)
                return False
            delete = {"TableName": self.table, "Key": key, **_same_version(current)}
            try:
                await self._write({"Delete": delete}, user_id=user_id, delta=-_pending(current))
            except ConditionFailed:
                await contention_pause(attempt)
                continue
            return True
        raise Conflict(f"{record_id} kept changing; try again")

    async def delete_all(self, *, user_id: str) -> int:
        """Deletes every record of the user; returns how many there were.

        The counter goes after the records: the next counted write counts afresh, which
        also counts whatever a concurrent create added meanwhile.
        """
        deleted = await delete_partition(
            self._dynamo, table=self.table, key_attrs=("user_id", self.id_attr), user_id=user_id
        )
        await self.quota.remove(user_id=user_id)
        return deleted


def _own_put_landed(failed: ConditionFailed, write: Write) -> bool:
    """A transaction botocore resent failed its put's condition on exactly the item it puts.

    Its first attempt was written and the answer lost. DynamoDB answers such a resend as
    the first attempt was (the same ClientRequestToken); this is for a backend that does
    not (moto), as dynamo.py does for a plain put.
    """
    response = getattr(failed.__cause__, "response", None)
    if "Put" not in write or not isinstance(response, dict):
        return False
    if int(response.get("ResponseMetadata", {}).get("RetryAttempts", 0)) == 0:
        return False
    reasons = response.get("CancellationReasons") or [{}]
    return bool(reasons[0].get("Item") == write["Put"]["Item"])


def _pending(values: Values) -> int:
    """1 when the record counts against the limit (it is pending), else 0."""
    return int(values.get("status") == PENDING)


def _same_version(current: Values) -> dict[str, Any]:
    """The condition that the item is still the version read (records before versions: none)."""
    version = current.get("version")
    if version is None:
        return {
            "ConditionExpression": "attribute_exists(#id) AND attribute_not_exists(#v)",
            "ExpressionAttributeNames": {"#id": "user_id", "#v": "version"},
        }
    return {
        "ConditionExpression": "#v = :v",
        "ExpressionAttributeNames": {"#v": "version"},
        "ExpressionAttributeValues": {":v": {"N": str(version)}},
    }
