"""POST /api/token/, `manage.py drf_create_token`, and `Authorization: Token ...`."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from designs.models import Design
from tests.api.helpers import assert_error

URL = reverse("api:token")
pytestmark = pytest.mark.django_db


@pytest.fixture
def password_user(user):
    user.set_password("correct horse battery staple")
    user.save()
    return user


def test_it_gives_a_user_their_token_for_their_password(api, password_user):
    response = api.post(URL, {"username": password_user.username,
                              "password": "correct horse battery staple"})

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=password_user).key}


def test_it_refuses_a_wrong_password(api, password_user):
    response = api.post(URL, {"username": password_user.username, "password": "guess"})

    assert_error(response, 400, "", "Unable to log in")
    assert not Token.objects.exists()


def test_it_reads_a_form_too(api, password_user):
    response = api.post(
        URL,
        f"username={password_user.username}&password=correct+horse+battery+staple",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200


def test_the_command_creates_a_token(user, capsys):
    call_command("drf_create_token", user.username)

    assert Token.objects.get(user=user).key in capsys.readouterr().out


def test_a_token_authenticates_writes(user, document):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    response = client.post(reverse("api:design-list"), {"document": document})

    assert response.status_code == 201
    assert Design.objects.get().owner == user


def test_a_wrong_token_answers_401(api, document):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    response = api.get(reverse("api:design-list"))

    assert_error(response, 401, "", "Invalid token")
    assert response["WWW-Authenticate"] == "Token"


def test_a_browser_session_authenticates_too(client, user, document):
    client.force_login(user)

    response = client.post(reverse("api:design-list"), {"document": document},
                           content_type="application/json")

    assert response.status_code == 201
