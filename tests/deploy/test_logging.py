"""config/logging.py: JSON lines carrying the request id."""

import json
import logging

from django.test import Client

from config.logging import JsonFormatter, RequestIdFilter, request_id


def _record(**extra) -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "estimator.test", "levelname": "WARNING",
                                    "levelno": logging.WARNING, "msg": "saved %s",
                                    "args": ("design 7",), **extra})
    RequestIdFilter().filter(record)
    return record


def test_a_record_is_one_json_line_with_the_request_id():
    token = request_id.set("abc123")
    try:
        line = JsonFormatter().format(_record(design_id=7))
    finally:
        request_id.reset(token)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "saved design 7"
    assert parsed["level"] == "WARNING" and parsed["logger"] == "estimator.test"
    assert parsed["request_id"] == "abc123"
    assert parsed["design_id"] == 7


def test_an_exception_is_kept_in_the_line():
    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        line = JsonFormatter().format(_record(exc_info=sys.exc_info()))
    assert "ValueError: bad" in json.loads(line)["exception"]


def test_a_response_carries_the_request_id(db):
    response = Client().get("/help/", HTTP_X_REQUEST_ID="lb-0042")
    assert response["X-Request-ID"] == "lb-0042"
    made_up = Client().get("/help/", HTTP_X_REQUEST_ID="no spaces <allowed>")
    assert made_up["X-Request-ID"] != "no spaces <allowed>" and len(made_up["X-Request-ID"]) == 32
