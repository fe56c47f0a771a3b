"""Point this process's Celery app at another broker for one test, then back."""

from contextlib import contextmanager

from config.celery import app as celery_app


def _forget_connections() -> None:
    # Celery caches its connection and producer pools per app; they keep the old broker's
    # address. _after_fork is how Celery itself drops them in a forked child.
    celery_app._after_fork()


@contextmanager
def publishing_to(broker_url: str, settings):
    """Publish tasks to broker_url instead of computing them in-process."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=broker_url, task_always_eager=False)
    _forget_connections()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        _forget_connections()
