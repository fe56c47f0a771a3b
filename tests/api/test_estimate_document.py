"""POST /api/estimate/: a design document in, its estimate document out, nothing saved."""

import json

import pytest
from django.urls import reverse

from designs.models import Design, Estimate
from estimator.engine import estimate as engine_estimate
from estimator.engine.limits import MAX_DOCUMENT_BYTES
from estimator.engine.model import document_bytes
from tests.api.helpers import assert_error
from tests.bad_designs import BAD_DESIGNS, bad_design

URL = reverse("api:estimate")
pytestmark = pytest.mark.django_db


def _post(client, body: str, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


def _nothing_saved() -> None:
    assert not Design.objects.exists() and not Estimate.objects.exists()


def test_it_answers_the_estimate_document_to_anyone(api, document):
    response = _post(api, json.dumps(document))

    assert response.status_code == 200, response.content
    assert response.json() == json.loads(json.dumps(engine_estimate(document)))
    _nothing_saved()


def test_it_answers_signed_in_callers_too(owner_api, document):
    assert _post(owner_api, json.dumps(document)).status_code == 200


@pytest.mark.parametrize(("case", "mutation", "field", "words"), BAD_DESIGNS)
def test_it_names_the_field_of_each_kind_of_bad_document(api, case, mutation, field, words):
    response = _post(api, json.dumps(bad_design(mutation)))

    assert_error(response, 400, field, words)
    _nothing_saved()


def test_it_passes_every_engine_message_through_unchanged(api, document):
    document["workloads"][1]["route"][2] = "dbb"
    document["components"][1]["instances"] = -1

    response = _post(api, json.dumps(document))

    assert response.json() == {
        "detail": "must not be negative (got -1)",
        "errors": [
            {"field": "components[1].instances", "message": "must not be negative (got -1)"},
            {"field": "workloads[1].route[2]", "message": "unknown component 'dbb'"},
        ],
    }


@pytest.mark.parametrize(
    ("body", "words"),
    [("[1, 2]", "must be a JSON object"), ('{"name": ', "not valid JSON"), ("[" * 100_000, "")],
)
def test_it_rejects_a_body_that_is_not_a_json_object(api, body, words):
    assert_error(_post(api, body), 400, "", words)


def test_it_answers_413_for_a_document_over_the_limit(api, document):
    document["description"] = "x" * MAX_DOCUMENT_BYTES
    size = document_bytes(document)  # as saved: compact JSON, whatever the body's spacing

    response = _post(api, json.dumps(document, indent=2))

    assert_error(response, 413, "", f"document is {size:,} bytes, at most 2,000,000")


def test_it_answers_413_from_content_length_alone(api):
    response = _post(api, "{}", CONTENT_LENGTH=str(50 * MAX_DOCUMENT_BYTES))

    assert_error(response, 413, "", "over the limit")


def test_it_reads_json_only(api, document):
    response = api.post(URL, "name=x", content_type="application/x-www-form-urlencoded")

    assert_error(response, 415, "", "Unsupported media type")
