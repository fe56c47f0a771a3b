import copy

import pytest
from django.urls import reverse

from designs.services.designs import design_create, design_update
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_twice(user, document):
    design = design_create(owner=user, document=document)
    changed = copy.deepcopy(document)
    changed["workloads"] = changed["workloads"][:1]
    return design_update(design=design, document=changed)


def _list(design) -> str:
    return reverse("api:design-versions", args=[design.pk])


def _restore(design, number: int) -> str:
    return reverse("api:design-version-restore", args=[design.pk, number])


def test_it_lists_the_versions_newest_first_with_their_summaries(owner_api, saved_twice, user):
    response = owner_api.get(_list(saved_twice))

    assert response.status_code == 200
    body = response.json()
    assert [v["version"] for v in body] == [2, 1]
    assert body[0]["summary"] == "1 workload removed ('feed')" and body[0]["current"]
    assert body[1]["summary"] == "first version" and not body[1]["current"]
    assert body[1]["saved_by"] == user.username
    assert body[1]["restore"].endswith(_restore(saved_twice, 1))


def test_it_answers_404_for_a_private_design_of_someone_else(other_api, api, saved_twice):
    assert_error(other_api.get(_list(saved_twice)), 404, "")
    assert_error(api.get(_list(saved_twice)), 404, "")


def test_restore_saves_the_old_document_as_the_next_version(owner_api, saved_twice, document):
    response = owner_api.post(_restore(saved_twice, 1), {"version": 2}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 3 and body["document"] == document
    assert response["ETag"] == '"3"'
    assert [v["version"] for v in owner_api.get(_list(saved_twice)).json()] == [3, 2, 1]


def test_restore_without_a_body_restores_onto_the_current_version(owner_api, saved_twice):
    response = owner_api.post(_restore(saved_twice, 1))
    assert response.status_code == 200 and response.json()["version"] == 3


def test_restore_of_a_stale_version_answers_409_and_changes_nothing(owner_api, saved_twice):
    assert_error(owner_api.post(_restore(saved_twice, 1), {"version": 1}, format="json"),
                 409, "version")
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2


@pytest.mark.parametrize("body", [{"version": "two"}, {"version": 0}, {"other": 1}, [1], "x"])
def test_restore_with_a_bad_body_answers_400(owner_api, saved_twice, body):
    response = owner_api.post(_restore(saved_twice, 1), body, format="json")
    assert response.status_code == 400
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2


@pytest.mark.parametrize("number", [7, 2**40])
def test_restore_of_a_version_never_saved_answers_404(owner_api, saved_twice, number):
    assert_error(owner_api.post(_restore(saved_twice, number)), 404, "version")


def test_restore_is_for_the_owner_only(other_api, api, saved_twice):
    saved_twice.is_public = True
    saved_twice.save()
    assert other_api.get(_list(saved_twice)).status_code == 200
    assert_error(other_api.post(_restore(saved_twice, 1)), 403, "")
    assert_error(api.post(_restore(saved_twice, 1)), 401, "")
    saved_twice.refresh_from_db()
    assert saved_twice.version == 2
