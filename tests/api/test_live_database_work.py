"""The editor's live check (POST /api/validate/?live=1, POST /api/estimate/live/) under load:
what it asks of the database and the cache on each request, and how often it reads the
document (bench/live_load.py measures its latency; docs/benchmarks.md). It is sent a moment
after every edit, by 16 editors at once in the bench: nothing in it may write, lock or open
a session."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext

from estimator.engine import DesignError
from tests.samples import sample_document

pytestmark = pytest.mark.django_db
LIVE_URLS = ["/api/validate/?live=1", "/api/estimate/live/"]


def _post(client, url: str):
    body = json.dumps(sample_document("round-figures"))
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize("url", LIVE_URLS)
def test_an_anonymous_check_makes_no_query_and_no_session(url, django_assert_num_queries):
    client = Client()

    with django_assert_num_queries(0):
        response = _post(client, url)

    assert response.status_code == 200, response.content
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "live" in response.json() or "components" in response.json()


@pytest.mark.parametrize("url", LIVE_URLS)
def test_a_signed_in_check_only_reads_its_session_and_user(url, user):
    # As the editor in a browser: a session cookie and its CSRF token.
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = _get_new_csrf_string()  # as the editor's page sets it in the cookie
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    body = json.dumps(sample_document("round-figures"))

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, body, content_type="application/json",
                               headers={"X-CSRFToken": token})

    assert response.status_code == 200, response.content
    statements = [query["sql"].split()[0].upper() for query in queries]
    assert statements == ["SELECT", "SELECT"], [query["sql"] for query in queries]
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # not saved again


def test_anonymous_checks_count_in_the_shared_cache_under_the_editor_scope(client):
    # The default cache is Redis in a deployment (config/settings.py): every gunicorn
    # worker counts in the same place, in one key per client address.
    cache.clear()

    for _ in range(2):
        assert _post(client, LIVE_URLS[0]).status_code == 200

    assert len(cache.get("throttle_anon_editor_127.0.0.1")) == 2
    assert cache.get("throttle_anon_127.0.0.1") is None


def test_a_valid_draft_is_read_once_by_the_estimate_not_validated_first(client, monkeypatch):
    validated = []
    monkeypatch.setattr("designs.api.validate.validate",
                        lambda document: validated.append(document) or [])

    body = _post(client, LIVE_URLS[0]).json()

    assert body["valid"] and body["live"]["components"]
    assert validated == []


def test_a_draft_the_estimate_refuses_is_named_by_validation(client):
    document = sample_document("round-figures")
    document["components"][1]["instances"] = -1

    body = client.post(LIVE_URLS[0], json.dumps(document),
                       content_type="application/json").json()

    assert body["valid"] is False and body["live"] is None
    assert [error["field"] for error in body["errors"]] == ["components[1].instances"]


def test_a_valid_draft_whose_canvas_fails_answers_valid_without_it(client, monkeypatch):
    def refuse(document):
        raise DesignError([])

    monkeypatch.setattr("designs.api.live.estimate_live", refuse)

    body = _post(client, LIVE_URLS[0]).json()

    assert body["valid"] is True and body["errors"] == [] and body["live"] is None
