"""Input past the limits is refused with a clear 400 or 413, and leaves nothing behind."""

import json

import pytest
from django.test import Client

from designs.models import Design, Estimate
from estimator.engine.limits import MAX_COMPONENTS


@pytest.fixture
def owner(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def nothing_saved(db):
    before = (Design.objects.count(), Estimate.objects.count())
    yield
    assert (Design.objects.count(), Estimate.objects.count()) == before


def _post(client, body: str, path: str = "/api/designs/"):
    return client.post(path, body, content_type="application/json")


def _fields(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


def test_an_oversize_body_answers_413(owner, document, nothing_saved):
    document["description"] = "x" * 2_200_000
    response = _post(owner, json.dumps({"document": document}))
    assert response.status_code == 413
    assert "bytes" in response.json()["detail"]


def test_an_oversize_body_to_the_estimate_endpoint_answers_413(client, document, db):
    document["description"] = "x" * 2_200_000
    assert _post(client, json.dumps(document), "/api/estimate/").status_code == 413


def test_too_many_components_answers_400_naming_the_field(owner, document, nothing_saved):
    document["components"] = [{"key": f"c{i}", "kind": "service"}
                              for i in range(MAX_COMPONENTS + 1)]
    document["workloads"] = [{"name": "read", "kind": "read", "rate": 1, "route": ["c0"]}]
    document.pop("links")
    response = _post(owner, json.dumps({"document": document}))
    assert response.status_code == 400
    assert "document.components" in _fields(response)


@pytest.mark.parametrize("depth", [100_000, 2_000])
def test_deep_nesting_answers_400(owner, document, nothing_saved, depth):
    document["description"] = "NESTED"
    body = json.dumps({"document": document}).replace('"NESTED"', "[" * depth + "]" * depth)
    response = _post(owner, body)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_huge_number_answers_400_naming_the_field(owner, document, nothing_saved):
    document["assumptions"]["daily_active_users"] = 1e300
    response = _post(owner, json.dumps({"document": document}))
    assert response.status_code == 400
    assert "document.assumptions.daily_active_users" in _fields(response)


def test_a_number_with_thousands_of_digits_answers_400(owner, document, nothing_saved):
    document["assumptions"]["daily_active_users"] = 12345
    body = json.dumps({"document": document}).replace("12345", "9" * 5000)
    response = _post(owner, body)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_an_infinite_number_answers_400_naming_the_field(owner, document, nothing_saved):
    body = json.dumps({"document": document}).replace("1000000", "Infinity", 1)
    response = _post(owner, body)
    assert response.status_code == 400
    assert "document.assumptions.daily_active_users" in _fields(response)
