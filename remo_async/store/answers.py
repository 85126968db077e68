"""A record's answer straight from its stored item, when the item is exactly as written.

Every write stores a record's public fields already in their answered form: texts as
given, times as `YYYY-MM-DDTHH:MM:SSZ` (domain.times.format_time), bare dates as
`YYYY-MM-DD`, closed vocabularies as their values. For such an item the answer is those
strings, in the model's field order, with the model's defaults for what is absent;
building the model and serializing it again (a Python call per time, both ways) was most
of a list's cost. StoredShape checks each field for exactly that form and gives None for
anything else (an older release's item, a restore, a hand edit), which then takes the
model's path, mending and all (RecordRepository._read). Requests are not read here: they
are validated in full as before.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from remo_async.store.attrs import Item

_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_stored_time(value: str) -> bool:
    """True for `YYYY-MM-DDTHH:MM:SSZ` naming a real moment (as format_time writes it)."""
    if _TIME.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value[:19])
    except ValueError:  # 2026-02-30, 24:00:00, year 0
        return False
    return True


def is_stored_day(value: str) -> bool:
    """True for a bare `YYYY-MM-DD` date that exists, or a stored time."""
    if _DATE.fullmatch(value) is None:
        return is_stored_time(value)
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _answered(default: Any) -> Any:
    return default.value if isinstance(default, enum.Enum) else default


Check = Callable[[str], bool] | None
"""What a stored string must satisfy (None: any text)."""


class StoredShape:
    """How a model's fields are stored when written by this release.

    texts: str fields; times: UtcDatetime fields; days: date-or-time fields; choices:
    enum fields (stored as their values). Every answered field of the model must be named
    exactly once (TypeError otherwise), so a field added to the model cannot be left out;
    a field the model excludes from its JSON (`Field(exclude=True)`) is not answered.
    """

    def __init__(
        self,
        model: type[BaseModel],
        *,
        texts: Iterable[str] = (),
        times: Iterable[str] = (),
        days: Iterable[str] = (),
        choices: Mapping[str, type[enum.Enum]] | None = None,
    ) -> None:
        checks: dict[str, Check] = dict.fromkeys(texts)
        checks.update(dict.fromkeys(times, is_stored_time))
        checks.update(dict.fromkeys(days, is_stored_day))
        for name, vocabulary in (choices or {}).items():
            checks[name] = frozenset(str(member.value) for member in vocabulary).__contains__
        fields = {name: info for name, info in model.model_fields.items() if not info.exclude}
        if checks.keys() != fields.keys():
            raise TypeError(
                f"{model.__name__}: the shape names {sorted(checks)}, "
                f"the model has {sorted(fields)}"
            )
        self.model = model
        # In the model's field order, so the answer's keys come out as its JSON's do.
        self._plan = tuple((name, checks[name], fields[name].is_required()) for name in fields)
        self._defaults = {
            name: _answered(info.default) for name, info in fields.items() if not info.is_required()
        }

    def answer(self, item: Item) -> dict[str, Any] | None:
        """The model's JSON form of a stored item (DynamoDB's attribute-value form, read
        without store.attrs.from_item), or None when any of the model's fields is not
        exactly as this release writes it. Other attributes are not looked at."""
        out: dict[str, Any] = {}
        for name, check, required in self._plan:
            attr = item.get(name)
            if attr is None:
                if required:
                    return None
                out[name] = self._defaults[name]
                continue
            value = attr.get("S") if len(attr) == 1 else None
            if type(value) is not str or (check is not None and not check(value)):
                return None  # another type (a NULL too), or not in its stored form
            out[name] = value
        return out
