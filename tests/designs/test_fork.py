"""Sharing from the pages: fork a design into one's account, make one's design public or
private (designs/sharing_views.py)."""

import pytest
from django.urls import reverse

from designs.models import Design
from designs.services.examples import examples_load
from tests.designs.factories import DesignFactory


def _fork(client, slug: str):
    return client.post(reverse("designs:fork", args=[slug]))


def _visibility(client, slug: str, is_public: str):
    return client.post(reverse("designs:visibility", args=[slug]), {"is_public": is_public})


@pytest.fixture
def whatsapp(db):
    return next(d for d in examples_load() if d.slug == "whatsapp")


def test_forking_an_example_makes_a_private_copy_and_opens_the_editor(client, user, whatsapp):
    client.force_login(user)

    response = _fork(client, "whatsapp")

    copy = Design.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('designs:edit', args=[copy.slug])}?fit=1"
    assert copy.name == "WhatsApp (copy)" and copy.document["name"] == "WhatsApp (copy)"
    assert {**copy.document, "name": "WhatsApp"} == whatsapp.document and copy.slug != "whatsapp"
    assert not copy.is_public and not copy.is_example
    assert copy.estimates.exists()


def test_a_visitor_is_sent_to_log_in_and_back_to_the_design(client, whatsapp):
    response = _fork(client, "whatsapp")

    detail = reverse("designs:detail", args=["whatsapp"])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={detail}"
    assert Design.objects.count() == 5


def test_anyone_may_fork_a_public_design(client, user, other_user, document):
    DesignFactory(owner=other_user, document=document, slug="shared", is_public=True)
    client.force_login(user)

    assert _fork(client, "shared").status_code == 302
    assert Design.objects.filter(owner=user, name=f"{document['name']} (copy)").exists()


def test_another_users_private_design_cannot_be_forked(client, user, other_user):
    DesignFactory(owner=other_user, slug="secret")
    client.force_login(user)

    assert _fork(client, "secret").status_code == 404
    assert not Design.objects.filter(owner=user).exists()


def test_forking_takes_a_post(client, user, whatsapp):
    client.force_login(user)

    assert client.get(reverse("designs:fork", args=["whatsapp"])).status_code == 405


def test_the_design_page_offers_fork_to_everyone_and_edit_to_the_owner(
    client, design, other_user
):
    design.is_public = True
    design.save()
    detail = reverse("designs:detail", args=[design.slug])

    visitor = client.get(detail).content.decode()
    assert 'data-testid="fork"' in visitor
    assert 'data-testid="toggle-public"' not in visitor and 'data-testid="edit"' not in visitor

    client.force_login(other_user)
    other = client.get(detail).content.decode()
    assert 'data-testid="fork"' in other and 'data-testid="toggle-public"' not in other

    client.force_login(design.owner)
    owner = client.get(detail).content.decode()
    assert 'data-testid="toggle-public"' in owner and "Make private" in owner
    assert f'href="{reverse("designs:edit", args=[design.slug])}"' in owner


def test_the_owner_makes_a_design_public_then_private(client, design, other_user):
    client.force_login(design.owner)

    response = _visibility(client, design.slug, "true")

    design.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("designs:detail", args=[design.slug])
    assert design.is_public and design.version == 2
    client.force_login(other_user)
    assert client.get(reverse("designs:detail", args=[design.slug])).status_code == 200

    client.force_login(design.owner)
    _visibility(client, design.slug, "false")
    design.refresh_from_db()
    assert not design.is_public
    client.force_login(other_user)
    assert client.get(reverse("designs:detail", args=[design.slug])).status_code == 404


def test_only_the_owner_may_change_visibility(client, design, other_user):
    design.is_public = True
    design.save()
    client.force_login(other_user)

    assert _visibility(client, design.slug, "false").status_code == 404
    design.refresh_from_db()
    assert design.is_public


def test_a_visitor_changing_visibility_is_sent_to_log_in(client, design):
    response = _visibility(client, design.slug, "true")

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    design.refresh_from_db()
    assert not design.is_public


def test_examples_have_no_owner_to_change_them(client, user, whatsapp):
    client.force_login(user)

    assert _visibility(client, "whatsapp", "false").status_code == 404


def test_a_copys_name_keeps_within_the_name_limit():
    from designs.services.designs import copy_name
    from estimator.engine.limits import MAX_NAME_LENGTH

    long = copy_name("x" * MAX_NAME_LENGTH)

    assert copy_name("Uber") == "Uber (copy)"
    assert len(long) == MAX_NAME_LENGTH and long.endswith("x (copy)")


def test_a_second_fork_of_one_design_is_numbered(client, user, other_user, whatsapp):
    client.force_login(user)

    for _ in range(3):
        _fork(client, "whatsapp")
    client.force_login(other_user)
    _fork(client, "whatsapp")

    mine = sorted(Design.objects.filter(owner=user).values_list("name", flat=True))
    assert mine == ["WhatsApp (copy 2)", "WhatsApp (copy 3)", "WhatsApp (copy)"]
    assert Design.objects.get(owner=other_user).name == "WhatsApp (copy)"


def test_a_numbered_copys_name_keeps_within_the_name_limit():
    from designs.services.designs import copy_name
    from estimator.engine.limits import MAX_NAME_LENGTH

    long = copy_name("x" * MAX_NAME_LENGTH, 12)

    assert len(long) == MAX_NAME_LENGTH and long.endswith("x (copy 12)")
