"""The todos table."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Any, ClassVar

from remo_async.domain.enums import Priority, TodoStatus
from remo_async.domain.models import Todo, TodoCreate, TodoUpdate
from remo_async.domain.rules import check_todo_transition, new_todo_id, record_ttl
from remo_async.domain.times import Clock, format_time
from remo_async.store.answers import StoredShape
from remo_async.store.cursor import CursorCodec
from remo_async.store.dynamo import Dynamo
from remo_async.store.listing import with_derived
from remo_async.store.quotas import Quota
from remo_async.store.records import RecordRepository, Values, apply_fields, stored
from remo_async.store.restore import Restored

STATUS_INDEX = "status-index"
PRIORITY_INDEX = "priority-index"


class TodoRepository(RecordRepository[Todo]):
    """Todos of each user."""

    id_attr = "todo_id"
    model = Todo
    indexes: ClassVar[Mapping[str, str]] = {"priority": PRIORITY_INDEX, "status": STATUS_INDEX}
    shape: ClassVar[StoredShape] = StoredShape(
        Todo,
        texts=("todo_id", "user_id", "title", "description", "category"),
        times=("created_at", "updated_at", "completed_at"),
        days=("due_date",),
        choices={"priority": Priority, "status": TodoStatus},
    )
    placeholders: ClassVar[Mapping[str, Any]] = {
        "title": "(unreadable todo)",
        "status": TodoStatus.PENDING.value,
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
        quota: Quota,
    ) -> None:
        super().__init__(dynamo, table=table, cursors=cursors, clock=clock, quota=quota)
        self._retention_days = retention_days

    def _finish(self, values: Values, now: datetime) -> Values:
        values["updated_at"] = format_time(now)
        values["ttl"] = record_ttl(written_at=now, retention_days=self._retention_days)
        return with_derived(values, id_attr="todo_id", time_attr="due_date")

    async def create(self, *, user_id: str, data: TodoCreate) -> Todo:
        """Stores a new pending todo under a fresh id; never overwrites."""
        now = self._clock()
        values: Values = {
            "user_id": user_id,
            "todo_id": new_todo_id(),
            **{k: stored(v) for k, v in data.model_dump().items() if v is not None},
            "status": TodoStatus.PENDING.value,
            "created_at": format_time(now),
            "version": 1,
        }
        return await self._put_new(self._finish(values, now))

    async def restore(self, *, todo: Todo) -> Restored:
        """Writes an exported todo as it was (id, times, status) unless its id is taken."""
        values = self._finish(todo.model_dump(mode="json", exclude_none=True), self._clock())
        return await self._put_restored(values, updated_at=todo.updated_at)

    async def update(self, *, user_id: str, todo_id: str, changes: TodoUpdate) -> Todo:
        """Applies a partial change; completing stamps completed_at, reopening clears it."""
        fields = changes.model_dump(exclude_unset=True)
        target = fields.pop("status", None)

        def change(values: Values, now: datetime) -> Values:
            apply_fields(values, fields)
            if target is not None:
                current = TodoStatus(values["status"])
                check_todo_transition(current, target)
                if target != current:
                    if target == TodoStatus.DONE:
                        values["completed_at"] = format_time(now)
                    else:
                        values.pop("completed_at", None)
                values["status"] = target.value
            return self._finish(values, now)

        return await self._change(user_id=user_id, record_id=todo_id, change=change)

    def iterate(
        self,
        *,
        user_id: str,
        status: TodoStatus | None = None,
        priority: Priority | None = None,
    ) -> AsyncIterator[Todo]:
        """Every live todo of the user (in creation order only without filters)."""
        filters = {"status": status, "priority": priority}
        return self._iterate(self._spec(user_id, filters, ordered=False))
