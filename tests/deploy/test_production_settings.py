"""The production block of config/settings.py, loaded in a fresh interpreter."""

import json
import subprocess
import sys

from tests.deploy.conftest import ROOT, production_env

SHOW = (
    "import json, config.settings as s; print(json.dumps({"
    "'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), 'csrf': s.CSRF_TRUSTED_ORIGINS, "
    "'secure': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE], "
    "'storage': s.STORAGES['staticfiles']['BACKEND'], 'middleware': s.MIDDLEWARE, "
    "'log': s.LOGGING['handlers']['stdout']['formatter']}))"
)


def _load(tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {**production_env(tmp_path, 8000), **env}
    environment.pop("SECURE_SSL_REDIRECT")
    environment.update(env)
    return subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)


def test_debug_off_turns_on_the_production_settings(tmp_path):
    result = _load(tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["ssl"] is True and loaded["hsts"] == 31_536_000
    assert loaded["secure"] == [True, True]
    assert loaded["storage"] == "config.staticfiles.ManifestStaticFilesStorage"
    assert loaded["middleware"].index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        loaded["middleware"].index("django.middleware.security.SecurityMiddleware") + 1)
    assert loaded["log"] == "json"
    assert loaded["proxy"] is None


def test_a_load_balancer_is_configured_from_the_environment(tmp_path):
    result = _load(
        tmp_path, SECURE_SSL_REDIRECT="false", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        CSRF_TRUSTED_ORIGINS="https://a.example.com,https://b.example.com", LOG_FORMAT="text",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["ssl"] is False
    assert loaded["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert loaded["csrf"] == ["https://a.example.com", "https://b.example.com"]
    assert loaded["log"] == "text"


def test_malformed_values_stop_the_start(tmp_path):
    for name, value in (("SECURE_SSL_REDIRECT", "maybe"), ("SECURE_HSTS_SECONDS", "-1"),
                        ("LOG_FORMAT", "xml")):
        result = _load(tmp_path, **{name: value})
        assert result.returncode != 0, name
        assert name in result.stderr, name
