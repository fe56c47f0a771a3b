"""gunicorn.conf.py's worker_exit: a worker that ends cleanly skips Python's teardown (which
took seconds for a worker forked from the preloaded app, docs/benchmarks.md); one that ends
with an error status keeps it, so that gunicorn's master still reads the status."""

import runpy
import sys
from pathlib import Path

import pytest

CONF = str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py")


class _Exited(Exception):
    pass


@pytest.fixture
def exits(monkeypatch) -> list[int]:
    """The statuses os._exit was called with (it raises instead of ending the tests)."""
    called: list[int] = []

    def record(status: int):
        called.append(status)
        raise _Exited

    monkeypatch.setattr("os._exit", record)
    return called


def _leave_with(status, worker_exit) -> None:
    # As gunicorn calls the hook: in the `finally` of the worker's sys.exit(status).
    try:
        sys.exit(status)
    finally:
        worker_exit(None, None)


def test_a_clean_exit_ends_the_process_at_once_with_its_connections_closed(exits, monkeypatch):
    closed = []
    monkeypatch.setattr("django.db.connections.close_all", lambda: closed.append("database"))
    monkeypatch.setattr("logging.shutdown", lambda: closed.append("logs"))  # flushed
    worker_exit = runpy.run_path(CONF)["worker_exit"]

    with pytest.raises(_Exited):
        _leave_with(0, worker_exit)

    assert exits == [0] and closed == ["database", "logs"]


@pytest.mark.parametrize("status", [3, 4, 1])  # gunicorn's boot and app-load errors
def test_an_exit_with_an_error_status_keeps_pythons_way(exits, status):
    worker_exit = runpy.run_path(CONF)["worker_exit"]

    with pytest.raises(SystemExit) as raised:
        _leave_with(status, worker_exit)

    assert raised.value.code == status and exits == []
