"""Stuck work: the sweep (designs.tasks.sweep_work, run by Celery beat) and giving up.

Estimates, PDF reports and simulations past their deadline (designs.services.deadlines) are
queued again, or end failed once they used up their attempts.
"""

from collections import Counter
from datetime import datetime

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

from designs.models import Estimate, Report, Simulation
from designs.services import estimates, reports, simulations
from designs.services.deadlines import stopped_reason, stuck


def work_sweep() -> dict[str, int]:
    """Find the estimates, PDF reports and simulations stuck past their deadline (see
    deadlines.stuck) and queue them again; one handed out WORK_MAX_ATTEMPTS times in all ends
    failed, saying why. Returns how many of each it queued again or failed ("estimate
    queued", ...)."""
    now = timezone.now()
    done: Counter = Counter()
    for model in (Estimate, Report, Simulation):
        for work in model.objects.filter(stuck(now)).only("pk", "status", "sweeps"):
            outcome = _sweep(model, work, now)
            if outcome:
                done[f"{model.__name__.lower()} {outcome}"] += 1
    return dict(done)


Work = Estimate | Report | Simulation


def _sweep(model: type[Work], work: Work, now: datetime) -> str:
    """Queue one stuck estimate, report or simulation again, or fail it: "queued", "failed",
    or "" when a worker moved it on meanwhile (the update is conditional on what the sweep saw)."""
    seen = model.objects.filter(stuck(now), pk=work.pk, status=work.status, sweeps=work.sweeps)
    if work.status == model.Status.QUEUED:
        # Still waiting is no failure (the queue may be long, or its task lost with Redis's
        # data): it is queued again, without counting an attempt, and never given up on.
        if not seen.update(queued_at=now):
            return ""
    elif work.sweeps + 1 >= settings.WORK_MAX_ATTEMPTS:
        failed = seen.update(status=model.Status.FAILED, error=_gave_up(), finished_at=now)
        return "failed" if failed else ""
    elif not seen.update(status=model.Status.QUEUED, queued_at=now, sweeps=F("sweeps") + 1):
        return ""
    _enqueue(model, work.pk)
    return "queued"


def _enqueue(model: type[Work], pk: int) -> None:
    if model is Estimate:
        estimates.estimate_enqueue(pk)
    elif model is Report:
        reports.report_enqueue(pk)
    else:
        simulations.simulation_enqueue(pk)


def _gave_up() -> str:
    """Why work found running past its time limit after its last attempt ends failed."""
    times = settings.WORK_MAX_ATTEMPTS
    tries = f"{times} attempt{'s' if times > 1 else ''}"
    return (f"stopped: still running at the {settings.CELERY_TASK_TIME_LIMIT} s time limit "
            f"(its worker was stopped or died), after {tries}. Try again later.")


def work_give_up(*, model: type[Work], pk: int, error: BaseException) -> None:
    """A task that failed for good (its retries used up, or an error no retry mends): its
    estimate, report or simulation ends failed saying why, instead of waiting for the sweep."""
    if isinstance(error, SoftTimeLimitExceeded | TimeLimitExceeded):
        # TimeLimitExceeded: killed at the hard limit (Celery reports it from the parent).
        killed = isinstance(error, TimeLimitExceeded)
        reason = stopped_reason(model.__name__.lower(), killed=killed)
    elif isinstance(error, DatabaseError):
        reason = "the database did not answer, after several tries. Try again later."
    else:
        reason = f"the work failed ({type(error).__name__}): please report it."
    unfinished = [model.Status.QUEUED, model.Status.RUNNING]
    model.objects.filter(pk=pk, status__in=unfinished).update(
        status=model.Status.FAILED, error=reason, finished_at=timezone.now()
    )
