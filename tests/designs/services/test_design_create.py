import pytest

from designs.models import Design
from designs.services.designs import SlugTaken, design_create
from estimator.engine import DesignError


def test_it_creates_a_private_design_at_version_1(user, document):
    design = design_create(owner=user, document=document)

    assert design.owner == user
    assert (design.name, design.slug, design.version) == ("Photo sharing", "photo-sharing", 1)
    assert design.description == document["description"]
    assert not design.is_public and not design.is_example
    design.refresh_from_db()
    assert design.document == document


def test_it_gives_each_design_a_unique_slug_from_its_name(user, other_user, document):
    first = design_create(owner=user, document=document)
    second = design_create(owner=other_user, document=document)
    third = design_create(owner=user, document=document)

    assert [first.slug, second.slug, third.slug] == [
        "photo-sharing",
        "photo-sharing-2",
        "photo-sharing-3",
    ]


def test_it_never_takes_an_examples_slug(user, document):
    document["name"] = "Uber"

    assert design_create(owner=user, document=document).slug == "uber-2"


def test_it_falls_back_to_a_generic_slug_for_names_without_letters(user, document):
    document["name"] = "???"

    assert design_create(owner=user, document=document).slug == "design"


def test_it_accepts_an_explicit_free_slug(user, document):
    assert design_create(owner=user, document=document, slug="mine").slug == "mine"


def test_it_refuses_an_explicit_slug_that_is_taken(user, document):
    design_create(owner=user, document=document, slug="mine")

    with pytest.raises(SlugTaken):
        design_create(owner=user, document=document, slug="mine")
    assert Design.objects.count() == 1


def test_it_saves_nothing_for_an_invalid_document(user, document):
    document["workloads"][1]["route"][2] = "cahce"

    with pytest.raises(DesignError) as caught:
        design_create(owner=user, document=document)

    assert "workloads[1].route[2]" in str(caught.value)
    assert Design.objects.count() == 0


def test_it_never_takes_a_slug_that_a_page_uses(user, document):
    design = design_create(owner=user, document={**document, "name": "New"})
    assert design.slug == "new-2"
