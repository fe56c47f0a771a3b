"""The design page's "Size to meet SLOs" in Chromium: the proposal within the page at a
desktop's and a phone's width, and Apply saving it (no script needed)."""

import pytest

from designs.models import Design
from designs.services.designs import design_create
from tests.engine.test_sizing import _one_service


@pytest.mark.parametrize("width", [1400, 390])
def test_the_owner_sizes_and_applies_within_the_page(
    signed_in_page, user, transactional_db, screenshot, width
):
    # One service at 10,000 requests/s on one instance, a budget of $1,000: 15 instances
    # meet the utilisation target and cost $1,050, over the budget.
    design = design_create(owner=user, document=_one_service(monthly_budget=1000))
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/designs/{design.slug}/#slos")

    page.get_by_test_id("size").click()
    sizing = page.locator("#sizing")
    assert "1 → 15" in sizing.locator("#sizing-changes").inner_text()
    assert "$1,050/month" in sizing.locator("#sizing-figures").inner_text()
    assert "slos.monthly_budget" in sizing.get_by_test_id("sizing-unmet").inner_text()
    # Nothing spills past the page's width (the tables scroll inside their frames).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"design-page-sizing-{width}")

    page.get_by_test_id("size-apply").click()
    assert "Saved as version 2" in page.locator(".messages").inner_text()
    saved = Design.objects.get(pk=design.pk)
    assert saved.version == 2 and saved.document["components"][0]["instances"] == 15
