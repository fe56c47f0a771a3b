import pytest
from django.urls import reverse

from designs.models import Design
from designs.services.examples import examples_load
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def _url(design) -> str:
    return reverse("api:design-fork", args=[design.pk])


def test_it_copies_an_example_into_a_private_design_of_the_caller(other_api, other_user):
    example = examples_load()[0]

    response = other_api.post(_url(example))

    assert response.status_code == 201, response.content
    body = response.json()
    fork = Design.objects.get(pk=body["id"])
    assert fork.owner == other_user and not fork.is_public and not fork.is_example
    assert fork.name == f"{example.name} (copy)" and fork.slug != example.slug
    assert {**fork.document, "name": example.document["name"]} == example.document
    assert body["owner"] == other_user.username and body["version"] == 1
    assert response["Location"] == body["links"]["self"] and response["ETag"] == '"1"'
    assert body["estimate"]["status"] == "done"


def test_it_forks_another_users_public_design(other_api, other_user, public_design):
    response = other_api.post(_url(public_design))

    assert response.status_code == 201
    assert Design.objects.get(pk=response.json()["id"]).owner == other_user


def test_it_answers_404_for_another_users_private_design(other_api, design):
    assert_error(other_api.post(_url(design)), 404, "")
    assert Design.objects.count() == 1


def test_it_answers_401_to_anonymous_callers(api, public_design):
    response = api.post(_url(public_design))

    assert_error(response, 401, "", "credentials were not provided")
    assert Design.objects.count() == 1
