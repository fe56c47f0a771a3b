import json

import pytest

from designs import example_files
from designs.models import Design
from designs.services.examples import examples_load
from estimator.engine import DesignError

SLUGS = ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]


@pytest.mark.django_db
def test_it_loads_the_five_handbook_examples_in_handbook_order():
    loaded = examples_load()

    assert [design.slug for design in loaded] == SLUGS
    for design in loaded:
        assert design.is_example and design.is_public and design.owner is None
        assert design.version == 1


@pytest.mark.django_db
def test_it_is_idempotent():
    examples_load()
    examples_load()

    assert Design.objects.count() == 5
    assert set(Design.objects.values_list("version", flat=True)) == {1}


@pytest.mark.django_db
def test_it_updates_an_example_whose_file_changed():
    examples_load()
    Design.objects.filter(slug="uber").update(document={"name": "Outdated Uber"})

    examples_load()

    uber = Design.objects.get(slug="uber")
    assert uber.version == 2
    assert uber.document["name"] != "Outdated Uber"
    assert Design.objects.count() == 5


@pytest.mark.django_db
def test_it_loads_nothing_when_one_example_is_invalid(tmp_path, monkeypatch):
    (tmp_path / "good.json").write_text(json.dumps({"name": "Good"}))
    (tmp_path / "bad.json").write_text(json.dumps({"name": "Bad", "colour": "red"}))
    monkeypatch.setattr(example_files, "EXAMPLES_DIR", tmp_path)

    with pytest.raises(DesignError) as caught:
        examples_load()

    assert "colour" in str(caught.value)
    assert Design.objects.count() == 0
