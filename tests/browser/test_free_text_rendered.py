"""The design page's free text in Chromium, at 1400 and 390 px: Uber's requirements,
data model and API design rendered from Markdown (lists, code), inside the screen's width."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

WIDTHS = {"wide": {"width": 1400, "height": 900}, "narrow": {"width": 390, "height": 844}}
# A function, not an expression: the pages' CSP refuses to evaluate a string.
RIGHT_EDGE = "(element) => element.getBoundingClientRect().right"


@pytest.mark.parametrize("size", WIDTHS)
def test_the_requirements_show_as_lists_and_code(anonymous_page, examples, size):
    page = anonymous_page
    page.set_viewport_size(WIDTHS[size])
    page.goto("/designs/uber/")
    section = page.locator("#requirements")

    functional = page.get_by_test_id("requirements-functional")
    expect(functional.locator("li").first).to_be_visible()
    expect(functional.locator("li")).to_have_count(6)  # three for customers, three for drivers
    expect(functional).not_to_contain_text("- See")
    expect(page.get_by_test_id("api_design").locator("code").first).to_be_visible()
    expect(section).not_to_contain_text("`")
    for block in section.locator(".free-text").all():
        assert block.evaluate(RIGHT_EDGE) <= WIDTHS[size]["width"]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    section.screenshot(path=str(ARTIFACTS / f"free-text-requirements-{size}.png"))
