"""The app's own settings (from the environment, as in production) plus the bench's floors."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floors.urls"
CELERY_IMPORTS = ["bench.floors.tasks"]
