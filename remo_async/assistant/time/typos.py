"""Misspelt time words ("tomorow", "wensday", "thursdy", "minuts") read as the word meant.

A word is corrected only when it is not a word of ours, not an English word (the Webster's
2nd and GCIDE lists of the english-words package, with plural and verb endings taken off)
and within the optimal-string-alignment distance (Damerau-Levenshtein without repeated
edits, via rapidfuzz) of exactly one of ours, with the same first letter: one edit for
words up to six letters, two above. So "tomato" stays a tomato and "ours" is not "hours".
Common shorthand ("tmrw", "2moro", "tonite", "wk") is read by a fixed table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Final

from rapidfuzz.distance import OSA, Indel

_OURS: Final = (
    *("tomorrow", "today", "tonight", "morning", "afternoon", "evening", "midnight", "midday"),
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("minute", "minutes", "hour", "hours", "week", "weeks", "month", "months", "year"),
    *("years", "weekend", "weekday", "weekdays", "fortnight", "o'clock", "every", "daily"),
    *("weekly", "monthly", "hourly", "yearly", "annually", "quarter", "half", "past", "noon"),
    *("january", "february", "march", "april", "june", "july", "august", "september"),
    *("october", "november", "december", "later", "first", "thing", "next", "after"),
)
SHORTHAND: Final[Mapping[str, str]] = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "tmrow": "tomorrow",
    "tmoro": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
    "2morow": "tomorrow", "tonite": "tonight", "2nite": "tonight", "tnite": "tonight",
    "tdy": "today", "2day": "today", "wk": "week", "wks": "weeks", "mth": "month",
    "mths": "months", "yr": "year", "yrs": "years", "hr": "hour", "wkend": "weekend",
    "minuets": "minutes", "minuet": "minute", "2mrw": "tomorrow", "2mro": "tomorrow",
    "tmrrw": "tomorrow", "wkday": "weekday", "wkdays": "weekdays", "arvo": "afternoon",
}  # fmt: skip
# Words of the grammar besides _OURS that must never be "corrected" into one of _OURS.
_KNOWN: Final = frozenset(
    (
        *_OURS,
        *("mins", "hrs", "days", "mondays", "tuesdays", "wednesdays", "thursdays"),
        *("fridays", "saturdays", "sundays", "mornings", "evenings", "nights", "weekends"),
        *("afternoons", "tues", "thurs", "weds", "sept", "noon", "oclock", "yearly"),
    )
)
# Endings taken off, and what may have stood before them ("hoping" -> hop, hope).
_ENDINGS: Final = (
    ("'s", ("",)), ("s", ("",)), ("es", ("", "e")), ("ies", ("y",)), ("ed", ("", "e")),
    ("d", ("",)), ("ing", ("", "e")), ("er", ("", "e")), ("ers", ("", "e")), ("ly", ("",)),
)  # fmt: skip
SHORTEST: Final = 5  # shorter words are too often another word (jane, june) to guess at
WORD: Final = re.compile(r"(?<![\w'])[A-Za-z0-9]{2,12}(?![\w'])")


@cache
def english() -> frozenset[str]:
    """English words, lower case (loaded on first need: about 0.2 s, then kept)."""
    from english_words import get_english_words_set  # type: ignore[import-untyped]

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True))


def is_english(word: str) -> bool:
    """Whether word, or word without a plural or verb ending, is an English word."""
    words = english()
    stems = [word]
    for end, back in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) > 2:
            stems += [word[: -len(end)] + tail for tail in back]
    return any(stem in words for stem in stems)


@lru_cache(maxsize=8192)
def meant(word: str) -> str | None:
    """The time word a misspelt word stands for, or None (a word of ours, or not close)."""
    low = word.lower()
    if low in SHORTHAND:
        return SHORTHAND[low]
    if len(low) < SHORTEST or low in _KNOWN or not low.isalpha():
        return None
    limit = 1 if len(low) <= 6 else 2
    close = sorted(
        (OSA.distance(low, ours), -Indel.normalized_similarity(low, ours), ours)
        for ours in _OURS
        if ours[0] == low[0] and OSA.distance(low, ours, score_cutoff=limit) <= limit
    )
    # The nearest, if nothing else is as near ("wensday": wednesday, not weekday).
    if not close or (len(close) > 1 and close[0][:2] == close[1][:2]) or is_english(low):
        return None
    return close[0][2]
