"""The app's URLs plus two floors, served by the same gunicorn with the same middleware,
authentication, throttles and renderer as the API."""

from django.urls import path
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bench.floors.tasks import noop
from config.urls import urlpatterns as app_urlpatterns


class TrivialView(APIView):
    """The framework's floor: DRF's request, authentication, throttles and JSON, no work."""

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class NoopTaskView(APIView):
    """Publish the no-op task, as the estimate endpoint publishes an estimate."""

    def post(self, request: Request) -> Response:
        return Response({"task": noop.delay().id}, status=status.HTTP_202_ACCEPTED)


urlpatterns = [
    path("bench/trivial/", TrivialView.as_view()),
    path("bench/noop-task/", NoopTaskView.as_view()),
    *app_urlpatterns,
]
