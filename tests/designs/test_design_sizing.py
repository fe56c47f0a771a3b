"""The design page's "Size to meet SLOs": the proposal, applying it, who may."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from designs.models import Design
from designs.services.designs import design_create, design_update
from tests.engine.test_sizing import _one_service
from tests.samples import sample_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def sized(user):
    """One service at 10,000 requests a second on one instance: the proposal is 15."""
    return design_create(owner=user, document=_one_service(monthly_budget=1000),
                         is_public=True)


def _page(client, design, query: str = "") -> str:
    response = client.get(reverse("designs:detail", args=[design.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _apply(client, design, version) -> object:
    return client.post(reverse("designs:size-apply", args=[design.slug]), {"version": version})


def test_the_page_offers_sizing_without_computing_it(client, user, sized):
    client.force_login(user)
    page = _page(client, sized)
    assert 'href="?size=1#sizing"' in page and 'id="sizing-changes"' not in page


def test_the_proposal_shows_changes_figures_and_unmet_targets(client, user, sized):
    client.force_login(user)
    page = _page(client, sized, "?size=1")
    changes = page.split('id="sizing-changes"')[1].split("</table>")[0]
    assert "What changes (cost +$980/month)" in changes
    assert '<tr data-key="api"><th scope="row">api</th><td class="num">1 → 15</td>' \
        '<td class="num">+$980/month</td></tr>' in changes
    figures = page.split('id="sizing-figures"')[1].split("</table>")[0]
    assert "Monthly cost</th><td class=\"num\">$70/month</td>" in figures
    assert "$1,050/month" in figures
    unmet = page.split('data-testid="sizing-unmet"')[1].split("</ul>")[0]
    assert "<code>slos.monthly_budget</code>: the budget $1,000/month is below the cheapest " \
        "design meeting the other targets, $1,050/month" in unmet
    assert 'data-testid="size-apply"' in page and 'name="version" value="1"' in page
    assert "csrfmiddlewaretoken" in page.split('data-testid="size-apply"')[0].rsplit(
        "<form", 1)[1]


def test_applying_saves_a_new_version_and_returns_with_a_message(client, user, sized):
    client.force_login(user)
    response = _apply(client, sized, 1)
    assert response.status_code == 302
    assert response["Location"] == reverse("designs:detail", args=[sized.slug]) + "#slos"
    saved = Design.objects.get(pk=sized.pk)
    assert saved.version == 2 and saved.document["components"][0]["instances"] == 15
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == ("Sized to meet the SLOs: api 1 → 15. Saved as version 2; its estimate "
                       "is queued.")


def test_a_stale_version_changes_nothing_and_says_so(client, user, sized):
    design_update(design=sized, document={**sized.document, "name": "Renamed"})
    client.force_login(user)
    response = _apply(client, sized, 1)
    assert Design.objects.get(pk=sized.pk).version == 2
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Not applied: design is at version 2, not 1")


@pytest.mark.parametrize("version", ["", "x", "²", "9" * 50])
def test_a_form_without_a_version_changes_nothing(client, user, sized, version):
    client.force_login(user)
    response = _apply(client, sized, version)
    assert response.status_code == 302 and Design.objects.get(pk=sized.pk).version == 1


def test_another_user_sees_the_proposal_but_cannot_apply_it(client, other_user, sized):
    client.force_login(other_user)
    page = _page(client, sized, "?size=1")
    assert 'id="sizing-changes"' in page and 'data-testid="size-apply"' not in page
    assert 'data-testid="sizing-fork"' in page
    assert _apply(client, sized, 1).status_code == 404
    assert Design.objects.get(pk=sized.pk).version == 1


def test_a_visitor_is_asked_to_sign_in_to_apply(client, sized):
    response = _apply(client, sized, 1)
    assert response.status_code == 302 and "login" in response["Location"]
    assert Design.objects.get(pk=sized.pk).version == 1


def test_a_design_without_slos_says_how_to_add_them(client, user):
    design = design_create(owner=user, document=sample_document("round-figures"))
    client.force_login(user)
    page = _page(client, design)
    assert 'data-testid="sizing-empty"' in page and 'href="?size=1#sizing"' not in page
    assert "add <code>slos</code> to the design in the JSON tab" in page
    asked = _page(client, design, "?size=1")
    assert "Sizing needs targets: add `slos` to the design" in asked
    response = _apply(client, design, 1)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Not applied: the design states no SLOs")
    assert Design.objects.get(pk=design.pk).version == 1
