import json
from datetime import timedelta

import pytest
from django.utils import timezone

from designs.models import Estimate
from designs.services import estimates
from designs.services.designs import design_create, design_update
from designs.services.estimates import estimate_request, estimate_run
from estimator.engine import estimate as engine_estimate
from tests.celery_broker import publishing_to

pytestmark = pytest.mark.django_db


def test_saving_a_design_computes_its_estimate_in_process_without_redis(user, document):
    design = design_create(owner=user, document=document)
    estimate = design.estimates.get()
    assert estimate.status == Estimate.Status.DONE
    assert estimate.design_version == 1 and estimate.attempts == 1
    assert estimate.result == json.loads(json.dumps(engine_estimate(document)))
    assert estimate.engine_ms > 0 and estimate.finished_at >= estimate.started_at


def test_asking_again_returns_the_same_estimate(user, document):
    design = design_create(owner=user, document=document)
    first = design.estimates.get()
    again = estimate_request(design=design)
    assert again.pk == first.pk and again.attempts == 1
    assert design.estimates.count() == 1


def test_a_new_version_gets_its_own_estimate_and_the_old_one_is_stale(user, document):
    design = design_create(owner=user, document=document)
    document["workloads"][0]["per_user_per_day"] = 4
    design_update(design=design, document=document)
    old, new = design.estimates.order_by("design_version")
    assert old.is_stale and not new.is_stale
    assert new.design_version == 2 and new.input == document
    writes = [e.result["traffic"]["write_rps"] for e in (old, new)]
    assert writes[1] == pytest.approx(2 * writes[0])


def test_a_failed_estimate_is_retried_only_when_asked(user, document):
    design = design_create(owner=user, document=document)
    Estimate.objects.update(status=Estimate.Status.FAILED, error="boom")
    assert estimate_request(design=design).status == Estimate.Status.FAILED
    retried = estimate_request(design=design, retry_failed=True)
    assert retried.status == Estimate.Status.DONE and retried.error == "" and retried.attempts == 2


def test_an_estimate_queued_past_its_deadline_is_queued_again_when_asked(
    user, document, settings
):
    """Its task was lost (Redis restarted without its data): an explicit request queues it
    again; a page view (no retry_failed) and a recently queued estimate are left alone."""
    design = design_create(owner=user, document=document)
    timeout = settings.WORK_QUEUED_TIMEOUT
    recently = timezone.now() - timedelta(seconds=timeout - 30)
    Estimate.objects.update(status=Estimate.Status.QUEUED, result=None, queued_at=recently)
    assert estimate_request(design=design, retry_failed=True).status == Estimate.Status.QUEUED
    long_ago = timezone.now() - timedelta(seconds=timeout + 1)
    Estimate.objects.update(queued_at=long_ago)
    assert estimate_request(design=design).status == Estimate.Status.QUEUED
    again = estimate_request(design=design, retry_failed=True)
    assert again.status == Estimate.Status.DONE and again.attempts == 2
    assert design.estimates.get().queued_at > long_ago


def test_an_invalid_stored_document_fails_with_the_fields_named(user, document):
    design = design_create(owner=user, document=document)
    bad = {**document, "workloads": [{"name": "r", "kind": "read", "rate": -1}]}
    Estimate.objects.update(status=Estimate.Status.QUEUED, input=bad)
    estimate = estimate_run(estimate_id=design.estimates.get().pk)
    assert estimate.status == Estimate.Status.FAILED
    assert estimate.error == "workloads[0].rate: must not be negative (got -1)"


def test_a_running_estimate_is_not_computed_twice(user, document):
    design = design_create(owner=user, document=document)
    Estimate.objects.update(status=Estimate.Status.RUNNING, started_at=timezone.now())
    assert estimate_run(estimate_id=design.estimates.get().pk) is None
    assert design.estimates.get().attempts == 1


def test_an_estimate_abandoned_past_the_time_limit_is_claimed_again(user, document, settings):
    design = design_create(owner=user, document=document)
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    Estimate.objects.update(status=Estimate.Status.RUNNING, started_at=long_ago, result=None)
    estimate = estimate_run(estimate_id=design.estimates.get().pk)
    assert estimate.status == Estimate.Status.DONE and estimate.attempts == 2


def test_a_done_estimate_is_left_alone(user, document):
    design = design_create(owner=user, document=document)
    assert estimate_run(estimate_id=design.estimates.get().pk) is None


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_broker_falls_back_to_in_process(user, document, settings):
    with publishing_to("redis://127.0.0.1:1/0", settings):  # nothing listens on port 1
        design = design_create(owner=user, document=document)
    assert design.estimates.get().status == Estimate.Status.DONE


def test_a_non_finite_figure_fails_the_estimate_instead_of_storing_it(user, document, monkeypatch):
    monkeypatch.setattr(estimates, "engine_estimate", lambda doc: {"x": float("nan")})
    design = design_create(owner=user, document=document)
    estimate = design.estimates.get()
    assert estimate.status == Estimate.Status.FAILED and "not finite" in estimate.error
