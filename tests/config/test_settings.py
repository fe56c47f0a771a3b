"""The settings module itself, loaded in a fresh interpreter with a given environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VARIABLES = ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")


def _load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    code = (
        "import config.settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], repr(s.REDIS_URL))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_has_safe_development_defaults():
    result = _load_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" [")[0] == "True"
    assert "'testserver'" in result.stdout and "'[::1]'" in result.stdout
    assert "django.db.backends.sqlite3" in result.stdout


def test_it_reads_a_deployments_environment():
    result = _load_settings(
        DEBUG="false",
        SECRET_KEY="s3cret",
        ALLOWED_HOSTS="example.com",
        DATABASE_URL="postgres://app@db.internal:5432/app",
        REDIS_URL="redis://cache:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False ['example.com'] django.db.backends.postgresql 'redis://cache:6379/0'"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "false"}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": "a,,b"}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": "nonsense://x"}, "DATABASE_URL is malformed"),
        ({"DATABASE_URL": "postgres://h:port/db"}, "DATABASE_URL is malformed"),
    ],
)
def test_it_fails_loudly_on_a_malformed_value(env, message):
    result = _load_settings(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_celery_workers_reuse_their_database_connection():
    """Celery's Django fix-up reads CELERY_DB_REUSE_MAX under that exact name; without it a
    worker opens a new database connection for every task (bench/stack.py)."""
    from celery.fixups.django import DjangoWorkerFixup
    from django.conf import settings

    from config.celery import app

    assert settings.CELERY_DB_REUSE_MAX >= 10
    assert DjangoWorkerFixup(app).db_reuse_max == settings.CELERY_DB_REUSE_MAX


def test_a_task_drops_a_broken_database_connection_first(monkeypatch):
    """Before each task (run by a worker, not eagerly) Django's close_old_connections runs,
    as it does before each request, so a connection that broke is not used again."""
    from types import SimpleNamespace

    import django.db

    from config import celery

    closed = []
    monkeypatch.setattr(django.db, "close_old_connections", lambda: closed.append(True))
    celery._usable_database_connections(task=SimpleNamespace(request=SimpleNamespace()))
    assert closed == [True]
    eager = SimpleNamespace(request=SimpleNamespace(is_eager=True))
    celery._usable_database_connections(task=eager)
    assert closed == [True]
