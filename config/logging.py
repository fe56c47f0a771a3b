"""Logging: JSON lines on stdout in production, readable lines in development.

Every record carries the id of the request being served (`request_id`, taken from an
`X-Request-ID` header a load balancer sets, or made up), so the lines of one request can be
found among those of many web processes.
"""

import contextvars
import json
import logging
import sys
from datetime import UTC, datetime

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# Attributes every LogRecord has: anything else was passed in `extra=` and is logged too.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is when a record comes (pytest swaps it for each test)."""

    def __init__(self):
        super().__init__(sys.stdout)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stdout
        super().emit(record)


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def config(*, json_lines: bool, level: str = "INFO") -> dict:
    """The LOGGING setting: everything to stdout, as JSON lines or as readable text."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "stdout": {
                "()": StdoutHandler,
                "filters": ["request_id"],
                "formatter": "json" if json_lines else "text",
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Django's own handlers would print a second, unformatted copy.
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            # WeasyPrint logs every step and page of every PDF at INFO: only its warnings.
            "weasyprint.progress": {"level": "WARNING" if level in ("DEBUG", "INFO") else level},
        },
    }
