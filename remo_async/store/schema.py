"""Table definitions as data: what a migration declares, and how it maps to DynamoDB's API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AttrType = Literal["S", "N", "B"]


@dataclass(frozen=True, slots=True)
class Key:
    """A key attribute: its name and scalar type."""

    name: str
    type: AttrType = "S"


@dataclass(frozen=True, slots=True)
class Index:
    """A global secondary index projecting every attribute."""

    name: str
    hash: Key
    range: Key | None = None

    def create_update(self) -> dict[str, Any]:
        """UpdateTable arguments that add this GSI to an existing table."""
        keys = [k for k in (self.hash, self.range) if k is not None]
        return {
            "AttributeDefinitions": [
                {"AttributeName": k.name, "AttributeType": k.type} for k in keys
            ],
            "GlobalSecondaryIndexUpdates": [{"Create": self.definition()}],
        }

    def definition(self) -> dict[str, Any]:
        """The GSI as CreateTable and UpdateTable describe it (every attribute projected)."""
        return {
            "IndexName": self.name,
            "KeySchema": _key_schema(self.hash, self.range),
            "Projection": {"ProjectionType": "ALL"},
        }


@dataclass(frozen=True, slots=True)
class Table:
    """A PAY_PER_REQUEST table, its GSIs, optional TTL attribute and stream."""

    name: str
    hash: Key
    range: Key | None = None
    indexes: tuple[Index, ...] = ()
    ttl_attribute: str | None = None
    stream: Literal["NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"] | None = None
    tags: dict[str, str] = field(default_factory=dict)

    def create_request(self, physical_name: str) -> dict[str, Any]:
        """CreateTable arguments for this table under its physical name."""
        keys = [k for k in (self.hash, self.range) if k is not None]
        for index in self.indexes:
            keys += [k for k in (index.hash, index.range) if k is not None]
        definitions = {k.name: k.type for k in keys}
        request: dict[str, Any] = {
            "TableName": physical_name,
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": _key_schema(self.hash, self.range),
            "AttributeDefinitions": [
                {"AttributeName": n, "AttributeType": t} for n, t in definitions.items()
            ],
        }
        if self.indexes:
            request["GlobalSecondaryIndexes"] = [index.definition() for index in self.indexes]
        if self.stream is not None:
            request["StreamSpecification"] = {
                "StreamEnabled": True,
                "StreamViewType": self.stream,
            }
        if self.tags:
            request["Tags"] = [{"Key": k, "Value": v} for k, v in self.tags.items()]
        return request


def _key_schema(hash_key: Key, range_key: Key | None) -> list[dict[str, str]]:
    schema = [{"AttributeName": hash_key.name, "KeyType": "HASH"}]
    if range_key is not None:
        schema.append({"AttributeName": range_key.name, "KeyType": "RANGE"})
    return schema


LEDGER = Table(name="migrations", hash=Key("version", "N"))
"""The ledger of applied migrations; the runner creates it before anything else."""
