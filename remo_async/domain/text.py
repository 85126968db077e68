"""Text that JSON can carry: lone surrogates found, replaced; control characters refused."""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
# A Python str pairs surrogates into one code point, so any left in it is a lone one:
# UTF-8 cannot encode it, and a strict JSON reader refuses its \u escape.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Unicode's control characters (general category Cc: C0, DEL and C1, U+0080-U+009F, whose
# U+0085 is a line break), except tab, line feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NO_CONTROL_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"
"""What refuse_control_characters takes, as a JSON Schema (ECMA-262) pattern."""


def has_lone_surrogate(text: str) -> bool:
    """True when text holds a code point UTF-8 cannot encode."""
    return _LONE_SURROGATE.search(text) is not None


def refuse_lone_surrogates(text: str) -> str:
    """text itself; a lone surrogate is a ValueError (where pydantic's str does not refuse it)."""
    found = _LONE_SURROGATE.search(text)
    if found is not None:
        raise ValueError(f"must not contain the lone surrogate U+{ord(found.group()):04X}")
    return text


def refuse_control_characters(text: str) -> str:
    """text itself; a control character other than tab, CR or LF is a ValueError."""
    found = _CONTROL.search(text)
    if found is not None:
        raise ValueError(f"must not contain the control character U+{ord(found.group()):04X}")
    return text


_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
NO_ANY_CONTROL_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
"""What refuse_any_control_characters takes, as a JSON Schema (ECMA-262) pattern."""


def refuse_any_control_characters(text: str) -> str:
    """text itself; any control character (Unicode Cc: tab, CR and LF too) is a ValueError.

    For identifiers such as a user id, which end up in paths, keys and log lines.
    """
    found = _ANY_CONTROL.search(text)
    if found is not None:
        raise ValueError(f"must not contain the control character U+{ord(found.group()):04X}")
    return text


def replace_lone_surrogates(value: Any) -> Any:
    """value with each lone surrogate, in strings and in keys, replaced by U+FFFD."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {replace_lone_surrogates(k): replace_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [replace_lone_surrogates(v) for v in value]
    return value


def unencodable_paths(value: Any, *, at: str = "") -> list[str]:
    """The dotted paths of the strings and keys in value that hold a lone surrogate.

    Iterative: stored data may nest deeper than Python's recursion allows.
    """
    found: list[str] = []
    stack: list[tuple[str, Any]] = [(at, value)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, str):
            if has_lone_surrogate(current):
                found.append(path or "value")
        elif isinstance(current, dict):
            for key, item in current.items():
                name = _LONE_SURROGATE.sub(REPLACEMENT, str(key))
                where = f"{path}.{name}" if path else name
                if has_lone_surrogate(str(key)):
                    found.append(f"{where} (key)")
                stack.append((where, item))
        elif isinstance(current, list | tuple):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(current))
    return sorted(found)
