"""The designs app: its Celery tasks are registered as Django starts."""

from django.apps import AppConfig


class DesignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "designs"

    def ready(self) -> None:
        # Register the tasks in every process (web, worker, commands): the services queue
        # them by name from Celery's registry (designs.services.queueing), never importing
        # designs.tasks, which imports them.
        import designs.tasks  # noqa: F401
