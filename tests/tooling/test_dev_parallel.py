"""`dev.py test` runs each pass with a test process per core, unless told otherwise."""

import os

import pytest

from tests.tooling.test_dev_worker import _dev


@pytest.mark.parametrize(("cores", "expected"), [
    (2, ["-n", "2", "--dist", "loadfile", "--no-loadscope-reorder"]),
    (16, ["-n", "4", "--dist", "loadfile", "--no-loadscope-reorder"]),
    (1, []),
])
def test_a_process_per_core_at_most_four(monkeypatch, cores, expected):
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert _dev().parallel(["-k", "availability"]) == expected


@pytest.mark.parametrize("args", [
    ["-n", "0"], ["-n0"], ["-p", "no:xdist"], ["--numprocesses", "3"]])
def test_the_arguments_choose_when_they_say(monkeypatch, args):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert _dev().parallel(args) == []


def test_each_pass_writes_bytecode_whatever_the_environment_says(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = _dev().pytest_environment("sqlite:///db.sqlite3")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["DATABASE_URL"] == "sqlite:///db.sqlite3"
