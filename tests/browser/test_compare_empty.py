"""The compare page with a design without workloads, at 1400 and 390 px: its column says
nothing is estimated yet (one cell down the column), the next design is the base, and the
charts draw only the designs with figures."""

import pytest
from playwright.sync_api import expect

from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE

WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 390, "height": 844}
FITS = "(width) => document.documentElement.scrollWidth <= width"
# Each chart's bars: one trace per design, or one bar per design in a single trace.
BARS = "(node) => node.data.map((trace) => trace.x || trace.y).flat()"


@pytest.fixture
def empty(user, examples):
    from designs.services.designs import design_create

    return design_create(owner=user, slug="boxes", document={
        "name": "Boxes only",
        "components": [{"key": "lb", "kind": "load_balancer"}, {"key": "api", "kind": "service"},
                       {"key": "db", "kind": "database"}],
        "links": [{"from": "lb", "to": "api"}, {"from": "api", "to": "db"}]})


def test_an_empty_design_says_so_in_its_column_at_1400_and_390(
        signed_in_page, empty, screenshot):
    page = signed_in_page
    page.set_viewport_size(WIDE)
    page.goto("/compare/?designs=boxes,twitter,uber")

    nothing = page.get_by_test_id("compare-nothing-0")
    expect(nothing).to_have_text(NOTHING_ESTIMATED_SENTENCE)
    expect(page.get_by_test_id("compare-not-estimated")).to_contain_text("Boxes only")
    header = page.locator("#compare-table thead th").nth(2)
    expect(header).to_contain_text("base")  # Twitter, the first design with workloads
    table = page.locator("#compare-table").bounding_box()
    cell = nothing.bounding_box()
    assert cell["height"] > table["height"] / 2  # one cell down the whole column
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(4)
    bars = " ".join(map(str, charts.first.evaluate(BARS)))
    assert "Twitter" in bars and "Boxes only" not in bars
    screenshot(page, "compare-empty-1400")

    page.set_viewport_size(NARROW)
    page.wait_for_function(FITS, arg=390, timeout=10_000)
    expect(nothing).to_be_visible()
    screenshot(page, "compare-empty-390")
