import copy

import pytest

from designs.models import Design
from designs.services.designs import VersionConflict, design_create, design_update
from estimator.engine import DesignError


@pytest.fixture
def saved(user, document):
    return design_create(owner=user, document=document)


def _changed(document: dict) -> dict:
    changed = copy.deepcopy(document)
    changed["name"] = "Photo sharing v2"
    changed["assumptions"]["daily_active_users"] = 2_000_000
    return changed


def test_it_replaces_the_document_and_bumps_the_version(saved, document):
    updated = design_update(design=saved, document=_changed(document))

    assert updated.version == 2
    assert updated.name == "Photo sharing v2"
    stored = Design.objects.get(pk=saved.pk)
    assert stored.version == 2
    assert stored.document["assumptions"]["daily_active_users"] == 2_000_000
    assert stored.slug == "photo-sharing-v2"  # the address follows a rename (the old redirects)


def test_it_bumps_the_version_on_every_save(saved, document):
    for expected in (2, 3, 4):
        assert design_update(design=saved, document=document).version == expected


def test_it_accepts_the_current_expected_version(saved, document):
    assert design_update(design=saved, document=document, expected_version=1).version == 2


def test_it_refuses_a_stale_version_and_changes_nothing(saved, document):
    design_update(design=saved, document=document, expected_version=1)

    with pytest.raises(VersionConflict) as caught:
        design_update(design=saved, document=_changed(document), expected_version=1)

    assert (caught.value.expected, caught.value.current) == (1, 2)
    stored = Design.objects.get(pk=saved.pk)
    assert (stored.version, stored.name, stored.document) == (2, "Photo sharing", document)


def test_it_refuses_a_stale_in_memory_copy(saved, document):
    stale = Design.objects.get(pk=saved.pk)
    design_update(design=saved, document=document, expected_version=saved.version)

    with pytest.raises(VersionConflict):
        design_update(design=stale, document=_changed(document), expected_version=stale.version)


def test_it_saves_nothing_for_an_invalid_document(saved, document):
    broken = _changed(document)
    broken["components"][1]["instances"] = -1

    with pytest.raises(DesignError) as caught:
        design_update(design=saved, document=broken)

    assert "components[1].instances" in str(caught.value)
    stored = Design.objects.get(pk=saved.pk)
    assert (stored.version, stored.name, stored.document) == (1, "Photo sharing", document)


def test_it_returns_what_it_wrote_with_that_versions_estimate(saved, document):
    """The caller answers from it: the version this save wrote, not a later read."""
    updated = design_update(design=saved, document=_changed(document), is_public=True)

    assert (updated.version, updated.is_public, updated.document) == (2, True, _changed(document))
    assert updated.saved_estimate.design_version == 2
    assert updated.saved_estimate.input == _changed(document)
    assert not updated.saved_estimate.is_stale


def test_it_keeps_the_public_flag_as_stored_when_left_out(saved, document):
    Design.objects.filter(pk=saved.pk).update(is_public=True)  # by someone else meanwhile

    assert design_update(design=saved, document=document).is_public is True


@pytest.mark.parametrize("save", ["create", "update"])
def test_a_null_description_is_stored_as_none(user, saved, document, save):
    document["description"] = None
    if save == "create":
        design = design_create(owner=user, document=document)
    else:
        design = design_update(design=saved, document=document)

    assert design.description == "" and Design.objects.get(pk=design.pk).description == ""
    assert Design.objects.get(pk=design.pk).document["description"] is None
