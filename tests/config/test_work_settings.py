"""The time limits and the sweep of stuck work read the environment, with defaults, and a
malformed value stops the app naming the variable (issue 11)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VARIABLES = ("ESTIMATE_TIME_LIMIT", "CELERY_VISIBILITY_TIMEOUT", "WORK_SWEEP_INTERVAL",
             "WORK_QUEUED_TIMEOUT", "WORK_MAX_ATTEMPTS", "SIMULATION_WALL_SECONDS")
SHOWN = ("CELERY_TASK_TIME_LIMIT", "CELERY_TASK_SOFT_TIME_LIMIT", "WORK_SWEEP_INTERVAL",
         "WORK_QUEUED_TIMEOUT", "WORK_MAX_ATTEMPTS")


def _load(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    code = ("import config.settings as s; "
            f"print(*[getattr(s, name) for name in {SHOWN!r}], "
            "s.CELERY_BEAT_SCHEDULE['sweep-stuck-work']['schedule'])")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_the_defaults_stop_work_at_55_s_and_sweep_every_half_minute():
    result = _load()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "55", "30", "60", "3", "30"]


def test_the_environment_sets_the_limits_and_the_sweep():
    result = _load(ESTIMATE_TIME_LIMIT="10", WORK_SWEEP_INTERVAL="5", WORK_QUEUED_TIMEOUT="30",
                   WORK_MAX_ATTEMPTS="2")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["10", "9.0", "5.0", "30.0", "2", "5.0"]


def test_a_malformed_value_stops_the_app_naming_it():
    result = _load(WORK_MAX_ATTEMPTS="0")

    assert result.returncode != 0
    assert "WORK_MAX_ATTEMPTS='0' must be at least 1" in result.stderr


def _simulation_wall(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    code = "import config.settings as s; print(s.SIMULATION_WALL_SECONDS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_a_simulation_stops_itself_well_inside_the_soft_time_limit():
    assert _simulation_wall().stdout.split() == ["25"]
    assert _simulation_wall(ESTIMATE_TIME_LIMIT="10").stdout.split() == ["4.5"]
    assert _simulation_wall(SIMULATION_WALL_SECONDS="40",
                            ESTIMATE_TIME_LIMIT="120").stdout.split() == ["40.0"]


def test_a_simulation_bound_past_the_soft_time_limit_stops_the_app():
    result = _simulation_wall(SIMULATION_WALL_SECONDS="55")

    assert result.returncode != 0
    assert "SIMULATION_WALL_SECONDS=55 must be at most 50 s" in result.stderr
