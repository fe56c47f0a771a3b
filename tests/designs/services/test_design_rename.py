"""A rename moves the design's address: the slug follows the name, the old one is kept
(designs.services.designs._slug_after_rename), never given to another design."""

import copy

import pytest

from designs.models import DesignOldSlug
from designs.services.designs import VersionConflict, design_create, design_update
from designs.services.examples import examples_load

pytestmark = pytest.mark.django_db


def _named(document: dict, name: str) -> dict:
    return {**copy.deepcopy(document), "name": name}


def test_the_slug_follows_the_name_and_the_old_one_is_kept(user, document):
    design = design_create(owner=user, document=_named(document, "Photos"))

    design_update(design=design, document=_named(document, "Photo sharing at scale"))

    design.refresh_from_db()
    assert design.slug == "photo-sharing-at-scale"
    assert list(design.old_slugs.values_list("slug", flat=True)) == ["photos"]


def test_a_save_that_keeps_the_name_keeps_the_slug(user, document):
    design = design_create(owner=user, document=_named(document, "Photos"))

    design_update(design=design, document=_named(document, "Photos"))

    design.refresh_from_db()
    assert design.slug == "photos" and not DesignOldSlug.objects.exists()


def test_a_new_design_never_takes_an_old_slug(user, other_user, document):
    design = design_create(owner=user, document=_named(document, "Photos"))
    design_update(design=design, document=_named(document, "Pictures"))

    newcomer = design_create(owner=other_user, document=_named(document, "Photos"))

    assert newcomer.slug == "photos-2"


def test_a_design_may_take_its_old_name_back(user, document):
    design = design_create(owner=user, document=_named(document, "Photos"))
    design_update(design=design, document=_named(document, "Pictures"))

    design_update(design=_reloaded(design), document=_named(document, "Photos"))

    design.refresh_from_db()
    assert design.slug == "photos"
    assert list(design.old_slugs.values_list("slug", flat=True)) == ["pictures"]


def test_a_refused_save_renames_nothing(user, document):
    design = design_create(owner=user, document=_named(document, "Photos"))

    with pytest.raises(VersionConflict):
        design_update(design=design, document=_named(document, "Pictures"), expected_version=9)

    design.refresh_from_db()
    assert design.slug == "photos" and not DesignOldSlug.objects.exists()


def test_an_example_keeps_its_slug():
    example = examples_load()[0]
    slug = example.slug

    design_update(design=example, document=_named(example.document, "Renamed example"))

    example.refresh_from_db()
    assert example.slug == slug and not DesignOldSlug.objects.exists()


def _reloaded(design):
    design.refresh_from_db()
    return design


def test_a_stale_copy_renames_from_the_stored_address(user, document):
    design = design_create(owner=user, document=_named(document, "Photos"))
    stale = type(design).objects.get(pk=design.pk)
    design_update(design=design, document=_named(document, "Pictures"))

    design_update(design=stale, document=_named(document, "Images"))

    design.refresh_from_db()
    assert design.slug == "images"
    assert sorted(design.old_slugs.values_list("slug", flat=True)) == ["photos", "pictures"]
