"""manage.py import and manage.py export (issue 16): a file in, a design out (saved for an
owner, or printed); a design out in a format; bad input exits 1 with one line on stderr and
saves nothing."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from designs.models import Design
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db


def test_import_saves_for_the_owner_and_print_saves_nothing(tmp_path, user, document, capsys):
    path = tmp_path / "design.json"
    path.write_text(json.dumps(document))
    call_command("import", str(path), "--print")
    assert json.loads(capsys.readouterr().out) == document
    assert not Design.objects.exists()
    call_command("import", str(path), "--owner", user.username, "--name", "From a file")
    design = Design.objects.get()
    assert design.owner == user and design.name == "From a file"


@pytest.mark.parametrize(("arguments", "words"), [
    (["missing.yaml", "--print"], "missing.yaml: No such file"),
    (["{file}", "--format", "docx", "--print"], "--format: 'docx' is not one of"),
    (["{file}"], "--owner: name the user"),
    (["{file}", "--owner", "nobody"], "--owner: no user called 'nobody'"),
    (["{bad}", "--print"], "could not be recognised"),
])
def test_import_errors_are_one_line_naming_the_argument(tmp_path, user, document, arguments,
                                                        words):
    good, bad = tmp_path / "design.json", tmp_path / "notes.txt"
    good.write_text(json.dumps(document))
    bad.write_text("just some notes")
    arguments = [a.format(file=good, bad=bad) for a in arguments]
    with pytest.raises(CommandError) as raised:
        call_command("import", *arguments)
    assert words in str(raised.value) and "\n" not in str(raised.value)
    assert not Design.objects.exists()


def test_export_writes_a_file_and_to_standard_output(tmp_path, capsysbinary):
    examples_load()
    output = tmp_path / "out.json"
    call_command("export", "url-shortener", "--format", "json", "-o", str(output))
    assert json.loads(output.read_text())["name"] == "URL shortener"
    assert b"out.json: json of url-shortener" in capsysbinary.readouterr().out
    call_command("export", "url-shortener", "--format", "json", "-o", "-")
    assert json.loads(capsysbinary.readouterr().out)["name"] == "URL shortener"


def test_export_errors_are_one_line(tmp_path):
    examples_load()
    with pytest.raises(CommandError, match="--format: 'docx' is not one of"):
        call_command("export", "url-shortener", "--format", "docx")
    with pytest.raises(CommandError, match="nope: no design"):
        call_command("export", "nope", "--format", "json")
