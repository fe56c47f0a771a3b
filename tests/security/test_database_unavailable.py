"""The database briefly unavailable: a clean 503 with Retry-After, not a 500 or a trace."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings


def _refuse(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly (10.0.0.5:5432)")


@pytest.fixture
def client_no_raise():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", ["/", "/designs/url-shortener/", "/compare/", "/help/"])
def test_a_page_answers_503_html(client_no_raise, db, path):
    with connection.execute_wrapper(_refuse):
        response = client_no_raise.get(path)
    if path == "/help/" and response.status_code == 200:
        return  # a page that reads nothing from the database still works
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "unavailable" in body
    assert "10.0.0.5" not in body and "Traceback" not in body


@pytest.mark.parametrize("path", ["/api/designs/", "/api/examples/", "/api/designs/1/"])
def test_an_api_read_answers_503_json(client_no_raise, db, path):
    with connection.execute_wrapper(_refuse):
        response = client_no_raise.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("The database is unavailable")
    assert "10.0.0.5" not in response.content.decode()


def test_an_api_write_answers_503_and_saves_nothing(client_no_raise, user, document):
    from designs.models import Design

    client_no_raise.force_login(user)
    before = Design.objects.count()
    with connection.execute_wrapper(_refuse):
        response = client_no_raise.post("/api/designs/", {"document": document},
                                        content_type="application/json")
    assert response.status_code == 503
    assert Design.objects.count() == before


def test_healthz_answers_503(client_no_raise, db):
    with connection.execute_wrapper(_refuse):
        response = client_no_raise.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


@override_settings(ROOT_URLCONF="tests.security.urls", DEBUG=False)
@pytest.mark.parametrize("path", ["/boom-database/", "/api/boom-database/"])
def test_an_operational_error_anywhere_in_a_view_answers_503(client_no_raise, db, path):
    response = client_no_raise.get(path)
    assert response.status_code == 503
    assert "password" not in response.content.decode()
