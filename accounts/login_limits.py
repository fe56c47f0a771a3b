"""Logins, limited: after LOGIN_FAILURE_LIMIT failed logins for one username from one address
within LOGIN_FAILURE_WINDOW seconds, that pair is refused until the window passes.

The login form and the API's POST /api/token/ (designs.api.views.TokenView) count failures
under the same key: guesses through one lock out the other too. The counts live in the cache
(Redis when REDIS_URL is set, so every web process shares them). A correct password while
locked out is refused too: it must not tell a guesser it was right.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

TOO_MANY = "Too many failed logins for this username: wait %(minutes)d minutes and try again."


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def login_address(request) -> str:
    """The address failures are counted for (Django's or Django REST framework's request)."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def login_locked_out(*, username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= settings.LOGIN_FAILURE_LIMIT


def login_failed(*, username: str, address: str) -> None:
    key = _key(username, address)
    cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)


def login_succeeded(*, username: str, address: str) -> None:
    cache.delete(_key(username, address))


def lockout_seconds() -> int:
    """How long to wait, at most: the lockout ends when the first failure's window does."""
    return settings.LOGIN_FAILURE_WINDOW


def lockout_minutes() -> int:
    return settings.LOGIN_FAILURE_WINDOW // 60


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, "too_many": TOO_MANY}

    def clean(self):
        who = {
            "username": self.cleaned_data.get("username") or "",
            "address": login_address(self.request),
        }
        if login_locked_out(**who):
            raise ValidationError(
                self.error_messages["too_many"], code="too_many",
                params={"minutes": lockout_minutes()},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failed(**who)
            raise
        if self.get_user() is not None:  # not a form without a password: that is no success
            login_succeeded(**who)
        return cleaned
