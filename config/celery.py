"""The Celery app: settings under the CELERY_ namespace of Django's settings."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("estimator")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _usable_database_connections(task=None, **kwargs) -> None:
    """Before each task, close connections that broke or outlived CONN_MAX_AGE (Django's
    own per-request rule); CELERY_DB_REUSE_MAX keeps the others open between tasks. Not for
    a task run eagerly: it may be inside its caller's transaction."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
