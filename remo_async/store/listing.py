"""Lists a client can use: filters and orders served by GSI key conditions (migration 0004).

Each reminder and todo carries derived attributes (never answered, see INTERNAL_ATTRS):

- `user_status` = `<user_id>#<status>`: the hash key of the `status-*` GSIs, so one status
  of one user is a key condition (a status never holds `#`, so the pair reads back
  unambiguously);
- `due_key` = `<reminding_time | due_date>#<id>` (an undated todo: `~#<id>`, after every
  date): soonest first, ties in creation order; fixed-width UTC times compare as strings;
- `priority_key` (todos) = `<rank>#<id>`, rank 0 urgent .. 3 low;
- `q_title`, `q_text`: title and description case-folded, for the `q` filter (DynamoDB's
  `contains` is case-sensitive).

A filter no key condition serves (`q`, several statuses, `category`, `from`/`to` in
creation order) is a FilterExpression on the indexed query: a page may then hold fewer
items than `limit`, and the cursor still continues exactly where the read stopped.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from remo_async.domain.times import format_time
from remo_async.store.attrs import Item
from remo_async.store.query import QuerySpec

Order = Literal["created", "due", "priority"]
DERIVED_ATTRS = ("user_status", "due_key", "priority_key", "q_title", "q_text")
PRIORITY_RANK = {"urgent": "0", "high": "1", "medium": "2", "low": "3"}
UNDATED = "~"
"""due_key prefix of an undated todo: "~" sorts after every digit, so undated come last."""
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(9001, 1, 1, tzinfo=UTC)
"""Stored times lie in 1970..9000 (domain.times.check_range); bounds are clamped to this,
which keeps `%Y` four digits wide and the string comparison a time comparison."""


def derived(values: dict[str, Any], *, id_attr: str, time_attr: str) -> dict[str, Any]:
    """The derived attributes of an item's plain values (those it cannot have are left out).

    time_attr is `reminding_time` (reminders) or `due_date` (todos; absent: undated).
    """
    record_id = values.get(id_attr)
    out: dict[str, Any] = {}
    if not isinstance(record_id, str):
        return out
    user_id, status = values.get("user_id"), values.get("status")
    if isinstance(user_id, str) and isinstance(status, str):
        out["user_status"] = f"{user_id}#{status}"
    when = values.get(time_attr)
    if isinstance(when, str) and when:
        out["due_key"] = f"{when}#{record_id}"
    elif when is None and time_attr == "due_date":
        out["due_key"] = f"{UNDATED}#{record_id}"
    priority = values.get("priority")
    if time_attr == "due_date":
        rank = PRIORITY_RANK.get(priority, "9") if isinstance(priority, str) else "9"
        out["priority_key"] = f"{rank}#{record_id}"
    for source, target in (("title", "q_title"), ("description", "q_text")):
        text = values.get(source, "")
        if isinstance(text, str):
            out[target] = text.casefold()
    return out


def with_derived(values: dict[str, Any], *, id_attr: str, time_attr: str) -> dict[str, Any]:
    """values with its derived attributes set afresh (stale ones removed)."""
    for name in DERIVED_ATTRS:
        values.pop(name, None)
    values.update(derived(values, id_attr=id_attr, time_attr=time_attr))
    return values


def clamp(moment: datetime) -> str:
    """A bound as the stored fixed-width string, clamped to the range stored times lie in."""
    return format_time(min(max(moment, _EARLIEST), _LATEST))


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a list asks for; every field narrows it (empty: no filter).

    `start`/`end` keep `start <= reminding_time < end` (reminders only).
    """

    statuses: tuple[str, ...] = ()
    order: Order = "created"
    start: datetime | None = None
    end: datetime | None = None
    q: str | None = None
    category: str | None = None
    priority: str | None = None

    def empty(self) -> bool:
        """True when no item can satisfy `start <= time < end` (start at or after end)."""
        return (
            self.start is not None and self.end is not None and clamp(self.start) >= clamp(self.end)
        )

    def list_id(self, kind: str) -> str:
        """The list a cursor is bound to: the kind and a digest of this very query."""
        return _list_id(self, kind)


@functools.lru_cache(maxsize=1024)
def _list_id(query: ListQuery, kind: str) -> str:
    # Once per query a replica meets (most lists ask the same few), not per page.
    plain = asdict(query)
    plain["statuses"] = sorted(set(query.statuses))
    for name in ("start", "end"):
        moment = plain[name]
        plain[name] = None if moment is None else clamp(moment)
    digest = hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()
    return f"{kind}:{digest[:24]}"


def index_name(*, by_status: bool, order: Order) -> str | None:
    """The GSI serving this order (with one status: its `status-*` GSI); None: the table."""
    if by_status:
        return f"status-{order}-index"
    return None if order == "created" else f"user-{order}-index"


@dataclass
class _Parts:
    """A Query's expressions as they are built: key conditions, filters and their names."""

    names: dict[str, str]
    values: Item
    key: list[str]
    filters: list[str]

    def value(self, name: str, text: str) -> str:
        self.values[name] = {"S": text}
        return name


def _range_bounds(parts: _Parts, query: ListQuery, range_attr: str) -> None:
    lower = None if query.start is None else parts.value(":lo", clamp(query.start))
    upper = None if query.end is None else parts.value(":hi", clamp(query.end))
    if lower is None and upper is None:
        return
    if query.order == "due":
        # due_key = "<time>#<id>": time >= lo iff key >= lo, and time < hi iff key <= hi.
        parts.names["#r"] = range_attr
        if lower is not None and upper is not None:
            parts.key.append("#r BETWEEN :lo AND :hi")
        else:
            parts.key.append("#r >= :lo" if lower is not None else "#r < :hi")
        return
    parts.names["#t"] = "reminding_time"
    parts.filters += [f for f, v in (("#t >= :lo", lower), ("#t < :hi", upper)) if v]


def _filters(parts: _Parts, query: ListQuery, statuses: list[str], range_attr: str) -> None:
    if query.priority is not None:
        rank = PRIORITY_RANK[query.priority]
        if query.order == "priority":
            parts.names["#r"] = range_attr
            parts.key.append(f"begins_with(#r, {parts.value(':rank', rank + '#')})")
        else:
            parts.names["#p"] = "priority"
            parts.filters.append(f"#p = {parts.value(':p', query.priority)}")
    if len(statuses) > 1:
        parts.names["#s"] = "status"
        options = ", ".join(parts.value(f":s{i}", s) for i, s in enumerate(statuses))
        parts.filters.append(f"#s IN ({options})")
    if query.category is not None:
        parts.names["#c"] = "category"
        parts.filters.append(f"#c = {parts.value(':c', query.category)}")
    if query.q is not None:
        q = parts.value(":q", query.q.casefold())
        parts.filters.append(f"contains(q_title, {q}) OR contains(q_text, {q})")


def _all_of(filters: list[str]) -> str | None:
    """The filters joined with AND; DynamoDB refuses redundant parentheses, so only an OR
    among several gets its own."""
    if len(filters) < 2:
        return filters[0] if filters else None
    return " AND ".join(f"({f})" if " OR " in f else f for f in filters)


def list_spec(table: str, *, user_id: str, id_attr: str, query: ListQuery) -> QuerySpec:
    """The Query of one list: the best key condition, the rest as a filter."""
    statuses = sorted(set(query.statuses))
    by_status = len(statuses) == 1
    range_attr = {"created": id_attr, "due": "due_key", "priority": "priority_key"}[query.order]
    hash_attr = "user_status" if by_status else "user_id"
    hash_value = f"{user_id}#{statuses[0]}" if by_status else user_id
    parts = _Parts(names={"#h": hash_attr}, values={}, key=[], filters=[])
    parts.key.append(f"#h = {parts.value(':h', hash_value)}")
    _range_bounds(parts, query, range_attr)
    _filters(parts, query, statuses, range_attr)
    return QuerySpec(
        table=table,
        index=index_name(by_status=by_status, order=query.order),
        key_condition=" AND ".join(parts.key),
        names=parts.names,
        values=parts.values,
        key_attrs=tuple(dict.fromkeys(("user_id", id_attr, hash_attr, range_attr))),
        filter=_all_of(parts.filters),
    )
