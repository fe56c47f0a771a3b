"""The editor's live check of a draft after failures: POST /api/estimate/live/ and
POST /api/validate/?live=1 with {"document": ..., "failures": {...}}."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.api.helpers import assert_error
from tests.samples import sample_document

LIVE = reverse("api:estimate-live")
VALIDATE = reverse("api:validate")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_counts():
    cache.clear()


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def draft() -> dict:
    """Round figures: 2,200 requests/s at peak through four API servers of 1,000/s each;
    the database's step retried twice with a 100 ms timeout."""
    document = sample_document("round-figures")
    document["components"][1].update(instances=4, name="API servers")
    document["workloads"][0]["route"][2] = {"key": "db", "timeout_ms": 100, "retries": 2}
    return document


def _component(body: dict, key: str) -> dict:
    return next(c for c in body["components"] if c["key"] == key)


def test_an_envelope_without_failures_answers_as_the_bare_draft(api, draft):
    bare = _post(api, LIVE, draft).json()

    assert _post(api, LIVE, {"document": draft}).json() == bare
    assert _post(api, LIVE, {"document": draft, "failures": None}).json() == bare
    assert "failures" not in bare and not any(c["down"] for c in bare["components"])


def test_a_lost_instance_raises_the_load_on_the_rest(api, draft):
    body = _post(api, LIVE, {"document": draft, "failures": {"lost_instances": {"api": 1}}})

    assert body.status_code == 200, body.content
    api_row = _component(body.json(), "api")
    assert (api_row["utilization_text"], api_row["band"], api_row["down"]) == (
        "73%", "warm", False)
    failures = body.json()["failures"]
    assert failures["lost_instances"] == [{"key": "api", "name": "API servers", "lost": 1}]
    assert (failures["down"], failures["stopped_workloads"]) == ([], [])
    assert failures["stopped_text"] == "No workload stopped"


def test_a_database_down_stops_every_workload_and_amplifies_its_retries(api, draft):
    body = _post(api, LIVE, {"document": draft, "failures": {"failed": ["db"]}}).json()

    db = _component(body, "db")
    assert (db["down"], db["band"], db["utilization_text"]) == (True, "down", "down")
    failures = body["failures"]
    assert failures["down"] == [{"key": "db", "name": "db"}]
    assert failures["stopped_workloads"] == ["write", "read"]
    figures = {f["key"]: f["text"] for f in body["figures"]}
    assert (figures["availability"], figures["requests_served"]) == ("0%", "0%")
    [step] = failures["retries"]["steps"]
    assert (step["workload"], step["key"], step["retries"]) == ("write", "db", 2)
    assert step["attempts_per_call_after"] == 3  # every attempt fails: 1 + 2 retries
    assert (step["attempts_per_call_after_text"], step["call_failure_after_text"]) == (
        "3", "100%")
    assert step["attempts_per_call_before"] < 1.01
    # No request completes: no p99 to show, in the strip or against an SLO.
    assert {(w["p99_ms"], w["p99_text"]) for w in body["workloads"]} == {
        (None, "no requests served")}


def test_a_zone_down_takes_the_components_in_it(api, draft):
    draft["components"][2]["zone"] = "eu-west-1a"

    body = _post(api, LIVE, {"document": draft, "failures": {"zones": ["eu-west-1a"]}}).json()

    assert [c["key"] for c in body["components"] if c["down"]] == ["cache"]
    assert body["failures"]["stopped_text"] == "1 workload stopped: 'read'"


@pytest.mark.parametrize(("failures", "field", "words"), [
    ({"outages": ["db"]}, "failures.outages", "unknown field"),
    ({"lost_instances": {"api": 5}}, "failures.lost_instances.api",
     "must not exceed instances (5 > 4)"),
    ({"lost_instances": {"api": "1"}}, "failures.lost_instances.api", "whole number"),
    ({"lost_instances": {"nope": 1}}, "failures.lost_instances.nope", "unknown component"),
    ({"failed": "db"}, "failures.failed", "must be a list"),
    ({"failed": [3]}, "failures.failed[0]", "must be a component key"),
    ({"zones": ["mars"]}, "failures.zones[0]", "no component is in zone 'mars'"),
    (["db"], "failures", "must be an object"),
])
def test_a_bad_scenario_answers_400_naming_its_field(api, draft, failures, field, words):
    response = _post(api, LIVE, {"document": draft, "failures": failures})

    assert_error(response, 400, field, words)


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"document": [], "failures": {}}, "document", "must be a JSON object"),
    ({"document": {}, "failures": {}, "live": 1}, "live", "unknown field (allowed: document"),
])
def test_a_bad_envelope_answers_400_naming_its_field(api, body, field, words):
    assert_error(_post(api, LIVE, body), 400, field, words)


def test_a_bad_document_in_an_envelope_is_named_from_the_body(api, draft):
    draft["components"][1]["instances"] = -1

    response = _post(api, LIVE, {"document": draft, "failures": {"failed": ["db"]}})

    assert_error(response, 400, "document.components[1].instances", "must not be negative")


def test_validate_with_live_answers_the_degraded_draft(api, draft):
    envelope = {"document": draft, "failures": {"failed": ["db"]}}

    answer = _post(api, f"{VALIDATE}?live=1", envelope).json()

    assert (answer["valid"], answer["errors"]) == (True, [])
    assert answer["live"] == _post(api, LIVE, envelope).json()
    bare = _post(api, VALIDATE, draft).json()["echo"]
    assert bare and answer["echo"] == {f"document.{path}": text for path, text in bare.items()}


def test_validate_answers_a_bad_scenario_200_with_its_errors(api, draft):
    envelope = {"document": draft, "failures": {"lost_instances": {"api": 9}}}

    for url in (VALIDATE, f"{VALIDATE}?live=1"):
        response = _post(api, url, envelope)
        assert response.status_code == 200
        body = response.json()
        assert body["valid"] is False and body.get("live") is None
        assert [e["field"] for e in body["errors"]] == ["failures.lost_instances.api"]


def test_validate_names_the_documents_fields_from_the_bodys_root(api, draft):
    draft["components"][1]["instances"] = -1
    draft["unknown"] = 1

    body = _post(api, f"{VALIDATE}?live=1", {"document": draft, "failures": {"x": 1}}).json()

    assert (body["valid"], body["live"]) == (False, None)
    assert sorted(e["field"] for e in body["errors"]) == [
        "document.components[1].instances", "document.unknown"]


def test_the_failures_are_in_the_schema(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    for path in ("/api/estimate/live/", "/api/validate/"):
        request = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        envelope = request["schema"]["anyOf"][1]
        assert set(envelope["properties"]) == {"document", "failures"}
    properties = schema["components"]["schemas"]["LiveFailures"]["properties"]
    assert {"down", "stopped_workloads", "stopped_text", "workloads", "retries"} <= set(
        properties)
    assert "down" in schema["components"]["schemas"]["LiveComponent"]["properties"]
