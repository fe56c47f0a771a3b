"""Celery tasks: thin adapters that take an id and call one service."""

from celery import shared_task
from django.db import DatabaseError

from designs import services

# Both tasks keep their result in the database, not the result store, and retry a
# database blip later each time; acks_late and reject_on_worker_lost come from settings.
WORK = {
    "bind": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
    "ignore_result": True,
}


@shared_task(**WORK)
def estimate_design(self, estimate_id: int) -> None:
    services.estimate_run(estimate_id=estimate_id)


@shared_task(**WORK)
def build_report(self, report_id: int) -> None:
    """Render one report (a PDF) with WeasyPrint."""
    services.report_run(report_id=report_id)
