"""The README's serve command, run as a user would: without Redis it still serves the
app, with the examples loaded and their estimates computed in-process."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# `dev.py serve` on a SQLite database of its own: once, in the SQLite run.
pytestmark = pytest.mark.rendering

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
               SERVE_ADDRESS=f"127.0.0.1:{port}")
    log = tmp_path / "serve.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "dev.py", "serve"], cwd=ROOT, env=env,
                                   stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_without_redis_shows_the_examples_estimated_in_process(served):
    base, log = served
    home = _get(base + "/")
    for name in ("URL shortener", "WhatsApp", "Twitter", "Netflix", "Uber"):
        assert name in home
    page = _get(base + "/designs/url-shortener/")
    assert "~4K/s" in page and "6.08 TB" in page
    assert "estimate-status" not in page  # nothing left queued
    assert "estimates are computed in-process" in log.read_text()
