import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.api.helpers import assert_error

ROOT = Path(__file__).resolve().parents[2]
URL = reverse("api:examples")
pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }


def test_it_throttles_anonymous_callers_with_a_json_429(api, low_rates):
    for _ in range(3):
        assert api.get(URL).status_code == 200

    response = api.get(URL)

    assert_error(response, 429, "", "Request was throttled")
    assert 0 < int(response["Retry-After"]) <= 60


def test_it_throttles_signed_in_callers_at_their_own_rate(owner_api, low_rates):
    for _ in range(5):
        assert owner_api.get(URL).status_code == 200

    assert_error(owner_api.get(URL), 429, "")


def test_anonymous_callers_count_against_their_own_rate_only(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute", "user": "2/minute"},
    }

    assert [api.get(URL).status_code for _ in range(6)] == [200] * 5 + [429]


def test_it_throttles_every_endpoint_including_the_token(api, low_rates):
    for _ in range(3):
        api.post(reverse("api:token"), {"username": "nobody", "password": "guess"})

    assert api.post(reverse("api:token"), {"username": "x", "password": "y"}).status_code == 429
    assert api.post(reverse("api:estimate"), {"name": "x"}).status_code == 429


def test_the_default_rates_come_from_settings(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]

    assert rates == {"anon": "60/minute", "user": "600/minute", "anon_editor": "600/minute"}


def _rates_with(**env: str) -> subprocess.CompletedProcess:
    code = "import config.settings as s; print(s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'])"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("API_THROTTLE_")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=60,
    )


def test_the_rates_are_read_from_the_environment():
    result = _rates_with(API_THROTTLE_ANON="10/hour", API_THROTTLE_USER="1000/day",
                         API_THROTTLE_ANON_EDITOR="100/minute")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "{'anon': '10/hour', 'user': '1000/day', 'anon_editor': '100/minute'}")


@pytest.mark.parametrize("value", ["lots", "60", "60/fortnight", "0/minute", "-1/second"])
def test_a_malformed_rate_stops_the_app_at_start_up(value):
    result = _rates_with(API_THROTTLE_ANON=value)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "API_THROTTLE_ANON" in result.stderr
