"""`manage.py check --deploy` finds nothing to warn about under production settings."""

import secrets
import subprocess
import sys

from tests.deploy.conftest import ROOT, production_env


def test_it_passes_check_deploy(tmp_path):
    env = production_env(tmp_path, 8000)
    env["ALLOWED_HOSTS"] = "example.com"
    env["SECRET_KEY"] = secrets.token_urlsafe(64)
    env.pop("SECURE_SSL_REDIRECT")  # the default: redirect to https
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_key_stops_at_start_up(tmp_path):
    env = production_env(tmp_path, 8000)
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
