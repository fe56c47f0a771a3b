import json
import subprocess
import sys
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.present.handbook import lookup
from tests.bad_designs import BAD_DESIGNS, bad_design
from tests.designs.command_helpers import run_manage
from tests.engine.test_handbook_examples import FIGURES, SLUGS, estimated
from tests.samples import ROUND_FIGURES

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path, document) -> str:
    path = tmp_path / "design.json"
    path.write_text(json.dumps(document))
    return str(path)


@pytest.mark.django_db
def test_it_prints_the_estimate_document_of_a_file(tmp_path, capsys):
    assert run_manage("estimate", _write(tmp_path, ROUND_FIGURES), "--json") == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(estimate(ROUND_FIGURES)))


@pytest.mark.django_db
def test_it_prints_a_summary_table_without_json(tmp_path, capsys):
    assert run_manage("estimate", _write(tmp_path, ROUND_FIGURES)) == 0
    out = capsys.readouterr().out
    assert "High-level estimate: Test design" in out
    assert "Reads per second" in out and "~1K/s" in out
    assert "Availability:" in out and "Bottlenecks:" in out


@pytest.mark.django_db
def test_a_design_without_workloads_prints_that_nothing_is_estimated(tmp_path, capsys):
    from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE

    document = {"name": "Boxes only", "components": [{"key": "api", "kind": "service"}]}
    assert run_manage("estimate", _write(tmp_path, document)) == 0
    out = capsys.readouterr().out
    assert out == f"High-level estimate: Boxes only\n\n  {NOTHING_ESTIMATED_SENTENCE}\n"
    assert run_manage("estimate", _write(tmp_path, document), "--json") == 0  # still whole
    assert json.loads(capsys.readouterr().out)["traffic"]["workloads"] == []


@pytest.mark.django_db
def test_it_estimates_a_handbook_example_by_slug(capsys):
    assert run_manage("estimate", "url-shortener", "--json") == 0
    traffic = json.loads(capsys.readouterr().out)["traffic"]
    assert traffic["write_rps"] == pytest.approx(38.58, rel=0.01)


@pytest.mark.django_db
def test_it_estimates_a_saved_design_by_slug(capsys, django_user_model):
    from designs.services.designs import design_create

    owner = django_user_model.objects.create_user("ada")
    saved = design_create(owner=owner, document={**ROUND_FIGURES, "name": "Saved one"})
    assert run_manage("estimate", saved.slug) == 0
    assert "High-level estimate: Saved one" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(("mutation", "field", "words"),
                         [case[1:] for case in BAD_DESIGNS], ids=[c[0] for c in BAD_DESIGNS])
def test_bad_input_exits_1_with_one_line_naming_the_field(tmp_path, capsys, mutation, field,
                                                         words):
    assert run_manage("estimate", _write(tmp_path, bad_design(mutation))) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == ""
    assert len(lines) == 1, lines
    assert f"{field}: " in lines[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "words"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
])
def test_unreadable_files_exit_1(tmp_path, capsys, content, words):
    path = tmp_path / "broken.json"
    path.write_text(content)
    assert run_manage("estimate", str(path)) == 1
    assert words in capsys.readouterr().err


@pytest.mark.django_db
def test_an_unknown_name_exits_1(capsys):
    assert run_manage("estimate", "no-such-design") == 1
    assert "no such file, saved design or example" in capsys.readouterr().err


def test_it_runs_as_a_real_process(tmp_path):
    bad = bad_design(BAD_DESIGNS[0][1])
    done = subprocess.run(
        [sys.executable, "manage.py", "estimate", _write(tmp_path, bad)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"CommandError: {tmp_path / 'design.json'}: colour: unknown field "
        "(allowed: name, description, requirements, data_model, api_design, assumptions, "
        "workloads, components, links, prices, slos)"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_each_example_prints_the_engines_figures_through_the_cli(capsys, slug):
    """The whole estimate, read paths included: the handbook's own figures (of only the
    workloads it counted) are tests/engine/test_handbook_examples.py's."""
    assert run_manage("estimate", slug, "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    for figure_slug, path, _, label in FIGURES:
        if figure_slug == slug:
            assert lookup(printed, path) == pytest.approx(lookup(estimated(slug), path)), label
