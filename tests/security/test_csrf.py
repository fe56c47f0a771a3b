"""Every form that posts carries Django's CSRF token, and its target refuses a post without."""

import re

import pytest
from django.test import Client

POST_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)


def _post_forms(html: str) -> list[tuple[str, str]]:
    """(action, body) of every form of the page that posts."""
    forms = []
    for attributes, body in POST_FORM.findall(html):
        if re.search(r"""method=["']?post""", attributes, re.I):
            action = re.search(r"""action=["']([^"']*)["']""", attributes)
            forms.append((action.group(1) if action else "", body))
    return forms


def _pages(design) -> list[str]:
    slug = design.slug
    return ["/", f"/designs/{slug}/", f"/designs/{slug}/edit/", "/designs/new/",
            f"/designs/{slug}/practice/", "/account/tokens/", "/account/progress/",
            "/compare/", "/availability/", "/help/"]


@pytest.fixture
def owner_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_every_post_form_has_a_csrf_token(owner_client, client, design):
    pages = [(owner_client, path) for path in _pages(design)]
    pages += [(client, "/account/login/"), (client, "/account/signup/")]
    seen = 0
    for who, path in pages:
        response = who.get(path)
        assert response.status_code == 200, path
        for action, body in _post_forms(response.content.decode()):
            seen += 1
            assert 'name="csrfmiddlewaretoken"' in body, f"{path}: form to {action!r}"
    assert seen >= 8  # login, signup, log out on every page, tokens, fork, visibility, ...


def test_every_form_target_refuses_a_post_without_the_token(user, design):
    reader = Client()
    reader.force_login(user)
    targets = set()
    for path in _pages(design):
        page = reader.get(path).content.decode()
        targets |= {action or path for action, _ in _post_forms(page)}
    targets |= {"/account/login/", "/account/signup/", "/api/designs/"}

    attacker = Client(enforce_csrf_checks=True)
    attacker.force_login(user)
    for target in sorted(targets):
        response = attacker.post(target, {"name": "x"})
        assert response.status_code == 403, target


def test_the_api_refuses_a_session_write_without_the_token(user, document):
    from designs.models import Design

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    before = Design.objects.count()
    response = client.post("/api/designs/", {"document": document},
                           content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Design.objects.count() == before


def test_a_token_client_needs_no_csrf_token(user, document):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=user)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post("/api/designs/", {"document": document},
                           content_type="application/json")
    assert response.status_code == 201
