from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up, login limits, API tokens and a user's practice progress."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
