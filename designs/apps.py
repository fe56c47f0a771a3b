from django.apps import AppConfig


class DesignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "designs"

    def ready(self) -> None:
        # Create the Celery app in every process that sets Django up (web, worker, commands),
        # so that @shared_task binds to it. Not in estimator/__init__.py: that would load
        # Celery with every import of the pure estimator.engine.
        import config.celery  # noqa: F401
