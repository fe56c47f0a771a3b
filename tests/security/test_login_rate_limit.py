"""Five failed logins for one username from one address lock that pair out for 15 minutes."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.api.helpers import assert_error
from tests.designs.factories import MEMBER_PASSWORD

PASSWORD = MEMBER_PASSWORD
pytestmark = pytest.mark.usefixtures("fast_hashing")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, password, username="alice", address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _token(password, username="alice", address="10.0.0.1"):
    return APIClient().post(reverse("api:token"), {"username": username, "password": password},
                            REMOTE_ADDR=address)


def test_it_locks_out_after_five_failures(client, member):
    for _ in range(5):
        response = _login(client, "wrong")
        assert "Please enter a correct username and password" in response.content.decode()

    response = _login(client, "wrong")
    assert "Too many failed logins for this username: wait 15 minutes" in (
        response.content.decode())


def test_the_right_password_is_refused_while_locked_out(client, member):
    for _ in range(5):
        _login(client, "wrong")

    response = _login(client, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_another_address_or_username_is_not_locked_out(client, member):
    for _ in range(5):
        _login(client, "wrong")

    assert _login(client, PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    response = _login(client, "wrong", username="bob")
    assert "Too many" not in response.content.decode()


def test_a_success_resets_the_count(client, member):
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302


def test_the_lockout_ends_with_the_window(client, member, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        _login(client, "wrong")
    assert "Too many" in _login(client, PASSWORD).content.decode()
    cache.clear()  # the window passed
    assert _login(client, PASSWORD).status_code == 302


# The same limit on POST /api/token/, counted with the form's failures.


def test_the_api_locks_out_after_five_failures_with_a_json_429(member):
    for _ in range(5):
        assert_error(_token("wrong"), 400, "", "Unable to log in")

    response = _token("wrong")

    assert_error(response, 429, "", "Too many failed logins for this username: wait 15 minutes")
    assert response["Retry-After"] == "900"


def test_the_api_refuses_the_right_password_while_locked_out(member):
    for _ in range(5):
        _token("wrong")

    assert_error(_token(PASSWORD), 429, "", "Too many failed logins")
    assert not Token.objects.exists()


def test_failures_through_the_api_lock_out_the_form(client, member):
    for _ in range(5):
        _token("wrong")

    response = _login(client, PASSWORD)
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_through_the_form_lock_out_the_api(client, member):
    for _ in range(3):
        _login(client, "wrong")
    for _ in range(2):
        assert _token("wrong").status_code == 400

    assert _token(PASSWORD).status_code == 429


def test_another_address_or_username_is_not_locked_out_of_the_api(member):
    for _ in range(5):
        _token("wrong")

    assert _token(PASSWORD, address="10.0.0.2").status_code == 200
    assert _token("wrong", username="bob").status_code == 400
    assert _token("wrong", username="ALICE ").status_code == 429  # the same username


def test_a_success_through_the_api_resets_the_count(client, member):
    for _ in range(4):
        _login(client, "wrong")
    assert _token(PASSWORD).status_code == 200
    for _ in range(4):
        _token("wrong")
    assert _token(PASSWORD).status_code == 200


def test_a_request_without_a_password_is_no_failure_and_no_success(client, member):
    for _ in range(4):
        _token("wrong")
    assert _token("").status_code == 400
    assert _login(client, "").status_code == 200

    assert _token("wrong").status_code == 400
    assert _token(PASSWORD).status_code == 429  # neither counted nor reset the count
