"""Middleware of the deployment: request ids, the content security policy, and a clean 503
when the database is briefly unavailable."""

import logging
import re
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from config.logging import request_id

logger = logging.getLogger("estimator.requests")

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


class RequestIdMiddleware:
    """Takes the load balancer's X-Request-ID (or makes one), logs under it, and returns it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if _VALID_ID.match(given) else uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY (a dict of directives) on every response that
    has none; paths under a prefix of settings.CONTENT_SECURITY_POLICY_PATHS get theirs."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.default = _header(settings.CONTENT_SECURITY_POLICY)
        self.paths = [
            (prefix, _header({**settings.CONTENT_SECURITY_POLICY, **extra}))
            for prefix, extra in settings.CONTENT_SECURITY_POLICY_PATHS.items()
        ]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = next((p for prefix, p in self.paths if request.path.startswith(prefix)),
                          self.default)
            response["Content-Security-Policy"] = policy
        return response


def _header(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 (JSON under /api/ and /healthz,
    a short page elsewhere) with Retry-After, instead of a 500 and a traceback."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", type(exception).__name__, exc_info=exception)
        message = "The database is unavailable for a moment: retry in a few seconds."
        if request.path.startswith(("/api/", "/healthz")):
            response = JsonResponse({"detail": message, "errors": []}, status=503)
        else:
            body = render_to_string("503.html", {"message": message}, request=None)
            response = HttpResponse(body, status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
