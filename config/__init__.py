# The Celery app is made in every process that loads the settings (web, worker, commands), so
# that @shared_task binds to it: Django and Celery's documented project layout.
from config.celery import app as celery_app

__all__ = ["celery_app"]
