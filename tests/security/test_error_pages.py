"""With DEBUG off, an error page shows neither a stack trace nor a secret."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

LEAKS = ("Traceback", "boom", "secret sauce", "settings.py", "/work/", "DATABASES",
         "RuntimeError", "urlpatterns")


@pytest.fixture
def client_no_raise():
    return Client(raise_request_exception=False)


@override_settings(ROOT_URLCONF="tests.security.urls", DEBUG=False)
def test_a_500_page_has_no_trace_or_secret(client_no_raise, db):
    response = client_no_raise.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert settings.SECRET_KEY not in body
    for leak in LEAKS:
        assert leak not in body


@override_settings(ROOT_URLCONF="tests.security.urls", DEBUG=False)
def test_a_404_page_lists_no_urls(client_no_raise, db):
    response = client_no_raise.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    for leak in (*LEAKS, "admin/", "healthz"):
        assert leak not in body


@override_settings(ROOT_URLCONF="tests.security.urls", DEBUG=False)
def test_an_api_404_is_json_without_trace(client_no_raise, db):
    response = client_no_raise.get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "Traceback" not in response.content.decode()
