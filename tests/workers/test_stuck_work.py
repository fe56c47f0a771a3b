"""No stuck work, with real workers (issue 11): an estimate past its time limit ends failed
saying so, and estimates left queued by a Redis that lost its data are done after a sweep."""

import json

import redis

from designs import tasks
from designs.models import Estimate
from designs.services.designs import design_create, design_update
from estimator.engine import estimate as engine_estimate
from tests.workers.conftest import wait_for


def _finished(estimate_id: int):
    estimate = Estimate.objects.get(pk=estimate_id)
    return estimate if estimate.is_finished else None


def test_an_estimate_past_its_time_limit_ends_failed_saying_so(
    start_worker, user, document, monkeypatch
):
    # Killed at 2 s; Celery's soft limit (1.8 s) stops it first, and the service says why.
    # A message carries the time limits of the process that queues it: this one's too.
    task = tasks.compute_estimate._get_current_object()
    monkeypatch.setattr(task, "time_limit", 2)
    monkeypatch.setattr(task, "soft_time_limit", 1.8)
    monkeypatch.setattr(task, "_exec_options", None)  # cached by Celery at the first publish
    start_worker(pool="prefork", ESTIMATE_DELAY_SECONDS="10", ESTIMATE_TIME_LIMIT="2")
    design = design_create(owner=user, document=document)

    def finished():
        """the estimate to finish"""
        return _finished(design.estimates.get().pk)

    estimate = wait_for(finished, timeout=30)

    assert estimate.status == Estimate.Status.FAILED
    assert estimate.error.startswith("stopped after 1.8 s, the time limit: ")
    assert estimate.attempts == 1 and estimate.result is None


def test_estimates_left_queued_after_redis_lost_its_data_are_done_after_a_sweep(
    start_worker, broker, user, document
):
    design = design_create(owner=user, document=document)  # v1 queued, no worker yet
    versions = [document] + [
        {**document, "assumptions": {"daily_active_users": users}} for users in (2_000, 3_000)
    ]
    for changed in versions[1:]:
        design = design_update(design=design, document=changed)
    redis.Redis.from_url(broker).flushdb()  # Redis restarted without its data: tasks lost

    # A worker running beat, as `dev.py serve` starts it, sweeping every second.
    start_worker(beat=True, WORK_SWEEP_INTERVAL="1", WORK_QUEUED_TIMEOUT="1")

    def all_done():
        """every version's estimate to be done"""
        return design.estimates.filter(status=Estimate.Status.DONE).count() == len(versions)

    wait_for(all_done, timeout=30)
    for estimate in design.estimates.order_by("design_version"):
        expected = json.loads(json.dumps(engine_estimate(versions[estimate.design_version - 1])))
        assert estimate.result == expected
        # Queued again by the sweep, which counts no attempt for work that only waited.
        assert (estimate.sweeps, estimate.attempts) == (0, 1)
