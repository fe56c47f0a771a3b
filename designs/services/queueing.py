"""Handing work (an estimate, a PDF report) to a Celery worker.

The task is looked up by name in Celery's registry, so that designs.tasks imports the
services and never the reverse. Queued once the caller's transaction commits; without a
broker, or when it is unreachable, the work runs in-process instead.
"""

import logging
from collections.abc import Callable

import kombu.exceptions
from celery import current_app
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def hand_to_worker(task_name: str, run: Callable[[int], object], object_id: int) -> None:
    """Queue the task `task_name` (its full name, "designs.tasks.…") with object_id once the
    transaction commits; without a broker, or when it is unreachable, call run(object_id)
    in-process instead."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker: do it now, inside the caller's transaction, so it commits with it.
        run(object_id)
        return

    def publish() -> None:
        try:
            current_app.tasks[task_name].delay(object_id)
        except kombu.exceptions.OperationalError:
            logger.warning("broker unreachable: %s(%s) runs in-process", task_name, object_id)
            run(object_id)

    transaction.on_commit(publish)
