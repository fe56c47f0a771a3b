#!/usr/bin/env python3
"""Set up and run the app, or its tests, on a machine with nothing but Python 3.11+.

    python3 dev.py serve        .venv + requirements, migrate, load the examples,
                                serve on http://127.0.0.1:8000
    python3 dev.py test [ARGS]  .venv + requirements(-dev), then pytest on SQLite and again on
                                PostgreSQL (TEST_POSTGRES_URL) when it is reachable; ARGS go
                                to pytest. REQUIRE_SERVICES=1 makes a missing PostgreSQL fail.
    python3 dev.py lint         .venv + requirements(-dev), then ruff on the Python and ESLint
                                on static/ (npm ci first when package-lock.json changed;
                                needs Node.js 20.19+ and npm)
    python3 dev.py bench        .venv + requirements(-dev), then every benchmark under bench/
                                (docs/benchmarks.md); the real-stack ones need PostgreSQL
                                and Redis, and stack.py wrk (installed with apt-get when run
                                as root)

Standard library only: this script is what installs everything else.
"""

from __future__ import annotations  # so that an older Python reaches the version check

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
# What the app needs to run; the test tools (pytest, Playwright, ruff, ...) are added on top.
REQUIREMENTS = ROOT / "requirements.txt"
DEV_REQUIREMENTS = ROOT / "requirements-dev.txt"
HASH_FILE = VENV / ".requirements.sha256"
# From npm, pinned in package-lock.json, installed in node_modules/: the JavaScript linter
# (ESLint) and mermaid, which the browser tests run to check our Mermaid exports.
PACKAGE_LOCK = ROOT / "package-lock.json"
NODE_MODULES = ROOT / "node_modules"
LOCK_HASH_FILE = NODE_MODULES / ".package-lock.sha256"
# Quiet and offline-minded: no audit or funding requests, no install scripts, no update check.
NPM_CI = ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--no-update-notifier",
          "--loglevel=error"]
ESLINT = ["--max-warnings", "0", "static"]  # every file under static/ but static/vendor/
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"
SERVE_ADDRESS = os.environ.get("SERVE_ADDRESS") or "127.0.0.1:8000"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(*args: object, env: dict | None = None) -> int:
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def check(*args: object) -> None:
    code = run(*args)
    if code:
        sys.exit(f"dev.py: failed ({code}): {' '.join(str(a) for a in args)}")


def _requirements_hash(files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_venv(*, dev: bool = False) -> Path:
    """Create .venv and install requirements.txt (and requirements-dev.txt with `dev`), unless
    the stored hash says what is wanted is installed already. A venv set up for the tests
    serves the app too: the runtime requirements are a part of the test ones."""
    if sys.version_info < (3, 11):  # noqa: UP036 - runs under whatever python3 is installed
        sys.exit(f"dev.py: Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print(f"dev.py: creating {VENV.name}", flush=True)
        check(sys.executable, "-m", "venv", "--clear", VENV)
    installed = HASH_FILE.read_text().split() if HASH_FILE.exists() else []
    runtime = _requirements_hash((REQUIREMENTS,))
    with_tests = _requirements_hash((REQUIREMENTS, DEV_REQUIREMENTS))
    if with_tests in installed or (not dev and runtime in installed):
        return python
    wanted = DEV_REQUIREMENTS if dev else REQUIREMENTS
    print(f"dev.py: installing {wanted.name}", flush=True)
    check(python, "-m", "pip", "install", "--disable-pip-version-check", "-r", wanted)
    HASH_FILE.write_text((f"{runtime} {with_tests}" if dev else runtime) + "\n")
    return python


def worker_command(python: Path, schedule: Path) -> list[str]:
    """A Celery worker that also runs Celery beat (-B), which starts the periodic sweep of
    stuck work (docs/deploy.md, "Stuck work"); beat keeps its schedule in `schedule`."""
    return [str(python), "-m", "celery", "-A", "config.celery", "worker", "-l", "INFO",
            "-B", "-s", str(schedule)]


def start_worker(python: Path, scratch: Path) -> subprocess.Popen | None:
    """With REDIS_URL, a Celery worker (with beat) beside the web server; without, estimates
    run in-process and no worker is needed."""
    if not os.environ.get("REDIS_URL"):
        print("dev.py: no REDIS_URL: estimates are computed in-process", flush=True)
        return None
    print("dev.py: starting a Celery worker with beat (REDIS_URL is set)", flush=True)
    command = worker_command(python, scratch / "celerybeat-schedule")
    return subprocess.Popen(command, cwd=ROOT)


def serve() -> int:
    python = ensure_venv()
    check(python, "manage.py", "migrate", "--noinput")
    check(python, "manage.py", "load_examples")
    with tempfile.TemporaryDirectory(prefix="estimator-beat-") as scratch:
        worker = start_worker(python, Path(scratch))
        try:
            return run(python, "manage.py", "runserver", SERVE_ADDRESS)
        except KeyboardInterrupt:
            return 0
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)


def parallel(args: list[str]) -> list[str]:
    """pytest-xdist options: a test process per core (at most 4), each test file in one of
    them (its module fixtures, a gunicorn or a browser, start once), the files handed out in
    the order the tests are collected (the longest first: tests/conftest.py); none when the
    arguments choose (-n, -p no:xdist) or there is one core."""
    workers = min(4, os.cpu_count() or 1)
    chosen = any(a in ("-n", "--numprocesses", "no:xdist") or a.startswith("-n") for a in args)
    if chosen or workers < 2:
        return []
    return ["-n", str(workers), "--dist", "loadfile", "--no-loadscope-reorder"]


def pytest_environment(database_url: str) -> dict:
    """The environment of a pass: the database, and bytecode written even where
    PYTHONDONTWRITEBYTECODE is set (as in many Python container images): pytest then keeps
    the test modules it rewrote, and the PostgreSQL pass's processes load them (and the
    app's) rather than compiling every module again: collection takes 6 s of CPU rather
    than 11 in each."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def pytest_on(python: Path, label: str, database_url: str, args: list[str]) -> int:
    print(f"\n=== pytest on {label} ===", flush=True)
    env = pytest_environment(database_url)
    return run(python, "-m", "pytest", *parallel(args), *args, env=env)


def postgres_problem(python: Path, url: str) -> str | None:
    """None when PostgreSQL at url accepts a connection, else why not."""
    probe = (
        "import sys, psycopg\n"
        "try:\n"
        "    psycopg.connect(sys.argv[1], connect_timeout=5).close()\n"
        "except Exception as error:\n"
        "    sys.exit(' '.join(str(error).split()) or type(error).__name__)\n"
    )
    result = subprocess.run(
        [str(python), "-c", probe, url], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode == 0:
        return None
    lines = result.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def ensure_browser() -> None:
    """Debian's Chromium for the browser tests: installed with apt-get where we may (root on
    Debian, as in CI); elsewhere those tests skip, or fail under REQUIRE_SERVICES=1."""
    if shutil.which("chromium") or os.environ.get("CHROMIUM_PATH"):
        return
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        print("dev.py: no chromium: install it (Debian: apt-get install chromium) "
              "or set CHROMIUM_PATH to run the browser tests", flush=True)
        return
    print("dev.py: installing chromium (apt-get) for the browser tests", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]):
        if subprocess.call(command, env=env):
            print(f"dev.py: {' '.join(command)} failed", file=sys.stderr, flush=True)
            return


def test(args: list[str]) -> int:
    python = ensure_venv(dev=True)
    ensure_browser()
    # The browser tests check exports with the formats' own libraries (mermaid, mxGraph)
    # from node_modules; a missing one fails its test, saying so.
    ensure_node_modules()
    outcomes = {"SQLite": pytest_on(python, "SQLite", f"sqlite:///{ROOT / 'db.sqlite3'}", args)}
    url = os.environ.get("TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    problem = postgres_problem(python, url)
    if problem is None:
        outcomes["PostgreSQL"] = pytest_on(python, "PostgreSQL", url, args)
    elif os.environ.get("REQUIRE_SERVICES") == "1":
        print(
            f"\ndev.py: PostgreSQL is required (REQUIRE_SERVICES=1) but unreachable: {problem}",
            file=sys.stderr,
        )
        outcomes["PostgreSQL"] = 1
    else:
        print(
            f"\nskipped PostgreSQL run: {problem} (set TEST_POSTGRES_URL; "
            "REQUIRE_SERVICES=1 makes this an error)"
        )
    print(
        "\ndev.py: "
        + "; ".join(
            f"{label} {'passed' if code == 0 else f'FAILED ({code})'}"
            for label, code in outcomes.items()
        )
    )
    return 1 if any(outcomes.values()) else 0


def ensure_node_modules() -> bool:
    """`npm ci` unless node_modules/ holds what package-lock.json pins already (the stored
    hash says); False, with a message, when npm is missing or fails."""
    npm = shutil.which("npm")
    if npm is None:
        print("dev.py: no npm: install Node.js 20.19 or newer (with npm) for ESLint and the "
              "export checks",
              file=sys.stderr, flush=True)
        return False
    wanted = _requirements_hash((PACKAGE_LOCK,))
    if LOCK_HASH_FILE.exists() and LOCK_HASH_FILE.read_text().strip() == wanted:
        return True
    print("dev.py: installing the npm packages: ESLint, mermaid, mxGraph (npm ci)", flush=True)
    if run(npm, *NPM_CI):
        print("dev.py: npm ci failed", file=sys.stderr, flush=True)
        return False
    LOCK_HASH_FILE.write_text(wanted + "\n")
    return True


def eslint() -> int:
    if not ensure_node_modules():
        return 1
    return run(NODE_MODULES / ".bin" / "eslint", *ESLINT)


def lint() -> int:
    """ruff, then ESLint; exit status 1 when either finds something (or cannot run)."""
    python = ensure_venv(dev=True)
    print("=== ruff ===", flush=True)
    outcomes = {"ruff": run(python, "-m", "ruff", "check", ".")}
    print("=== eslint ===", flush=True)
    outcomes["eslint"] = eslint()
    print("dev.py: " + "; ".join(
        f"{tool} {'passed' if code == 0 else f'FAILED ({code})'}"
        for tool, code in outcomes.items()
    ))
    return 1 if any(outcomes.values()) else 0


BENCHMARKS = ("engine.py", "limits.py", "simulate.py", "pages.py", "live_canvas.py",
              "reports.py", "stack.py", "chaos.py")


def bench() -> int:
    """Each benchmark in turn; exit status 1 when one missed a target or failed."""
    python = ensure_venv(dev=True)
    outcomes = {}
    for script in BENCHMARKS:
        print(f"\n=== bench/{script} ===", flush=True)
        outcomes[script] = run(python, ROOT / "bench" / script)
    print("\ndev.py: " + "; ".join(
        f"{script} {'ok' if code == 0 else f'exit status {code}'}"
        for script, code in outcomes.items()
    ))
    return 1 if any(outcomes.values()) else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["serve"] and len(argv) == 1:
        return serve()
    if argv == ["bench"]:
        return bench()
    if argv == ["lint"]:
        return lint()
    if argv[:1] == ["test"]:
        return test(argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
