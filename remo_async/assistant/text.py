"""A message made ready to read: straight quotes, single spaces, no "hey remo, could you
please", and misspelt command words read as the word they misspell ("remnd", "cancle").
Misspelt time words are read by the time grammar itself."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

MAX_MESSAGE: Final = 4000
# The longest message the readers read (a 200-character title, its time and its command
# words fit easily); a longer one is asked about, so no message costs more than a bounded
# amount of CPU on the event loop however it is built.
MAX_REQUEST: Final = 600
TOO_LONG: Final = (
    "That's a long message for me to act on. Could you send me the request in a sentence or "
    'two? For example "remind me to call mum tomorrow at 10am".'
)

_POLITE: Final = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|oh|um|so|and|also|alright)\s+(?:remo|siri|alexa|google)\b"
    r"[\s,!.:]*|(?:remo|siri|alexa)[\s,!.:]+"
    # lead-ins before a request: "quick one -", "btw", "before I forget,", "listen,"
    r"|(?:quick\s+(?:one|q|question)|btw|by\s+the\s+way|(?:just\s+)?a\s+heads[\s-]up"
    r"|heads[\s-]up|before\s+i\s+forget|like)(?:\s*[,!.:-]\s*|\s+)(?=\w)"
    r"|(?:right|listen|look|so\s+yeah)\s*[,!.:-]\s*(?=\w)"
    r"|(?:ok|okay|oh|um|so|and|also|alright|yes|yeah|yep|yup|great|thanks|actually|wait|hmm"
    r"|no|nah|nope|oops|sorry|just|simply)"
    r"[,!.]?\s+(?=\w)"
    r"|please\s+do\s+(?=remind\b)|please[,]?\s+|pls\s+|plz\s+|kindly\s+|quick(?:ly)?[,]?\s+"
    r"|(?:would|do|could)\s+(?:you|u)\s+mind\s+(?=remind(?:ing)?\s+me\b)"
    r"|(?:can|could|would|will)\s+(?:you|u)(?:\s+please)?(?:\s+be\s+able\s+to)?\s+"
    r"|do\s+me\s+a\s+(?:favou?r|solid)(?:\s*,\s*|\s+and\s+|\s+)"
    r"|i(?:'d|\s+would)\s+like\s+you\s+to\s+"
    r"|i\s+want\s+you\s+to\s+|go\s+ahead\s+and\s+)+",
    re.IGNORECASE,
)
_REMINDING: Final = re.compile(r"^reminding\s+me\b", re.IGNORECASE)
# One closing courtesy ("..., please", "... thanks!"), anchored at the end; stripped one at a
# time from the end (a repeated group searched from every start is quadratic in the length).
_TRAILING: Final = re.compile(
    r"[\s,]+(?:please|pls|plz|thanks|thank\s+you|thx|remo|ok|okay)\b[\s.!?]*$", re.IGNORECASE
)
_TRAILING_REACH: Final = 40  # the longest courtesy with its separators, in characters

# Words a typo is read as, near the start of a message or where used as a command.
# Misspelt time words ("tomorow") are the time grammar's (assistant/time/typos.py).
COMMAND_WORDS: Final = (
    *("remind", "reminder", "reminders", "cancel", "snooze", "delete", "remove"),
    *("complete", "finish", "reschedule", "postpone", "schedule", "todo", "todos", "rename"),
)
FIRST_WORDS: Final = ("please",)  # read as a typo only as the first word ("plese remind")
# Real words one edit away from a command word, never "corrected".
KEEP: Final = frozenset(
    (
        *("cancer", "mourning", "finnish", "sundae", "remand", "reminds", "minute", "remains"),
        *("removes", "moved", "delta", "mondays", "fridays", "sundays", "evenings", "mornings"),
        *("tonights", "schedules", "finished", "completed", "deleted", "removed", "cancelled"),
        *("canceled", "snoozed", "reminded", "todo's", "renamed", "remote", "rewind"),
        *("delight", "compete", "deletes", "moaning", "sundry", "weekends", "minutes"),
    )
)
_WORD: Final = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_AS_COMMAND: Final = re.compile(r"\s+(?:me|it|that|this)\b", re.IGNORECASE)
_BEFORE_COMMAND: Final = re.compile(
    r"\b(?:set|add|create|make|new)\s+(?:a|an|the|another)\s+$", re.I
)
COMMAND_REACH: Final = 4  # command words are looked for among the first words only


def normalize(text: str) -> str:
    """At most MAX_MESSAGE characters, straight quotes, single spaces."""
    text = text[:MAX_MESSAGE].replace("’", "'").replace("‘", "'").replace("“", '"')
    return " ".join(text.replace("”", '"').split())


# Dictated punctuation ("... at six period", "milk comma eggs"): the mark it names. "period"
# only where no word before makes it a noun ("the trial period", "my period").
_SPOKEN_END: Final = re.compile(
    r"\s+(?:(?P<stop>full\s+stop)|(?P<q>question\s+mark)|(?P<x>exclamation\s+(?:mark|point))"
    r"|(?<!\btrial)(?<!\bgrace)(?<!\bnotice)(?<!\bwaiting)(?<!\bfree)(?<!\bbilling)(?<!\bmy)"
    r"(?<!\bher)(?<!\bthe)(?<!\ba)(?<!\bthis)(?<!\bthat)(?<!\bnext)(?<!\blast)(?<!\bper)"
    r"(?<!\bcooling-off)(?<!\bprobation)(?<!\brental)(?<!\btax)(?<!\bpay)(?<!\bsales)"
    r"(?P<p>period))(?=\s*$|\s+(?:thanks?|thank\s+you|please|cheers)\b|\s*[.!?])",
    re.IGNORECASE,
)
_SPOKEN_COMMA: Final = re.compile(  # not a noun: "add a comma to the essay"
    r"(?<!\ba)(?<!\bthe)(?<!\bone)(?<!\bany)(?<!\bno)(?<!\bthat)(?<!\bthis)\s+comma\s+(?=\w)",
    re.IGNORECASE,
)


def spoken_punctuation(text: str) -> str:
    """text with dictated "period", "full stop", "question mark", "exclamation mark" closing a
    sentence and "comma" between words written as the marks they name."""

    def mark(m: re.Match[str]) -> str:
        return "?" if m["q"] else "!" if m["x"] else "."

    return _SPOKEN_COMMA.sub(", ", _SPOKEN_END.sub(mark, text))


def strip_emoji_tail(text: str) -> str:
    """text without the emoji and pictographs closing it ("... shopping list 🐶 🙏"):
    characters of Unicode category So/Sk/Cf/Mn (a symbol, a joiner, a variation selector),
    never currency signs or punctuation, so "?" still ends a question."""
    end = len(text)
    while end and (text[end - 1].isspace() or _decoration(text[end - 1])):
        end -= 1
    return text[:end] if end < len(text) and end else text


def _decoration(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Cf", "Mn")


def strip_politeness(text: str) -> str:
    """The request without "hey remo", "could you please", a closing "thanks" or emoji."""
    text = _POLITE.sub("", strip_emoji_tail(text), count=1)
    text = _REMINDING.sub("remind me", text, count=1)  # "would you mind reminding me"
    question = text.rstrip().endswith("?")
    text = strip_trailing(text).strip()
    text = text.rstrip(" .!")
    return f"{text.rstrip('?')}?" if question and text else text


def strip_trailing(text: str) -> str:
    """text without the courtesies closing it (", please", " thanks ok"): each is looked for
    in the last _TRAILING_REACH characters only, so the work is linear in the length."""
    end = len(text)
    while (m := _TRAILING.search(text, max(0, end - _TRAILING_REACH), end)) is not None:
        end = m.start()
        while end and text[end - 1] in " ,\t\n":  # separators the window cut off
            end -= 1
    return text[:end]


# Texting shorthands and run-together forms of "remind me" ("rmd me", "remindme").
_SHORTHAND: Final = re.compile(
    r"\b(?:remindme|remind-me)\b|\b(?:rmd|rmnd|rmind|remnd|reminde|remmind)(?=\s+me\b)", re.I
)


def fix_typos(text: str) -> str:
    """text with misspelt command words replaced (Damerau-Levenshtein, OSA: one
    edit for words of up to 7 letters, two for longer ones; ties are left alone)."""
    text = _SHORTHAND.sub(lambda m: "remind me" if m[0].lower().endswith("me") else "remind", text)
    out: list[str] = []
    last = 0
    for index, m in enumerate(_WORD.finditer(text)):
        word = m[0]
        # A command word is looked for near the start, or where it is used as one:
        # "... could you remidn me", "... set a reminer".
        used = _AS_COMMAND.match(text, m.end()) or _BEFORE_COMMAND.search(text, 0, m.start())
        fixed = _fixed(word.lower(), 1 if used and index else min(index, COMMAND_REACH))
        if fixed is not None:
            out += [text[last : m.start()], fixed]
            last = m.end()
    return "".join([*out, text[last:]]) if out else text


@lru_cache(maxsize=4096)
def _fixed(word: str, index: int) -> str | None:
    """The word a misspelt word stands for; index: its place among the long words."""
    if index >= COMMAND_REACH:
        return None
    vocabulary = (*COMMAND_WORDS, *(FIRST_WORDS if index == 0 else ()))
    if word in KEEP or word in vocabulary or "'" in word:
        return None
    limit = 1 if len(word) < 8 else 2
    found = extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=2)
    if not found or (len(found) == 2 and found[0][1] == found[1][1]):
        return None
    return str(found[0][0])
