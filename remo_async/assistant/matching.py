"""Finding the item a user names: fuzzy enough for "the trash", never a guess between two."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Final, TypeVar

from rapidfuzz.distance import OSA

T = TypeVar("T")

_WORD: Final = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words that carry no meaning in a title as people say it back.
_FILLER: Final = frozenset(
    (
        *("the", "a", "an", "my", "to", "about", "for", "of", "that", "this", "called"),
        *("reminder", "reminders", "todo", "todos", "task", "tasks", "item", "named", "please"),
        *("one", "just", "finally", "already", "out", "up", "i", "i've", "we", "we've", "have"),
        *("with", "off", "all", "now"),
    )
)
# Past forms said back for the verbs of titles ("I paid the rent" names "pay rent").
_IRREGULAR: Final = {
    **{"paid": "pay", "bought": "buy", "sent": "send", "made": "make", "took": "take"},
    **{"got": "get", "wrote": "write", "rang": "ring", "fed": "feed", "met": "meet"},
    **{"sold": "sell", "built": "build", "did": "do", "done": "do", "found": "find"},
    **{"gave": "give", "went": "go", "read": "read", "put": "put", "brought": "bring"},
    **{"called": "call", "emailed": "email", "texted": "text", "finished": "finish"},
}
_KEEP_ED: Final = frozenset(("need", "feed", "speed", "seed", "weed", "bleed", "breed", "shed"))
_SIMILAR: Final = 0.84
_WHOLE_SIMILAR: Final = 0.8


def words(text: str) -> list[str]:
    """The meaningful words of text, lowercased; all words if none is meaningful."""
    found = _WORD.findall(text.lower())
    kept = [_stem(w) for w in found if w not in _FILLER]
    return kept or [_stem(w) for w in found]


def _stem(word: str) -> str:
    # Plural, possessive and past endings: "pills" names "pill", "mum's" names "mum",
    # "renewed" names "renew".
    word = word.removesuffix("'s")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) >= 5 and word.endswith("ied"):
        return word[:-3] + "y"
    if len(word) >= 5 and word.endswith("ed") and word not in _KEEP_ED:
        word = word[:-2]
        return word[:-1] if len(word) > 3 and word[-1] == word[-2] else word
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _same(said: str, title_word: str) -> bool:
    if said == title_word:
        return True
    if len(said) >= 4 and title_word.startswith(said):
        return True  # "present" for "presentation"
    if len(said) >= 4 and OSA.distance(said, title_word) <= 1:
        return True  # one slip: "mlik" for "milk", "dentst" for "dentist"
    return len(said) >= 4 and SequenceMatcher(None, said, title_word).ratio() >= _SIMILAR


def _covers(said: Sequence[str], title: Sequence[str], *, exact: bool = False) -> bool:
    """Whether every word said is (exact: exactly, else nearly) a word of the title."""
    if exact:
        return all(s in title for s in said)
    return all(any(_same(s, t) for t in title) for s in said)


def find_matches(target: str, items: Sequence[T], *, title: Callable[[T], str]) -> list[T]:
    """The items target names, by the first test that finds any (see the tests below)."""
    said = words(target)
    if not said:
        return []
    named = [(item, words(title(item))) for item in items]
    # Exact titles; titles holding every word said; titles said whole with a little more
    # around them; near spellings of the whole title. Stopping at the first that finds any
    # keeps "buy milk" from also matching "buy oat milk" when the user said it exactly.
    for test in (
        lambda t: t == said,
        lambda t: _covers(said, t, exact=True),
        lambda t: _covers(said, t),
        lambda t: len(t) >= 2 and _covers(t, said),
        lambda t: _ratio(t, said) >= _WHOLE_SIMILAR,
    ):
        found = [item for item, title_words in named if test(title_words)]
        if found:
            return found
    return []


def _ratio(title: Sequence[str], said: Sequence[str]) -> float:
    return SequenceMatcher(None, " ".join(title), " ".join(said)).ratio()
