"""The pattern library in a browser: the list filters by name, and the list and a pattern
page fit 1400 and 390 px (screenshots in test-artifacts/)."""

import re

from playwright.sync_api import expect

from estimator.present import patterns
from tests.browser.conftest import ARTIFACTS

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 900}
# A function, not an expression: the pages' CSP refuses to evaluate a string.
FITS = "(width) => document.documentElement.scrollWidth <= width"


def test_the_pattern_list_filters_by_name_and_fits(anonymous_page, screenshot):
    page = anonymous_page
    page.set_viewport_size(WIDE)
    page.goto("/patterns/")
    items = page.get_by_test_id("pattern-item")
    expect(items).to_have_count(len(patterns.patterns()))
    screenshot(page, "patterns-list-1400")

    page.get_by_test_id("pattern-filter").fill("cache")
    visible = page.locator("[data-testid='pattern-item']:visible")
    expect(visible.first).to_be_visible()
    names = [name.lower() for name in visible.locator("a").all_inner_texts()]
    assert "cache-aside" in names and "circuit breaker" not in names

    page.get_by_test_id("pattern-filter").fill("no such thing")
    expect(page.locator("#pattern-none")).to_be_visible()

    page.get_by_test_id("pattern-filter").fill("")
    page.set_viewport_size(NARROW)
    page.wait_for_function(FITS, arg=390, timeout=10_000)
    screenshot(page, "patterns-list-390")


def test_a_pattern_page_fits_and_links_the_examples_using_it(anonymous_page, screenshot):
    page = anonymous_page
    for size, name in ((WIDE, "1400"), (NARROW, "390")):
        page.set_viewport_size(size)
        page.goto("/patterns/cache-aside/")
        expect(page.get_by_role("heading", name="What it does to the figures")).to_be_visible()
        expect(page.get_by_test_id("pattern-uses").get_by_role("link", name="URL shortener")
               ).to_be_visible()
        page.wait_for_function(FITS, arg=size["width"], timeout=10_000)
        screenshot(page, f"pattern-cache-aside-{name}")


def test_a_remedy_on_the_design_page_opens_its_pattern(anonymous_page, examples):
    page = anonymous_page
    page.set_viewport_size(NARROW)
    page.goto("/designs/url-shortener/")
    link = page.locator("#bottlenecks").get_by_test_id("remedy-pattern").first
    name = link.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#bottlenecks").screenshot(path=str(ARTIFACTS / "design-remedy-links-390.png"))

    link.click()

    expect(page).to_have_url(re.compile(f"/patterns/{patterns.slug_for_remedy(name)}/$"))
    expect(page.get_by_role("heading", name="What it does to the figures")).to_be_visible()
