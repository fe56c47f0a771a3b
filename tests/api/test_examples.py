import pytest
from django.urls import reverse

from designs.services.examples import examples_load

URL = reverse("api:examples")
pytestmark = pytest.mark.django_db


def test_it_lists_the_handbook_examples_in_order_unpaginated(api, public_design):
    examples_load()

    response = api.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert [d["slug"] for d in body] == ["url-shortener", "whatsapp", "twitter", "netflix", "uber"]
    assert all(d["is_example"] and d["owner"] is None for d in body)
    assert all(d["estimate"]["status"] == "done" for d in body)


def test_it_is_empty_before_the_examples_are_loaded(api):
    assert api.get(URL).json() == []
