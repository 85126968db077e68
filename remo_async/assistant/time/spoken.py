"""Dictated and compact time forms rewritten into the forms the grammar reads.

Voice dictation and terse notes say a time the rules already know, in another spelling:
"six p m" and "6 p. m." ("6 pm"), "at um four" (a filler inside the time: "at four"),
"at at 6" (a stutter: "at 6"), "5 o'clock of the afternoon" ("5 o'clock in the
afternoon"), "mon eve" ("mon evening"; "eve" only after a day word, so "christmas eve"
stays a title), "20:15 h" ("20:15"), "the first of december" and "december the first"
("the 1st of december", "december 1st"), and a whole message "18.30" ("18:30": a dotted
clock said alone, as the answer to "when?"; inside a sentence "18.30" stays money unless a
preposition says it is a time). These passes run before rewrite.PASSES, each on what the one
before left; the rewritten text keeps its map back to what the user typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Final

from remo_async.assistant.time.numbers import NUMBER_WORD

_B = r"(?<![\w'])"  # a word starts here
_E = r"(?![\w'])"  # a word ends here
_DAY_WORD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun|tomorrow|today)"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_FILLERS = r"(?:u+m+|u+h+m*|e+r+m*|h+m+|a+h+)"
_TIME_START = (
    rf"(?:\d|(?:{NUMBER_WORD}|half|quarter|noon|midday|midnight|tomorrow|today|tonight|next"
    rf"|this|{_DAY_WORD}){_E})"
)
_ORDINAL_UNITS: Final = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
)
_TEENS: Final = (
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth"),
)


def _ordinals() -> dict[str, int]:
    """'first' -> 1 .. 'thirty-first' -> 31, compounds with a hyphen or a space."""
    found = {word: n for n, word in enumerate(_ORDINAL_UNITS, start=1)}
    found |= {word: n for n, word in enumerate(_TEENS, start=10)}
    found |= {"twentieth": 20, "thirtieth": 30}
    for n, unit in enumerate(_ORDINAL_UNITS, start=1):
        found[f"twenty-{unit}"] = 20 + n
    found["thirty-first"] = 31
    return found


ORDINAL_WORDS: Final = _ordinals()
_ORDINAL = "|".join(
    sorted((w.replace("-", r"(?:-|\s+)") for w in ORDINAL_WORDS), key=len, reverse=True)
)


def _suffixed(word: str) -> str:
    """'first' -> '1st', 'twenty second' -> '22nd', 'eleventh' -> '11th'."""
    n = ORDINAL_WORDS["-".join(word.lower().split())]
    ending = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{ending}"


def _pattern(body: str) -> re.Pattern[str]:
    return re.compile(body, re.IGNORECASE)


def _hours_mark(m: re.Match[str]) -> str | None:
    """'20:15 h' -> '20:15'; a dotted '20.15 h' only after a preposition (else a decimal)."""
    if m["sep"] == "." and not m["pre"]:
        return None
    return f"{m['pre'] or ''}{m['h']}:{m['mm']}"


Replace = Callable[[re.Match[str]], str | None]
_NUMBER_BEFORE: Final = _pattern(rf"(?:.*\d|{NUMBER_WORD})")
_MERIDIEM: Final = _pattern(rf"(?<=\w)\s*(?P<x>[ap])(?:\s+|\.\s+)m(?:\.|{_E})")


def _meridiem(m: re.Match[str]) -> str | None:
    """' p m' after a number ("six p m", "6 p. m.") -> ' pm'; after any other word, None.

    ' a m' must also end the phrase (an end, a mark or a link word follows): "2 a m
    batteries" is not 2 am.
    """
    words = m.string[: m.start()].split()
    if not words or not _NUMBER_BEFORE.fullmatch(words[-1]):
        return None
    if m["x"].lower() == "a" and _LINK_AFTER.match(m.string, m.end()) is None:
        return None
    return f" {m['x'].lower()}m"


_LINK_AFTER: Final = _pattern(
    r"\s*(?:$|[^\w\s]|(?:to|on|at|for|and|or|then|tomorrow|today|tonight|please|every|each"
    r"|next|this|sharp|so|pls|thanks|in)(?![\w']))"
)
_OF_THE: Final = _pattern(
    rf"(?P<c>\d|o'?\s*clock|[ap]\.?m\.?)\s+of\s+the\s+(?P<p>morning|afternoon|evening|night){_E}"
)
_HOURS_MARK: Final = _pattern(
    rf"{_B}(?P<pre>(?:at|by|around|before|after|till|until)\s+)?"
    rf"(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<mm>[0-5]\d)\s*(?:h|hrs|hours|uhr){_E}"
)
_ORDINAL_OF: Final = _pattern(rf"{_B}(?P<the>the\s+)?(?P<o>{_ORDINAL})\s+of\s+(?={_MONTH}{_E})")
_MONTH_ORDINAL: Final = _pattern(rf"{_B}(?P<mon>{_MONTH})\s+(?P<the>the\s+)?(?P<o>{_ORDINAL}){_E}")
_FILLED: Final = _pattern(
    rf"{_B}(?P<pre>at|on|by|around|about|in|till|until|before|after)"
    rf"(?:\s*,?\s+{_FILLERS}{_E}\s*,?)+\s+(?={_TIME_START})"
)
_EVE: Final = _pattern(rf"{_B}(?P<d>{_DAY_WORD})\s+(?P<p>eve|morn){_E}")
_MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


_ORDINAL_STEMS: Final = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "teenth", "tieth"),
)
_FILLER_WORD: Final = _pattern(rf"{_B}{_FILLERS}{_E}")
_EVE_WORD: Final = _pattern(rf"{_B}(?:eve|morn){_E}")


def _ordinal_date(text: str) -> bool:
    return any(stem in text for stem in _ORDINAL_STEMS) and any(m in text for m in _MONTHS)


PASSES: Final[tuple[tuple[re.Pattern[str], Replace], ...]] = (
    # A stuttered preposition: "at at 6", "on on friday".
    (_pattern(rf"{_B}(?P<w>at|on|by|in)\s+(?P=w){_E}"), lambda m: m["w"]),
    # Fillers between a preposition and its time: "at um four", "on uh, friday".
    (
        _FILLED,
        lambda m: f"{m['pre']} ",
    ),
    # Spoken or dotted meridiem after a number: "six p m", "6 p. m.", "seven thirty a m".
    (_MERIDIEM, _meridiem),
    # "5 o'clock of the afternoon" is "5 o'clock in the afternoon".
    (_OF_THE, lambda m: f"{m['c']} in the {m['p']}"),
    # "eve" and "morn" are the evening and the morning right after a day word only.
    (
        _EVE,
        lambda m: f"{m['d']} {'evening' if m['p'].lower() == 'eve' else 'morning'}",
    ),
    # A 24-hour clock marked with "h"/"hrs": "20:15 h", "at 18.30 hrs".
    (_HOURS_MARK, _hours_mark),
    # Ordinal words next to a month: "the first of december", "december the twenty first".
    (_ORDINAL_OF, lambda m: f"{m['the'] or ''}{_suffixed(m['o'])} of "),
    (_MONTH_ORDINAL, lambda m: f"{m['mon']} {m['the'] or ''}{_suffixed(m['o'])}"),
    # A dotted clock said alone ("18.30", the answer to "when?") is a time, not money.
    (
        _pattern(r"^\s*(?P<h>[01]?\d|2[0-3])\.(?P<mm>[0-5]\d)\s*(?=[.!?]*\s*$)"),
        lambda m: f"{m['h']}:{m['mm']}",
    ),
)
# Cheap tests on the lower-cased text: a pass whose test fails cannot match and is skipped.
GATES: Final[Mapping[re.Pattern[str], Callable[[str], bool]]] = {
    _FILLED: lambda text: _FILLER_WORD.search(text) is not None,
    _MERIDIEM: lambda text: "p m" in text or "a m" in text or ". m" in text,
    _OF_THE: lambda text: "of the" in text,
    _HOURS_MARK: lambda text: ":" in text or "." in text,
    _EVE: lambda text: _EVE_WORD.search(text) is not None,
    _ORDINAL_OF: _ordinal_date,
    _MONTH_ORDINAL: _ordinal_date,
}
