"""The editor's pages: /designs/new/ and /designs/<slug>/edit/ (signed-in owners only)."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.shortcuts import resolve_url
from django.urls import reverse

from designs.services.examples import examples_load
from estimator.engine import defaults, limits
from tests.designs.factories import DesignFactory

NEW = reverse("designs:new")
pytestmark = pytest.mark.django_db


def _edit(design) -> str:
    return reverse("designs:edit", args=[design.slug])


def _embedded(response, element_id: str):
    """The JSON a page hands its script with json_script."""
    page = response.content.decode()
    pattern = rf'<script id="{element_id}" type="application/json">(.*?)</script>'
    match = re.search(pattern, page, re.S)
    assert match, f"no {element_id} in the page"
    return json.loads(match.group(1))


def test_anonymous_visitors_get_the_editor_for_a_new_design_with_the_guest_save(client):
    response = client.get(NEW)

    assert response.status_code == 200
    assert _embedded(response, "editor-document")["components"] == []
    page = response.content.decode()
    assert 'data-testid="guest-save"' in page and "designs/editor_guest.js" in page
    assert f'action="{reverse("designs:keep-draft")}"' in page


def test_anonymous_visitors_are_sent_to_log_in_to_edit(client, design):
    response = client.get(_edit(design))

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_a_signed_in_user_gets_a_blank_editor(client, user):
    client.force_login(user)

    response = client.get(NEW)

    assert response.status_code == 200
    assert _embedded(response, "editor-design") is None
    assert _embedded(response, "editor-document")["components"] == []


def test_the_owner_gets_the_editor_with_the_document_embedded(client, user, design):
    client.force_login(user)

    response = client.get(_edit(design))

    assert response.status_code == 200
    assert _embedded(response, "editor-document") == design.document
    embedded = _embedded(response, "editor-design")
    assert embedded["id"] == design.pk and embedded["version"] == design.version
    assert embedded["url"] == reverse("api:design-detail", args=[design.pk])


def test_the_page_sets_the_csrf_cookie_for_the_apis_writes(client, user, design):
    client.force_login(user)

    for url in (NEW, _edit(design)):
        assert settings.CSRF_COOKIE_NAME in client.get(url).cookies


def test_the_page_hands_the_engines_defaults_to_the_panel(client, user):
    client.force_login(user)

    embedded = _embedded(client.get(NEW), "editor-defaults")

    assert embedded["kinds"] == list(defaults.KINDS)
    assert embedded["capacity_rps"]["cache"] == defaults.CAPACITY_RPS["cache"]
    assert embedded["availability"]["database"] == defaults.AVAILABILITY["database"]
    assert embedded["assumptions"] == defaults.ASSUMPTIONS
    assert embedded["max_retries"] == limits.MAX_RETRIES  # the route step's retries hint


def test_the_palette_offers_every_kind(client, user):
    client.force_login(user)

    page = client.get(NEW).content.decode()

    for kind in defaults.KINDS:
        assert f'data-testid="palette-{kind}"' in page
    for testid in ("canvas", "save", "save-status", "tab-component", "tab-workloads",
                   "tab-assumptions", "tab-design", "tab-json", "add-workload", "route-pick",
                   "estimate-figures", "conflict-reload", "conflict-keep"):
        assert f'data-testid="{testid}"' in page


def test_another_users_design_is_not_found(client, other_user, design):
    client.force_login(other_user)

    assert client.get(_edit(design)).status_code == 404


def test_another_users_public_design_is_not_editable_either(client, other_user, user, document):
    public = DesignFactory(owner=user, document=document, is_public=True)
    client.force_login(other_user)

    assert client.get(_edit(public)).status_code == 404


@pytest.mark.parametrize("slug", ["url-shortener", "whatsapp"])
def test_an_example_is_not_found_for_editing(client, user, slug):
    examples_load()
    client.force_login(user)

    assert client.get(reverse("designs:edit", args=[slug])).status_code == 404


def test_the_new_page_comes_before_the_design_slug_pattern(client, user):
    client.force_login(user)

    assert client.get("/designs/new/").resolver_match.url_name == "new"


def test_the_page_loads_only_local_static_assets(client, user, design):
    client.force_login(user)

    page = client.get(_edit(design)).content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assets = [s.split("/static/", 1)[1] for s in sources if s.startswith("/static/")]
    for expected in ("cytoscape.min.js", "cytoscape-edgehandles.js", "cytoscape-dagre.min.js",
                     "designs/editor/main.js", "designs/editor.css"):
        assert any(asset.endswith(expected) for asset in assets), expected
    assert all(finders.find(asset) for asset in assets)


def test_the_vendored_libraries_carry_their_licences():
    for name in ("cytoscape", "cytoscape-edgehandles", "cytoscape-dagre", "dagre", "lodash"):
        assert finders.find(f"vendor/cytoscape/{name}.LICENSE"), name


def test_a_fork_opens_with_the_flag_that_fits_it_to_the_canvas(client, user, design):
    client.force_login(user)

    assert _embedded(client.get(f"{_edit(design)}?fit=1"), "editor-design")["fit"] is True
    assert _embedded(client.get(_edit(design)), "editor-design")["fit"] is False
