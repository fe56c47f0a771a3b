import pytest
from django.urls import reverse

from designs.services.designs import design_create
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def _url(estimate) -> str:
    return reverse("api:estimate-detail", args=[estimate.pk])


@pytest.fixture
def estimate(user, document):
    return design_create(owner=user, document=document).estimates.get()


def test_it_shows_an_estimate_of_the_callers_design(owner_api, estimate):
    body = owner_api.get(_url(estimate)).json()

    assert set(body) == {
        "id", "url", "design", "design_version", "status", "stale", "queued_at", "started_at",
        "finished_at", "engine_ms", "error", "result", "headline",
    }
    assert body["id"] == estimate.pk and body["design"] == estimate.design_id
    assert body["status"] == "done" and body["result"] == estimate.result


def test_it_shows_the_headline_figures_as_text(owner_api, estimate):
    body = owner_api.get(_url(estimate)).json()

    assert [row["key"] for row in body["headline"]] == ["total_rps", "storage_total",
                                                        "availability"]
    assert all(row["label"] and row["text"] for row in body["headline"])


def test_it_shows_a_failed_estimates_reason(owner_api, estimate):
    estimate.status, estimate.error, estimate.result = "failed", "workloads[0].rate: bad", None
    estimate.save()

    body = owner_api.get(_url(estimate)).json()

    assert body["status"] == "failed" and body["error"] == "workloads[0].rate: bad"
    assert body["result"] is None and body["headline"] is None


def test_it_answers_404_for_an_estimate_of_another_users_private_design(other_api, estimate):
    assert_error(other_api.get(_url(estimate)), 404, "")


def test_it_shows_anyone_the_estimate_of_a_public_design(api, estimate):
    estimate.design.is_public = True
    estimate.design.save()

    assert api.get(_url(estimate)).status_code == 200
