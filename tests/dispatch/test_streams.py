"""The stream reader's bookkeeping over a stand-in for DynamoDB Streams.

Splits, expired iterators and trimmed shards cannot be caused at will on DynamoDB Local,
so this stand-in plays them; tests/dispatch/test_events.py runs the reader for real.
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from remo_async.dispatch.events import EventHub
from remo_async.dispatch.streams import StreamReader, StreamUnavailable, fired_reminder
from remo_async.domain import Reminder
from remo_async.metrics import Metrics
from remo_async.store.attrs import to_item
from tests.sse import sample

ARN = "arn:aws:dynamodb:local:0:table/t-reminders/stream/1"


def _image(reminder_id: str, status: str) -> dict[str, Any]:
    at = "2026-11-25T09:00:00Z"
    values = {
        "user_id": "did:privy:alice",
        "reminder_id": reminder_id,
        "title": "t",
        "reminding_time": at,
        "status": status,
        "created_at": at,
        "updated_at": at,
        "fired_at": at if status == "fired" else None,
        "due_shard": "3" if status == "pending" else None,
        "ttl": 1800000000,
    }
    return to_item(values)


def _record(reminder_id: str, old: str | None, new: str | None) -> dict[str, Any]:
    name = "MODIFY" if old and new else ("INSERT" if new else "REMOVE")
    change: dict[str, Any] = {}
    if old:
        change["OldImage"] = _image(reminder_id, old)
    if new:
        change["NewImage"] = _image(reminder_id, new)
    return {"eventName": name, "dynamodb": change}


@pytest.mark.parametrize(
    ("old", "new", "fires"),
    [
        ("pending", "fired", True),
        ("fired", "fired", False),  # a fired reminder edited
        ("fired", "done", False),
        ("pending", "pending", False),
        (None, "fired", False),  # an import, not a fire
        ("fired", None, False),
    ],
)
def test_only_a_change_to_fired_is_a_fire(old: str | None, new: str | None, fires: bool) -> None:
    reminder = fired_reminder(_record("rem_1", old, new))
    assert (reminder is not None) is fires
    if reminder is not None:
        assert reminder.reminder_id == "rem_1"


def _error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code}}, "GetRecords")


class FakeStreams:
    """Shards of records; iterators are "shard|position"; one shard per DescribeStream page."""

    def __init__(self) -> None:
        self.records: dict[str, list[dict[str, Any]]] = {}
        self.closed: set[str] = set()
        self.failures: dict[str, list[str]] = {}
        self.describe_failures: list[str] = []
        self._sequence = 0

    def add_shard(self, shard_id: str) -> None:
        self.records[shard_id] = []

    def append(self, shard_id: str, record: dict[str, Any]) -> None:
        self._sequence += 1
        record["dynamodb"]["SequenceNumber"] = str(self._sequence).zfill(21)
        self.records[shard_id].append(record)

    async def describe_stream(self, **kwargs: Any) -> dict[str, Any]:
        if self.describe_failures:
            raise _error(self.describe_failures.pop(0))
        ids = list(self.records)
        after = kwargs.get("ExclusiveStartShardId")
        index = ids.index(after) + 1 if after else 0
        shard_id = ids[index]
        ranges: dict[str, str] = {"StartingSequenceNumber": "1"}
        if shard_id in self.closed:
            ranges["EndingSequenceNumber"] = "9"
        page: dict[str, Any] = {"Shards": [{"ShardId": shard_id, "SequenceNumberRange": ranges}]}
        if index + 1 < len(ids):
            page["LastEvaluatedShardId"] = shard_id
        return {"StreamDescription": page}

    async def get_shard_iterator(self, **kwargs: Any) -> dict[str, Any]:
        shard_id, kind = kwargs["ShardId"], kwargs["ShardIteratorType"]
        records = self.records[shard_id]
        position = {"LATEST": len(records), "TRIM_HORIZON": 0}.get(kind)
        if kind == "AFTER_SEQUENCE_NUMBER":
            numbers = [r["dynamodb"]["SequenceNumber"] for r in records]
            position = numbers.index(kwargs["SequenceNumber"]) + 1
        return {"ShardIterator": f"{shard_id}|{position}"}

    async def get_records(self, **kwargs: Any) -> dict[str, Any]:
        shard_id, _, position = kwargs["ShardIterator"].partition("|")
        if self.failures.get(shard_id):
            raise _error(self.failures[shard_id].pop(0))
        records = self.records[shard_id][int(position) :]
        end = len(self.records[shard_id])
        answer: dict[str, Any] = {"Records": records}
        if shard_id not in self.closed:
            answer["NextShardIterator"] = f"{shard_id}|{end}"
        return answer


class RecordingHub(EventHub):
    """A hub that remembers what the reader published."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(metrics=metrics)
        self.heard: list[str] = []

    def publish(self, reminder: Reminder, *, source: str) -> bool:
        self.heard.append(reminder.reminder_id)
        return super().publish(reminder, source=source)


async def _arn() -> str:
    return ARN


async def test_reads_from_latest_and_follows_splits_expiry_and_trimming() -> None:
    streams = FakeStreams()
    streams.add_shard("s0")  # closed before we start: old news
    streams.closed.add("s0")
    streams.add_shard("s1")
    streams.append("s0", _record("old0", "pending", "fired"))
    streams.append("s1", _record("old1", "pending", "fired"))
    metrics = Metrics()
    hub = RecordingHub(metrics)
    reader = StreamReader(streams, find_stream=_arn, hub=hub, metrics=metrics, poll_interval=0.01)
    await reader.poll_once()
    assert reader.ready.is_set()
    assert hub.heard == []

    streams.append("s1", _record("a", "pending", "fired"))
    streams.append("s1", _record("a", "fired", "fired"))  # an edit after the fire
    streams.append("s1", _record("imported", None, "fired"))
    await reader.poll_once()
    assert hub.heard == ["a"]

    # s1 splits: its last records, then children s2 (expires once) and s3 (trimmed once).
    streams.append("s1", _record("b", "pending", "fired"))
    streams.closed.add("s1")
    failures = {"s2": "ExpiredIteratorException", "s3": "TrimmedDataAccessException"}
    for child, failure in failures.items():
        streams.add_shard(child)
        streams.append(child, _record(f"in-{child}", "pending", "fired"))
        streams.failures[child] = [failure]
    await reader.poll_once()  # reads s1 to its end; children are looked for at once
    assert hub.heard == ["a", "b"]
    await reader.poll_once()  # finds s2 and s3, whose first reads fail
    await reader.poll_once()  # fresh iterators, from the start of each child
    assert sorted(hub.heard[2:]) == ["in-s2", "in-s3"]
    streams.append("s2", _record("c", "pending", "fired"))
    await reader.poll_once()
    assert hub.heard[4:] == ["c"]
    # The same fire brought twice reaches each stream once.
    streams.append("s3", _record("c", "pending", "fired"))
    await reader.poll_once()
    assert hub.heard[5:] == ["c"]
    assert sample(metrics, "remo_events_total", source="stream", outcome="sent") == 5
    assert sample(metrics, "remo_events_total", source="stream", outcome="duplicate") == 1


async def test_a_failed_start_is_retried_from_latest() -> None:
    streams = FakeStreams()
    streams.add_shard("s1")
    streams.add_shard("s2")
    streams.append("s1", _record("old", "pending", "fired"))
    streams.describe_failures = ["InternalServerError"]
    metrics = Metrics()
    hub = RecordingHub(metrics)
    reader = StreamReader(streams, find_stream=_arn, hub=hub, metrics=metrics, poll_interval=0.01)
    with pytest.raises(StreamUnavailable):
        await reader.poll_once()
    assert not reader.ready.is_set()
    await reader.poll_once()
    streams.append("s2", _record("new", "pending", "fired"))
    await reader.poll_once()
    assert hub.heard == ["new"]
