"""The API token page (/account/tokens/): create (shown once), replace, revoke."""

from django.urls import reverse
from rest_framework.authtoken.models import Token

URL = "/account/tokens/"


def test_the_url(db):
    assert reverse("tokens") == URL


def test_a_visitor_is_sent_to_log_in(client, db):
    for response in (client.get(URL), client.post(URL, {"action": "create"})):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={URL}"
    assert not Token.objects.exists()


def test_a_user_without_a_token_is_told_so(client, user):
    client.force_login(user)

    page = client.get(URL).content.decode()

    assert "You have no API token yet" in page
    assert 'name="action" value="create"' in page and "csrfmiddlewaretoken" in page


def test_creating_shows_the_key_once(client, user):
    client.force_login(user)

    response = client.post(URL, {"action": "create"})

    token = Token.objects.get(user=user)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{token.key}"' in page and 'data-testid="token-copy"' in page
    later = client.get(URL).content.decode()
    assert "You have an API token" in later and token.key not in later


def test_the_new_token_authenticates_api_calls(client, user):
    client.force_login(user)
    client.post(URL, {"action": "create"})
    key = Token.objects.get(user=user).key
    client.logout()

    response = client.post(
        "/api/designs/", {"document": {"name": "Scripted"}},
        content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}",
    )

    assert response.status_code == 201


def test_creating_again_replaces_the_token(client, user):
    client.force_login(user)
    client.post(URL, {"action": "create"})
    old = Token.objects.get(user=user).key

    client.post(URL, {"action": "create"})

    assert Token.objects.filter(user=user).count() == 1
    assert Token.objects.get(user=user).key != old


def test_revoking_deletes_the_token(client, user):
    Token.objects.create(user=user)
    client.force_login(user)

    response = client.post(URL, {"action": "revoke"})

    assert response.status_code == 302 and response["Location"] == URL
    assert not Token.objects.filter(user=user).exists()
    assert "Your API token is revoked" in client.get(URL).content.decode()


def test_revoking_leaves_other_users_tokens(client, user, other_user):
    theirs = Token.objects.create(user=other_user)
    client.force_login(user)

    client.post(URL, {"action": "revoke"})

    assert Token.objects.filter(key=theirs.key).exists()


def test_csrf_is_enforced(db, user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)

    assert strict.post(URL, {"action": "create"}).status_code == 403
    assert not Token.objects.exists()
