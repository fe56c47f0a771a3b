"""The Celery app: settings under the CELERY_ namespace of Django's settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estimator.settings")

app = Celery("estimator")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
