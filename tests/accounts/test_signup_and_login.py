"""Sign up, log in and log out (accounts/views.py and django.contrib.auth's views)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.designs.factories import MEMBER_PASSWORD

PASSWORD = MEMBER_PASSWORD


def _session_user(client):
    return client.get(reverse("designs:home")).context["user"]


def test_the_signup_page_has_a_labelled_form_with_csrf(client, db):
    response = client.get(reverse("signup"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in page
    for field in ("id_username", "id_password1", "id_password2"):
        assert f'for="{field}"' in page and f'id="{field}"' in page


def test_signing_up_creates_the_user_and_logs_them_in(client, db):
    response = client.post(
        reverse("signup"),
        {"username": "bob", "password1": PASSWORD, "password2": PASSWORD, "next": "/help/"},
    )

    assert response.status_code == 302 and response["Location"] == "/help/"
    assert get_user_model().objects.filter(username="bob").exists()
    assert _session_user(client).username == "bob"


def test_signing_up_never_redirects_off_site(client, db):
    response = client.post(
        reverse("signup"),
        {"username": "bob", "password1": PASSWORD, "password2": PASSWORD,
         "next": "https://evil.example/"},
    )

    assert response["Location"] == "/"


def test_signup_errors_are_shown_at_the_field(client, member):
    response = client.post(
        reverse("signup"), {"username": "alice", "password1": "x", "password2": "y"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "A user with that username already exists." in page
    assert "The two password fields didn’t match." in page
    assert 'class="field-error"' in page


def test_a_signed_in_user_is_sent_home_from_signup(client, member):
    client.force_login(member)

    assert client.get(reverse("signup"))["Location"] == "/"


def test_the_login_page_has_a_labelled_form_with_csrf(client, db):
    page = client.get(reverse("login")).content.decode()

    assert "csrfmiddlewaretoken" in page
    assert 'for="id_username"' in page and 'for="id_password"' in page


def test_logging_in_goes_to_next_or_home(client, member):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/"
    assert _session_user(client) == member


def test_logging_in_follows_next(client, member):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD, "next": "/compare/"}
    )

    assert response["Location"] == "/compare/"


def test_a_wrong_password_is_refused(client, member):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert not _session_user(client).is_authenticated


def test_logging_out_takes_a_post(client, member):
    client.force_login(member)

    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))

    assert response.status_code == 302 and response["Location"] == "/"
    assert not _session_user(client).is_authenticated


def test_the_nav_offers_log_in_and_sign_up_to_visitors(client, db):
    page = client.get(reverse("designs:help")).content.decode()

    assert f'href="{reverse("login")}?next=/help/"' in page
    assert f'href="{reverse("signup")}"' in page
    for target in ("designs:home", "designs:compare", "designs:availability", "designs:help"):
        assert f'href="{reverse(target)}"' in page


def test_the_nav_shows_the_user_their_tokens_and_a_log_out_form(client, member):
    client.force_login(member)

    page = client.get(reverse("designs:home")).content.decode()

    assert "alice" in page and f'href="{reverse("tokens")}"' in page
    assert f'action="{reverse("logout")}"' in page and f'href="{reverse("login")}' not in page


def test_csrf_is_enforced_on_login(db, member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("login"), {"username": "alice", "password": PASSWORD})

    assert response.status_code == 403


def test_the_login_page_says_why_a_visitor_was_sent_there(client, db):
    sent = client.get(reverse("login"), {"next": "/designs/some-design/edit/"}).content.decode()
    chosen = client.get(reverse("login")).content.decode()

    assert "The page you asked for needs an account" in sent
    assert "The page you asked for needs an account" not in chosen


def test_the_password_validators_messages_stand_under_the_password_field(client, db):
    response = client.post(
        reverse("signup"), {"username": "carol", "password1": "password", "password2": "password"}
    )

    form = response.context["form"]
    assert any("too common" in error for error in form.errors["password1"])
    assert "password2" not in form.errors
    page = response.content.decode()
    under_password = page.split('id="id_password1_error"')[1].split("</div>")[0]
    assert "This password is too common." in under_password


def test_a_mismatch_stays_under_the_confirmation_field(client, db):
    response = client.post(
        reverse("signup"), {"username": "carol", "password1": PASSWORD, "password2": PASSWORD + "x"}
    )

    form = response.context["form"]
    assert "password1" not in form.errors
    assert form.errors["password2"] == ["The two password fields didn’t match."]
