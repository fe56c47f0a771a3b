"""gunicorn.conf.py reads PORT and WEB_CONCURRENCY, and logs access as JSON lines."""

import json
import logging
import multiprocessing
import runpy
from datetime import timedelta
from types import SimpleNamespace

from tests.deploy.conftest import ROOT

CONF = str(ROOT / "gunicorn.conf.py")


def test_it_defaults_to_two_workers_a_core_plus_one(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    conf = runpy.run_path(CONF)
    assert conf["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert conf["bind"] == "0.0.0.0:8000"


def test_workers_are_recycled_and_fork_from_a_loaded_app(monkeypatch):
    conf = runpy.run_path(CONF)
    assert conf["max_requests"] >= 1000 and conf["max_requests_jitter"] > 0
    assert conf["preload_app"] is True  # a recycled worker serves at once


def test_it_reads_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("PORT", "9100")
    conf = runpy.run_path(CONF)
    assert conf["workers"] == 3
    assert conf["bind"] == "0.0.0.0:9100"


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_an_access_line_is_json_with_quotes_escaped():
    conf = runpy.run_path(CONF)
    logger = conf["JsonAccessLogger"](SimpleNamespace(
        accesslog="-", errorlog="-", loglevel="info", logconfig=None, logconfig_dict={},
        logconfig_json=None, syslog=False, capture_output=False,
        disable_redirect_access_to_syslog=False,
        user=0, group=0, umask=0, access_log_format="", dogstatsd_tags="", statsd_host=None,
        statsd_prefix="",
    ))
    response = SimpleNamespace(status="200 OK", sent=12, headers=[("X-Request-ID", "r1")])
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/help/", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": "/help/", "QUERY_STRING": "q=1", "REMOTE_ADDR": "10.0.0.9",
               "HTTP_USER_AGENT": 'evil "agent"'}
    lines = _Lines()
    logger.access_log.addHandler(lines)
    try:
        logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=5))
    finally:
        logger.access_log.removeHandler(lines)
    line = json.loads(lines.lines[-1])
    assert line["agent"] == 'evil "agent"' and line["status"] == 200
    assert line["path"] == "/help/" and line["request_id"] == "r1"
