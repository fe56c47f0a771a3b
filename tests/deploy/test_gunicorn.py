"""The app as deployed: gunicorn, DEBUG=false, WhiteNoise, the content security policy."""

import json
import re
import time

import requests

from tests.deploy.conftest import browser_check


def test_it_serves_the_pages_with_a_content_security_policy(gunicorn_server):
    base_url, _ = gunicorn_server
    for path in ("/", "/designs/url-shortener/"):
        response = requests.get(base_url + path, timeout=60)
        assert response.status_code == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Request-ID"]


def test_it_serves_static_files_with_a_long_cache_header(gunicorn_server):
    base_url, _ = gunicorn_server
    page = requests.get(base_url + "/designs/url-shortener/", timeout=60).text
    plotly = re.search(r'src="(/static/vendor/plotly/plotly\.min\.[0-9a-f]{12}\.js)"', page)
    assert plotly, "plotly.js is not linked by its hashed name"
    response = requests.get(base_url + plotly.group(1), timeout=60,
                            headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache = response.headers["Cache-Control"]
    assert "immutable" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 86400


def test_it_logs_json_lines(gunicorn_server):
    base_url, log_path = gunicorn_server
    requests.get(base_url + "/help/", headers={"X-Request-ID": "probe-42"}, timeout=60)
    deadline = time.monotonic() + 10  # gunicorn writes the line once the response is sent
    while True:
        lines = [json.loads(line) for line in log_path.read_text().splitlines()
                 if line.startswith("{")]
        access = [line for line in lines if line.get("request_id") == "probe-42"]
        if access or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert access, log_path.read_text()[-2000:]
    assert access[-1]["status"] == 200 and access[-1]["path"] == "/help/"


def test_the_pages_run_under_the_policy_in_chromium(gunicorn_server):
    base_url, _ = gunicorn_server
    paths = ["/designs/url-shortener/", "/", "/compare/?designs=url-shortener,twitter",
             "/availability/", "/designs/whatsapp/practice/"]
    report = browser_check(base_url, paths)
    assert report["csp"] == []
    assert report["errors"] == []
    assert report["charts"]["/designs/url-shortener/"] >= 3  # Plotly drew under the policy
