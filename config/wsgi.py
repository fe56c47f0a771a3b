"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
# Import every view now, not on each worker's first request: with preload_app (gunicorn.conf.py)
# the workers then share them, and the first requests after a start or a recycle do not each
# wait about two seconds for the views, Plotly included, to import.
get_resolver().url_patterns  # noqa: B018 - evaluated for its side effect
