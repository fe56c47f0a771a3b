"""Real Celery workers against the machine's Redis, for the tests in this folder.

A worker is a separate process (`celery -A config.celery worker`) that reads
and writes the test database; the test process publishes to Redis. Without
Redis these tests skip, unless REQUIRE_SERVICES=1, which makes them fail.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.celery_broker import publishing_to

ROOT = Path(__file__).resolve().parents[2]


def _redis_test_url() -> str:
    """REDIS_TEST_URL, one database lower for each pytest-xdist worker after the first
    (gw0 uses 15, gw1 14, ...), since each test empties its database."""
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    base, _, number = url.rpartition("/")
    if not (worker.startswith("gw") and number.isdigit()):
        return url
    return f"{base}/{int(number) - int(worker[2:])}"


REDIS_TEST_URL = _redis_test_url()


@pytest.fixture
def redis_url() -> str:
    """An empty Redis database for this test; fails or skips when Redis is unreachable."""
    try:
        client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=3)
        client.flushdb()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_TEST_URL} is unreachable: {error}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    return REDIS_TEST_URL


@pytest.fixture
def broker(redis_url, transactional_db, settings):
    """This process publishes estimates to Redis instead of computing them in-process."""
    with publishing_to(redis_url, settings):
        yield redis_url


def _test_database_url() -> str:
    """The URL of the database this test runs on, for the worker's DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """One `celery worker` process; `kill()` ends it as a crash would (SIGKILL).

    The solo pool by default (quickest to start); time limits need the prefork pool (the
    default of a deployed worker). `beat` runs Celery beat inside it (`-B`), as
    `dev.py serve` does: the periodic sweep of stuck work."""

    def __init__(self, redis_url: str, log: Path, *, pool: str = "solo", beat: bool = False,
                 **env: str):
        self.log = log
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": redis_url,
            **env,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "config.celery", "worker",
            f"--pool={pool}", "--concurrency=1", "--loglevel=INFO", "--without-gossip",
            "--without-mingle", "--without-heartbeat",
            "--hostname", f"test-{uuid.uuid4().hex[:8]}@%h",
        ]
        if beat:
            command += ["--beat", "--schedule", str(log.with_suffix(".beat-schedule"))]
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.kill()
        pytest.fail(f"the Celery worker did not start:\n{self.log.read_text(errors='replace')}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(broker, tmp_path):
    """start_worker(pool=..., beat=..., **env) starts a worker process (see Worker); every
    one is stopped after the test."""
    workers = []

    def start(**options) -> Worker:
        worker = Worker(broker, tmp_path / f"worker-{len(workers)}.log", **options)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(condition, timeout: float = 60, interval: float = 0.2):
    """Poll condition() until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"gave up after {timeout} s waiting for {condition.__doc__ or condition}")



class RedisServer:
    """A `redis-server` of this test's own on a free port, to stop and start again."""

    def __init__(self, log: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            message = "redis-server is not installed"
            if os.environ.get("REQUIRE_SERVICES") == "1":
                pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
            pytest.skip(message)
        self.binary, self.log, self.process = binary, log, None
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "no", "--daemonize", "no"]
        with open(self.log, "ab") as output:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def answering():
            """redis-server to answer"""
            if self.process.poll() is not None:
                pytest.fail(f"redis-server exited:\n{self.log.read_text(errors='replace')}")
            try:
                return client.ping()
            except redis.RedisError:
                return False

        wait_for(answering, timeout=10, interval=0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    """A started RedisServer, killed after the test whatever happens."""
    server = RedisServer(tmp_path / "redis-server.log")
    try:
        server.start()
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=10)
