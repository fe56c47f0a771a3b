"""python manage.py report <id|slug> --format md|html|pdf|json -o FILE"""

import json

import pytest
from django.core.management import call_command

from designs.services.examples import examples_load
from tests.designs.command_helpers import run_manage
from tests.designs.report_helpers import pdf_text
from tests.engine.test_handbook_examples import SLUGS

pytestmark = pytest.mark.django_db
FORMATS = ("md", "html", "pdf", "json")


@pytest.fixture
def examples():
    return {design.slug: design for design in examples_load()}


@pytest.mark.parametrize("slug", SLUGS)
def test_it_writes_each_example_in_each_format(examples, slug, tmp_path, capsys):
    # A PDF of the first example only: test_report_formats.py reads the PDF of every one.
    formats = FORMATS if slug == SLUGS[0] else [fmt for fmt in FORMATS if fmt != "pdf"]
    for fmt in formats:  # call_command: manage.py closes the test database when it ends
        path = tmp_path / f"report.{fmt}"

        call_command("report", slug, "--format", fmt, "-o", str(path))

        content = path.read_bytes()
        assert f"{path}: {fmt} report of {slug} v1" in capsys.readouterr().out
        if fmt == "pdf":
            assert "9. Questions to ask the interviewer" in pdf_text(content)
        elif fmt == "json":
            assert json.loads(content)["design"]["name"] == examples[slug].name
        elif fmt == "html":
            assert b"Questions to ask the interviewer" in content and b"<svg" in content
        else:
            assert b"## 9. Questions to ask the interviewer" in content


def test_it_finds_a_design_by_id_and_names_the_file_after_it(design, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    assert run_manage("report", str(design.pk), "--format", "md") == 0

    assert (tmp_path / f"{design.slug}-v1.md").read_text().startswith("# Photo sharing")


def test_it_writes_to_standard_output_with_a_dash(design, capfd):
    assert run_manage("report", design.slug, "--format", "json", "-o", "-") == 0

    assert json.loads(capfd.readouterr().out)["version"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope"], "nope: no design with this id or slug"),
        (["{slug}", "--format", "docx"], "--format: 'docx' is not one of md, html, pdf, json"),
        (["{slug}", "-o", "/nonexistent-dir/x.md"], "/nonexistent-dir/x.md: No such file"),
    ],
)
def test_bad_input_exits_1_with_one_line_on_stderr(design, capsys, argv, message):
    status = run_manage("report", *[a.format(slug=design.slug) for a in argv])

    err = capsys.readouterr().err
    assert status == 1
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_design_that_cannot_be_estimated_exits_1(user, capsys):
    from tests.designs.factories import DesignFactory

    broken = DesignFactory(owner=user, document={"name": "Broken", "components": [{"key": "x"}]})

    assert run_manage("report", broken.slug) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "components[0].kind" in err
