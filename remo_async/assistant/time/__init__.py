"""The one time grammar of the assistant: times, dates, durations and recurrences.

Used by the chat and by the REST fields that take natural language (`reminding_time`,
`due_date`), and by nothing else.
"""

from remo_async.assistant.time.rules import WhenError
from remo_async.assistant.time.when import parse_due, parse_when

__all__ = ["WhenError", "parse_due", "parse_when"]
