"""A save's answer is the version that save wrote, even when another save commits between
this one's commit and its answer (issue 11): its version, ETag, name, document and estimate.

The other save is made to land at exactly that moment: run when the first save's
transaction commits (transaction.on_commit), before the view answers."""

import copy

import pytest
from django.db import transaction

from designs.models import Design, Estimate
from designs.services import designs as design_services
from designs.services.designs import design_create, design_update
from tests.api.helpers import design_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def another_save_right_after_each_commit(monkeypatch, document):
    """The next save's commit is followed at once by another writer's save of that design."""
    estimate_request = design_services.estimate_request
    interloper = {**copy.deepcopy(document), "name": "Someone else"}
    landed: list[int] = []

    def then_another_save(*, design, **kwargs):
        if not landed:  # once: the interloper's own save must not bring another
            landed.append(design.pk)
            transaction.on_commit(lambda: design_update(
                design=Design.objects.get(pk=design.pk), document=interloper))
        return estimate_request(design=design, **kwargs)

    # design_create and design_update ask for the estimate through this name.
    monkeypatch.setattr(design_services, "estimate_request", then_another_save)
    return landed


def _assert_its_own(response, version: int, document: dict) -> None:
    body = response.json()
    assert (body["version"], response["ETag"]) == (version, f'"{version}"')
    assert (body["name"], body["document"]) == (document["name"], document)
    estimate = Estimate.objects.get(pk=body["estimate"]["url"].rstrip("/").rsplit("/", 1)[1])
    assert estimate.design_version == version and estimate.input == document
    assert body["estimate"]["stale"] is False


def test_a_put_answers_its_own_version_when_another_save_lands_before_the_answer(
    owner_api, user, document, another_save_right_after_each_commit
):
    design = Design.objects.create(owner=user, name="x", slug="x", document=document)
    mine = {**copy.deepcopy(document), "name": "Mine"}

    response = owner_api.put(design_url(design), {"document": mine, "version": 1}, format="json")

    assert response.status_code == 200, response.content
    assert another_save_right_after_each_commit  # the other save did land in between
    assert Design.objects.get(pk=design.pk).version == 3
    _assert_its_own(response, 2, mine)


def test_a_post_answers_its_own_version_when_another_save_lands_before_the_answer(
    owner_api, document, another_save_right_after_each_commit
):
    response = owner_api.post("/api/designs/", {"document": document}, format="json")

    assert response.status_code == 201, response.content
    assert Design.objects.get(pk=response.json()["id"]).version == 2
    _assert_its_own(response, 1, document)


@pytest.mark.parametrize("method", ["post", "put"])
def test_a_null_description_is_saved_as_no_description(owner_api, user, document, method):
    """The engine accepts "description": null (no description): so does a save, not a 500."""
    document["description"] = None
    if method == "post":
        response = owner_api.post("/api/designs/", {"document": document}, format="json")
    else:
        design = design_create(owner=user, document={**document, "description": "x"})
        response = owner_api.put(design_url(design), {"document": document}, format="json")

    assert response.status_code in (200, 201), response.content
    assert response.json()["document"]["description"] is None
    assert Design.objects.get(pk=response.json()["id"]).description == ""
