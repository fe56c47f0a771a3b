"""The app's URLs plus views that fail, for the error-page tests."""

from django.db import OperationalError
from django.urls import include, path


def boom(request):
    raise RuntimeError("boom: the secret sauce is in settings.SECRET_KEY")


def database_gone(request):
    raise OperationalError("connection to server at 10.0.0.5 failed: password authentication")


urlpatterns = [
    path("boom/", boom),
    path("api/boom-database/", database_gone),
    path("boom-database/", database_gone),
    path("", include("config.urls")),
]
