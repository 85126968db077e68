"""The users table: one item per user holding the profile and the preferences."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import structlog

from remo_async.domain.models import Preferences, User, UserUpdate
from remo_async.domain.times import Clock, format_time, mend_timezone
from remo_async.store.attrs import from_item, to_attr
from remo_async.store.dynamo import ConditionFailed, Dynamo, contention_pause
from remo_async.store.errors import Conflict, InvalidValue
from remo_async.store.restore import Restored

log = structlog.get_logger("remo_async.store.users")

PROFILE_FIELDS = ("email", "wallet", "first_name", "last_name", "phone_number")
PREFERENCES_MAX_BYTES = 4096
MEMORY_MAX_BYTES = 16_384
MEMORY_ATTR = "assistant_memory"
UPDATE_ATTEMPTS = 16


@dataclass(frozen=True, slots=True)
class ChatState:
    """What a chat turn reads of a user, in one GetItem.

    `memory` is the assistant's own JSON object (None when never kept or unreadable):
    kept beside the preferences, never in them, so a client neither sees it in GET
    preferences nor loses preference room to it.
    """

    preferences: Preferences
    memory: Any


class UserRepository:
    """Profiles and preferences; a profile exists once it has a created_at."""

    def __init__(self, dynamo: Dynamo, *, table: str, clock: Clock) -> None:
        self._dynamo = dynamo
        self.table = table
        self._clock = clock

    def _key(self, privy_id: str) -> dict[str, Any]:
        return {"privy_id": {"S": privy_id}}

    async def _values(self, privy_id: str) -> dict[str, Any]:
        response = await self._dynamo.call(
            "get_item", TableName=self.table, Key=self._key(privy_id), ConsistentRead=True
        )
        item = response.get("Item")
        return {} if item is None else from_item(item)

    async def get(self, *, privy_id: str) -> User | None:
        """The profile, or None before the first save."""
        values = await self._values(privy_id)
        return _user(values) if "created_at" in values else None

    async def save(self, *, privy_id: str, changes: UserUpdate) -> tuple[User, bool]:
        """Creates or updates the profile in one write; True when it was created.

        Fields given as null are removed; fields not given are kept; created_at is kept.
        """
        now = format_time(self._clock())
        fields = changes.model_dump(exclude_unset=True)
        names = {"#created": "created_at", "#updated": "updated_at"}
        values: dict[str, Any] = {":now": {"S": now}}
        sets = ["#created = if_not_exists(#created, :now)", "#updated = :now"]
        removes = []
        for i, (name, value) in enumerate(fields.items()):
            names[f"#f{i}"] = name
            if value is None:
                removes.append(f"#f{i}")
            else:
                values[f":f{i}"] = to_attr(value)
                sets.append(f"#f{i} = :f{i}")
        expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
        response = await self._dynamo.call(
            "update_item",
            TableName=self.table,
            Key=self._key(privy_id),
            UpdateExpression=expression,
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
            ReturnValues="ALL_OLD",
        )
        # The old image tells, atomically, whether this write created the profile.
        old = from_item(response.get("Attributes", {}))
        new = {**old, "privy_id": privy_id, "updated_at": now}
        new.setdefault("created_at", now)
        for name, value in fields.items():
            if value is None:
                new.pop(name, None)
            else:
                new[name] = value
        return _user(new), "created_at" not in old

    async def restore(self, *, user: User) -> Restored:
        """Writes an exported profile with its own times unless a profile exists."""
        fields = user.model_dump(mode="json", exclude_none=True, exclude={"privy_id"})
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        values = {f":f{i}": to_attr(value) for i, value in enumerate(fields.values())}
        try:
            await self._dynamo.call(
                "update_item",
                TableName=self.table,
                Key=self._key(user.privy_id),
                # Preferences may be there already: only a profile (created_at) blocks this.
                UpdateExpression="SET " + ", ".join(f"#f{i} = :f{i}" for i in range(len(fields))),
                ConditionExpression="attribute_not_exists(created_at)",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
            )
        except ConditionFailed:
            return Restored.PRESENT
        return Restored.RESTORED

    async def get_preferences(self, *, privy_id: str) -> Preferences:
        """The saved preferences, with defaults for what was never set."""
        return Preferences.model_validate(_saved_preferences(await self._values(privy_id)))

    async def chat_state(self, *, privy_id: str) -> ChatState:
        """The preferences and the assistant's memory of privy_id (one strongly consistent read)."""
        values = await self._values(privy_id)
        raw = values.get(MEMORY_ATTR)
        try:
            memory = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            memory = None
        preferences = Preferences.model_validate(_saved_preferences(values))
        return ChatState(preferences=preferences, memory=memory)

    async def keep_memory(self, *, privy_id: str, memory: dict[str, Any]) -> None:
        """Stores the assistant's memory of privy_id; the last writer wins.

        Raises InvalidValue over MEMORY_MAX_BYTES of JSON (the item's limit is 400 KB, an
        AWS limit; memory holds a few ids and the fields an undo restores).
        """
        text = json.dumps(memory, separators=(",", ":"))
        if len(text.encode()) > MEMORY_MAX_BYTES:
            raise InvalidValue(f"assistant memory is limited to {MEMORY_MAX_BYTES} bytes")
        await self._dynamo.call(
            "update_item",
            TableName=self.table,
            Key=self._key(privy_id),
            UpdateExpression="SET #m = :m",
            ExpressionAttributeNames={"#m": MEMORY_ATTR},
            ExpressionAttributeValues={":m": {"S": text}},
        )

    async def forget_memory(self, *, privy_id: str) -> None:
        """Removes the assistant's memory of privy_id (with the conversation it refers to)."""
        try:
            await self._dynamo.call(
                "update_item",
                TableName=self.table,
                Key=self._key(privy_id),
                UpdateExpression="REMOVE #m",
                ConditionExpression="attribute_exists(#m)",  # an update would make an item
                ExpressionAttributeNames={"#m": MEMORY_ATTR},
            )
        except ConditionFailed:
            return

    async def merge_preferences(self, *, privy_id: str, patch: dict[str, Any]) -> Preferences:
        """Merges patch into the saved preferences without losing a concurrent merge."""
        for attempt in range(UPDATE_ATTEMPTS):
            values = await self._values(privy_id)
            merged = Preferences.model_validate({**_saved_preferences(values), **patch})
            # One JSON string rather than a map: clients' keys and numbers need not fit
            # DynamoDB's rules for attribute names and number ranges.
            stored = json.dumps(
                merged.model_dump(mode="json", exclude_none=True), separators=(",", ":")
            )
            if len(stored.encode()) > PREFERENCES_MAX_BYTES:
                raise InvalidValue(f"preferences are limited to {PREFERENCES_MAX_BYTES} bytes")
            version = int(values.get("prefs_version", 0))
            try:
                await self._dynamo.call(
                    "update_item",
                    TableName=self.table,
                    Key=self._key(privy_id),
                    UpdateExpression="SET preferences = :p, prefs_version = :next",
                    ConditionExpression=(
                        "prefs_version = :v" if version else "attribute_not_exists(prefs_version)"
                    ),
                    ExpressionAttributeValues={
                        ":p": {"S": stored},
                        ":next": {"N": str(version + 1)},
                        **({":v": {"N": str(version)}} if version else {}),
                    },
                )
            except ConditionFailed:
                await contention_pause(attempt)
                continue
            return merged
        raise Conflict("preferences kept changing; try again")

    async def delete(self, *, privy_id: str) -> bool:
        """Deletes the profile, the preferences and the assistant's memory.

        True when a profile or preferences were there: the memory alone (kept by a chat)
        is not something the user saved.
        """
        response = await self._dynamo.call(
            "delete_item", TableName=self.table, Key=self._key(privy_id), ReturnValues="ALL_OLD"
        )
        old = response.get("Attributes", {})
        return "created_at" in old or "preferences" in old


def _saved_preferences(values: dict[str, Any]) -> dict[str, Any]:
    saved = values.get("preferences")
    found: dict[str, Any] = json.loads(saved) if isinstance(saved, str) else {}
    zone = found.get("timezone")
    if zone is not None and zone != (mended := mend_timezone(zone)):
        # Stored by an older release; the user's next merge writes the mended name back.
        log.warning("stored time zone mended", stored=str(zone)[:100], read_as=mended)
        found["timezone"] = mended
    return found


def _user(values: dict[str, Any]) -> User:
    return User.model_validate(
        {
            k: values[k]
            for k in ("privy_id", "created_at", "updated_at", *PROFILE_FIELDS)
            if k in values
        }
    )
