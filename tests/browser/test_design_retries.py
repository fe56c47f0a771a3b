"""The design page of a design as people draw it, in Chromium: its retry amplification
table, and the what-if panel showing the amplification when the flaky payment API fails."""

import copy

import pytest

from designs.services.designs import design_create
from tests.engine.test_drawn_design import DRAWN


@pytest.mark.parametrize("width", [1400, 390])
def test_the_payment_api_down_shows_three_attempts_per_call(
    signed_in_page, user, transactional_db, screenshot, width
):
    design = design_create(owner=user, document=copy.deepcopy(DRAWN))
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"/designs/{design.slug}/#retries")
    section = page.locator("#retries")
    rows = section.locator("#retries-step-table tbody tr")
    assert rows.count() == 1
    assert "checkout → payments" in rows.first.inner_text()
    assert "1.01" in rows.first.inner_text()  # 1 + q + q^2 at q = 1%

    page.get_by_test_id("whatif-down-payments").check()
    page.get_by_test_id("whatif-submit").click()
    result = page.get_by_test_id("whatif-result")
    result.get_by_text("Stopped: checkout.").wait_for()
    table = result.locator("[data-testid=whatif-retries]")
    table.wait_for()
    cells = table.locator("tr").nth(1).inner_text()
    assert "1.01" in cells and "3" in cells and "100%" in cells
    assert "300/s" in result.inner_text()
    # Nothing spills past the page's width (the tables scroll inside their frames).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"design-page-retries-whatif-{width}")
