"""Twitter's design page in Chromium at 1400 and 390 px: "The handbook's figures" table
(the handbook's figures from the one workload it counted) fits the screen, and the
utilisation chart has a bar for every component now that the read paths load them all."""

import pytest

SIZES = {"wide": {"width": 1400, "height": 900}, "narrow": {"width": 390, "height": 844}}
# A function, not an expression: the pages' CSP refuses to evaluate a string.
FITS = "(width) => document.documentElement.scrollWidth <= width"


@pytest.mark.parametrize("size", SIZES)
def test_the_twitter_page_shows_the_handbook_table_and_every_component_loaded(
    anonymous_page, examples, size, screenshot
):
    page = anonymous_page
    page.set_viewport_size(SIZES[size])
    page.goto("/designs/twitter/")

    table = page.locator("#handbook-figures-table")
    assert table.locator("tbody tr").count() == 6
    assert table.locator("td.level-hot").count() == 0
    assert "post tweet" in page.locator("#handbook-figures p").first.inner_text()
    page.wait_for_function(FITS, arg=SIZES[size]["width"], timeout=10_000)
    chart = page.locator("#chart-utilization")
    chart.locator(".main-svg").first.wait_for()
    drawn = len(examples["twitter"].document["components"]) - 1  # all but the clients
    assert chart.locator(".ytick").count() == drawn
    path = screenshot(page, f"design-page-twitter-handbook-{size}")
    # The two parts to look at, beside the whole page.
    page.locator("#handbook-figures").screenshot(path=str(path.with_name(f"{path.stem}-table.png")))
    chart.screenshot(path=str(path.with_name(f"{path.stem}-utilization.png")))
