import json

import pytest
from django.urls import reverse

from designs.models import Design, Estimate
from estimator.engine.limits import MAX_DOCUMENT_BYTES
from tests.api.helpers import assert_error
from tests.bad_designs import BAD_DESIGNS, bad_design

URL = reverse("api:design-list")
pytestmark = pytest.mark.django_db


def test_it_saves_a_design_owned_by_the_caller(owner_api, user, document):
    response = owner_api.post(URL, {"document": document}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    design = Design.objects.get(pk=body["id"])
    assert design.owner == user and not design.is_public and design.document == document
    assert body["owner"] == user.username and body["version"] == 1
    assert body["name"] == "Photo sharing" and body["slug"] == design.slug
    assert body["document"] == document
    assert response["ETag"] == '"1"'
    assert response["Location"] == body["links"]["self"]


def test_it_links_the_design_its_estimate_its_simulation_its_page_and_its_fork(
    owner_api, document
):
    body = owner_api.post(URL, {"document": document}, format="json").json()

    base = "http://testserver"
    assert body["links"] == {
        "self": f"{base}/api/designs/{body['id']}/",
        "estimate": f"{base}/api/designs/{body['id']}/estimate/",
        "simulate": f"{base}/api/designs/{body['id']}/simulate/",
        "html": f"{base}/designs/{body['slug']}/",
        "fork": f"{base}/api/designs/{body['id']}/fork/",
    }
    estimate = Estimate.objects.get(design_id=body["id"])
    assert body["estimate"] == {
        "url": f"{base}/api/estimates/{estimate.pk}/",
        "status": "done",  # in-process without REDIS_URL
        "stale": False,
    }


def test_it_saves_a_public_design(owner_api, document):
    response = owner_api.post(URL, {"document": document, "is_public": True}, format="json")

    assert response.status_code == 201
    assert Design.objects.get().is_public


@pytest.mark.parametrize(("case", "mutation", "field", "words"), BAD_DESIGNS)
def test_it_names_the_field_of_each_kind_of_bad_document(owner_api, case, mutation, field, words):
    body = {"document": bad_design(mutation)}

    # Python's json writes NaN and Infinity as JSON does not, as many clients do.
    response = owner_api.post(URL, json.dumps(body), content_type="application/json")

    assert_error(response, 400, f"document.{field}", words)
    assert not Design.objects.exists()


def test_it_passes_the_engines_message_through_unchanged(owner_api, document):
    document["workloads"][1]["route"][2] = "dbb"

    response = owner_api.post(URL, {"document": document}, format="json")

    assert response.json()["errors"] == [
        {"field": "document.workloads[1].route[2]", "message": "unknown component 'dbb'"}
    ]


def test_it_rejects_a_document_that_is_not_an_object(owner_api):
    response = owner_api.post(URL, {"document": ["a", "list"]}, format="json")

    assert_error(response, 400, "document", "must be an object")


@pytest.mark.parametrize("name", ["colour", "owner", "version"])
def test_it_rejects_unknown_fields_naming_them(owner_api, document, name):
    response = owner_api.post(URL, {"document": document, name: 1}, format="json")

    assert_error(response, 400, name, "unknown field")
    assert not Design.objects.exists()


def test_it_requires_the_document(owner_api):
    response = owner_api.post(URL, {"is_public": True}, format="json")

    assert_error(response, 400, "document", "required")


def test_it_rejects_malformed_json(owner_api):
    response = owner_api.post(URL, '{"document": ', content_type="application/json")

    assert_error(response, 400, "", "not valid JSON")


def test_it_answers_413_for_a_body_over_the_limit_before_reading_it(owner_api, document):
    document["description"] = "x" * (MAX_DOCUMENT_BYTES + 100_000)

    response = owner_api.post(URL, {"document": document}, format="json")

    assert_error(response, 413, "", "over the limit of 2,100,000 bytes")
    assert not Design.objects.exists()


def test_it_answers_401_to_anonymous_callers(api, document):
    response = api.post(URL, {"document": document}, format="json")

    assert_error(response, 401, "", "credentials were not provided")
    assert response["WWW-Authenticate"] == "Token"
    assert not Design.objects.exists()
