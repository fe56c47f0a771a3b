"""Every API error as `{"detail": first message, "errors": [{"field", "message"}, ...]}`."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from estimator.engine import DesignError


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "the design was saved since you read it: reload and retry"
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "If-Match does not match the design's version"
    default_code = "precondition_failed"


class LoginLockedOut(exceptions.APIException):
    """Too many failed logins for one username from one address (accounts.login_limits): 429 with
    Retry-After (Django REST framework's handler sends `wait` as that header)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "login_locked_out"

    def __init__(self, detail: str, wait: int):
        super().__init__(detail)
        self.wait = wait


class PayloadTooLarge(exceptions.APIException):
    """A body or a design document over its size limit; the messages read alike:
    "request body is over the limit of 2,100,000 bytes" (the body may not have been read, so
    its size is not known) and "document is 2,050,012 bytes, at most 2,000,000"."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "request body too large"
    default_code = "payload_too_large"


def body_too_large() -> PayloadTooLarge:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return PayloadTooLarge(f"request body is over the limit of {limit:,} bytes")


def document_invalid(error: DesignError, prefix: str) -> exceptions.ValidationError:
    """A 400 naming each field of a design document by the engine's path under `prefix`,
    with the engine's messages unchanged."""
    detail: dict[str, list[str]] = {}
    for field_error in error.errors:
        detail.setdefault(_join(prefix, field_error.path), []).append(field_error.message)
    return exceptions.ValidationError(detail)


def _join(prefix: str, key) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    if key in ("", "non_field_errors"):
        return prefix
    return f"{prefix}.{key}" if prefix else str(key)


def _flatten(detail, field: str = "") -> list[dict]:
    """DRF's nested error details as a flat list of field paths and messages."""
    if isinstance(detail, dict):
        return [e for key, value in detail.items() for e in _flatten(value, _join(field, key))]
    if isinstance(detail, list):
        nested = any(isinstance(item, dict | list) for item in detail)
        if nested:  # a list serializer: one entry per item, empty for valid ones
            return [e for i, item in enumerate(detail) for e in _flatten(item, _join(field, i))]
        return [{"field": field, "message": str(item)} for item in detail]
    return [{"field": field, "message": str(detail)}]


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):  # Django's own check, of Content-Length first
        exc = body_too_large()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500
    errors = _flatten(exc.detail)
    response.data = {"detail": errors[0]["message"] if errors else "", "errors": errors}
    return response
