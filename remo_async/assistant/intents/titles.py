"""Whether a reminder's title names something: not only a pronoun or garbled ("it",
"asdf jkl"), with no words left of a time phrase that was not read ("at 1930 to ring dad")."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from rapidfuzz.distance import OSA

_VAGUE: Final = re.compile(
    r"^(?:(?:about|of|to|do|for)\s+)?(?:it|that|this|them|those|these|something|stuff|things?"
    r"|to|about|of|for|that|me|do|on|at"
    r"|the\s+thing|that\s+thing|what\s+i\s+said|you\s+know\s+what)$",
    re.IGNORECASE,
)
# Words a time phrase left behind when it was not read ("at 1930 to ring dad", "sometime to
# call the bank", "between 9 and 5 to stretch", "eat lunch noonish"): ask, never guess.
_TIME_WORD = (
    r"(?:at|on|by|in|for|from|until|till|til|between|before|after|around|and|or|sharp|sometime"
    r"|some\s+time|every|each|during|within|a|an|the|this|next|\d[\w.:]*|[ap]m|o'?clock"
    r"|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|morning|afternoon|evening|night"
    r"|january|february|march|april|may|june|july|august|september|october|november|december)"
)
_WEAK: Final = frozenset(("a", "an", "the", "this", "and", "or", "at", "on", "by", "in", "for"))
_WEAK_MORE: Final = frozenset(("from", "every", "each", "next"))
_TAIL: Final = re.compile(
    r"\s(?:noon|midday|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"-?ish$|\ssharp$",
    re.IGNORECASE,
)
_FILLER_TAIL: Final = re.compile(
    r"(?:[\s,]+(?:again|instead|too|also|as\s+well|then|now|please|pls|plz|thx|thanks|ty"
    r"|thank\s+you|cheers))+$",
    re.IGNORECASE,
)


def unread_time(title: str) -> bool:
    """Whether a title still holds words of a time phrase that was not read."""
    if _TAIL.search(title):
        return True
    m = _HEAD.match(title)
    if m is None:
        return False
    head = m["head"].lower().split()
    timely = all(_TIME_WORD_RE.fullmatch(word) or _misspelt_day(word) for word in head)
    return timely and any(word not in _WEAK and word not in _WEAK_MORE for word in head)


_HEAD: Final = re.compile(r"^(?P<head>(?:\S+\s+){1,5}?)(?:to|about)\s+\w", re.IGNORECASE)
_TIME_WORD_RE: Final = re.compile(_TIME_WORD, re.IGNORECASE)
_DAY_WORDS: Final = (
    *("tomorrow", "tonight", "today", "morning", "evening", "afternoon", "weekend", "midnight"),
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
)


def _misspelt_day(word: str) -> bool:
    """A day or period word the time grammar did not read ("tmorow", "wednsday")."""
    return len(word) >= 5 and any(OSA.distance(word, day) <= 2 for day in _DAY_WORDS)


_VOWEL: Final = re.compile(r"[aeiouy]", re.IGNORECASE)
_MASH: Final = re.compile(
    r"[bcdfghjklmnpqrstvwxz]{6,}|([a-z])\1{3,}|asdf|qwer|zxcv|hjkl|sdfg|dfgh|wert", re.IGNORECASE
)


def vague_title(title: str) -> bool:
    """A title that names nothing ("it", "that") or is garbled ("asdf jkl", "xzqwv")."""
    bare = _FILLER_TAIL.sub("", " " + re.sub(r"[^\w\s']+", " ", title).strip()).strip()
    if not bare or _VAGUE.match(bare):
        return True  # "it again", "this 👆", "instead"
    words = [w for w in re.findall(r"[^\W\d_]+", title) if len(w) >= 3]
    if not words:
        return not re.search(r"\w", title)
    garbled = [w for w in words if (len(w) >= 5 and not _VOWEL.search(w)) or _mashed(w)]
    return len(garbled) * 2 >= len(words)


_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _mashed(word: str) -> bool:
    """A word typed by running along the keyboard ("asdkjh", "qwe"): most letter pairs are
    neighbours on one row."""
    if _MASH.search(word):
        return True
    low = word.lower()
    pairs = list(pairwise(low))
    near = sum(
        any(abs(r.find(a) - r.find(b)) == 1 and a in r and b in r for r in _ROWS) for a, b in pairs
    )
    return len(low) >= 5 and near * 4 >= len(pairs) * 3


def unquote(text: str) -> str:
    """text without the quotes the user put around all of it."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text
