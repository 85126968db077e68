"""structlog setup: console lines on a terminal, JSON lines otherwise."""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

import structlog
from aiohttp.http_exceptions import HttpProcessingError

from remo_async.settings import LogFormat, Settings


def configure_logging(settings: Settings, *, stream: TextIO | None = None) -> None:
    """Routes structlog and the standard library's logging to stderr in one format.

    `stream` replaces stderr (benchmarks write nowhere); without it each line goes to
    the sys.stderr of the moment it is written, so a swapped stderr (pytest's capture)
    never leaves a logger writing to a closed file.

    Our own (structlog) lines are rendered by structlog and written straight to the
    stream: one request line per request is on the hot path, and going through the
    standard library (a LogRecord, handler locks, a formatter re-running processors)
    cost several times more. Other libraries' lines still come through the standard
    library's logging, rendered by the same processors.
    """
    use_json = settings.log_format is LogFormat.JSON or (
        settings.log_format is LogFormat.AUTO and not sys.stderr.isatty()
    )
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if use_json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    exceptions = structlog.processors.format_exc_info if use_json else _keep
    level = logging.getLevelNamesMapping()[settings.log_level]
    structlog.configure(
        processors=[*shared, exceptions, renderer],
        logger_factory=_LineLoggerFactory(stream),
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            exceptions,
            renderer,
        ],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    logging.getLogger("aiohttp.server").addFilter(_client_errors_without_traceback)
    # aiohttp's access log repeats what our request log line says.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    for noisy in ("botocore", "aiobotocore", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class _LineLogger:
    """Writes each rendered line to a stream; named, for add_logger_name."""

    def __init__(self, name: str, stream: TextIO | None) -> None:
        self.name = name
        self._stream = stream

    def msg(self, message: str) -> None:
        # One write of a whole line: the stream (stderr) is line-buffered, so each line
        # reaches the file or pipe at once and lines from two loggers never interleave.
        (self._stream or sys.stderr).write(message + "\n")

    log = debug = info = warn = warning = error = critical = exception = fatal = msg


class _LineLoggerFactory:
    """structlog's logger factory: get_logger(name) gives a _LineLogger of that name."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def __call__(self, *args: Any) -> _LineLogger:
        name = args[0] if args and isinstance(args[0], str) else ""
        return _LineLogger(name, self._stream)


def _keep(
    logger: object, method: str, event: structlog.types.EventDict
) -> structlog.types.EventDict:
    return event


def _client_errors_without_traceback(record: logging.LogRecord) -> bool:
    # A malformed request is the client's fault: one warning line, not an error traceback.
    if record.exc_info and isinstance(record.exc_info[1], HttpProcessingError):
        record.msg = f"{record.getMessage()}: {record.exc_info[1]}"
        record.args = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = None
        record.exc_text = None
    return True
