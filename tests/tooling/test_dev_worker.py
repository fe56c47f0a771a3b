"""`dev.py serve` with REDIS_URL starts a worker that runs Celery beat too: the periodic
sweep of stuck work starts with the command people already use (issue 11)."""

import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_starts_a_worker_running_beat_with_its_schedule_in_a_scratch_dir(
    monkeypatch, tmp_path
):
    started = []
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kw: started.append(command))

    _dev().start_worker(Path("python"), tmp_path)

    [command] = started
    assert command[:6] == ["python", "-m", "celery", "-A", "config.celery", "worker"]
    assert "-B" in command
    assert command[command.index("-s") + 1] == str(tmp_path / "celerybeat-schedule")


def test_serve_starts_no_worker_without_redis(monkeypatch, tmp_path):
    monkeypatch.delenv("REDIS_URL", raising=False)

    assert _dev().start_worker(Path("python"), tmp_path) is None
