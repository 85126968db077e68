"""What is not a request creates nothing: questions about other people ("should I remind
Sam...?"), statements ("tomorrow is my birthday!", "I have a meeting at 3") and
hypotheticals ("if I asked you to remind me..."). Answered as Chat, no action."""

from __future__ import annotations

import re
from typing import Final

from remo_async.assistant.intents.small_talk import Chat
from remo_async.assistant.turn import Turn

OTHERS: Final = (
    "I can only remind you, not other people. Would you like a reminder to tell them? "
    'Say "remind me to ..." with a time.'
)
STATEMENT: Final = (
    'Noted! I only set things when you ask. Should I remind you? Say "remind me ..." with a time.'
)
HYPOTHETICAL: Final = (
    'If you ask, I will. Just say what you\'d like, such as "remind me to call mum at 5pm". '
    "Shall I set something?"
)

_OTHERS: Final = re.compile(
    r"^(?:should|shall|could|can|would|will|do|does|did|has|have|had|is|was|were|must)\s+"
    r"(?!you\b)[\w']+\s+(?:\w+\s+){0,3}?remind(?:ed|s|ing)?\s+(?!me\b|myself\b)"
    r"|\bremind(?:ed|s|ing)?\s+you\b"
    r"|^(?:did|does|has|have|had|was|were)\b.*\bremind"
    r"|^remind\s+(?!me\b|myself\b|us\b)(?:him|her|them|[A-Z]\w*|my\s+\w+|the\s+\w+)\s+(?:to|about|that)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL: Final = re.compile(
    r"^(?:if|what\s+if|suppose|supposing|imagine|hypothetically|let'?s\s+say|say\s+i|in\s+case|"
    r"what\s+would\s+happen|would\s+you\s+\w+.*\bif\b)\b",
    re.IGNORECASE,
)
_STATEMENT: Final = re.compile(
    r"^(?:i|we)\s+(?:have|had|'ve\s+got|'ve\s+had|'ve|got|am|'m|was|were|went|will\s+be|'ll\s+be"
    r"|just\s+(?:had|got))\s+(?!to\b|got\s+to\b|gotta\b)(?:a|an|the|my|our|some|lunch|dinner"
    r"|breakfast|class|work|school|practice|training|plans?|\d)\b"
    r"|^(?:tomorrow|today|tonight|yesterday|\w+day|next\s+\w+|this\s+\w+)\s+(?:is|was|will\s+be)\b"
    r"|^(?:my|our|his|her|their|the)\s+[\w\s']{1,40}?\s+(?:is|are|was|were|starts|ends)\b"
    r"|^(?:it'?s|it\s+is|there'?s|there\s+is)\s+(?:my|our|a|an|the)\b",
    re.IGNORECASE,
)


def read(text: str, _turn: Turn) -> Chat | None:
    """A statement, a question about others or a hypothetical; None for anything else."""
    if _HYPOTHETICAL.match(text):
        return Chat(topic="aside", problem=HYPOTHETICAL)
    if _OTHERS.search(text):
        return Chat(topic="aside", problem=OTHERS)
    if _STATEMENT.match(text) and not re.search(r"\bremind\s+me\b", text, re.IGNORECASE):
        return Chat(topic="aside", problem=STATEMENT)
    return None
