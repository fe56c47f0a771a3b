"""The login form, limited: after LOGIN_FAILURE_LIMIT failed logins for one username from one
address within LOGIN_FAILURE_WINDOW seconds, that pair is refused until the window passes.

The counts live in the cache (Redis when REDIS_URL is set, so every web process shares them).
A correct password while locked out is refused too: it must not tell a guesser it was right.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many": (
            "Too many failed logins for this username: wait %(minutes)d minutes and try again."
        ),
    }

    def clean(self):
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        key = _key(self.cleaned_data.get("username") or "", address)
        if cache.get(key, 0) >= settings.LOGIN_FAILURE_LIMIT:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW // 60},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW)
            raise
        cache.delete(key)
        return cleaned
