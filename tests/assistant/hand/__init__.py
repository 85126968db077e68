"""The hand-written chat corpus (issue 12), one module per intent family.

`CASES`: single-turn cases (message, zone, frozen now, seeded items, expectation);
`DIALOGUES`: multi-turn ones. Both are plain data (tests/assistant/harness.py runs them),
so a README table can be generated from them.
"""

from __future__ import annotations

from tests.assistant.hand import (
    dialogues,
    lists,
    manage,
    not_requests,
    recurrences,
    references,
    reminders,
    times,
    todos,
    typos,
    undo,
)
from tests.assistant.harness import Case, Dialogue

CASES: list[Case] = [
    *reminders.CASES,
    *times.CASES,
    *recurrences.CASES,
    *todos.CASES,
    *lists.CASES,
    *references.CASES,
    *manage.CASES,
    *not_requests.CASES,
    *typos.CASES,
]
DIALOGUES: list[Dialogue] = [*dialogues.DIALOGUES, *undo.DIALOGUES]

__all__ = ["CASES", "DIALOGUES"]
