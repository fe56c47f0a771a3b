import pytest

from designs.services.designs import design_create
from designs.services.examples import examples_load
from tests.api.helpers import assert_error, design_url

pytestmark = pytest.mark.django_db


def test_it_shows_the_owner_their_private_design(owner_api, design, user, document):
    response = owner_api.get(design_url(design))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id", "slug", "name", "owner", "version", "is_public", "is_example", "created_at",
        "updated_at", "document", "estimate", "links",
    }
    assert body["id"] == design.pk and body["owner"] == user.username
    assert body["document"] == document and body["is_public"] is False
    assert body["estimate"] is None  # none requested yet
    assert response["ETag"] == '"1"'


def test_it_shows_the_current_estimates_status(owner_api, user, document):
    design = design_create(owner=user, document=document)

    body = owner_api.get(design_url(design)).json()

    assert body["estimate"]["status"] == "done" and body["estimate"]["stale"] is False


def test_it_answers_404_for_another_users_private_design(other_api, design):
    assert_error(other_api.get(design_url(design)), 404, "", "Not found")


def test_it_answers_404_to_anonymous_callers_for_a_private_design(api, design):
    assert_error(api.get(design_url(design)), 404, "")


def test_it_shows_anyone_a_public_design(api, public_design):
    assert api.get(design_url(public_design)).status_code == 200


def test_it_shows_anyone_an_example_owned_by_nobody(api):
    example = examples_load()[0]

    body = api.get(design_url(example)).json()

    assert body["owner"] is None and body["is_example"] is True
    assert body["slug"] == "url-shortener" and body["estimate"]["status"] == "done"


def test_it_answers_404_for_a_design_that_does_not_exist(api):
    assert_error(api.get("/api/designs/999999/"), 404, "")
