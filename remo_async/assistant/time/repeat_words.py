"""The words of repeating phrases: the patterns recurring.py reads RRULEs from.

Each pattern is case-insensitive and bounded by word edges; named groups carry the parts
(n, unit, days, nth, day, mon, dom, period).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from remo_async.assistant.time.numbers import NUMBER_WORD

DAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)"
)
_MONTH_NAMES = (
    r"january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
MONTH = rf"(?:{_MONTH_NAMES})\.?"
_DOM = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_BODY = rf"(?:{MONTH}\s+(?:the\s+)?{_DOM}|(?:the\s+)?{_DOM}\s+(?:of\s+)?{MONTH})"
# The month and day inside a date YEARLY_DATE found.
DATE: Final = re.compile(
    rf"(?P<mon>{_MONTH_NAMES})\.?\s+(?:the\s+)?(?P<dom>\d{{1,2}})"
    rf"|(?P<dom2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH_NAMES})",
    re.IGNORECASE,
)
_NTH = r"(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)"
_AND = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+(?=\w))"
_PERIOD = r"(?:\s+(?:in\s+the\s+)?(?P<period>morning|afternoon|evening|night))?"
_EVERY = r"(?:every|each)\s+"
_EACH_MONTH = r"(?:of|in)\s+(?:every|each|the|a)\s+month"
_UNIT = r"(?P<unit>minute|hour|day|week|month|year)s?"

ORDINALS: Final[Mapping[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}  # fmt: skip
FREQS: Final[Mapping[str, str]] = {
    "minute": "MINUTELY",
    "hour": "HOURLY",
    "day": "DAILY",
    "week": "WEEKLY",
    "month": "MONTHLY",
    "year": "YEARLY",
}


def flags(pattern: str) -> re.Pattern[str]:
    """pattern bounded by word edges, case-insensitive."""
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])", re.IGNORECASE)


YEARLY_DATE: Final = flags(
    rf"(?:(?:every|each)\s+year|yearly|annually)\s+on\s+(?:the\s+)?{_DATE_BODY}"
    rf"|{_EVERY}{_DATE_BODY}"
    rf"|(?:on\s+)?{_DATE_BODY}\s+(?:every|each)\s+year"
)
NTH_WEEKDAY: Final = flags(
    rf"(?:on\s+)?(?:the\s+|every\s+|each\s+)?(?P<nth>{_NTH})\s+(?P<day>{DAY})\s+{_EACH_MONTH}"
    rf"|(?:(?:every|each)\s+month|monthly)\s+on\s+the\s+(?P<nth2>{_NTH})\s+(?P<day2>{DAY})"
)
LAST_DAY: Final = flags(
    rf"(?:on\s+)?(?:the\s+|every\s+|each\s+)?last\s+day\s+{_EACH_MONTH}"
    r"|(?:(?:every|each)\s+month|monthly)\s+on\s+the\s+last\s+day"
)
MONTH_DAY: Final = flags(
    r"(?:on\s+)?(?:the|every|each)\s+(?P<dom>\d{1,2}(?:st|nd|rd|th)?|first)\s+(?:day\s+)?"
    r"of\s+(?:every|each|the)\s+month"
    r"|(?:(?:every|each)\s+month|monthly)\s+on\s+the\s+(?P<dom2>\d{1,2})(?:st|nd|rd|th)?"
)
INTERVAL: Final = flags(
    rf"{_EVERY}(?P<n>\d{{1,3}}|other|second|third|fourth|fifth|(?:a\s+)?couple\s+of"
    rf"|{NUMBER_WORD})\s+{_UNIT}"
    rf"(?:\s+on\s+(?P<days>{DAY}s?(?:{_AND}{DAY}s?)*)(?![\w']))?"  # "every 2 weeks on tue"
)
HALF_HOUR: Final = flags(_EVERY + r"(?:half\s+(?:an\s+)?hour|0\.5\s+hours?|30\s+minutes)")
ONE_UNIT: Final = flags(rf"{_EVERY}(?P<unit>minute|hour)|(?P<hourly>hourly)")
FORTNIGHT: Final = flags(rf"{_EVERY}fortnight|fortnightly|(?P<quarter>{_EVERY}quarter|quarterly)")
WEEKDAYS: Final = flags(
    r"(?:(?:every|each|on)\s+(?:week|work)\s*days?|weekdays|every\s+business\s+day)" + _PERIOD
)
WEEKENDS: Final = flags(r"(?:every|each|on)\s+weekends?|weekends" + _PERIOD)
NAMED: Final = flags(rf"{_EVERY}(?P<other>other\s+)?(?P<days>{DAY}(?:{_AND}{DAY})*){_PERIOD}")
# Plural weekdays are full names ("mondays"): "tues", "weds", "thurs" name one day.
_FULL_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PLURAL: Final = flags(rf"(?:on\s+)?(?P<days>{_FULL_DAY}s(?:{_AND}{_FULL_DAY}s)*){_PERIOD}")
PERIODS: Final = flags(_EVERY + r"(?P<period>morning|afternoon|evening|night)|nightly")
PLAIN: Final = flags(
    rf"{_EVERY}(?:single\s+)?(?P<unit>day|week|month|year)|every\s*day"
    r"|(?P<adverb>daily|weekly|monthly|yearly|annually)"
)

# What no rule here expresses; a phrase holding one is asked about, never approximated.
UNSUPPORTED: Final = flags(
    r"whenever|(?:every|each)\s+time|every\s+now\s+and\s+then|every\s+so\s+often"
    r"|from\s+time\s+to\s+time|once\s+in\s+a\s+while|(?:once\s+in\s+|every\s+)an?\s+blue\s+moon"
    r"|every\s+blue\s+moon|bi-?weekly|bi-?monthly|semi-?monthly"
    r"|(?:twice|thrice|\w+\s+times)\s+(?:a|an|1|per|every|each)\s+(?:day|week|month|year|hour)"
    r"|(?:every|each)\s+few\s+\w+"
)
EXCEPT: Final = flags(
    r"except|excluding|but\s+not|unless|apart\s+from|other\s+than|skipping|skip|not\s+on"
    r"|only\s+(?:on|in)\s+(?:even|odd)"
)
# "every"/"each" before a word of time that no pattern above took: not ours, so ask.
EVERY_TIME_WORD: Final = flags(
    rf"{_EVERY}(?:\w+\s+)?(?:(?:minute|hour|day|week|month|year|morning|afternoon|evening"
    rf"|night|weekend|weekday|fortnight|quarter|season|holiday|moon|time|decade)s?"
    rf"|{DAY}s?|{MONTH}|{_NTH}|\d+(?:st|nd|rd|th)?|other|now|so|once)"
)

# A word of time used as a modifier: "the weekly newsletter", "the monday meeting notes",
# "plan the weekend trip": after a determiner and before a word no time phrase ends on.
_DETERMINER: Final = re.compile(
    r"(?:^|[^\w'])(?:the|a|an|my|your|our|their|his|her|its)\s+$", re.IGNORECASE
)
_ENDS_ON: Final = frozenset(
    (
        *("to", "at", "on", "in", "by", "for", "about", "and", "or", "please", "pls", "thanks"),
        *("thank", "remind", "reminder", "set", "don't", "dont", "do", "could", "can", "would"),
        *("will", "i", "we", "you", "let", "ping", "alert", "tell", "nudge", "wake", "then"),
        *("so", "because", "before", "after", "as", "if", "when", "with", "from", "until"),
        *("till", "every", "each", "next", "this", "morning", "afternoon", "evening", "night"),
        *("noon", "midnight", "midday", "tonight", "tomorrow", "today", "starting", "remo"),
        *("too", "also", "again", "instead", "only", "around", "ok", "okay", "hey", "is"),
    )
)
_NEXT_WORD: Final = re.compile(r"\s+([\w']+)")


def attributive(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] modifies the noun after it rather than naming a time."""
    before = text[:start]
    if text[start:end].lower().startswith("the "):
        before = text[: start + 4]
    if not _DETERMINER.search(before):
        return False
    m = _NEXT_WORD.match(text, end)
    return m is not None and not m[1][0].isdigit() and m[1].lower() not in _ENDS_ON
