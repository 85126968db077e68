"""The text of an RRULE as RFC 5545 3.3.10 writes it: ASCII parts and values only."""

from __future__ import annotations

import re

_WEEKDAY = "(?:SU|MO|TU|WE|TH|FR|SA)"


def _list(item: str) -> str:
    return f"{item}(?:,{item})*"


# RFC 5545 3.3.10 `recur-rule-part`, value by value (DIGIT is ASCII 0-9, RFC 5234 B.1).
_PART = re.compile(
    "|".join(
        (
            "FREQ=(?:SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)",
            "UNTIL=[0-9]{8}(?:T[0-9]{6}Z?)?",
            "COUNT=[0-9]+",
            "INTERVAL=[0-9]+",
            "BYSECOND=" + _list("[0-9]{1,2}"),
            "BYMINUTE=" + _list("[0-9]{1,2}"),
            "BYHOUR=" + _list("[0-9]{1,2}"),
            "BYDAY=" + _list(f"(?:[+-]?[0-9]{{1,2}})?{_WEEKDAY}"),
            "BYMONTHDAY=" + _list("[+-]?[0-9]{1,2}"),
            "BYYEARDAY=" + _list("[+-]?[0-9]{1,3}"),
            "BYWEEKNO=" + _list("[+-]?[0-9]{1,2}"),
            "BYMONTH=" + _list("[0-9]{1,2}"),
            "BYSETPOS=" + _list("[+-]?[0-9]{1,3}"),
            f"WKST={_WEEKDAY}",
        )
    ),
    re.ASCII,
)


def check_rule_syntax(rule: str) -> str:
    """rule itself (bare and upper-case, as normalize_rule answers it) when each of its parts
    is written as RFC 5545 3.3.10 says; else a ValueError naming the first part that is not.

    dateutil reads its numbers with int(), which also takes other scripts' digits
    (`COUNT=５`, `BYMONTHDAY=١٥`) and underscores (`COUNT=1_0`); a calendar reading the
    rule back (the feed, a client) would not.
    """
    for part in rule.split(";"):
        if _PART.fullmatch(part) is None:
            raise ValueError(f"recurrence part {part!r} is not written as RFC 5545 3.3.10 says")
    return rule
