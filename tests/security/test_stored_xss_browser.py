"""Stored XSS in a real browser: the hostile design's pages draw (diagram, Plotly charts)
without running any of the markup."""

import pytest
from django.conf import settings
from django.test import Client

from designs.services.designs import design_create
from tests.deploy.conftest import browser_check
from tests.security.test_stored_xss import hostile

# Chromium on the pages: once, in the SQLite run, as the browser tests.
pytestmark = pytest.mark.rendering


def test_the_hostile_design_runs_no_markup(live_server, user, document):
    first = design_create(owner=user, document=hostile(document, "First"))
    second = design_create(owner=user, document=hostile(document, "Second"))
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    paths = [f"/designs/{first.slug}/", "/", f"/compare/?designs={first.slug},{second.slug}",
             f"/designs/{first.slug}/edit/", f"/designs/{first.slug}/practice/"]
    report = browser_check(live_server.url, paths, cookie)

    assert report["dialogs"] == []
    assert report["injected"] == []
    assert report["csp"] == []
    assert report["errors"] == []
    assert report["charts"][f"/designs/{first.slug}/"] >= 3
