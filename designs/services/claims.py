"""Running one queued estimate or simulation: claimed, computed, stored, once.

The work is claimed with a conditional update, so it is never run by two workers at once; a
running one whose claim is older than the task time limit was left by a worker that died,
and may be claimed again (deadlines.claimable). Past the soft time limit it ends failed,
saying so; a database error hands it back to the task's retry.
"""

from collections.abc import Callable

from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

from designs.models import Estimate, Simulation
from designs.services.deadlines import claimable, stopped_reason

Work = Estimate | Simulation


def run_claimed(model: type[Work], pk: int, compute: Callable[[Work], dict], *,
                claim: dict | None = None) -> Work | None:
    """Claim the queued `model` row `pk` (setting also `claim`'s fields), store the fields
    `compute` returns for it, and return it as stored; None when it was not ours to run or
    another worker took it over meanwhile."""
    now = timezone.now()
    claimed = model.objects.filter(claimable(now), pk=pk).update(
        status=model.Status.RUNNING, started_at=now, attempts=F("attempts") + 1,
        **(claim or {}),
    )
    if not claimed:
        return None  # done, failed, deleted, or being run elsewhere
    try:
        work = model.objects.get(pk=pk)
        outcome = compute(work)
    except SoftTimeLimitExceeded:  # a few seconds before the kill: say why, then stop
        work = model.objects.defer("input").get(pk=pk)
        outcome = {"status": model.Status.FAILED,
                   "error": stopped_reason(model.__name__.lower())}
    except DatabaseError:
        # Hand it back so that the task's retry can claim it again.
        model.objects.filter(pk=pk).update(status=model.Status.QUEUED)
        raise
    outcome["finished_at"] = timezone.now()
    stored = model.objects.filter(pk=pk, status=model.Status.RUNNING).update(**outcome)
    if not stored:  # deleted, or taken over by another worker meanwhile: theirs stands
        return None
    for field, value in outcome.items():  # as stored, without reading it back
        setattr(work, field, value)
    return work
