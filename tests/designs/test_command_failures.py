"""`manage.py estimate` and `manage.py report` fail in one line on stderr with status 1, whatever
fails: the input, the engine, the renderer, the disk. Never a traceback."""

import json

import pytest

from designs import reports
from designs.management.commands import estimate as estimate_command
from estimator.engine import DesignError, FieldError
from tests.designs.command_helpers import run_manage
from tests.samples import ROUND_FIGURES

pytestmark = pytest.mark.django_db


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


@pytest.fixture
def design_file(tmp_path) -> str:
    path = tmp_path / "design.json"
    path.write_text(json.dumps(ROUND_FIGURES))
    return str(path)


def _raise(error: Exception):
    def fail(*args, **kwargs):
        raise error

    return fail


UNEXPECTED = [
    OverflowError("int too large to convert to float"),
    ZeroDivisionError("float division by zero"),
    KeyError("sizes"),
    RecursionError("maximum recursion depth exceeded\nwhile calling a Python object"),
    ValueError(),
]


@pytest.mark.parametrize("error", UNEXPECTED, ids=lambda error: type(error).__name__)
def test_estimate_prints_one_line_when_the_engine_fails(design_file, capsys, monkeypatch, error):
    monkeypatch.setattr(estimate_command, "estimate", _raise(error))

    assert run_manage("estimate", design_file, "--json") == 1

    line = _one_line(capsys)
    assert line.startswith(f"CommandError: {design_file}: failed: {type(error).__name__}")
    assert capsys.readouterr().out == ""


def test_estimate_prints_one_line_when_the_table_fails(design_file, capsys, monkeypatch):
    monkeypatch.setattr(estimate_command, "render_text", _raise(OverflowError("math range")))

    assert run_manage("estimate", design_file) == 1

    assert _one_line(capsys).endswith("failed: OverflowError: math range")


def test_estimate_prints_one_line_for_a_refusal_with_several_lines(design_file, capsys,
                                                                   monkeypatch):
    refusal = DesignError([FieldError("name", "is\nrefused")])
    monkeypatch.setattr(estimate_command, "estimate", _raise(refusal))

    assert run_manage("estimate", design_file) == 1

    assert "is refused" in _one_line(capsys)


def test_estimate_prints_one_line_for_a_name_with_a_newline(capsys):
    assert run_manage("estimate", "no-such\ndesign") == 1

    assert "no such file, saved design or example" in _one_line(capsys)


def test_estimate_prints_one_line_for_a_directory(tmp_path, capsys):
    assert run_manage("estimate", str(tmp_path)) == 1

    assert _one_line(capsys)


def test_report_prints_one_line_when_the_renderer_fails(design, capsys, monkeypatch):
    monkeypatch.setattr(reports, "render", _raise(KeyError("key")))

    assert run_manage("report", design.slug, "-o", "-") == 1

    assert _one_line(capsys) == f"CommandError: {design.slug}: failed: KeyError: 'key'"


def test_report_prints_one_line_when_the_estimate_fails(design, capsys, monkeypatch):
    monkeypatch.setattr(
        "designs.management.commands.report.design_version_documents",
        _raise(OverflowError("math range error")),
    )

    assert run_manage("report", design.slug, "-o", "-") == 1

    assert _one_line(capsys).endswith("failed: OverflowError: math range error")


@pytest.mark.parametrize("argument", ["²", str(10**30), "a\nb", "a\x00b"])
def test_report_prints_one_line_for_any_name(capsys, argument):
    assert run_manage("report", argument) == 1

    assert _one_line(capsys).startswith("CommandError: ")
