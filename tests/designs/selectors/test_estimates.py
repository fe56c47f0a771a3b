"""designs.selectors.estimates: which estimates a user sees, which one a page shows, and
which estimate document is read (never one an older engine wrote)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from designs.models import Design, Estimate
from designs.selectors.designs import designs_visible
from designs.selectors.estimates import (
    current_estimates,
    design_current_estimate,
    design_estimate_document,
    design_latest_done_estimate,
    design_latest_estimate,
    design_version_documents,
    estimates_visible,
)
from designs.services.designs import design_create, design_update
from estimator.engine import estimate as engine_estimate
from estimator.engine.version import ENGINE_VERSION
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db

DONE, QUEUED, FAILED = Estimate.Status.DONE, Estimate.Status.QUEUED, Estimate.Status.FAILED


def _estimate(design: Design, version: int, status: str, result: dict | None = None):
    return Estimate.objects.create(design=design, design_version=version, status=status,
                                   input=design.document, result=result)


@pytest.fixture
def saved(user, document) -> Design:
    """A design saved twice through the services: version 2, both versions estimated."""
    design = design_create(owner=user, document=document)
    return design_update(design=design, document={**document, "name": "Renamed"})


def test_estimates_are_visible_as_their_designs_are(user, other_user):
    private = DesignFactory(owner=user)
    public = DesignFactory(owner=user, is_public=True)
    for design in (private, public):
        _estimate(design, 1, QUEUED)

    def seen(viewer):
        return {e.design_id for e in estimates_visible(user=viewer)}

    assert seen(user) == {private.pk, public.pk}
    assert seen(other_user) == seen(AnonymousUser()) == seen(None) == {public.pk}


def test_the_current_estimate_is_the_current_versions(saved):
    assert design_current_estimate(saved).design_version == 2
    assert current_estimates([saved]) == {saved.pk: design_current_estimate(saved)}


def test_the_latest_done_estimate_skips_failed_and_older_engines_ones(saved):
    old, current = saved.estimates.order_by("design_version")
    Estimate.objects.filter(pk=current.pk).update(status=FAILED)

    assert design_latest_done_estimate(saved) == old
    old.result["engine_version"] = ENGINE_VERSION - 1
    old.save()
    assert design_latest_done_estimate(saved) is None


def test_the_latest_estimate_is_the_one_a_save_wrote_else_the_newest(saved):
    assert design_latest_estimate(saved) is saved.saved_estimate

    summarised = designs_visible(user=saved.owner).get(pk=saved.pk)
    fresh = Design.objects.get(pk=saved.pk)

    assert design_latest_estimate(summarised).design_version == 2
    assert design_latest_estimate(fresh).design_version == 2
    assert design_latest_estimate(DesignFactory()) is None


def test_a_done_estimates_document_is_read_as_stored(saved):
    stored = design_current_estimate(saved)
    stored.result["marker"] = "stored"
    stored.save()

    assert design_estimate_document(saved)["marker"] == "stored"
    assert design_version_documents(saved, 2)[1]["marker"] == "stored"


@pytest.mark.parametrize("status", [QUEUED, FAILED])
def test_an_unfinished_estimates_document_is_computed_now(user, document, status):
    design = DesignFactory(owner=user, document=document)
    _estimate(design, 1, status)

    assert design_estimate_document(design) == engine_estimate(document)
    assert design_version_documents(design, 1) == (document, engine_estimate(document))


def test_an_older_engines_document_is_computed_now_not_read(saved):
    stored = design_current_estimate(saved)
    stored.result = {"old": "shape"}
    stored.save()

    assert design_estimate_document(saved)["engine_version"] == ENGINE_VERSION
    assert design_version_documents(saved, 2)[1]["engine_version"] == ENGINE_VERSION
    stored.refresh_from_db()
    assert stored.result == {"old": "shape"}  # selectors only read: nothing saved


def test_an_older_versions_documents_are_that_versions(saved, document):
    design_document, estimate = design_version_documents(saved, 1)

    assert design_document == document and estimate["engine_version"] == ENGINE_VERSION
