"""Feeds this replica's event hub from the reminders table's DynamoDB Stream.

Every replica reads every shard: it starts at LATEST on the shards open when it starts
(older fires are not news), and reads shards that appear later (children of a split)
from TRIM_HORIZON, so nothing written after the start is missed. AWS advises at most two
readers per shard; past two replicas, see the README (Kinesis Data Streams for DynamoDB
or a broker).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

import structlog
from botocore.exceptions import BotoCoreError, ClientError
from pydantic import ValidationError

from remo_async.dispatch.events import EventHub
from remo_async.domain import Reminder, ReminderStatus
from remo_async.metrics import Metrics
from remo_async.settings import Settings
from remo_async.store import Store, StoreError
from remo_async.store.attrs import from_item
from remo_async.store.dynamo import open_client

log = structlog.get_logger("remo_async.streams")

FIRED = ReminderStatus.FIRED.value
SHARD_REFRESH = 10.0
MAX_BACKOFF = 30.0
RECORDS_PER_READ = 1000


class StreamUnavailable(Exception):
    """The stream cannot be read now; the reader backs off and tries again."""


class _Expired(Exception):
    """A shard iterator is too old: unused for 15 minutes."""


class _Trimmed(Exception):
    """The records an iterator points at are gone (kept 24 h), or never were.

    DynamoDB Local numbers records across all its streams, so an iterator taken on an
    empty shard points at a number the shard never gets, and reads as trimmed.
    """


class _Gone(Exception):
    """The stream or shard no longer exists (the table was remade, or the shard trimmed)."""


def open_streams_client(settings: Settings) -> AbstractAsyncContextManager[Any]:
    """The process's one DynamoDB Streams client (enter it once)."""
    return open_client(settings, service="dynamodbstreams")


def stream_finder(store: Store) -> Callable[[], Awaitable[str | None]]:
    """Finds the ARN of the reminders table's enabled stream (None when it has none)."""

    async def find() -> str | None:
        try:
            answer = await store.dynamo.call("describe_table", TableName=store.reminders.table)
        except StoreError as exc:
            raise StreamUnavailable(str(exc)) from exc
        table = answer["Table"]
        if not table.get("StreamSpecification", {}).get("StreamEnabled"):
            return None
        arn = table.get("LatestStreamArn")
        return arn if isinstance(arn, str) else None

    return find


def fired_reminder(record: dict[str, Any]) -> Reminder | None:
    """The reminder of a record whose status became fired, else None."""
    if record.get("eventName") != "MODIFY":
        return None  # an insert (an import) is not a fire, nor is a removal
    change = record.get("dynamodb", {})
    old, new = change.get("OldImage") or {}, change.get("NewImage") or {}
    if _status(old) == FIRED or _status(new) != FIRED:
        return None
    try:
        return Reminder.model_validate(from_item(new))
    except (ValidationError, TypeError) as exc:
        log.warning("unreadable fired reminder in the stream", error=str(exc))
        return None


def _status(image: dict[str, Any]) -> str | None:
    value = image.get("status", {}).get("S")
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class _Shard:
    shard_id: str
    start: str
    """Where to start again when no record has been read: LATEST or TRIM_HORIZON."""
    iterator: str | None = None
    last_sequence: str | None = None


class StreamReader:
    """Polls every shard of the stream and publishes each fire it sees to the hub."""

    def __init__(
        self,
        client: Any,
        *,
        find_stream: Callable[[], Awaitable[str | None]],
        hub: EventHub,
        metrics: Metrics,
        poll_interval: float,
        refresh_interval: float = SHARD_REFRESH,
    ) -> None:
        self._client = client
        self._find_stream = find_stream
        self._hub = hub
        self._metrics = metrics
        self._poll_interval = poll_interval
        self._refresh_interval = refresh_interval
        self._arn: str | None = None
        self._shards: dict[str, _Shard] = {}
        self._known: set[str] = set()
        self._refresh_at = 0.0
        self.ready = asyncio.Event()
        """Set once every shard open at start has been read: later fires will be seen."""

    async def run(self) -> None:
        """Reads until cancelled; backs off while the stream cannot be read."""
        delay = self._poll_interval
        while True:
            try:
                await self.poll_once()
                delay = self._poll_interval
            except _Gone:
                self._metrics.stream_errors.labels("gone").inc()
                log.warning("the reminders stream is gone; finding it again")
                self._forget()
            except Exception as exc:  # the reader must outlive any one bad answer
                kind = "unavailable" if isinstance(exc, StreamUnavailable) else "error"
                self._metrics.stream_errors.labels(kind).inc()
                delay = min(max(delay, self._poll_interval) * 2, MAX_BACKOFF)
                log.warning("stream read failed", error=str(exc), kind=kind, retry_in=delay)
            await asyncio.sleep(delay)

    async def poll_once(self) -> None:
        """Finds the stream or new shards when due, then reads each shard once."""
        if self._arn is None:
            await self._start()
        elif time.monotonic() >= self._refresh_at:
            await self._refresh()
        await asyncio.gather(*(self._read(shard) for shard in list(self._shards.values())))
        self.ready.set()

    def _forget(self) -> None:
        self._arn = None
        self._shards.clear()
        self._known.clear()

    async def _start(self) -> None:
        arn = await self._find_stream()
        if not arn:
            raise StreamUnavailable("the reminders table has no stream; run `remo-async migrate`")
        listed = await self._list_shards(arn)
        self._arn = arn  # only now: a half-done start must not read old shards as new
        for shard in listed:
            shard_id = shard["ShardId"]
            self._known.add(shard_id)
            if "EndingSequenceNumber" not in shard.get("SequenceNumberRange", {}):
                self._shards[shard_id] = _Shard(shard_id, start="LATEST")
        self._refresh_at = time.monotonic() + self._refresh_interval
        log.info("reading the reminders stream", stream=arn, shards=len(self._shards))

    async def _refresh(self) -> None:
        assert self._arn is not None
        listed = await self._list_shards(self._arn)
        for shard in listed:
            shard_id = shard["ShardId"]
            if shard_id not in self._known:
                # A child of a split: everything in it was written after we started.
                self._known.add(shard_id)
                self._shards[shard_id] = _Shard(shard_id, start="TRIM_HORIZON")
        # Shards trimmed from the stream (after 24 h) can be forgotten.
        self._known &= {shard["ShardId"] for shard in listed} | set(self._shards)
        self._refresh_at = time.monotonic() + self._refresh_interval

    async def _list_shards(self, arn: str) -> list[dict[str, Any]]:
        shards: list[dict[str, Any]] = []
        after: str | None = None
        while True:
            extra = {"ExclusiveStartShardId": after} if after else {}
            answer = await self._call("describe_stream", StreamArn=arn, **extra)
            description = answer["StreamDescription"]
            shards += description.get("Shards", [])
            after = description.get("LastEvaluatedShardId")
            if not after:
                return shards

    async def _read(self, shard: _Shard) -> None:
        try:
            if shard.iterator is None:
                shard.iterator = await self._iterator(shard)
            answer = await self._call(
                "get_records", ShardIterator=shard.iterator, Limit=RECORDS_PER_READ
            )
        except _Expired:
            self._metrics.stream_errors.labels("expired_iterator").inc()
            shard.iterator = None  # a fresh one next poll, after the last record read
            return
        except _Trimmed:
            # Everything still in the shard is newer than where we were: read it all.
            self._metrics.stream_errors.labels("trimmed").inc()
            shard.iterator, shard.last_sequence, shard.start = None, None, "TRIM_HORIZON"
            return
        except _Gone:
            self._shards.pop(shard.shard_id, None)
            return
        for record in answer.get("Records", []):
            shard.last_sequence = record.get("dynamodb", {}).get("SequenceNumber")
            reminder = fired_reminder(record)
            if reminder is not None:
                self._hub.publish(reminder, source="stream")
        shard.iterator = answer.get("NextShardIterator")
        if shard.iterator is None:
            # Closed and read to its end: its children are listed now, so look at once.
            self._shards.pop(shard.shard_id, None)
            self._refresh_at = 0.0

    async def _iterator(self, shard: _Shard) -> str:
        where: dict[str, str] = {"ShardIteratorType": shard.start}
        if shard.last_sequence is not None:
            where = {
                "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                "SequenceNumber": shard.last_sequence,
            }
        try:
            answer = await self._call(
                "get_shard_iterator", StreamArn=self._arn, ShardId=shard.shard_id, **where
            )
        except _Trimmed:
            # The records after the last one read were trimmed: read what is left.
            answer = await self._call(
                "get_shard_iterator",
                StreamArn=self._arn,
                ShardId=shard.shard_id,
                ShardIteratorType="TRIM_HORIZON",
            )
        iterator: str = answer["ShardIterator"]
        return iterator

    async def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        try:
            answer: dict[str, Any] = await getattr(self._client, operation)(**kwargs)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code == "ExpiredIteratorException":
                raise _Expired(code) from exc
            if code == "TrimmedDataAccessException":
                raise _Trimmed(code) from exc
            if code == "ResourceNotFoundException":
                raise _Gone(code) from exc
            raise StreamUnavailable(f"DynamoDB Streams refused {operation}: {code}") from exc
        except (BotoCoreError, TimeoutError, OSError) as exc:
            raise StreamUnavailable(f"DynamoDB Streams is unreachable: {exc}") from exc
        return answer
