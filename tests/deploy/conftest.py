"""gunicorn with gunicorn.conf.py and production settings (DEBUG=false), on a free port,
against a SQLite database and a STATIC_ROOT of its own, both in a temporary folder.

The server is started once for the module: migrate, load the examples, collectstatic (about
20 s of CPU: every hashed static file is compressed with gzip and Brotli), then gunicorn.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(folder: Path, port: int) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "ESTIMATE_DELAY_SECONDS",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}  # the browser tests set the last
    env.update({
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "SECURE_SSL_REDIRECT": "false",  # plain http here; TLS ends at a load balancer
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=300)


@pytest.fixture(scope="module")
def gunicorn_server(tmp_path_factory):
    """(base URL, path of gunicorn's log) of a running gunicorn under production settings."""
    folder = tmp_path_factory.mktemp("deploy")
    port = _free_port()
    env = production_env(folder, port)
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_examples")
    _manage(env, "collectstatic", "--noinput")
    log_path = folder / "gunicorn.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a busy machine: workers import the app lazily
        while True:
            try:
                if requests.get(f"{base_url}/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base_url, log_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def browser_check(base_url: str, paths: list[str], cookie: str | None = None) -> dict:
    """tests/deploy/browser_check.py in its own process: what went wrong on each page.
    Skips without Chromium (fails under REQUIRE_SERVICES=1)."""
    if not (os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
            or shutil.which("chromium-browser")):
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    command = [sys.executable, str(ROOT / "tests" / "deploy" / "browser_check.py"), base_url,
               *paths, *(["--cookie", cookie] if cookie else [])]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)
