"""Mid-message corrections of a time: "at 5 no wait 6", "tomorrow sorry friday at 10".

The words that take back what was just said (CORRECTION) join the two readings into one
span (spans.py), and the scanner lets what follows replace the day, period or clock said
before it (rules.py): "at 7 sorry 7:30" is 7:30, "on friday, scratch that, saturday" is
Saturday, "tomorrow at 9 no wait 10" tomorrow at 10. A duration is replaced whole: "in 10
min, no, 20 min" is in 20 minutes (`corrected`).
"""

from __future__ import annotations

import re
from typing import Final

CORRECTION: Final = (
    r"(?:no[\s,]+wait|no[\s,]+sorry|no|wait|sorry|oops|scratch\s+that|i\s+mean(?:t)?|actually"
    r"|make\s+(?:it|that)|or\s+rather|rather)"
)
_LAST: Final = re.compile(
    rf"(?:\s*,\s*|\s+)(?<![\w']){CORRECTION}(?![\w'])(?:\s*,\s*|\s+)(?!.*(?<![\w']){CORRECTION}"
    r"(?![\w']))",
    re.IGNORECASE,
)


def corrected(text: str) -> tuple[str, str] | None:
    """text split at its last correction: (what was taken back, what replaces it), or None."""
    m = _LAST.search(text)
    if m is None or not text[: m.start()].strip() or not text[m.end() :].strip():
        return None
    return text[: m.start()], text[m.end() :]
