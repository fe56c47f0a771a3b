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
