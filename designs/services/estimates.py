"""Estimates: asking for one (queued for a worker) and computing one (the worker's part).

One estimate per version of a design; an estimate written by an older engine
(estimator.engine.version) is computed again when asked for, like a missing one.
"""

import json
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from designs.models import Design, Estimate
from designs.services.claims import run_claimed
from designs.services.deadlines import stuck
from designs.services.queueing import hand_to_worker
from estimator.engine import DesignError
from estimator.engine import estimate as engine_estimate

logger = logging.getLogger(__name__)

TASK = "designs.tasks.compute_estimate"


class VersionUnknown(Exception):
    """The design has no stored document of that version: it never existed."""

    def __init__(self, *, version: int, current: int):
        self.version = version
        self.current = current
        super().__init__(f"the design has no version {version} (its versions: 1 to {current})")


def estimate_request(
    *, design: Design, version: int | None = None, retry_failed: bool = False
) -> Estimate:
    """The estimate of one version of the design (the current one by default): the existing
    one, or, for the current version, a new one queued.

    Asking twice never computes the same version twice. One the engine wrote before its
    current version is queued again. Only with `retry_failed` (an explicit request, not a
    page view) is a failed or stuck estimate queued again (stuck: queued or running past its
    deadline, see deadlines.stuck), with all its attempts again. Queued twice is harmless:
    one worker claims it. Raises VersionUnknown for a version the design never had.
    """
    with transaction.atomic():
        estimate, created = _estimate_of(design, version)
        if created or _outdated_queued_again(estimate):
            estimate_enqueue(estimate.pk)
        elif retry_failed and _queued_again(estimate):
            estimate_enqueue(estimate.pk)
        else:
            return estimate
    # Computed already when in-process: without a broker, or (once the outermost
    # transaction has committed) when the broker was unreachable. Only what the work
    # changes is read again: not the input, nor the design. Inside a caller's transaction
    # (a save), read again once it commits too, after the publish (on_commit keeps order).
    estimate.refresh_from_db(fields=_WORK_FIELDS)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: estimate.refresh_from_db(fields=_WORK_FIELDS), robust=True)
    return estimate


_WORK_FIELDS = ["status", "result", "error", "attempts", "sweeps", "queued_at", "started_at",
                "finished_at", "engine_ms"]


def _estimate_of(design: Design, version: int | None) -> tuple[Estimate, bool]:
    """The stored estimate of that version (created for the current version), and whether it
    was created. Every version saved through these services has one: it keeps the version's
    document, so an older version can be estimated again."""
    if version is None or version == design.version:
        estimate, created = Estimate.objects.get_or_create(
            design=design, design_version=design.version, defaults={"input": design.document}
        )
    else:
        estimate, created = design.estimates.filter(design_version=version).first(), False
        if estimate is None:
            raise VersionUnknown(version=version, current=design.version)
    estimate.design = design  # its staleness is against the version the caller holds
    return estimate, created


def _requeue(queryset) -> bool:
    """Queue the estimate of `queryset` again with all its attempts; False when the
    queryset's condition no longer holds (another request queued it first)."""
    now = timezone.now()
    return bool(queryset.update(status=Estimate.Status.QUEUED, error="", queued_at=now, sweeps=0))


def _queued_again(estimate: Estimate) -> bool:
    """Queue a failed or stuck estimate again; False when it is neither (any more)."""
    again = Q(status=Estimate.Status.FAILED) | stuck(timezone.now())
    return _requeue(Estimate.objects.filter(again, pk=estimate.pk))


def _outdated_queued_again(estimate: Estimate) -> bool:
    """Queue again an estimate an older engine wrote; False when it is current (or was
    queued again by another request meanwhile)."""
    if not estimate.is_outdated:
        return False
    return _requeue(Estimate.objects.filter(pk=estimate.pk, status=Estimate.Status.DONE))


def estimate_enqueue(estimate_id: int) -> None:
    """Hand the estimate to a worker (compute it in-process without a broker)."""
    hand_to_worker(TASK, lambda pk: estimate_run(estimate_id=pk), estimate_id)


def estimate_run(*, estimate_id: int) -> Estimate | None:
    """Compute one queued estimate with the engine and store the result.

    Idempotent: the estimate is claimed with a conditional update, so a version is never
    computed by two workers at once. A running estimate whose claim is older than the task
    time limit was left by a worker that died, and may be claimed again. Past the soft time
    limit it ends failed, saying so.
    """
    return run_claimed(Estimate, estimate_id, _compute)


def _compute(estimate: Estimate) -> dict:
    if settings.ESTIMATE_DELAY_SECONDS:
        time.sleep(settings.ESTIMATE_DELAY_SECONDS)
    return _computed(estimate.input)


def _computed(document: dict) -> dict:
    """The fields of a finished estimate: done with its result, or failed with a reason."""
    started = time.perf_counter()
    try:
        result = engine_estimate(document)
    except DesignError as error:
        # One line per field, as the engine words them.
        return {"status": Estimate.Status.FAILED, "error": "\n".join(map(str, error.errors))}
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:  # an engine bug: the user sees that it failed, the log why
        logger.exception("the engine failed on an estimate")
        return {"status": Estimate.Status.FAILED,
                "error": f"the engine failed ({type(error).__name__}): please report it"}
    engine_ms = (time.perf_counter() - started) * 1000
    try:
        json.dumps(result, allow_nan=False)
    except ValueError:  # an engine bug: report it on the estimate, never store NaN
        logger.error("estimate produced a non-finite number", exc_info=True)
        return {"status": Estimate.Status.FAILED,
                "error": "the engine produced a number that is not finite: please report it"}
    return {"status": Estimate.Status.DONE, "result": result, "engine_ms": engine_ms, "error": ""}
