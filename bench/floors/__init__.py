"""What bench/stack.py adds to the app: a trivial DRF endpoint and a no-op Celery task, the
floors its figures are measured against. Never part of a deployment."""
