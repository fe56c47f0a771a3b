"""End-to-end tests in headless Chromium (Playwright driving Debian's `chromium`).

Pages are served by pytest-django's live_server; estimates are computed
in-process. Every page a test opens is watched for console errors and
uncaught exceptions, which fail the test. Screenshots go to
test-artifacts/screenshots/. Without Chromium these tests skip, unless
REQUIRE_SERVICES=1, which makes them fail.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which(
        "chromium-browser"
    )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect

    # The same patience for assertions as for actions: on two loaded CI cores Chromium
    # can take longer than expect's default 5 s to parse plotly.js (3.5 MB) and draw.
    expect.set_options(timeout=15_000)
    path = _chromium_path()
    if path is None:
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleWatch:
    """Collects console errors and uncaught page errors of every page in a context."""

    def __init__(self):
        self.errors: list[str] = []

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"console: {m.text} ({page.url})"))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e} ({page.url})"))


def _new_context(browser, live_server, watch: ConsoleWatch, session_cookie: str | None = None,
                 **options):
    """A context on the live server (`options` for browser.new_context: a viewport, touch)."""
    context = browser.new_context(
        base_url=live_server.url, **{"viewport": {"width": 1400, "height": 1000}, **options}
    )
    context.set_default_timeout(15_000)
    if session_cookie:
        context.add_cookies([{
            "name": django_settings.SESSION_COOKIE_NAME, "value": session_cookie,
            "url": live_server.url,
        }])
    context.on("page", watch.attach)
    return context


@pytest.fixture
def console_watch():
    watch = ConsoleWatch()
    yield watch
    assert watch.errors == [], "the browser logged errors:\n" + "\n".join(watch.errors)


@pytest.fixture
def anonymous_page(browser, live_server, console_watch):
    context = _new_context(browser, live_server, console_watch)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def touch_page(browser, live_server, console_watch):
    """touch_page(width, height): a page of a touch screen that size (a tablet, a phone),
    anonymous; is_mobile makes Chromium honour the page's viewport tag as a phone does."""
    contexts = []

    def open_page(width: int, height: int):
        context = _new_context(browser, live_server, console_watch,
                               viewport={"width": width, "height": height}, has_touch=True,
                               is_mobile=True)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def signed_in_page(browser, live_server, console_watch, user):
    """A page in a browser signed in as `user`."""
    context = _new_context(browser, live_server, console_watch, _session_for(user))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, name): a full-page PNG under test-artifacts/screenshots/."""

    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def examples(transactional_db):
    from designs.services.examples import examples_load

    return {design.slug: design for design in examples_load()}
