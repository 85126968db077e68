"""A user's data as one document: what GET /data and `export` answer, and its idempotent restore."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from remo_async.api.schemas import UserData
from remo_async.domain.models import ExportedReminder, Preferences, Reminder
from remo_async.domain.recurrence import RecurrenceError, local_anchor
from remo_async.domain.text import replace_lone_surrogates
from remo_async.domain.times import format_timestamp, parse_stored
from remo_async.store import QuotaExceeded, Store
from remo_async.store.records import RecordRepository
from remo_async.store.restore import Restored
from remo_async.store.users import PREFERENCES_MAX_BYTES

ImportCounts = dict[str, Counter[Restored]]
"""What an import did, per kind of data: how many were restored, already present, expired."""

SHOWN_ERRORS = 3


class UserDataError(Exception):
    """A user data file cannot be imported; the message is one line for a person."""


async def export_user(store: Store, *, user_id: str) -> UserData:
    """Everything kept about the user, every page; it always serializes (see _encodable)."""
    preferences = await store.users.get_preferences(privy_id=user_id)
    return _encodable(
        UserData(
            user_id=user_id,
            user=await store.users.get(privy_id=user_id),
            preferences=preferences.model_dump(exclude_none=True),
            reminders=[_exported(r) async for r in store.reminders.iterate(user_id=user_id)],
            todos=[t async for t in store.todos.iterate(user_id=user_id)],
            conversation=[m async for m in store.conversations.iterate(user_id=user_id)],
            push_subscriptions=[s async for s in store.push.iterate(user_id=user_id)],
        )
    )


def _exported(reminder: Reminder) -> ExportedReminder:
    # Reminder excludes recurrence_id from its JSON (it is not answered); an export keeps it.
    return ExportedReminder.model_construct(_fields_set=reminder.model_fields_set, **dict(reminder))


def _encodable(data: UserData) -> UserData:
    # Text stored by older versions may hold a lone surrogate, which UTF-8 cannot encode:
    # exported as U+FFFD (`remo-async doctor` names such items), never a failed export.
    try:
        data.__pydantic_serializer__.to_json(data)
    except PydanticSerializationError:
        return UserData.model_validate(replace_lone_surrogates(data.model_dump()))
    return data


def parse_user_data(text: str) -> UserData:
    """An exported document, checked whole before anything is written."""
    try:
        data = UserData.model_validate_json(text)
    except ValidationError as exc:
        raise UserDataError(f"not a valid user data file: {_errors(exc)}") from None
    try:
        Preferences.model_validate(data.preferences)
    except ValidationError as exc:
        problems = _errors(exc, prefix="preferences.")
        raise UserDataError(f"not a valid user data file: {problems}") from None
    if not data.user_id.strip():
        raise UserDataError("not a valid user data file: user_id is empty")
    size = len(json.dumps(data.preferences, separators=(",", ":")).encode())
    if size > PREFERENCES_MAX_BYTES:
        raise UserDataError(f"preferences are limited to {PREFERENCES_MAX_BYTES} bytes")
    _check_timestamps(data)
    _check_series_times(data)
    _check_owner(data)
    return data


def _errors(exc: ValidationError, *, prefix: str = "") -> str:
    found = []
    for error in exc.errors(include_url=False):
        where = prefix + ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        found.append(f"{where}: {message}" if where else message)
    more = len(found) - SHOWN_ERRORS
    return "; ".join(found[:SHOWN_ERRORS]) + (f"; and {more} more" if more > 0 else "")


def _check_timestamps(data: UserData) -> None:
    # The timestamp is the message's key: only the form the store writes sorts right.
    for i, message in enumerate(data.conversation):
        try:
            valid = format_timestamp(parse_stored(message.timestamp)) == message.timestamp
        except ValueError:
            valid = False
        if not valid:
            raise UserDataError(
                f"not a valid user data file: conversation.{i}.timestamp "
                f"{message.timestamp!r} is not YYYY-MM-DDTHH:MM:SS.ffffffZ"
            )


def _check_series_times(data: UserData) -> None:
    # A pending occurrence's is read at its fire (domain.recurrence.local_anchor): refused
    # here rather than parked then. Any other's is kept as stored (nothing is lost).
    for i, reminder in enumerate(data.reminders):
        if reminder.recurrence_id is None or reminder.status != "pending":
            continue
        try:
            local_anchor(reminder.reminding_time, "UTC", reminder.recurrence_id)
        except RecurrenceError as exc:
            raise UserDataError(
                f"not a valid user data file: reminders.{i}.recurrence_id: {exc}"
            ) from None


def _check_owner(data: UserData) -> None:
    owners = [(f"user {data.user.privy_id}", data.user.privy_id)] if data.user else []
    owners += [(f"reminder {r.reminder_id}", r.user_id) for r in data.reminders]
    owners += [(f"todo {t.todo_id}", t.user_id) for t in data.todos]
    owners += [(f"message {m.timestamp}", m.user_id) for m in data.conversation]
    owners += [
        (f"push subscription {s.subscription_id}", s.user_id) for s in data.push_subscriptions
    ]
    foreign = [what for what, owner in owners if owner != data.user_id]
    if foreign:
        more = len(foreign) - SHOWN_ERRORS
        raise UserDataError(
            f"the file is for user_id {data.user_id} but holds records of another user: "
            + ", ".join(foreign[:SHOWN_ERRORS])
            + (f" and {more} more" if more > 0 else "")
        )


async def import_user(store: Store, *, data: UserData) -> ImportCounts:
    """Restores a parsed document; items already there are left alone, so twice is once."""
    user_id = data.user_id
    counts: ImportCounts = {
        kind: Counter()
        for kind in (
            "user",
            "preferences",
            "reminders",
            "todos",
            "conversation",
            "push_subscriptions",
        )
    }
    await _check_room(store, data)
    # Preferences first: the one write that can still be refused (their merged size).
    counts["preferences"][await _restore_preferences(store, user_id, data.preferences)] += 1
    if data.user is not None:
        counts["user"][await store.users.restore(user=data.user)] += 1
    refused = 0
    for reminder in data.reminders:
        try:
            counts["reminders"][await store.reminders.restore(reminder=reminder)] += 1
        except QuotaExceeded:  # a create took the last slot since the check
            refused += 1
    for todo in data.todos:
        try:
            counts["todos"][await store.todos.restore(todo=todo)] += 1
        except QuotaExceeded:
            refused += 1
    for message in data.conversation:
        counts["conversation"][await store.conversations.restore(message=message)] += 1
    for subscription in data.push_subscriptions:
        restored = await store.push.restore(subscription=subscription)
        counts["push_subscriptions"][restored] += 1
    if refused:
        raise UserDataError(
            f"{refused} pending item(s) were not imported: {user_id} reached a limit per user "
            "meanwhile; everything else was; make room and import again (it skips what is there)"
        )
    return counts


async def _check_room(store: Store, data: UserData) -> None:
    """UserDataError, before anything is written, when the file's new pending items do not fit.

    Items already stored are skipped by the import, so they need no room: running an
    import twice is still once. The limit itself is held by each item's counted write.
    """
    kinds: list[tuple[str, RecordRepository[Any], set[str]]] = [
        ("reminders", store.reminders, _pending_ids(data.reminders, "reminder_id")),
        ("todos", store.todos, _pending_ids(data.todos, "todo_id")),
    ]
    for kind, repository, wanted in kinds:
        if not wanted:
            continue
        new = len(wanted - await repository.stored_ids(user_id=data.user_id))
        room = await repository.pending_room(user_id=data.user_id)
        if new > room:
            raise UserDataError(
                f"nothing was imported: the file holds {new} pending {kind} not yet stored, "
                f"and {data.user_id} has room for {max(room, 0)} more "
                f"(at most {repository.quota.limit})"
            )


def _pending_ids(records: Sequence[Any], id_attr: str) -> set[str]:
    return {getattr(r, id_attr) for r in records if r.status == "pending"}


async def _restore_preferences(store: Store, user_id: str, patch: dict[str, Any]) -> Restored:
    # Merging is idempotent, but each merge bumps a version: skip it when nothing would change.
    current = await store.users.get_preferences(privy_id=user_id)
    wanted = Preferences.model_validate({**current.model_dump(exclude_none=True), **patch})
    if wanted.model_dump() == current.model_dump():
        return Restored.PRESENT
    await store.users.merge_preferences(privy_id=user_id, patch=patch)
    return Restored.RESTORED
