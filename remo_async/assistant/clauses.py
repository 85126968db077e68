"""What a reminder request holds besides its one title: a second request ("call mum at 6
and add milk to my list", "bins at 7pm and to call gran at 9pm"), texting "2" for "to"
("tmrw 2 call the dentist") and a closing courtesy sentence ("... Thank you so much!")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from remo_async.assistant.time import Span, find_spans

ONE_AT_A_TIME: Final = (
    "That sounds like more than one request. Could you send them one at a time? For example "
    '"remind me to call mum at 6", then "add milk to my shopping list".'
)
# A second request inside what would be the title: a new sentence ("call mum. also what's
# on tomorrow?"), or "and"/"then" before a command ("... and add milk to my list").
_SENTENCE_END: Final = re.compile(r"(?<![\w'])([\w']+)[.;!?]+\s+(?=[^\W\d_])")
_ABBREVIATIONS: Final = frozenset(
    ("dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "no", "etc", "approx", "prof", "mt", "ft")
)
_THEN_COMMAND: Final = re.compile(
    r"(?:\band|\bthen|\balso|\bplus|&)\s+(?:then\s+|also\s+)?"
    r"(?:remind\s+me\b|what(?:'s|s)?\b|show\s+me\b|list\s+my\b"
    r"|set\s+(?:a|an|another)\s+(?:reminder|alarm|timer)\b"
    r"|(?:add|put)\s[^.?!]{0,80}?\s(?:to|on|onto)\s+(?:my|the|our)\s+(?:[\w-]+\s+){0,2}"
    r"(?:list|todos?|to-dos?)\b"
    r"|mark\s[^.?!]{0,60}?\s(?:as\s+)?(?:done|complete|completed|finished)\b)",
    re.IGNORECASE,
)
COURTESY_AFTER: Final = re.compile(
    r"(?<![.;!])[.;!]+\s+(?=(?:thanks?|thank\s+you|thx|ty|cheers|much\s+appreciated"
    r"|you'?re\s+the\s+best)\b)",
    re.IGNORECASE,
)
_COURTESY: Final = re.compile(
    r"(?:thanks?|thank\s+you|thx|ty|cheers|please|pls|ok|okay|lol|haha|xx+|much\s+appreciated"
    r"|you'?re\s+the\s+best|love\s+you)\b",
    re.IGNORECASE,
)
_AND_TO: Final = re.compile(
    r"\b(?:and|then)\s+(?:also\s+|again\s+|then\s+)?(?:to|at|on|in|by)\s+", re.IGNORECASE
)


def second_request(title: str) -> bool:
    """Whether a reminder's title holds another request: a new sentence after a word that
    is not an abbreviation ("dr. smith" is one title), a command after "and"/"then", or
    "and to ..." carrying a time of its own ("bins at 7pm and to call gran at 9pm")."""
    for m in _SENTENCE_END.finditer(title):
        word = m[1].lower()
        if len(word) > 1 and word not in _ABBREVIATIONS and not _COURTESY.match(title, m.end()):
            return True
    if _THEN_COMMAND.search(title):
        return True
    joined = _AND_TO.search(title)
    return joined is not None and any(find_spans(title[joined.start() :]))


# Texting "2"/"4" for "to"/"for" after a day word: "tmrw 2 call the dentist" is tomorrow, to
# call the dentist, not 2 o'clock; "take 2 tablets" and "at 2" keep their number.
_TEXTING_TO: Final = re.compile(
    r"(?<![\w'])(?P<prev>tmrw|tmr|tomorrow|2moro|2morrow|tomoz|today|tonight|2nite|tonite"
    r"|morning|afternoon|evening|night|weekend|later|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|mon|tues?|weds?|thu(?:rs?)?|fri) (?P<n>[24]) (?=[A-Za-z])",
    re.IGNORECASE,
)
_CLOCK_AFTER: Final = re.compile(
    r"\s*(?:[ap]\.?m\b|o'?\s*clock|oh\b|hours?|hrs?|mins?|minutes?|thirty|fifteen|forty|fifty"
    r"|twenty|ten|sharp|ish|in\s+the)",
    re.IGNORECASE,
)


def _texting_to(m: re.Match[str]) -> str:
    if _CLOCK_AFTER.match(m.string, m.end()):
        return m.group()  # "tomorrow 2 pm", "friday 4 o'clock"
    return f"{m['prev']} {'to' if m['n'] == '2' else 'for'} "


def two_times(text: str, spans: Sequence[Span]) -> bool:
    """Whether "and to"/"then at" joins two requests with a time each ("call mum on friday
    and to call gran at 9pm"): time phrases stand both before and after the join."""
    for m in _AND_TO.finditer(text):
        if any(s.end <= m.start() for s in spans) and any(s.start >= m.start() for s in spans):
            return True
    return False


def texting_to(text: str) -> str:
    """text with texting "2"/"4" after a day word read as "to"/"for"."""
    return _TEXTING_TO.sub(_texting_to, text)
