"""Spoken time idioms rewritten into the digits the grammar reads, keeping where each came from.

"half past eight" becomes "8:30", "quarter to ten" "9:45", "at seven" "at 7", "a couple of
hours" "2 hours", "an hour and a half" "1.5 hours", "a fortnight" "14 days". The rewritten
text maps every character back to the input, so a phrase found in it can be cut out of
what the user wrote (`Rewritten.origin`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from remo_async.assistant.time import spoken, typos
from remo_async.assistant.time.numbers import AMOUNT, NUMBER_WORD, WORDS, int_of, value_of

_B = r"(?<![\w'])"  # a word starts here
_E = r"(?![\w'])"  # a word ends here
_HOUR_WORDS: Final = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_HOUR = rf"(?:1[0-2]|0?[1-9]|{_HOUR_WORDS})"
_UNIT = (
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?"
    r"|yrs?|fortnights?)"
)
# Minutes of an hour said as a word after the hour: "seven thirty", "nine oh five".
_MINUTES_AFTER = rf"(?:o|oh)\s+(?:one|two|three|four|five|six|seven|eight|nine)|{NUMBER_WORD}"
_CLOCK_TAIL = (
    r"(?=\s*(?:[ap]\.?m\.?|o'?\s*clock|in\s+the\s+(?:morning|afternoon|evening)"
    r"|at\s+night|tonight))"
)

_OH: Final = re.compile(r"oh?\s+")

Replace = Callable[[re.Match[str]], str | None]


@dataclass(frozen=True, slots=True)
class Rewritten:
    """A rewritten text; starts[i]/ends[i] bound the input that produced character i."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The input slice that produced text[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


def _apply(current: Rewritten, regex: re.Pattern[str], replace: Replace) -> Rewritten:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    text = current.text
    for m in regex.finditer(text):
        new = replace(m)
        if new is None or new == m.group():
            continue
        pieces.append(text[pos : m.start()])
        starts.extend(current.starts[pos : m.start()])
        ends.extend(current.ends[pos : m.start()])
        pieces.append(new)
        first, last = current.starts[m.start()], current.ends[m.end() - 1]
        starts.extend([first] * len(new))
        ends.extend([last] * len(new))
        pos = m.end()
    if not pieces:
        return current
    pieces.append(text[pos:])
    starts.extend(current.starts[pos:])
    ends.extend(current.ends[pos:])
    return Rewritten("".join(pieces), starts, ends)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _amount(m: re.Match[str]) -> str | None:
    """'a couple of hours' -> '2 hours'; 'a fortnight' -> '14 days'."""
    unit = m["unit"].lower()
    if m["n"][0].isdigit() and not unit.startswith("fortnight") and not m["half"]:
        return None  # "2 hours" reads as it is; "2 and a half hours" is "2.5 hours"
    value = value_of(m["n"]) + (0.5 if m["half"] else 0)
    if unit.startswith("fortnight"):
        return f"{_number(value * 14)} days"
    return f"{_number(value)} {unit}"


def _fixed(words: str) -> Replace:
    return lambda _m: words


def _to_hour(word: str) -> int:
    return int_of(word) if not word.isdigit() else int(word)


def _before_after(m: re.Match[str]) -> str | None:
    """'ten past four' -> '4:10', 'quarter to ten' -> '9:45', 'half past eight' -> '8:30'."""
    said = m["m"].lower()
    if said[0].isdigit() and not m["mins"]:
        return None  # "5 to 7" is a range more often than 6:55
    minutes = {"half": 30, "quarter": 15}.get(said) or _to_hour(said)
    named = m["h"].lower()
    hour = {"noon": 12, "midday": 12, "midnight": 0}.get(named)
    if hour is None:
        hour = _to_hour(named)
    elif hour == 0 and m["dir"].lower() not in ("past", "after"):
        return None if minutes >= 60 or said == "half" else f"23:{60 - minutes:02d}"
    if m["dir"].lower() in ("past", "after"):
        if minutes >= 60 or (said == "half" and m["dir"].lower() == "after"):
            return None
        return f"{hour}:{minutes:02d}"
    if minutes >= 60 or said == "half":
        return None
    return f"{(hour - 2) % 12 + 1}:{60 - minutes:02d}"


def _word_clock(m: re.Match[str]) -> str | None:
    """'at seven' -> 'at 7'; 'seven thirty pm' -> '7:30 pm'; 'nine oh five' -> '9:05'."""
    hour = WORDS.get(m["h"].lower())
    if hour is None or hour > 12:
        return None
    text = str(hour)
    if m["mm"]:
        said = m["mm"].lower()
        oh = _OH.match(said)
        minutes = int_of(said[oh.end() :] if oh else said)
        if minutes > 59 or (oh is not None) != (minutes < 10):
            return None
        text = f"{hour}:{minutes:02d}"
    return f"{m['pre'] or ''}{text}"


def _oclock(m: re.Match[str]) -> str:
    return f"{_to_hour(m['h'].lower())} o'clock"


def _pattern(body: str) -> re.Pattern[str]:
    return re.compile(body, re.IGNORECASE)


# Passes in order; each rewrites what the ones before left.
PASSES: Final[tuple[tuple[re.Pattern[str], Replace], ...]] = (
    (typos.WORD, lambda m: typos.meant(m.group())),
    *spoken.PASSES,  # dictated and compact forms: "six p m", "at um four", "20:15 h"
    # Texting "n"/"&" for "and" before "a half": "an hour n a half", "2 & a half hours".
    (_pattern(rf"(?<=\s)(?:n|&|'n'|'n)(?=\s+a\s+half{_E})"), _fixed("and")),
    (_pattern(rf"{_B}half\s+an?\s+hour{_E}"), _fixed("30 minutes")),
    (_pattern(rf"{_B}half\s+a\s+day{_E}"), _fixed("12 hours")),
    (_pattern(rf"{_B}three\s+quarters\s+of\s+an\s+hour{_E}"), _fixed("45 minutes")),
    (_pattern(rf"{_B}(?:a\s+)?quarter\s+(?:of\s+)?an?\s+hour{_E}"), _fixed("15 minutes")),
    (
        _pattern(rf"{_B}(?P<n>{AMOUNT})(?P<half>\s+and\s+a\s+half)?\s+{_UNIT}{_E}"),
        _amount,
    ),
    (
        _pattern(
            rf"(?<!from\s)(?<!between\s){_B}(?:a\s+)?(?P<m>half|quarter|{NUMBER_WORD}|\d{{1,2}})"
            rf"(?P<mins>\s+(?:minutes?|mins?))?\s+(?P<dir>past|after|to|till|til|before|of)"
            rf"\s+(?P<h>{_HOUR}|noon|midday|midnight){_E}"
        ),
        _before_after,
    ),
    # British "half seven" is half past seven, said after "at" or before "pm"/"tonight".
    (
        _pattern(
            rf"{_B}(?P<pre>(?:at|around|about|by|till|until|before|after)\s+)?half\s+"
            rf"(?P<h>{_HOUR}){_E}"
        ),
        lambda m: (
            f"{m['pre'] or ''}{_to_hour(m['h'].lower())}:30" if m["pre"] or _tail(m) else None
        ),
    ),
    (_pattern(rf"{_B}(?P<h>{_HOUR})\s*o'?\s*clock{_E}"), _oclock),
    # 24-hour forms: "at 1930", "at 0700", "19h30", "at 20h"; "9 am sharp" is 9 am.
    (
        _pattern(
            rf"{_B}(?P<pre>(?:at|by|around|before|after|till|until)\s+)"
            rf"(?P<h>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?:\s*(?:hrs|hours|h))?{_E}(?![-/.:]\d)"
        ),
        lambda m: f"{m['pre']}{m['h']}:{m['mm']}",
    ),
    (
        _pattern(rf"(?<!\bin\s)(?<!\bfor\s){_B}(?P<h>[01]?\d|2[0-3])h(?P<mm>[0-5]\d){_E}"),
        lambda m: f"{int(m['h']):02d}:{m['mm']}",  # 24-hour: "1h00" is 01:00
    ),
    (
        _pattern(rf"{_B}(?P<pre>(?:at|by|around)\s+)(?P<h>[01]?\d|2[0-3])h{_E}"),
        lambda m: f"{m['pre']}{int(m['h']):02d}:00",
    ),
    (
        _pattern(rf"{_B}(?P<clock>\d{{1,2}}(?:[:.]\d{{2}})?\s*[ap]\.?m\.?)\s+sharp{_E}"),
        lambda m: m["clock"],
    ),
    (
        _pattern(
            rf"{_B}(?P<pre>(?:at|around|about|by|till|until|before|after)\s+)?"
            rf"(?P<h>{_HOUR_WORDS})(?:\s+(?P<mm>{_MINUTES_AFTER}))?{_E}"
        ),
        lambda m: _word_clock(m) if m["pre"] or _tail(m) else None,
    ),
)
_TAIL: Final = _pattern(_CLOCK_TAIL)


def _tail(m: re.Match[str]) -> bool:
    return _TAIL.match(m.string, m.end()) is not None


_Gate = Callable[[str], bool] | None
# Each default pass with its cheap test (spoken.GATES), paired once here.
_GATED: Final[tuple[tuple[re.Pattern[str], Replace, _Gate], ...]] = tuple(
    (regex, replace, next((g for r, g in spoken.GATES.items() if r is regex), None))
    for regex, replace in PASSES
)


def rewrite(text: str, passes: Sequence[tuple[re.Pattern[str], Replace]] = PASSES) -> Rewritten:
    """text with its spoken idioms in digits, mapped back to text character by character."""
    current = Rewritten(text, range(len(text)), range(1, len(text) + 1))
    gated = _GATED if passes is PASSES else [(regex, replace, None) for regex, replace in passes]
    lowered, of = text.lower(), current
    for regex, replace, gate in gated:
        if gate is not None:
            if of is not current:
                lowered, of = current.text.lower(), current
            if not gate(lowered):
                continue
        current = _apply(current, regex, replace)
    return current
