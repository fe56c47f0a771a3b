"""Throttles whose rates are read per request from settings (API_THROTTLE_ANON/_USER).

DRF's own classes copy the rates once at import, so a changed setting would not apply.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _CurrentRates:
    @property
    def THROTTLE_RATES(self) -> dict:  # noqa: N802 - the name DRF looks up
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonThrottle(_CurrentRates, AnonRateThrottle):
    pass


class UserThrottle(_CurrentRates, UserRateThrottle):
    def get_cache_key(self, request, view):
        # Anonymous callers are AnonThrottle's alone, whichever rate is the lower.
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class EditorAnonThrottle(AnonThrottle):
    """Anonymous checks of a draft (validate, the live estimate): the editor sends one or two
    after each pause in typing, so a visitor drawing for a few minutes would pass the general
    anonymous rate; these count apart, at API_THROTTLE_ANON_EDITOR."""

    scope = "anon_editor"

    def get_rate(self):
        # Rates set without this scope (a settings override, a test) fall back to "anon".
        rates = self.THROTTLE_RATES
        return rates.get(self.scope, rates.get("anon"))


# The throttles of the endpoints the editor calls as someone types.
EDITOR_THROTTLES = [EditorAnonThrottle, UserThrottle]
