import json

import pytest
from django.core.management import CommandError, call_command

from designs import example_files
from designs.models import Design


@pytest.mark.django_db
def test_it_loads_the_examples_and_says_which(capsys):
    call_command("load_examples")
    call_command("load_examples")

    out = capsys.readouterr().out
    assert "url-shortener: " in out and "5 examples and " in out and " problems loaded" in out
    assert Design.objects.filter(is_example=True).count() == 5


@pytest.mark.django_db
def test_it_fails_naming_the_field_of_an_invalid_example(tmp_path, monkeypatch):
    (tmp_path / "bad.json").write_text(json.dumps({"name": "Bad", "workloads": [{"name": 1}]}))
    monkeypatch.setattr(example_files, "EXAMPLES_DIR", tmp_path)

    with pytest.raises(CommandError, match=r"workloads\[0\]"):
        call_command("load_examples")
