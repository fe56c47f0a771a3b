import copy
import json

import pytest

from designs.models import Design
from designs.services.designs import design_create
from designs.services.examples import examples_load
from tests.api.helpers import assert_error, design_url
from tests.bad_designs import BAD_DESIGNS, bad_design

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(user, document):
    """A design saved through the service, at version 1 with its estimate."""
    return design_create(owner=user, document=document, is_public=True)


def _renamed(document: dict, name: str = "Photo sharing v2") -> dict:
    return {**copy.deepcopy(document), "name": name}


def _unchanged(design: Design) -> None:
    fresh = Design.objects.get(pk=design.pk)
    assert (fresh.version, fresh.name, fresh.document) == (1, design.name, design.document)
    assert fresh.is_public == design.is_public


def test_it_replaces_the_document_with_put(owner_api, saved, document):
    response = owner_api.put(design_url(saved), {"document": _renamed(document)}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2 and body["name"] == "Photo sharing v2"
    assert body["is_public"] is True  # left out: unchanged
    assert response["ETag"] == '"2"'
    assert Design.objects.get(pk=saved.pk).document["name"] == "Photo sharing v2"


def test_it_changes_only_the_public_flag_with_patch(owner_api, saved, document):
    response = owner_api.patch(design_url(saved), {"is_public": False}, format="json")

    assert response.status_code == 200, response.content
    fresh = Design.objects.get(pk=saved.pk)
    assert not fresh.is_public and fresh.document == document and fresh.version == 2


def test_it_changes_only_the_document_with_patch(owner_api, saved, document):
    response = owner_api.patch(design_url(saved), {"document": _renamed(document)}, format="json")

    assert response.status_code == 200
    fresh = Design.objects.get(pk=saved.pk)
    assert fresh.is_public and fresh.name == "Photo sharing v2"


def test_it_requires_something_to_change(owner_api, saved):
    response = owner_api.patch(design_url(saved), {"version": 1}, format="json")

    assert_error(response, 400, "", "nothing to change")
    _unchanged(saved)


def test_it_requires_the_document_with_put(owner_api, saved):
    response = owner_api.put(design_url(saved), {"is_public": False}, format="json")

    assert_error(response, 400, "document", "required")
    _unchanged(saved)


@pytest.mark.parametrize(
    ("case", "mutation", "field", "words"),
    [row for row in BAD_DESIGNS if row[0] in ("route-unknown", "nan", "unknown-field")],
)
def test_it_names_the_field_of_a_bad_document_and_changes_nothing(
    owner_api, saved, case, mutation, field, words
):
    body = json.dumps({"document": bad_design(mutation)})

    response = owner_api.put(design_url(saved), body, content_type="application/json")

    assert_error(response, 400, f"document.{field}", words)
    _unchanged(saved)


def test_it_rejects_unknown_fields(owner_api, saved, document):
    response = owner_api.patch(design_url(saved), {"name": "Renamed"}, format="json")

    assert_error(response, 400, "name", "unknown field (allowed: document, is_public, version)")
    _unchanged(saved)


# ---- optimistic locking --------------------------------------------------------------------


def test_it_saves_when_the_body_version_is_current(owner_api, saved, document):
    body = {"document": _renamed(document), "version": 1}

    assert owner_api.put(design_url(saved), body, format="json").status_code == 200


def test_it_answers_409_to_a_stale_body_version_and_changes_nothing(owner_api, saved, document):
    owner_api.patch(design_url(saved), {"is_public": False}, format="json")  # now version 2
    before = Design.objects.get(pk=saved.pk)

    response = owner_api.put(
        design_url(saved), {"document": _renamed(document), "version": 1}, format="json"
    )

    assert_error(response, 409, "version", "design is at version 2, not 1")
    after = Design.objects.get(pk=saved.pk)
    assert (after.version, after.document, after.is_public) == (2, before.document, False)
    assert after.estimates.count() == 2


@pytest.mark.parametrize("tag", ['"2"', "2", 'W/"2"', '"7", "2"', "*"])
def test_it_saves_when_if_match_is_current(owner_api, saved, tag):
    owner_api.patch(design_url(saved), {"is_public": False}, format="json")  # now version 2

    response = owner_api.patch(design_url(saved), {"is_public": True}, HTTP_IF_MATCH=tag)

    assert response.status_code == 200, response.content
    assert response["ETag"] == '"3"'


@pytest.mark.parametrize("tag", ['"1"', "1", 'W/"1"', '"one"'])
def test_it_answers_412_to_a_stale_if_match_and_changes_nothing(owner_api, saved, document, tag):
    owner_api.patch(design_url(saved), {"is_public": False}, format="json")  # now version 2
    before = Design.objects.get(pk=saved.pk)

    response = owner_api.put(
        design_url(saved), {"document": _renamed(document)}, format="json", HTTP_IF_MATCH=tag
    )

    assert_error(response, 412, "If-Match", "the design is at version 2")
    after = Design.objects.get(pk=saved.pk)
    assert (after.version, after.document) == (2, before.document)


def test_it_checks_if_match_before_the_body(owner_api, saved):
    response = owner_api.put(design_url(saved), {"document": []}, HTTP_IF_MATCH='"9"')

    assert_error(response, 412, "If-Match")
    _unchanged(saved)


def test_it_answers_409_to_a_stale_body_version_under_a_current_if_match(owner_api, saved):
    response = owner_api.patch(
        design_url(saved), {"is_public": False, "version": 7}, HTTP_IF_MATCH='"1"'
    )

    assert_error(response, 409, "version", "not 7")
    _unchanged(saved)


def test_it_puts_the_etag_it_sent_back_in_if_match(owner_api, saved, document):
    etag = owner_api.get(design_url(saved))["ETag"]

    response = owner_api.put(
        design_url(saved), {"document": _renamed(document)}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200


# ---- who may change it ---------------------------------------------------------------------


def test_it_answers_404_for_another_users_private_design(other_api, design, document):
    response = other_api.put(design_url(design), {"document": _renamed(document)}, format="json")

    assert_error(response, 404, "")
    assert Design.objects.get(pk=design.pk).name == "Photo sharing"


def test_it_answers_403_to_a_non_owner_of_a_public_design(other_api, saved, document):
    response = other_api.put(design_url(saved), {"document": _renamed(document)}, format="json")

    assert_error(response, 403, "", "only the design's owner may change it")
    _unchanged(saved)


def test_it_answers_403_for_an_example(other_api):
    example = examples_load()[0]

    response = other_api.patch(design_url(example), {"is_public": False}, format="json")

    assert_error(response, 403, "", "only the design's owner")
    assert Design.objects.get(pk=example.pk).version == 1


@pytest.mark.parametrize("method", ["put", "patch"])
def test_it_answers_401_to_anonymous_callers(api, saved, document, method):
    response = getattr(api, method)(design_url(saved), {"document": document}, format="json")

    assert_error(response, 401, "")
    _unchanged(saved)
