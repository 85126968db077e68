"""The reminders table."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Any, ClassVar

from remo_async.domain.enums import ReminderStatus
from remo_async.domain.models import Reminder, ReminderCreate, ReminderUpdate
from remo_async.domain.recurrence import (
    Occurrence,
    RecurrenceError,
    check_series,
    follow_series,
    format_recurrence_id,
    local_anchor,
)
from remo_async.domain.rules import (
    check_reminder_transition,
    check_snoozable,
    due_shard,
    new_reminder_id,
    record_ttl,
    status_after_move,
)
from remo_async.domain.times import Clock, format_time, parse_stored
from remo_async.store.answers import StoredShape
from remo_async.store.attrs import from_item, to_item
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import ConditionFailed, Dynamo
from remo_async.store.errors import InvalidValue, StoreUnavailable
from remo_async.store.listing import with_derived
from remo_async.store.query import QuerySpec, query_all
from remo_async.store.quotas import Quota
from remo_async.store.records import RecordRepository, Values, apply_fields, stored
from remo_async.store.restore import RESTORED_FOLLOWER, Restored

STATUS_INDEX = "status-index"
DUE_INDEX = "due-index"


@dataclasses.dataclass(frozen=True)
class FireOutcome:
    """What became of a fire in doubt."""

    won: Reminder | None
    """The fired reminder, when it was this fire that was written."""
    settled: bool
    """False while the reminder is still pending: the lost write could yet land."""


@dataclasses.dataclass(frozen=True)
class DueItem:
    """A due-index entry as read: its keys, and its attributes not yet validated.

    The dispatcher validates each one itself, so one unreadable item is parked
    rather than ending the poll of every other reminder in its shard.
    """

    user_id: str
    reminder_id: str
    values: Values


MAX_FAILURE_LENGTH = 500
"""Characters of the reason kept on a parked reminder."""


class FireInDoubt(StoreUnavailable):
    """A fire's answer was lost (timeout, dropped connection): it may have been written.

    `token` is what that fire wrote into `fired_by`; resolve_fire() tells later whether
    it was this fire that won.
    """

    def __init__(self, message: str, *, reminder: Reminder, token: str) -> None:
        super().__init__(message)
        self.reminder = reminder
        self.token = token


class ReminderRepository(RecordRepository[Reminder]):
    """Reminders of each user; pending ones also sit in the sharded due-index."""

    id_attr = "reminder_id"
    model = Reminder
    indexes: ClassVar[Mapping[str, str]] = {"status": STATUS_INDEX}
    shape: ClassVar[StoredShape] = StoredShape(
        Reminder,
        texts=(
            "reminder_id",
            "user_id",
            "title",
            "description",
            "timezone",
            "recurrence",
            "failure",
        ),
        times=("reminding_time", "created_at", "updated_at", "fired_at"),
        choices={"status": ReminderStatus},
    )
    placeholders: ClassVar[Mapping[str, Any]] = {
        "title": "(unreadable reminder)",
        "reminding_time": "1970-01-01T00:00:00Z",
        "status": ReminderStatus.FAILED.value,
        "created_at": "1970-01-01T00:00:00Z",
        "updated_at": "1970-01-01T00:00:00Z",
    }

    def __init__(
        self,
        dynamo: Dynamo,
        *,
        table: str,
        cursors: CursorCodec,
        clock: Clock,
        retention_days: int,
        shards: int,
        quota: Quota,
    ) -> None:
        super().__init__(dynamo, table=table, cursors=cursors, clock=clock, quota=quota)
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
        return with_derived(values, id_attr="reminder_id", time_attr="reminding_time")

    def _check_series(self, values: Values, now: datetime, *, changed_rule: bool = False) -> None:
        """InvalidValue naming `recurrence` unless a pending series can be fired, as it will be.

        The same computation as a fire's (follow_series), so what is accepted fires.
        """
        rule = values.get("recurrence")
        pending = values["status"] == ReminderStatus.PENDING.value
        if rule is None or not (pending or changed_rule):
            return
        try:
            check_series(
                rule,
                start=parse_stored(values["reminding_time"]),
                zone=values.get("timezone", "UTC"),
                now=now,
                recurrence_id=values.get("recurrence_id"),
            )
        except RecurrenceError as exc:
            raise InvalidValue(str(exc), field="recurrence") from None

    async def create(self, *, user_id: str, data: ReminderCreate) -> Reminder:
        """Stores a new pending reminder under a fresh id; never overwrites.

        Raises InvalidValue (field `recurrence`) for a rule with no next occurrence
        within the search bound of domain.recurrence.
        """
        now = self._clock()
        values: Values = {
            "user_id": user_id,
            "reminder_id": new_reminder_id(),
            **{k: stored(v) for k, v in data.model_dump().items() if v is not None},
            "status": ReminderStatus.PENDING.value,
            "created_at": format_time(now),
            "version": 1,
        }
        self._check_series(values, now)
        return await self._put_new(self._finish(values, now))

    async def restore(self, *, reminder: Reminder) -> Restored:
        """Writes an exported reminder as it was (id, times, status) unless its id is taken."""
        values = self._finish(reminder.model_dump(mode="json", exclude_none=True), self._clock())
        if reminder.recurrence is not None and reminder.fired_at is not None:
            # Its fire made the next occurrence (in the same file): firing again must not.
            values["followed_by"] = RESTORED_FOLLOWER
        return await self._put_restored(values, updated_at=reminder.updated_at)

    async def update(self, *, user_id: str, reminder_id: str, changes: ReminderUpdate) -> Reminder:
        """Applies a partial change; a status change must be one the rules allow.

        Moving `reminding_time` without naming a status re-arms a fired reminder
        (domain.rules.status_after_move), decided on the copy the write replaces.
        """
        fields = changes.model_dump(exclude_unset=True)
        asked = fields.pop("status", None)

        def change(values: Values, now: datetime) -> Values:
            apply_fields(values, fields)
            if fields.keys() & {"reminding_time", "timezone"}:
                # Editing the pending occurrence moves the series: it is anchored there now.
                values.pop("recurrence_id", None)
            current = ReminderStatus(values["status"])
            target = asked
            if target is None and "reminding_time" in fields:
                moved_to = parse_stored(values["reminding_time"])
                target = status_after_move(current, moved_to=moved_to, now=now)
            if target is not None:
                check_reminder_transition(current, target)
                if target == ReminderStatus.PENDING and current != target:
                    values.pop("fired_at", None)
                    values.pop("failure", None)
                values["status"] = target.value
            if fields.keys() & {"recurrence", "reminding_time", "timezone"} or asked is not None:
                # A new rule is checked whatever the status: a snooze re-arms a fired one.
                self._check_series(values, now, changed_rule="recurrence" in fields)
            return self._finish(values, now)

        return await self._change(user_id=user_id, record_id=reminder_id, change=change)

    async def snooze(self, *, user_id: str, reminder_id: str, until: datetime) -> Reminder:
        """Makes a pending or fired reminder pending again, due at `until`.

        An occurrence of a series moves alone: its time in the series (`recurrence_id`)
        stays, so the occurrences after it keep theirs (a PATCH of `reminding_time`, by
        contrast, moves the series).
        """

        def change(values: Values, now: datetime) -> Values:
            check_snoozable(ReminderStatus(values["status"]))
            _keep_series_time(values)
            values["status"] = ReminderStatus.PENDING.value
            values["reminding_time"] = format_time(until)
            values.pop("fired_at", None)
            self._check_series(values, now)  # pending again: its rule must be one that fires
            return self._finish(values, now)

        return await self._change(user_id=user_id, record_id=reminder_id, change=change)

    def read_due(self, due: DueItem) -> Reminder:
        """The due item as a Reminder; pydantic's ValidationError when it is not one."""
        return self._model(due.values)

    async def due(self, *, shard: str, now: datetime) -> AsyncIterator[DueItem]:
        """Pending reminders of one due-index shard whose time has come, every page."""
        spec = QuerySpec(
            table=self.table,
            index=DUE_INDEX,
            key_condition="#shard = :shard AND #time <= :now",
            names={"#shard": "due_shard", "#time": "reminding_time"},
            values={":shard": {"S": shard}, ":now": {"S": format_time(now)}},
            key_attrs=("user_id", "reminder_id", "due_shard", "reminding_time"),
        )
        async for item in query_all(self._dynamo, spec, now_epoch=self._now_epoch()):
            values = from_item(item)
            yield DueItem(str(values["user_id"]), str(values["reminder_id"]), values)

    async def park(self, *, user_id: str, reminder_id: str, reason: str, now: datetime) -> bool:
        """Takes a due reminder that cannot be fired out of the due-index, as status `failed`.

        The reason is kept in `failure` (at most MAX_FAILURE_LENGTH characters). Only a
        reminder still pending is parked; False when it was not (fired elsewhere, or
        changed by its user meanwhile).
        """
        update = {
            "TableName": self.table,
            "Key": self._key(user_id, reminder_id),
            "UpdateExpression": (
                "SET #status = :failed, user_status = :user_status, failure = :reason, "
                "updated_at = :now, #ttl = :ttl, "
                "version = if_not_exists(version, :zero) + :one REMOVE due_shard"
            ),
            "ConditionExpression": "#status = :pending AND attribute_exists(due_shard)",
            "ExpressionAttributeNames": {"#status": "status", "#ttl": "ttl"},
            "ExpressionAttributeValues": {
                ":failed": {"S": ReminderStatus.FAILED.value},
                ":user_status": {"S": f"{user_id}#{ReminderStatus.FAILED.value}"},
                ":pending": {"S": ReminderStatus.PENDING.value},
                ":reason": {"S": reason[:MAX_FAILURE_LENGTH] or "unknown failure"},
                ":now": {"S": format_time(now)},
                ":ttl": {"N": str(record_ttl(written_at=now, retention_days=self._retention_days))},
                ":zero": {"N": "0"},
                ":one": {"N": "1"},
            },
        }
        try:  # no longer pending: one slot of the user's limit is free again
            await self._write({"Update": update}, user_id=user_id, delta=-1)
        except ConditionFailed:
            return False
        return True

    async def fire(self, *, reminder: Reminder, now: datetime) -> Reminder | None:
        """Marks a due pending reminder fired, once; None when someone else changed it first.

        A recurring reminder fires and gets its next occurrence in one transaction. When
        the write's answer is lost, FireInDoubt says so: the write may have happened.
        """
        following = None
        if reminder.recurrence is not None:
            stored = await self._get_values(reminder.user_id, reminder.reminder_id)
            if stored is not None and "followed_by" not in stored:
                following = follow_series(
                    reminder.recurrence,
                    start=reminder.reminding_time,
                    zone=reminder.timezone,
                    now=now,
                    recurrence_id=stored.get("recurrence_id"),
                )
        token = secrets.token_hex(8)
        update = self._fire_update(reminder, now, token)
        try:
            if following is None:  # it stops being pending: its slot is free again
                await self._write({"Update": update}, user_id=reminder.user_id, delta=-1)
            else:  # one pending for another: the counter stays as it is
                await self._fire_and_follow(reminder, update, following, now)
            return await self._fired(reminder, now, token)
        except ConditionFailed as failed:
            # Someone else won, the user changed it, or botocore retried our own write
            # after its answer was lost and the retry met it: only the token tells.
            if failed.current is not None:  # the item as the condition found it
                current = from_item(failed.current)
                return self._model(current) if current.get("fired_by") == token else None
            try:
                return await self._won_with(reminder, token)
            except StoreUnavailable as exc:
                raise FireInDoubt(str(exc), reminder=reminder, token=token) from exc
        except StoreUnavailable as exc:
            raise FireInDoubt(str(exc), reminder=reminder, token=token) from exc

    async def _fired(self, reminder: Reminder, now: datetime, token: str) -> Reminder:
        """The reminder this fire wrote, as stored (a transaction answers no attributes)."""
        values = await self._get_values(reminder.user_id, reminder.reminder_id)
        if values is not None and values.get("fired_by") == token:
            return self._model(values)
        # Deleted or changed again in the moment since: what the fire wrote, from the due copy.
        return reminder.model_copy(
            update={"status": ReminderStatus.FIRED, "fired_at": now, "updated_at": now}
        )

    async def _won_with(self, reminder: Reminder, token: str) -> Reminder | None:
        values = await self._get_values(reminder.user_id, reminder.reminder_id)
        if values is not None and values.get("fired_by") == token:
            return self._model(values)
        return None

    async def resolve_fire(self, doubt: FireInDoubt) -> FireOutcome:
        """Whether the fire in doubt was written: read back the token it wrote."""
        values = await self._get_values(doubt.reminder.user_id, doubt.reminder.reminder_id)
        if values is not None and values.get("fired_by") == doubt.token:
            return FireOutcome(won=self._model(values), settled=True)
        # Still pending: the lost write may yet land (its condition still holds).
        still_open = values is not None and values.get("status") == ReminderStatus.PENDING.value
        return FireOutcome(won=None, settled=not still_open)

    def _fire_update(self, reminder: Reminder, now: datetime, token: str) -> dict[str, Any]:
        moment = format_time(now)
        return {
            "TableName": self.table,
            "Key": self._key(reminder.user_id, reminder.reminder_id),
            "UpdateExpression": (
                "SET #status = :fired, user_status = :user_status, fired_at = :now, "
                "updated_at = :now, #ttl = :ttl, "
                "fired_by = :token, version = if_not_exists(version, :zero) + :one "
                "REMOVE due_shard"
            ),
            "ConditionExpression": "#status = :pending AND reminding_time <= :now",
            "ExpressionAttributeNames": {"#status": "status", "#ttl": "ttl"},
            "ExpressionAttributeValues": {
                ":fired": {"S": ReminderStatus.FIRED.value},
                ":user_status": {"S": f"{reminder.user_id}#{ReminderStatus.FIRED.value}"},
                ":pending": {"S": ReminderStatus.PENDING.value},
                ":now": {"S": moment},
                ":token": {"S": token},
                ":ttl": {"N": str(record_ttl(written_at=now, retention_days=self._retention_days))},
                ":zero": {"N": "0"},
                ":one": {"N": "1"},
            },
        }

    async def _fire_and_follow(
        self,
        reminder: Reminder,
        update: dict[str, Any],
        following: Occurrence,
        now: datetime,
    ) -> None:
        values: Values = {
            "user_id": reminder.user_id,
            "reminder_id": new_reminder_id(),
            "title": reminder.title,
            "description": reminder.description,
            "reminding_time": format_time(following.when),
            "timezone": reminder.timezone,
            "recurrence": following.rule,
            # Its time in the series, which a gap or a later snooze may move it away from.
            "recurrence_id": format_recurrence_id(following.local),
            "status": ReminderStatus.PENDING.value,
            "created_at": format_time(now),
            "version": 1,
        }
        # Only the first fire of an occurrence makes the next one (a snoozed one fires again).
        update["UpdateExpression"] = update["UpdateExpression"].replace(
            " REMOVE", ", followed_by = :next REMOVE"
        )
        update["ExpressionAttributeValues"][":next"] = {"S": values["reminder_id"]}
        update["ConditionExpression"] += " AND attribute_not_exists(followed_by)"
        put = {
            "TableName": self.table,
            "Item": to_item(self._finish(values, now)),
            "ConditionExpression": "attribute_not_exists(reminder_id)",
        }
        await self._dynamo.call(
            "transact_write_items", TransactItems=[{"Update": update}, {"Put": put}]
        )

    def iterate(
        self, *, user_id: str, status: ReminderStatus | None = None
    ) -> AsyncIterator[Reminder]:
        """Every live reminder of the user (in creation order only when status is None)."""
        return self._iterate(self._spec(user_id, {"status": status}, ordered=False))


def _keep_series_time(values: Values) -> None:
    """Before a snooze moves an occurrence of a series: its time in the series stays put.

    Sets `recurrence_id` (local DATE-TIME in the reminder's zone, RFC 5545 3.8.4.4) from the
    time it is moved away from, unless it has one already, so its follower is computed
    from there (domain.recurrence.follow_series) and the series keeps its time.
    """
    if values.get("recurrence") is None or "recurrence_id" in values:
        return
    try:
        local = local_anchor(parse_stored(values["reminding_time"]), values.get("timezone", "UTC"))
    except (ValueError, KeyError):  # an unknown zone: the check after it answers that
        return
    values["recurrence_id"] = format_recurrence_id(local)
