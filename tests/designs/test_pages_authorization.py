"""Every HTML page of the app for a visitor, the owner of a design and another user.

200: the page; 302: to the login page (or, for login and signup, away from them once signed
in); 404: a private design of someone else, or editing a design one does not own; 403:
deleting a design one may read but does not own.
"""

import pytest
from django.urls import reverse

from designs.services.examples import examples_load
from tests.designs.factories import DesignFactory

VISITOR, OWNER, OTHER = "visitor", "owner", "other"

# (name, url, {who: status})
PAGES = [
    ("home", lambda: reverse("designs:home"), {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("private design", lambda: reverse("designs:detail", args=["private"]),
     {VISITOR: 404, OWNER: 200, OTHER: 404}),
    ("public design", lambda: reverse("designs:detail", args=["public"]),
     {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("example", lambda: reverse("designs:detail", args=["whatsapp"]),
     {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("public design, sized", lambda: reverse("designs:detail", args=["public"]) + "?size=1",
     {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("missing design", lambda: reverse("designs:detail", args=["nothing-here"]),
     {VISITOR: 404, OWNER: 404, OTHER: 404}),
    ("new design, templates", lambda: reverse("designs:start"),
     {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("editor, new", lambda: reverse("designs:new"), {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("editor, private design", lambda: reverse("designs:edit", args=["private"]),
     {VISITOR: 302, OWNER: 200, OTHER: 404}),
    ("editor, public design", lambda: reverse("designs:edit", args=["public"]),
     {VISITOR: 302, OWNER: 200, OTHER: 404}),
    ("editor, example", lambda: reverse("designs:edit", args=["whatsapp"]),
     {VISITOR: 302, OWNER: 404, OTHER: 404}),
    ("delete, private design", lambda: reverse("designs:delete", args=["private"]),
     {VISITOR: 302, OWNER: 200, OTHER: 404}),
    # 403 as the API's DELETE: the design is readable, but not theirs to delete
    ("delete, public design", lambda: reverse("designs:delete", args=["public"]),
     {VISITOR: 302, OWNER: 200, OTHER: 403}),
    ("delete, example", lambda: reverse("designs:delete", args=["whatsapp"]),
     {VISITOR: 302, OWNER: 403, OTHER: 403}),
    ("compare", lambda: reverse("designs:compare"), {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("compare, public and example", lambda: reverse("designs:compare") + "?designs=public,uber",
     {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("availability", lambda: reverse("designs:availability"),
     {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("help", lambda: reverse("designs:help"), {VISITOR: 200, OWNER: 200, OTHER: 200}),
    ("tokens", lambda: reverse("tokens"), {VISITOR: 302, OWNER: 200, OTHER: 200}),
    ("login", lambda: reverse("login"), {VISITOR: 200, OWNER: 302, OTHER: 302}),
    ("signup", lambda: reverse("signup"), {VISITOR: 200, OWNER: 302, OTHER: 302}),
]

# Actions (POST): fork and the public/private toggle.
ACTIONS = [
    ("fork a private design", lambda: reverse("designs:fork", args=["private"]),
     {VISITOR: 302, OWNER: 302, OTHER: 404}),
    ("fork a public design", lambda: reverse("designs:fork", args=["public"]),
     {VISITOR: 302, OWNER: 302, OTHER: 302}),
    ("fork an example", lambda: reverse("designs:fork", args=["whatsapp"]),
     {VISITOR: 302, OWNER: 302, OTHER: 302}),
    ("publish a private design", lambda: reverse("designs:visibility", args=["private"]),
     {VISITOR: 302, OWNER: 302, OTHER: 404}),
    ("hide a public design", lambda: reverse("designs:visibility", args=["public"]),
     {VISITOR: 302, OWNER: 302, OTHER: 404}),
    ("apply sizing to a private design", lambda: reverse("designs:size-apply", args=["private"]),
     {VISITOR: 302, OWNER: 302, OTHER: 404}),
    ("apply sizing to a public design", lambda: reverse("designs:size-apply", args=["public"]),
     {VISITOR: 302, OWNER: 302, OTHER: 404}),
    ("apply sizing to an example", lambda: reverse("designs:size-apply", args=["whatsapp"]),
     {VISITOR: 302, OWNER: 404, OTHER: 404}),
]

WHO = (VISITOR, OWNER, OTHER)


@pytest.fixture
def people(db, user, other_user, document):
    examples_load()
    DesignFactory(owner=user, slug="private", document=document)
    DesignFactory(owner=user, slug="public", document=document, is_public=True)
    return {VISITOR: None, OWNER: user, OTHER: other_user}


def _cases(table):
    return [
        pytest.param(url, who, expected[who], id=f"{name}-{who}")
        for name, url, expected in table
        for who in WHO
    ]


def _client_as(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])
    return client


@pytest.mark.parametrize(("url", "who", "status"), _cases(PAGES))
def test_page(client, people, url, who, status):
    response = _client_as(client, people, who).get(url())

    assert response.status_code == status
    if status == 302 and who == VISITOR:
        assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize(("url", "who", "status"), _cases(ACTIONS))
def test_action(client, people, url, who, status):
    data = {"is_public": "true"} if "visibility" in url() else {}

    response = _client_as(client, people, who).post(url(), data)

    assert response.status_code == status
    if status == 302 and who == VISITOR:
        assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("who", WHO)
def test_pages_have_a_title_and_the_main_navigation(client, people, who):
    client = _client_as(client, people, who)

    for _, url, expected in PAGES:
        if expected[who] != 200:
            continue
        page = client.get(url()).content.decode()
        assert "<title>" in page and 'aria-label="Main"' in page, url()
