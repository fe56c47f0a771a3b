"""POST /api/validate/: the engine's errors for a design document, as the editor shows them."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from designs.models import Design
from estimator.engine.limits import MAX_DOCUMENT_BYTES
from estimator.engine.model import document_bytes
from tests.api.helpers import assert_error
from tests.bad_designs import BAD_DESIGNS, bad_design

URL = reverse("api:validate")
pytestmark = pytest.mark.django_db


def _post(client, body: str, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


def test_it_answers_valid_for_a_good_document_to_anyone(api, document):
    response = _post(api, json.dumps(document))

    assert response.status_code == 200, response.content
    assert response.json() == {"valid": True, "errors": [], "echo": {
        "workloads[0].request_bytes": "2 KB",
        "workloads[1].response_bytes": "5 KB",
        "assumptions.daily_active_users": "1,000,000",
    }}
    assert not Design.objects.exists()


def test_it_answers_signed_in_callers_with_the_session_too(client, user, document):
    client.force_login(user)

    assert _post(client, json.dumps(document)).json()["valid"] is True


@pytest.mark.parametrize(("case", "mutation", "field", "words"), BAD_DESIGNS)
def test_it_names_the_field_of_each_kind_of_bad_document(api, case, mutation, field, words):
    response = _post(api, json.dumps(bad_design(mutation)))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["valid"] is False
    assert any(e["field"] == field and words in e["message"] for e in body["errors"]), body


def test_it_lists_every_error_with_the_engines_messages(api, document):
    document["components"][1]["instances"] = -1
    document["workloads"][1]["route"][2] = "dbb"
    document["components"].append({"key": "lb", "kind": "load_balancer", "redundancy": "k-of-n"})

    response = _post(api, json.dumps(document))

    assert response.json()["valid"] is False
    assert response.json()["errors"] == [
        {"field": "components[1].instances", "message": "must not be negative (got -1)"},
        {"field": "components[4].k", "message": "is required when redundancy is 'k-of-n'"},
        {"field": "workloads[1].route[2]", "message": "unknown component 'dbb'"},
    ]


def test_it_reports_a_text_where_a_number_belongs_at_its_field(api, document):
    document["components"][1]["capacity_rps"] = "12abc"

    errors = _post(api, json.dumps(document)).json()["errors"]

    assert errors == [
        {"field": "components[1].capacity_rps", "message": 'must be a number, not "12abc"'}
    ]


def test_it_answers_413_for_a_document_over_the_limit(api, document):
    document["description"] = "x" * MAX_DOCUMENT_BYTES
    size = document_bytes(document)  # as saved: compact JSON, whatever the body's spacing

    response = _post(api, json.dumps(document, indent=2))

    assert_error(response, 413, "", f"document is {size:,} bytes, at most 2,000,000")


def test_it_answers_413_from_content_length_alone(api):
    assert_error(_post(api, "{}", CONTENT_LENGTH=str(50 * MAX_DOCUMENT_BYTES)), 413, "", "over")


@pytest.mark.parametrize(
    ("body", "words"), [("[1, 2]", "must be a JSON object"), ('{"name": ', "not valid JSON")]
)
def test_it_answers_400_for_a_body_that_is_not_a_json_object(api, body, words):
    assert_error(_post(api, body), 400, "", words)


def test_an_anonymous_draft_is_throttled_at_the_editors_rate(api, document, settings):
    # The editor checks a draft after each pause in typing: a visitor's checks count at
    # API_THROTTLE_ANON_EDITOR (2 here), apart from the general anonymous rate (1).
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "anon_editor": "2/minute",
                                   "user": "600/minute"},
    }
    cache.clear()
    body = json.dumps(document)

    codes = [_post(api, body).status_code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_it_is_in_the_schema(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/validate/"]["post"]
    assert {"200", "400", "413"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/Validation")
    properties = schema["components"]["schemas"]["Validation"]["properties"]
    assert set(properties) == {"valid", "errors", "echo", "live"}
    assert properties["echo"]["additionalProperties"] == {"type": "string"}


def test_it_echoes_a_typed_byte_size_at_its_field(api, document):
    document["components"][2]["memory_bytes"] = 64_000_000_000

    echo = _post(api, json.dumps(document)).json()["echo"]

    assert echo["components[2].memory_bytes"] == "64 GB"


def test_a_field_with_an_error_has_no_echo_and_the_others_keep_theirs(api, document):
    document["components"][2]["memory_bytes"] = -64_000_000_000
    document["components"][3]["storage_bytes"] = 2_000_000_000_000

    body = _post(api, json.dumps(document)).json()

    assert [e["field"] for e in body["errors"]] == ["components[2].memory_bytes"]
    assert "components[2].memory_bytes" not in body["echo"]
    assert body["echo"]["components[3].storage_bytes"] == "2 TB"
