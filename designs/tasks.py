"""Celery tasks: thin adapters that take an id and call one service.

The services queue these by name (designs.services.queueing): this module imports the
services, never the reverse.
"""

import logging

from celery import Task, shared_task
from django.db import DatabaseError

from designs.models import Estimate, Report, Simulation
from designs.services.estimates import estimate_run
from designs.services.reports import report_run
from designs.services.simulations import simulation_run
from designs.services.work import work_give_up, work_sweep

logger = logging.getLogger(__name__)


class WorkTask(Task):
    """A task that builds one estimate, report or simulation (`model`, its id the task's
    argument).

    Failed for good (its retries used up, or an error no retry mends), its estimate, report
    or simulation ends failed saying why, rather than left queued for the sweep to find."""

    model: type[Estimate | Report | Simulation]

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        try:
            work_give_up(model=self.model, pk=args[0], error=exc)
        except DatabaseError:  # the database is what failed: the sweep ends it later
            logger.warning("could not mark %s %s failed", self.model.__name__, args[0])


# The three tasks keep their result in the database, not the result store, and retry a
# database blip later each time; acks_late and reject_on_worker_lost come from settings.
WORK = {
    "bind": True,
    "base": WorkTask,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
    "ignore_result": True,
}


@shared_task(**WORK, model=Estimate)
def compute_estimate(self, estimate_id: int) -> None:
    """Compute one estimate with the engine."""
    estimate_run(estimate_id=estimate_id)


@shared_task(**WORK, model=Report)
def render_report(self, report_id: int) -> None:
    """Render one report (a PDF) with WeasyPrint."""
    report_run(report_id=report_id)


@shared_task(**WORK, model=Simulation)
def run_simulation(self, simulation_id: int) -> None:
    """Run one simulation (estimator.engine.simulate), writing its progress as it goes."""
    simulation_run(simulation_id=simulation_id)


@shared_task(ignore_result=True)
def sweep_work() -> None:
    """Queue again, or end failed, the estimates, reports and simulations stuck past their
    deadline: run by Celery beat every WORK_SWEEP_INTERVAL seconds (config/settings.py)."""
    swept = work_sweep()
    if swept:
        logger.info("stuck work swept: %s", swept)
