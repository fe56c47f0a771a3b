"""POST /api/designs/{id}/estimate/ and the estimate's life as GET /api/estimates/{id}/ shows it."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from designs.models import Estimate
from designs.services.designs import design_create, design_update
from designs.services.estimates import estimate_run
from designs.services.examples import examples_load
from estimator.engine import estimate as engine_estimate
from tests.api.helpers import assert_error, design_url

pytestmark = pytest.mark.django_db


def _estimate_url(design) -> str:
    return reverse("api:design-estimate", args=[design.pk])


def test_it_queues_the_estimate_and_answers_202_with_its_location(owner_api, design, no_worker):
    response = owner_api.post(_estimate_url(design))

    assert response.status_code == 202, response.content
    body = response.json()
    estimate = Estimate.objects.get(design=design)
    assert body["id"] == estimate.pk and body["status"] == "queued" and body["result"] is None
    assert body["design"] == design.pk and body["design_version"] == 1
    assert response["Location"] == body["url"] == f"http://testserver/api/estimates/{estimate.pk}/"


def test_it_follows_the_estimate_from_queued_to_done(owner_api, design, document, no_worker):
    url = owner_api.post(_estimate_url(design))["Location"]
    assert owner_api.get(url).json()["status"] == "queued"

    estimate_run(estimate_id=Estimate.objects.get().pk)  # what the worker does

    body = owner_api.get(url).json()
    assert body["status"] == "done" and body["stale"] is False and body["error"] == ""
    assert body["result"] == json.loads(json.dumps(engine_estimate(document)))
    assert body["engine_ms"] > 0 and body["finished_at"] >= body["started_at"]


def test_it_answers_200_with_the_result_when_already_done(owner_api, user, document):
    design = design_create(owner=user, document=document)  # computed in-process

    response = owner_api.post(_estimate_url(design))

    assert response.status_code == 200
    assert response.json()["result"] == json.loads(json.dumps(engine_estimate(document)))
    assert design.estimates.count() == 1


def test_it_retries_a_failed_estimate(owner_api, user, document):
    design = design_create(owner=user, document=document)
    Estimate.objects.update(status=Estimate.Status.FAILED, error="boom", result=None)

    body = owner_api.post(_estimate_url(design)).json()

    assert body["status"] == "done" and body["error"] == ""


def test_anyone_signed_in_may_ask_for_a_public_designs_estimate(other_api):
    example = examples_load()[0]

    assert other_api.post(_estimate_url(example)).status_code == 200


def test_it_answers_404_for_another_users_private_design(other_api, design):
    assert_error(other_api.post(_estimate_url(design)), 404, "")
    assert not Estimate.objects.exists()


def test_it_answers_401_to_anonymous_callers(api, public_design):
    assert_error(api.post(_estimate_url(public_design)), 401, "")
    assert not Estimate.objects.exists()


def test_the_old_estimate_is_stale_once_the_design_is_saved_again(owner_api, user, document):
    design = design_create(owner=user, document=document)
    old_url = owner_api.post(_estimate_url(design)).json()["url"]

    owner_api.patch(design_url(design), {"document": {**document, "name": "v2"}})

    assert owner_api.get(old_url).json()["stale"] is True
    body = owner_api.get(design_url(design)).json()
    assert body["estimate"]["stale"] is False and body["estimate"]["url"] != old_url


def test_the_design_shows_its_older_estimate_as_stale_until_one_is_requested(
    owner_api, design, no_worker
):
    owner_api.post(_estimate_url(design))
    design.version = 2  # saved by someone bypassing the services: no estimate of v2 yet
    design.save()

    body = owner_api.get(design_url(design)).json()

    assert body["estimate"]["stale"] is True and body["estimate"]["status"] == "queued"


# ---- any version's estimate, asked for again (issue 11) ------------------------------------


def test_it_estimates_again_an_older_version_that_failed(owner_api, user, document):
    design = design_create(owner=user, document=document)
    design_update(design=design, document={**document, "name": "v2"})
    Estimate.objects.filter(design_version=1).update(status="failed", error="lost", result=None)

    response = owner_api.post(_estimate_url(design), {"version": 1}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["design_version"], body["status"], body["stale"]) == (1, "done", True)
    assert body["result"] == json.loads(json.dumps(engine_estimate(document)))  # v1's input


def test_it_queues_again_an_older_version_stuck_in_the_queue(
    owner_api, user, document, settings
):
    """Left queued by a Redis that lost its data: queued again (here computed in-process)."""
    design = design_create(owner=user, document=document)
    design_update(design=design, document={**document, "name": "v2"})
    long_ago = timezone.now() - timedelta(seconds=settings.WORK_QUEUED_TIMEOUT + 1)
    Estimate.objects.filter(design_version=1).update(status="queued", queued_at=long_ago)

    body = owner_api.post(_estimate_url(design), {"version": 1}, format="json").json()

    assert (body["design_version"], body["status"]) == (1, "done")
    assert Estimate.objects.get(design_version=1).attempts == 2


def test_it_queues_again_an_estimate_running_past_the_time_limit(
    owner_api, user, document, settings
):
    design = design_create(owner=user, document=document)
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    Estimate.objects.update(status="running", started_at=long_ago)

    body = owner_api.post(_estimate_url(design), {}, format="json").json()

    assert body["status"] == "done" and Estimate.objects.get().attempts == 2


def test_it_leaves_a_running_estimate_within_its_time_limit_alone(owner_api, user, document):
    design = design_create(owner=user, document=document)
    Estimate.objects.update(status="running", started_at=timezone.now())

    response = owner_api.post(_estimate_url(design), {"version": 1}, format="json")

    assert response.status_code == 202 and response.json()["status"] == "running"


@pytest.mark.parametrize("version", [2, 99])
def test_it_answers_404_naming_version_for_a_version_the_design_never_had(
    owner_api, user, document, version
):
    design = design_create(owner=user, document=document)

    response = owner_api.post(_estimate_url(design), {"version": version}, format="json")

    assert_error(response, 404, "version", f"no version {version}")
    assert design.estimates.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [({"version": 0}, "version"), ({"version": "one"}, "version"),
     ({"version": 2**40}, "version"), ({"verison": 1}, "verison")],
)
def test_it_answers_400_naming_the_field_of_a_bad_body(owner_api, design, body, field):
    assert_error(owner_api.post(_estimate_url(design), body, format="json"), 400, field)
