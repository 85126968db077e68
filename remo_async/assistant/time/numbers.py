"""Numbers as people say them: digits and words, the one place the time grammar reads them.

Words: "one".."sixty" (compounds as "twenty-five" or "twenty five"), "a"/"an" = 1,
"a couple of" = 2, "a few" = 3, "half" = 0.5, "quarter" = 0.25. Digits: an unsigned
decimal such as "45" or "1.5".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

_UNITS: Final = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS: Final[Mapping[str, int]] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
MAX_WORD: Final = 60


def _spell(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    if n == MAX_WORD:
        return "sixty"
    tens = next(word for word, value in _TENS.items() if value == n - n % 10)
    return tens if n % 10 == 0 else f"{tens}-{_UNITS[n % 10]}"


# Every whole number 1..60 by its canonical spelling ("twenty-five").
WORDS: Final[Mapping[str, int]] = {_spell(n): n for n in range(1, MAX_WORD + 1)}
# Vague and article amounts, longest first in the pattern below.
_VAGUE: Final[Mapping[str, float]] = {
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "half": 0.5,
    "quarter": 0.25,
    "an": 1,
    "a": 1,
}
_WORD_ALTERNATIVES = "|".join(
    sorted((w.replace("-", r"(?:-|\s+)") for w in WORDS), key=len, reverse=True)
)
# A number word, spelled out ("twenty five", "twenty-five"); match with IGNORECASE.
NUMBER_WORD: Final = rf"(?:{_WORD_ALTERNATIVES})"
VAGUE: Final = r"(?:a\s+couple(?:\s+of)?|couple\s+of|a\s+few|half|quarter|an|a)"
DIGITS: Final = r"[0-9]+(?:\.[0-9]+)?"
# Any amount: digits, a number word or a vague word, longest alternatives first.
AMOUNT: Final = rf"(?:{DIGITS}|{NUMBER_WORD}|{VAGUE})"
_SPACES: Final = re.compile(r"[-\s]+")


def value_of(text: str) -> float:
    """The value of one amount matched by AMOUNT ("twenty five" -> 25.0, "a few" -> 3.0).

    Raises ValueError for text that is not such an amount.
    """
    word = _SPACES.sub(" ", text.strip().lower())
    if word in _VAGUE:
        return float(_VAGUE[word])
    hyphenated = word.replace(" ", "-")
    if hyphenated in WORDS:
        return float(WORDS[hyphenated])
    if re.fullmatch(DIGITS, word):
        return float(word)
    raise ValueError(f"{text!r} is not a number")


def int_of(text: str) -> int:
    """A whole amount (digits or words); ValueError for a fraction or a non-number."""
    value = value_of(text)
    if not value.is_integer():
        raise ValueError(f"{text!r} is not a whole number")
    return int(value)


def word_for(n: int) -> str:
    """The canonical spelling of 1..60 ("twenty-five"); ValueError outside that range."""
    if not 1 <= n <= MAX_WORD:
        raise ValueError(f"{n} has no number word")
    return _spell(n)
