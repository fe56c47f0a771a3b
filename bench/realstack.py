"""Starting and stopping the real stack (gunicorn under production settings, PostgreSQL,
Redis, Celery workers) for the benchmarks that measure it: bench/stack.py and bench/chaos.py.

Each bench makes a PostgreSQL database of its own (dropped and made again on every run) and
uses a Redis database of its own (emptied), so that two benches never share data.
"""

import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
UNLIMITED = "1000000000/second"  # the benches measure the app, not its throttles

LOGS: list[Path] = []  # the servers' logs, whose ends a failure prints


def fail(message: str) -> None:
    """Print the end of every server log and the message; exit status 2 (cannot run)."""
    for log in LOGS:
        if log.exists():
            print(f"--- the end of {log.name}:\n{log.read_text(errors='replace')[-1500:]}",
                  file=sys.stderr)
    print(f"bench/{Path(sys.argv[0]).name}: {message}", file=sys.stderr)
    sys.exit(2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(admin_url: str, name: str) -> None:
    import psycopg

    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
    except psycopg.Error as error:
        fail(f"PostgreSQL at {admin_url}: {' '.join(str(error).split())}")


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def empty_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).flushdb()
    except redis.RedisError as error:
        fail(f"Redis at {url}: {error}")


def stack_env(database_url: str, redis_url: str, static_root: Path, port: int) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in ("ESTIMATE_DELAY_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.floors.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",  # plain http on loopback; TLS ends at a balancer
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "API_THROTTLE_ANON": UNLIMITED,
        "API_THROTTLE_USER": UNLIMITED,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT),
    })
    return env


@contextmanager
def process(command: list[str], env: dict, log_path: Path, *, group: bool = False):
    """A child process, stopped on leaving: SIGTERM, then SIGKILL after 30 s.

    With `group`, it leads a process group of its own (a Celery worker and its pool), which
    is signalled whole: kill_group() can then kill it as a crash would, and stopping it
    leaves none of its children behind.
    """
    LOGS.append(log_path)
    with open(log_path, "wb") as log:
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                 stderr=subprocess.STDOUT, start_new_session=group)
    try:
        yield child
    finally:
        _signal(child, signal.SIGTERM, group)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _signal(child, signal.SIGKILL, group)
            child.wait()
        if group:  # children that outlived their leader
            _signal(child, signal.SIGKILL, group)


def _signal(child: subprocess.Popen, signum: int, group: bool) -> None:
    try:
        if group:
            os.killpg(child.pid, signum)  # the group's id is its leader's pid
        elif child.poll() is None:
            child.send_signal(signum)
    except ProcessLookupError:
        pass


def kill_group(child: subprocess.Popen) -> None:
    """SIGKILL a process started with process(group=True) and every process of its group."""
    _signal(child, signal.SIGKILL, True)
    child.wait()


def wait_healthy(base_url: str, server, log_path: Path) -> dict:
    """/healthz answers 200 once the database, Redis and a worker all answer."""
    import requests

    deadline = time.monotonic() + 120
    while True:
        try:
            answer = requests.get(f"{base_url}/healthz", timeout=10)
            if answer.status_code == 200:
                return answer.json()
        except requests.RequestException:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            fail(f"the stack did not become healthy; {log_path}:\n"
                 + log_path.read_text(errors="replace")[-2000:])
        time.sleep(0.5)


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GB of memory"
    except (OSError, ValueError, IndexError):
        pass
    return [f"machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}"]


def versions(database_url: str, redis_url: str) -> str:
    import celery
    import django
    import gunicorn
    import psycopg
    import redis

    with psycopg.connect(database_url) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    redis_version = redis.Redis.from_url(redis_url).info()["redis_version"]
    return (f"stack: gunicorn {gunicorn.__version__}, Django {django.__version__}, "
            f"Celery {celery.__version__}, PostgreSQL {postgres}, Redis {redis_version}")


def access_log_entries(log_path: Path) -> list[dict]:
    """gunicorn's access log lines (JSON, gunicorn.conf.py) in a log file."""
    entries = []
    for line in log_path.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("logger") == "gunicorn.access":
            entries.append(entry)
    return entries
