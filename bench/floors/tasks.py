from celery import shared_task


@shared_task(name="bench.noop")
def noop() -> None:
    """The Celery floor: published, delivered, run and its result stored, with no work."""
