import pytest
from django.db import DatabaseError

from config import health


@pytest.mark.django_db
def test_it_reports_the_database_and_no_redis_when_none_is_configured(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"]["ok"] is True
    assert body["redis"] == {"ok": True, "configured": False}
    assert body["workers"]["configured"] is False


@pytest.mark.django_db
def test_an_unreachable_redis_answers_503(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"]["ok"] is False


@pytest.mark.django_db
def test_a_database_error_answers_503_without_a_traceback(client, settings, monkeypatch):
    settings.REDIS_URL = ""

    def broken():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "DatabaseError"}
