"""An estimate an older engine wrote (its document's engine_version missing or lower than
ENGINE_VERSION) is computed again when a page or the API asks for it, like a missing one,
and is never read as it is."""

import pytest

from designs.models import Estimate
from designs.services import estimates
from designs.services.designs import design_create
from designs.services.estimates import estimate_request
from estimator.engine.version import ENGINE_VERSION

pytestmark = pytest.mark.django_db


def _written_by_an_older_engine(estimate: Estimate, version: int | None) -> Estimate:
    if version is None:
        estimate.result.pop("engine_version")
    else:
        estimate.result["engine_version"] = version
    estimate.save()
    return estimate


@pytest.fixture
def design(user, document):
    return design_create(owner=user, document=document)


def test_the_estimate_document_carries_the_engines_version(design):
    assert design.estimates.get().result["engine_version"] == ENGINE_VERSION


def test_a_current_estimate_is_not_computed_again(design):
    again = estimate_request(design=design)

    assert again.attempts == 1 and again.status == Estimate.Status.DONE


@pytest.mark.parametrize("older", [None, ENGINE_VERSION - 1])
def test_an_older_engines_estimate_is_computed_again_when_asked_for(design, older):
    _written_by_an_older_engine(design.estimates.get(), older)

    again = estimate_request(design=design)

    assert again.status == Estimate.Status.DONE and again.attempts == 2
    assert again.result["engine_version"] == ENGINE_VERSION


def test_with_a_worker_an_older_engines_estimate_is_queued_again(design, monkeypatch):
    handed = []
    monkeypatch.setattr(estimates, "estimate_enqueue", handed.append)
    stored = _written_by_an_older_engine(design.estimates.get(), None)

    again = estimate_request(design=design)

    assert handed == [stored.pk] and again.status == Estimate.Status.QUEUED
    assert estimate_request(design=design).status == Estimate.Status.QUEUED
    assert handed == [stored.pk]  # queued once, however often it is asked for


def test_the_api_recomputes_an_older_engines_estimate_it_is_asked_for(design, user, client):
    stored = _written_by_an_older_engine(design.estimates.get(), None)
    client.force_login(user)

    body = client.get(f"/api/estimates/{stored.pk}/").json()

    assert body["status"] == "done" and body["result"]["engine_version"] == ENGINE_VERSION


def test_the_api_shows_no_headline_of_an_older_engines_estimate_queued_again(
    design, user, client, monkeypatch
):
    monkeypatch.setattr(estimates, "estimate_enqueue", lambda pk: None)  # a worker, later
    stored = _written_by_an_older_engine(design.estimates.get(), None)
    client.force_login(user)

    body = client.get(f"/api/estimates/{stored.pk}/").json()

    assert body["status"] == "queued" and body["headline"] is None
