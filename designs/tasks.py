"""Celery tasks: thin adapters that take an id and call one service."""

from celery import shared_task
from django.db import DatabaseError

from designs import services


@shared_task(
    bind=True,
    autoretry_for=(DatabaseError,),  # a database blip: try again, later each time
    retry_backoff=True,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,  # the estimate lives in the database, not the result store
)
def estimate_design(self, estimate_id: int) -> None:
    services.estimate_run(estimate_id=estimate_id)


@shared_task(
    bind=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,  # the file lives in the database, not the result store
)
def build_report(self, report_id: int) -> None:
    """Render one report (a PDF) with WeasyPrint; acknowledged late like estimate_design."""
    services.report_run(report_id=report_id)
