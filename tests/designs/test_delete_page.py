"""Deleting a design from the pages (designs/delete_views.py): the design page and the home
list link to a confirmation naming it; only its POST deletes; the owner only, as the API."""

import pytest
from django.test import Client
from django.urls import reverse

from designs.models import Design
from designs.services.examples import examples_load
from tests.designs.factories import DesignFactory


def _delete_url(design) -> str:
    return reverse("designs:delete", args=[design.slug])


def test_the_owner_sees_delete_on_the_design_page_and_in_the_list(client, design):
    client.force_login(design.owner)

    page = client.get(reverse("designs:detail", args=[design.slug])).content.decode()
    home = client.get(reverse("designs:home")).content.decode()

    assert f'href="{_delete_url(design)}" data-testid="delete"' in page
    assert f'href="{_delete_url(design)}" data-testid="delete-{design.slug}"' in home


def test_others_see_no_delete(client, other_user, db):
    public = DesignFactory(is_public=True)
    client.force_login(other_user)

    page = client.get(reverse("designs:detail", args=[public.slug])).content.decode()
    home = client.get(reverse("designs:home")).content.decode()

    assert 'data-testid="delete"' not in page
    assert _delete_url(public) not in home


def test_the_confirmation_names_the_design_and_a_get_deletes_nothing(client, design):
    client.force_login(design.owner)

    response = client.get(_delete_url(design))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Delete “{design.name}”?" in page
    assert "csrfmiddlewaretoken" in page and 'method="post"' in page
    assert Design.objects.filter(pk=design.pk).exists()


def test_the_post_deletes_and_goes_back_to_the_list_with_a_message(client, design):
    client.force_login(design.owner)

    response = client.post(_delete_url(design), follow=True)

    assert response.redirect_chain == [(reverse("designs:home"), 302)]
    assert not Design.objects.filter(pk=design.pk).exists()
    assert f"“{design.name}” is deleted" in response.content.decode()


def test_the_post_needs_the_csrf_token(design):
    client = Client(enforce_csrf_checks=True)
    client.force_login(design.owner)

    assert client.post(_delete_url(design)).status_code == 403
    assert Design.objects.filter(pk=design.pk).exists()


def test_another_users_private_design_is_not_found(client, design, other_user):
    client.force_login(other_user)

    assert client.get(_delete_url(design)).status_code == 404
    assert client.post(_delete_url(design)).status_code == 404
    assert Design.objects.filter(pk=design.pk).exists()


def test_a_public_design_of_someone_else_is_forbidden(client, other_user, db):
    public = DesignFactory(is_public=True)
    client.force_login(other_user)

    assert client.get(_delete_url(public)).status_code == 403
    assert client.post(_delete_url(public)).status_code == 403
    assert Design.objects.filter(pk=public.pk).exists()


@pytest.mark.django_db
def test_an_example_is_never_deleted(client, user):
    example = examples_load()[0]
    client.force_login(user)

    assert client.post(_delete_url(example)).status_code == 403
    assert Design.objects.filter(pk=example.pk).exists()


def test_a_visitor_is_sent_to_log_in(client, db):
    public = DesignFactory(is_public=True)

    response = client.post(_delete_url(public))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Design.objects.filter(pk=public.pk).exists()


def test_other_methods_are_refused(client, design):
    client.force_login(design.owner)

    assert client.delete(_delete_url(design)).status_code == 405
    assert Design.objects.filter(pk=design.pk).exists()
