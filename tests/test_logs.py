"""JSON log lines (remo_async/logs.py): one JSON object a line, whatever the values hold."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import structlog

from remo_async.logs import configure_logging
from tests.conftest import make_settings


def lines_of(**fields: Any) -> list[dict[str, Any]]:
    stream = io.StringIO()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging(make_settings("http://127.0.0.1:1", log_format="json"), stream=stream)
    try:
        structlog.get_logger("remo_async.test").info("happened", **fields)
    finally:
        structlog.reset_defaults()
        root.handlers[:], root.level = handlers, level
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_line_is_one_json_object_with_level_logger_and_time() -> None:
    (line,) = lines_of(route="/user/{user_id}/reminders", status=200, duration_ms=1.25)
    assert line["event"] == "happened"
    assert line["level"] == "info"
    assert line["logger"] == "remo_async.test"
    assert line["timestamp"].endswith("Z")
    assert (line["route"], line["status"], line["duration_ms"]) == (
        "/user/{user_id}/reminders",
        200,
        1.25,
    )


def test_text_orjson_refuses_is_still_written() -> None:
    # A lone surrogate, an integer beyond 64 bits, a key that is not text, an object.
    (line,) = lines_of(title="a\ud800b", big=2**70, counts={1: "x"}, thing=object())
    assert line["title"] == "a\ud800b"
    assert line["big"] == 2**70
    assert line["counts"] == {"1": "x"}
    assert line["thing"].startswith("<object object")


def test_non_ascii_text_is_kept() -> None:
    (line,) = lines_of(title="Blumen gießen 🌱")
    assert line["title"] == "Blumen gießen 🌱"
