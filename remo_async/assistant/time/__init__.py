"""The one time grammar of the assistant: times, dates, durations and recurrences.

Used by the chat and by the REST fields that take natural language (`reminding_time`,
`due_date`), and by nothing else. Callers import from here.
"""

from remo_async.assistant.time.context import Context, UnsupportedRecurrence, WhenError, to_utc
from remo_async.assistant.time.numbers import int_of, value_of, word_for
from remo_async.assistant.time.recurring import Recurrence, find_recurrence, first_time, rrule
from remo_async.assistant.time.spans import (
    Found,
    Span,
    find_spans,
    find_time,
    read_exact,
    remove_spans,
    tidy,
)
from remo_async.assistant.time.when import parse_due, parse_when

__all__ = [
    "Context",
    "Found",
    "Recurrence",
    "Span",
    "UnsupportedRecurrence",
    "WhenError",
    "find_recurrence",
    "find_spans",
    "find_time",
    "first_time",
    "int_of",
    "parse_due",
    "parse_when",
    "read_exact",
    "remove_spans",
    "rrule",
    "tidy",
    "to_utc",
    "value_of",
    "word_for",
]
