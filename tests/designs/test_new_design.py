"""New design: the templates page, the editor opened on a template, and a visitor's draft
kept through signing up or logging in (designs/editor_views.py)."""

import json
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from designs.starter_files import BLANK, starter, starters
from tests.designs.factories import MEMBER_PASSWORD

START = reverse("designs:start")
NEW = reverse("designs:new")
KEEP = reverse("designs:keep-draft")
KEPT = f"{NEW}?draft=kept"
pytestmark = pytest.mark.django_db


def _embedded(response, element_id: str):
    pattern = rf'<script id="{element_id}" type="application/json">(.*?)</script>'
    match = re.search(pattern, response.content.decode(), re.S)
    assert match, f"no {element_id} in the page"
    return json.loads(match.group(1))


def _card(page: str, slug: str) -> str:
    match = re.search(rf'<li class="card" data-testid="template-{slug}">(.*?)</li>', page, re.S)
    assert match, f"no card for {slug}"
    return match.group(1)


def test_the_templates_page_lists_every_template_with_a_preview(client):
    page = client.get(START).content.decode()

    for template in starters():
        card = _card(page, template.slug)
        assert escape(template.name) in card and escape(template.summary) in card
        assert f'href="{NEW}?template={template.slug}"' in card
    three_tier = _card(page, "three-tier-web-app")
    assert "<dt>Components</dt><dd>5</dd>" in three_tier
    assert "<dt>Workloads</dt><dd>browse, update</dd>" in three_tier
    assert "<dt>Components</dt><dd>0</dd>" in _card(page, "blank")
    assert "none yet" in _card(page, "blank")
    assert "handbook example" in _card(page, "whatsapp")
    assert "handbook example" not in _card(page, "event-pipeline")


def test_a_visitor_is_told_saving_asks_for_an_account(client, user):
    assert "saving it asks you to" in client.get(START).content.decode()
    client.force_login(user)
    assert "saving it asks you to" not in client.get(START).content.decode()


@pytest.mark.parametrize("slug", [s.slug for s in starters()])
def test_each_template_opens_the_editor_with_its_document_unsaved(client, slug):
    response = client.get(NEW, {"template": slug})

    assert response.status_code == 200
    assert _embedded(response, "editor-document") == starter(slug).document
    assert _embedded(response, "editor-design") is None
    heading = re.search(r'<h1 id="editor-title">(.*?)</h1>', response.content.decode()).group(1)
    if slug == BLANK:
        assert heading == "New design"
    else:
        assert heading == f"New design from “{escape(starter(slug).name)}”"


def test_an_unknown_template_goes_back_to_the_list_saying_so(client):
    response = client.get(NEW, {"template": "nothing-here"}, follow=True)

    assert response.redirect_chain == [(START, 302)]
    assert "There is no template called “nothing-here”" in response.content.decode()


def test_a_signed_in_user_gets_no_guest_save(client, user):
    client.force_login(user)
    page = client.get(NEW, {"template": "uber"}).content.decode()

    assert "guest-save" not in page and "editor_guest.js" not in page


def _keep(client, document, then="signup"):
    return client.post(KEEP, {"document": json.dumps(document), "then": then})


def test_a_visitors_save_keeps_the_draft_and_sends_them_to_sign_up(client):
    draft = {**starter("event-pipeline").document, "name": "My pipeline"}

    response = _keep(client, draft)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('signup')}?next={quote(KEPT, safe='')}"
    signup = client.get(response["Location"]).content.decode()
    assert "Saving a design needs an account. Your draft is kept" in signup
    assert f'name="next" value="{KEPT}"' in signup.replace("&amp;", "&")


def test_the_draft_opens_in_the_editor_after_signing_up(client, fast_hashing):
    draft = {**starter("three-tier-web-app").document, "name": "My shop"}
    _keep(client, draft)

    response = client.post(
        reverse("signup"),
        {
            "username": "newcomer",
            "password1": MEMBER_PASSWORD,
            "password2": MEMBER_PASSWORD,
            "next": KEPT,
        },
    )

    assert response.status_code == 302 and response["Location"] == KEPT
    editor = client.get(KEPT)
    assert editor.wsgi_request.user == get_user_model().objects.get(username="newcomer")
    assert _embedded(editor, "editor-document") == draft
    assert "guest-save" not in editor.content.decode()


def test_the_draft_opens_in_the_editor_after_logging_in(client, fast_hashing, member):
    draft = {"name": "Half drawn", "components": [{"key": "api", "kind": "service"}]}
    response = _keep(client, draft, then="login")
    assert response["Location"].startswith(f"{reverse('login')}?next=")

    response = client.post(
        reverse("login"),
        {
            "username": "alice",
            "password": MEMBER_PASSWORD,
            "next": KEPT,
        },
    )

    assert response.status_code == 302 and response["Location"] == KEPT
    assert _embedded(client.get(KEPT), "editor-document") == draft


@pytest.mark.parametrize("text", ["not json", "[1, 2]", "", "9" * 2_050_000])
def test_a_draft_that_is_no_document_is_not_kept_and_says_why(client, text):
    response = client.post(KEEP, {"document": text}, follow=True)

    assert response.redirect_chain == [(NEW, 302)]
    assert "The draft could not be kept" in response.content.decode()
    assert _embedded(client.get(KEPT), "editor-document") == starter("blank").document


def test_keeping_a_draft_is_a_post(client):
    assert client.get(KEEP).status_code == 405


def test_the_sign_up_page_keeps_the_way_back_when_they_log_in_instead(client):
    signup = client.get(reverse("signup"), {"next": KEPT}).content.decode()

    assert f'href="{reverse("login")}?next={quote(KEPT)}"' in signup


def test_the_login_page_after_a_visitors_save_speaks_of_the_draft_only(client):
    response = _keep(client, {"name": "Mine"}, then="login")
    page = client.get(response["Location"]).content.decode()

    assert "Your draft is kept" in page
    assert "The page you asked for needs an account" not in page
