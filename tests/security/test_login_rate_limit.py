"""Five failed logins for one username from one address lock that pair out for 15 minutes."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.designs.factories import UserFactory

PASSWORD = "a long enough pass phrase"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    user = UserFactory(username="alice")
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, password, username="alice", address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
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
