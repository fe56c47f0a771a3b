"""WSGI entry point (gunicorn estimator.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estimator.settings")

application = get_wsgi_application()
