"""Estimates computed by real Celery worker processes through Redis."""

import json

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from designs.models import Estimate
from designs.services.designs import design_create
from estimator.engine import estimate as engine_estimate
from tests.workers.conftest import wait_for


def _finished(estimate_id: int):
    estimate = Estimate.objects.get(pk=estimate_id)
    return estimate if estimate.is_finished else None


def test_a_worker_computes_the_estimate_of_a_design_created_through_the_api(
    start_worker, user, document
):
    worker = start_worker()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    created = api.post("/api/designs/", {"document": document}, format="json")
    assert created.status_code == 201, created.content
    requested = api.post(created.json()["links"]["estimate"])
    assert requested.status_code in (200, 202), requested.content

    def done():
        """the estimate to be done"""
        body = api.get(requested.json()["url"]).json()
        return body if body["status"] in ("done", "failed") else None

    body = wait_for(done)
    assert body["status"] == "done", body["error"]
    assert body["result"] == json.loads(json.dumps(engine_estimate(document)))
    assert Estimate.objects.get(pk=body["id"]).attempts == 1
    assert "designs.tasks.compute_estimate" in worker.log.read_text()  # by the worker


def test_an_estimate_survives_a_worker_killed_mid_task(start_worker, user, document):
    slow = {"ESTIMATE_DELAY_SECONDS": "2", "ESTIMATE_TIME_LIMIT": "3"}
    first = start_worker(**slow)
    design = design_create(owner=user, document=document)
    estimate_id = design.estimates.get().pk
    wait_for(lambda: Estimate.objects.get(pk=estimate_id).status == Estimate.Status.RUNNING)

    first.kill()
    assert Estimate.objects.get(pk=estimate_id).status == Estimate.Status.RUNNING
    start_worker(**slow)
    done = wait_for(lambda: _finished(estimate_id), timeout=90)

    assert done.status == Estimate.Status.DONE, done.error
    assert done.attempts == 2
    assert done.result == json.loads(json.dumps(engine_estimate(document)))


def test_healthz_sees_a_running_worker(start_worker, broker, settings, client):
    settings.REDIS_URL = broker
    start_worker()
    body = client.get("/healthz").json()
    assert body["redis"] == {"ok": True, "configured": True}
    assert body["workers"]["answering"] >= 1
