"""Practice without leaks in Chromium (issue 15): the URL shortener's fields show no number
(they once showed its answers), Twitter's requirements hide their "12K requests/s", and both
pages fit a phone. Screenshots at 1400 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

WIDTHS = {"wide": {"width": 1400, "height": 900}, "narrow": {"width": 390, "height": 844}}
FITS = "(width) => document.documentElement.scrollWidth <= width"


@pytest.mark.parametrize("size", list(WIDTHS))
def test_practice_pages_show_no_answer(anonymous_page, examples, screenshot, size):
    page = anonymous_page
    viewport = WIDTHS[size]
    page.set_viewport_size(viewport)

    page.goto("/designs/url-shortener/practice/")
    fields = page.locator(".guesses input")
    expect(fields).to_have_count(7)
    for index in range(7):
        placeholder = fields.nth(index).get_attribute("placeholder")
        assert placeholder and not re.search(r"\d", placeholder), placeholder
    expect(page.locator(".guesses .help").first).to_contain_text("K, M or B")
    page.wait_for_function(FITS, arg=viewport["width"], timeout=10_000)
    screenshot(page, f"practice-url-shortener-{size}")

    page.goto("/designs/twitter/practice/")
    expect(page.locator(".given")).to_contain_text(
        "a high request throughput ([hidden: you estimate this])")
    expect(page.locator(".given")).not_to_contain_text("12K")
    expect(page.locator(".given .description")).to_contain_text("200 million daily active users")
    page.wait_for_function(FITS, arg=viewport["width"], timeout=10_000)
    screenshot(page, f"practice-twitter-{size}")
