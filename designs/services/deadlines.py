"""When queued or running work (an estimate, a PDF report, a simulation) is late, and what
it is told.

Estimates, reports and simulations share their status fields (queued, running, done,
failed), so one set of rules serves them all.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from designs.models import Estimate


def abandoned_before(now: datetime) -> datetime:
    """Work claimed before this has outlived the hard time limit: its worker was killed by
    it, or died. Another worker may claim it."""
    return now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def claimable(now: datetime) -> Q:
    """Work a worker may claim: queued, or left running by a worker that died."""
    return Q(status=Estimate.Status.QUEUED) | Q(
        status=Estimate.Status.RUNNING, started_at__lt=abandoned_before(now)
    )


def stuck(now: datetime) -> Q:
    """Estimates or reports past their deadline: queued WORK_QUEUED_TIMEOUT seconds ago and
    never started (the task was lost: a Redis that lost its data), or running past the hard
    time limit (the worker was killed or died)."""
    lost = now - timedelta(seconds=settings.WORK_QUEUED_TIMEOUT)
    return Q(status=Estimate.Status.QUEUED, queued_at__lt=lost) | Q(
        status=Estimate.Status.RUNNING, started_at__lt=abandoned_before(now)
    )


def stopped_reason(what: str, *, killed: bool = False) -> str:
    """Why work stopped by the soft time limit (or killed by the hard one) failed, for
    people. `what` is "estimate", "report" or "simulation"."""
    limit = settings.CELERY_TASK_TIME_LIMIT if killed else settings.CELERY_TASK_SOFT_TIME_LIMIT
    seconds = f"{limit:g}"
    advice = {
        "estimate": "this design takes the engine too long. Fewer components, workloads or "
        "alternative paths make it quicker; or try again",
        "report": "the PDF took too long to build. Try again, or use the HTML report",
        "simulation": "the simulation took too long. Fewer requests make it quicker; or "
        "try again",
    }[what]
    return f"stopped after {seconds} s, the time limit: {advice}."
