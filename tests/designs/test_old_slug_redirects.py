"""A renamed design's old address redirects to its address now, on every page of it
(designs/slug_redirects.py), for those who may see it."""

import copy

import pytest
from django.urls import reverse

from designs.services.designs import design_create, design_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(user, document):
    design = design_create(owner=user, document={**copy.deepcopy(document), "name": "Photos"})
    return design_update(design=design, document={**copy.deepcopy(document), "name": "Pictures"})


@pytest.mark.parametrize("page", ["detail", "edit", "practice", "report-pdf", "delete"])
def test_each_page_of_the_old_address_redirects_to_the_new(client, renamed, page):
    client.force_login(renamed.owner)

    response = client.get(reverse(f"designs:{page}", args=["photos"]))

    assert response.status_code == 302
    assert response["Location"] == reverse(f"designs:{page}", args=["pictures"])
    assert client.get(response["Location"]).status_code == 200


def test_the_query_string_goes_along(client, renamed):
    client.force_login(renamed.owner)

    response = client.get(reverse("designs:detail", args=["photos"]) + "?size=1")

    assert response["Location"] == reverse("designs:detail", args=["pictures"]) + "?size=1"


def test_a_public_designs_old_address_redirects_a_visitor(client, renamed):
    design_update(design=renamed, document=renamed.document, is_public=True)

    response = client.get(reverse("designs:detail", args=["photos"]))

    assert response.status_code == 302 and response["Location"].endswith("/pictures/")


def test_a_private_designs_old_address_tells_a_stranger_nothing(client, renamed, other_user):
    client.force_login(other_user)

    response = client.get(reverse("designs:detail", args=["photos"]))

    assert response.status_code == 404 and "pictures" not in response.content.decode()


def test_a_post_to_an_old_address_is_not_redirected(client, renamed):
    client.force_login(renamed.owner)

    assert client.post(reverse("designs:delete", args=["photos"])).status_code == 404
    assert type(renamed).objects.filter(pk=renamed.pk).exists()


def test_an_address_never_used_stays_not_found(client, renamed):
    client.force_login(renamed.owner)

    assert client.get(reverse("designs:detail", args=["nothing-here"])).status_code == 404
