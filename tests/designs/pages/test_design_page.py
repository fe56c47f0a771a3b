"""designs.pages.design_page: what the design page shows of a design's estimates."""

import pytest

from designs.models import Estimate
from designs.pages.design_page import DesignPage, design_page, design_page_figures
from designs.services.designs import design_create, design_update
from estimator.engine.version import ENGINE_VERSION
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db

DONE, QUEUED, FAILED = Estimate.Status.DONE, Estimate.Status.QUEUED, Estimate.Status.FAILED


@pytest.fixture
def saved(user, document):
    """A design saved once through the services: its estimate is done (in-process)."""
    return design_create(owner=user, document=document)


def _set_current(design, **fields) -> Estimate:
    Estimate.objects.filter(design=design, design_version=design.version).update(**fields)
    return design.estimates.get(design_version=design.version)


def test_a_done_estimate_is_shown_with_its_tables(saved):
    page = design_page(saved)

    assert page.estimate.design_version == 1 and page.pending is None and not page.stale
    assert {"estimate", "workloads", "components", "headline"} <= set(page.tables)


def test_while_the_current_version_is_queued_the_previous_figures_show_stale(saved, document):
    design = design_update(design=saved, document={**document, "name": "Renamed"})
    current = _set_current(design, status=QUEUED)

    page = design_page(design, current)

    assert page.pending == current and page.estimate.design_version == 1 and page.stale


def test_a_refused_document_names_its_fields_and_is_invalid(user):
    design = DesignFactory(owner=user, document={"name": "Broken", "workloads": "none"})
    Estimate.objects.create(design=design, design_version=1, status=FAILED,
                            input=design.document, error="workloads: must be a list\nsecond")

    page = design_page(design)

    assert page.errors == ["workloads: must be a list", "second"] and page.invalid
    assert page.estimate is None and design_page_figures(page) == {"diagram": ""}


def test_work_that_did_not_finish_is_no_invalid_document(saved):
    _set_current(saved, status=FAILED, error="stopped after 55 s, the time limit")

    page = design_page(saved)

    assert page.errors and not page.invalid


def test_an_older_engines_estimate_is_not_shown(saved):
    current = saved.estimates.get()
    current.result["engine_version"] = ENGINE_VERSION - 1
    current.save()

    page = design_page(saved, current)

    assert page.estimate is None and page.tables == {}


def test_before_any_estimate_only_the_diagram_is_drawn(user, document):
    page = DesignPage(design=DesignFactory(owner=user, document=document))

    figures = design_page_figures(page)

    assert list(figures) == ["diagram"] and "<svg" in figures["diagram"]


def test_the_figures_of_a_shown_estimate(saved):
    figures = design_page_figures(design_page(saved))

    assert "<svg" in figures["diagram"] and figures["charts"]
    assert {"improve_first", "latency", "cost", "uncertainty", "sensitivity"} <= set(figures)
    keys = [c["key"] for c in figures["whatif"]["components"]]
    assert keys == ["client", "api", "cache", "db"]
    assert figures["whatif"]["components"][1]["instances"] == 3
