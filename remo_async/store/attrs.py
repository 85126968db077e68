"""Conversion between plain Python values and DynamoDB's typed attribute values."""

from __future__ import annotations

from typing import Any, TypeAlias

Item: TypeAlias = dict[str, Any]
"""A DynamoDB item in wire form: {"name": {"S": "..."}}."""


def to_attr(value: Any) -> dict[str, Any]:
    """One Python value as a DynamoDB attribute value."""
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int | float):
        return {"N": repr(value)}
    if value is None:
        return {"NULL": True}
    if isinstance(value, dict):
        return {"M": {str(k): to_attr(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [to_attr(v) for v in value]}
    raise TypeError(f"cannot store a {type(value).__name__}")


def from_attr(attr: dict[str, Any]) -> Any:
    """One DynamoDB attribute value as a plain Python value."""
    kind, value = next(iter(attr.items()))
    if kind == "S":
        return value
    if kind == "N":
        return _number(value)
    if kind == "BOOL":
        return bool(value)
    if kind == "NULL":
        return None
    if kind == "M":
        return {k: from_attr(v) for k, v in value.items()}
    if kind == "L":
        return [from_attr(v) for v in value]
    raise TypeError(f"unsupported DynamoDB type {kind}")


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def to_item(values: dict[str, Any]) -> Item:
    """A plain dict as an item; None values are left out (absent, not NULL)."""
    return {k: to_attr(v) for k, v in values.items() if v is not None}


def from_item(item: Item) -> dict[str, Any]:
    """An item as a plain dict."""
    # Most attributes are strings: take those without a call (lists read many items).
    return {k: v["S"] if "S" in v else from_attr(v) for k, v in item.items()}
