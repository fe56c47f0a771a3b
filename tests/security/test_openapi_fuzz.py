"""Schemathesis against the OpenAPI schema, every operation: no 5xx, and every response's
status code, content type, headers and body as the schema documents them.

Signed in with a token, and aiming at real designs, estimates and reports half of the time.
Each request runs in a savepoint rolled back after it, so that every example sees the same
rows (a DELETE does not take the designs away from the next one)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import assert_error
from tests.security import openapi_fuzz

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,  # ETag, Location, Content-Disposition where documented
    response_schema_conformance,
]

schema = openapi_fuzz.schema_load()


def test_it_fuzzes_every_operation():
    served = {
        f"{method.upper()} {path}"
        for path, operations in schema.raw_schema["paths"].items()
        for method in operations
    }
    fuzzed = {result.ok().label for result in schema.get_all_operations()}
    assert fuzzed == served


@pytest.fixture
def fuzz_rows(request, db, settings, fast_hashing) -> openapi_fuzz.Rows:
    # fast_hashing: POST /api/token/ hashes every password it is sent.
    # No worker: estimates and PDFs asked for by the fuzzer stay queued (202), and none is
    # built in-process, which would take seconds each.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    rates = {"anon": "100000/minute", "user": "100000/minute"}  # never throttled here
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    cache.clear()
    with openapi_fuzz.connection_kept():
        rows = openapi_fuzz.rows_create(with_pdf="report." in request.node.name)
        openapi_fuzz.current.ids = rows.ids
        yield rows
    openapi_fuzz.current.ids = {}
    cache.clear()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_documented(case, fuzz_rows):
    with transaction.atomic():
        response = case.call(headers={"Authorization": f"Token {fuzz_rows.token}"})
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)


# What the fuzzer found, kept as plain examples.


@pytest.fixture
def api(db) -> APIClient:
    cache.clear()  # no throttle counts left by earlier tests
    return APIClient()


@pytest.fixture
def owner_api(api, user) -> APIClient:
    api.force_authenticate(user)
    return api


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/designs/?page=0", "page"),
        ("/api/designs/?page=x", "page"),
        ("/api/compare/?designs=1,99999999999999999999", "designs"),  # no database holds it
        ("/api/compare/?designs=1,²", "designs"),  # a digit to str.isdigit, not to int()
        ("/api/schema/?format=AAA", "format"),
    ],
)
def test_it_answers_400_naming_a_malformed_parameter(owner_api, url, field):
    assert_error(owner_api.get(url), 400, field)


def test_it_answers_404_for_a_page_past_the_end(owner_api):
    assert_error(owner_api.get("/api/designs/?page=99"), 404, "", "Invalid page")


def test_it_answers_400_for_a_token_asked_without_credentials(api):
    assert_error(api.post("/api/token/", {}), 400, "username")


def test_it_answers_405_to_options_on_the_docs_page(api):
    assert api.options("/api/docs/").status_code == 405
