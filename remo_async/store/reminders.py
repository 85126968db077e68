"""The reminders table."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import ClassVar

from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Page, Reminder, ReminderCreate, ReminderUpdate
from remo_async.domain.rules import (
    check_reminder_transition,
    check_snoozable,
    due_shard,
    new_reminder_id,
    record_ttl,
)
from remo_async.domain.times import Clock, format_time, parse_stored
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import Dynamo
from remo_async.store.records import RecordRepository, Values, apply_fields, stored

STATUS_INDEX = "status-index"
DUE_INDEX = "due-index"


class ReminderRepository(RecordRepository[Reminder]):
    """Reminders of each user; pending ones also sit in the sharded due-index."""

    id_attr = "reminder_id"
    model = Reminder
    indexes: ClassVar[Mapping[str, str]] = {"status": STATUS_INDEX}

    def __init__(
        self,
        dynamo: Dynamo,
        *,
        table: str,
        cursors: CursorCodec,
        clock: Clock,
        retention_days: int,
        shards: int,
    ) -> None:
        super().__init__(dynamo, table=table, cursors=cursors, clock=clock)
        self._retention_days = retention_days
        self._shards = shards

    def _finish(self, values: Values, now: datetime) -> Values:
        """Sets what follows from the other fields: updated_at, due_shard and ttl."""
        values["updated_at"] = format_time(now)
        pending = values["status"] == ReminderStatus.PENDING
        if pending:
            values["due_shard"] = due_shard(values["reminder_id"], self._shards)
        else:
            values.pop("due_shard", None)
        values["ttl"] = record_ttl(
            written_at=now,
            retention_days=self._retention_days,
            pending_until=parse_stored(values["reminding_time"]) if pending else None,
        )
        return values

    async def create(self, *, user_id: str, data: ReminderCreate) -> Reminder:
        """Stores a new pending reminder under a fresh id; never overwrites."""
        now = self._clock()
        values: Values = {
            "user_id": user_id,
            "reminder_id": new_reminder_id(),
            **{k: stored(v) for k, v in data.model_dump().items() if v is not None},
            "status": ReminderStatus.PENDING.value,
            "created_at": format_time(now),
            "version": 1,
        }
        return await self._put_new(self._finish(values, now))

    async def update(self, *, user_id: str, reminder_id: str, changes: ReminderUpdate) -> Reminder:
        """Applies a partial change; a status change must be one the rules allow."""
        fields = changes.model_dump(exclude_unset=True)
        target = fields.pop("status", None)

        def change(values: Values, now: datetime) -> Values:
            apply_fields(values, fields)
            if target is not None:
                current = ReminderStatus(values["status"])
                check_reminder_transition(current, target)
                if target == ReminderStatus.PENDING and current != target:
                    values.pop("fired_at", None)
                values["status"] = target.value
            return self._finish(values, now)

        return await self._change(user_id=user_id, record_id=reminder_id, change=change)

    async def snooze(self, *, user_id: str, reminder_id: str, until: datetime) -> Reminder:
        """Makes a pending or fired reminder pending again, due at `until`."""

        def change(values: Values, now: datetime) -> Values:
            check_snoozable(ReminderStatus(values["status"]))
            values["status"] = ReminderStatus.PENDING.value
            values["reminding_time"] = format_time(until)
            values.pop("fired_at", None)
            return self._finish(values, now)

        return await self._change(user_id=user_id, record_id=reminder_id, change=change)

    async def list(
        self,
        *,
        user_id: str,
        status: ReminderStatus | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page[Reminder]:
        """One page of the user's reminders, oldest created first."""
        return await self._page(
            self._spec(user_id, {"status": status}, ordered=True),
            user_id=user_id,
            list_id=f"reminders:{status or '*'}",
            limit=limit,
            cursor=cursor,
        )

    def iterate(
        self, *, user_id: str, status: ReminderStatus | None = None
    ) -> AsyncIterator[Reminder]:
        """Every live reminder of the user (in creation order only when status is None)."""
        return self._iterate(self._spec(user_id, {"status": status}, ordered=False))
