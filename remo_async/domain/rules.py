"""Pure rules of the domain: ids, retention, dispatch sharding, status transitions."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from ulid import ULID

from remo_async.domain.enums import ReminderStatus, TodoStatus

REMINDER_PREFIX = "rem_"
TODO_PREFIX = "todo_"

# Which statuses a user (or the dispatcher, for `fired`) may move each status to.
REMINDER_TRANSITIONS: dict[ReminderStatus, frozenset[ReminderStatus]] = {
    ReminderStatus.PENDING: frozenset(
        {
            ReminderStatus.FIRED,
            ReminderStatus.DONE,
            ReminderStatus.CANCELLED,
            ReminderStatus.FAILED,
        }
    ),
    ReminderStatus.FIRED: frozenset(
        {ReminderStatus.PENDING, ReminderStatus.DONE, ReminderStatus.CANCELLED}
    ),
    ReminderStatus.DONE: frozenset({ReminderStatus.PENDING}),
    ReminderStatus.CANCELLED: frozenset({ReminderStatus.PENDING}),
    # Parked by the dispatcher: the user re-arms it (after fixing it) or closes it.
    ReminderStatus.FAILED: frozenset(
        {ReminderStatus.PENDING, ReminderStatus.DONE, ReminderStatus.CANCELLED}
    ),
}
TODO_TRANSITIONS: dict[TodoStatus, frozenset[TodoStatus]] = {
    TodoStatus.PENDING: frozenset({TodoStatus.DONE, TodoStatus.CANCELLED}),
    TodoStatus.DONE: frozenset({TodoStatus.PENDING, TodoStatus.CANCELLED}),
    TodoStatus.CANCELLED: frozenset({TodoStatus.PENDING}),
}


class InvalidTransition(Exception):
    """A status change the rules do not allow."""

    def __init__(self, current: str, target: str) -> None:
        super().__init__(f"status cannot change from {current} to {target}")
        self.current = current
        self.target = target


def new_reminder_id() -> str:
    """`rem_<ULID>`: unique and ordered by creation time."""
    return f"{REMINDER_PREFIX}{ULID()}"


def new_todo_id() -> str:
    """`todo_<ULID>`: unique and ordered by creation time."""
    return f"{TODO_PREFIX}{ULID()}"


def check_reminder_transition(current: ReminderStatus, target: ReminderStatus) -> None:
    """Raises InvalidTransition unless a reminder may go from current to target."""
    if current != target and target not in REMINDER_TRANSITIONS[current]:
        raise InvalidTransition(current, target)


def check_todo_transition(current: TodoStatus, target: TodoStatus) -> None:
    """Raises InvalidTransition unless a todo may go from current to target."""
    if current != target and target not in TODO_TRANSITIONS[current]:
        raise InvalidTransition(current, target)


def check_snoozable(current: ReminderStatus) -> None:
    """Only a pending or fired reminder can be snoozed."""
    if current not in (ReminderStatus.PENDING, ReminderStatus.FIRED):
        raise InvalidTransition(current, "snoozed")


def status_after_move(
    current: ReminderStatus, *, moved_to: datetime, now: datetime
) -> ReminderStatus:
    """The status of a reminder whose `reminding_time` a user moves to `moved_to`.

    A reminder that already fired and is moved into the future is armed again
    (`pending`); every other status is kept. ReminderRepository.update applies it to
    the freshest stored copy, inside its optimistic-update loop, so a fire landing
    between a client's read and its write cannot leave a moved reminder `fired`.
    """
    if current is ReminderStatus.FIRED and moved_to > now:
        return ReminderStatus.PENDING
    return current


def due_shard(reminder_id: str, shards: int) -> str:
    """The due-index partition of a pending reminder: a stable hash of its id."""
    digest = hashlib.blake2b(reminder_id.encode(), digest_size=8).digest()
    return str(int.from_bytes(digest, "big") % shards)


def epoch(value: datetime) -> int:
    """Whole seconds since the epoch, as DynamoDB TTL wants them."""
    return int(value.timestamp())


def record_ttl(
    *, written_at: datetime, retention_days: int, pending_until: datetime | None = None
) -> int:
    """TTL of a reminder or todo: retention after the last write, never before it is due."""
    retention = timedelta(days=retention_days)
    expires = written_at + retention
    if pending_until is not None:
        # A pending reminder must outlive its reminding_time by the same retention.
        latest = datetime.max.replace(tzinfo=UTC) - retention
        expires = max(expires, min(pending_until, latest) + retention)
    return epoch(expires)


def message_ttl(*, sent_at: datetime, ttl_days: int) -> int:
    """TTL of a conversation message: ttl_days after it was sent."""
    return epoch(sent_at + timedelta(days=ttl_days))
