from django.urls import reverse

from tests.api.helpers import assert_error


def _url(design) -> str:
    return reverse("api:design-whatif", args=[design.pk])


def test_it_answers_what_stops_when_the_database_fails(owner_api, design):
    response = owner_api.post(_url(design), {"failed": ["db"]}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["down"] == ["db"]
    assert body["stopped_workloads"] == ["upload", "feed"]
    assert body["availability"]["overall"] == 0


def test_it_shows_the_utilisation_left_after_losing_an_instance(owner_api, design):
    body = owner_api.post(_url(design), {"lost_instances": {"api": 1}}, format="json").json()
    api = next(c for c in body["components"] if c["key"] == "api")
    assert api["instances"] == 2 and api["down"] is False
    assert body["stopped_workloads"] == []


def test_it_names_the_field_of_a_bad_scenario(owner_api, design):
    response = owner_api.post(_url(design), {"lost_instances": {"api": 9}}, format="json")
    assert_error(response, 400, "lost_instances.api", "must not exceed instances")


def test_anyone_may_ask_about_a_public_design(api, public_design):
    response = api.post(_url(public_design), {"zones": []}, format="json")
    assert response.status_code == 200


def test_it_answers_404_for_another_users_private_design(other_api, design):
    response = other_api.post(_url(design), {"failed": ["db"]}, format="json")
    assert response.status_code == 404
