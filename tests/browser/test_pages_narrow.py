"""Every page at 390 px (issue 14, item 5): nothing wider than the screen; the design page's
diagram fits and zooms; Plotly's toolbars clear the chart titles at 390 and 1400 px; the
compare table says that it scrolls sideways, and says nothing once it fits. One test visits
several pages: page loads are what cost time here."""

import pytest
from django.test import Client
from playwright.sync_api import expect

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 900}
# A function, not an expression: the pages' CSP refuses to evaluate a string.
FITS = "(width) => document.documentElement.scrollWidth <= width"


def _fits(page, width: int) -> None:
    page.wait_for_function(FITS, arg=width, timeout=10_000)


def _overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def _toolbars_clear_titles(page, count: int) -> None:
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(count)
    for index in range(count):
        chart = charts.nth(index)
        chart.hover()  # the toolbar shows on hover (or a tap)
        toolbar = chart.locator(".modebar").bounding_box()
        title = chart.locator(".gtitle").bounding_box()
        assert toolbar and title, f"chart {index} has no toolbar or no title"
        assert not _overlap(toolbar, title), f"chart {index}: {toolbar} covers {title}"


def _view_box(svg) -> list[float]:
    return [float(number) for number in svg.get_attribute("viewBox").split()]


def test_the_design_page_diagram_fits_390_px_zooms_and_pans(
    signed_in_page, examples, screenshot
):
    page = signed_in_page
    page.set_viewport_size(NARROW)
    page.goto("/designs/twitter/")
    _fits(page, 390)
    frame = page.get_by_test_id("diagram-frame")
    svg = frame.locator("svg")
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    whole = _view_box(svg)
    zoom_in = page.get_by_role("button", name="Zoom in on the diagram")
    zoom_out = page.get_by_role("button", name="Zoom out of the diagram")
    fit = page.get_by_role("button", name="Fit the whole diagram")
    expect(zoom_out).to_be_disabled()  # at fit there is nothing more to see

    zoom_in.click()
    zoom_in.click()
    zoomed = _view_box(svg)
    assert zoomed[2] == pytest.approx(whole[2] / 1.25 ** 2)  # a narrower view: closer
    expect(zoom_out).to_be_enabled()
    frame.press("ArrowRight")  # the keyboard pans the focused diagram
    assert _view_box(svg)[0] > zoomed[0]
    frame.press("-")
    assert _view_box(svg)[2] > zoomed[2]
    _fits(page, 390)  # zoomed in, the page still does not scroll sideways
    screenshot(page, "narrow-design-page-zoomed-390")
    fit.click()
    assert _view_box(svg) == whole
    expect(fit).to_be_disabled()
    expect(frame).to_be_focused()  # not lost with the button that is now disabled
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")  # Ctrl + wheel, as a trackpad's pinch arrives
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    expect(zoom_out).to_be_enabled()
    assert _view_box(svg)[2] < whole[2]
    fit.click()

    _toolbars_clear_titles(page, 4)
    page.set_viewport_size(WIDE)
    # Plotly's responsive charts redraw after the resize: two to a row, then check again.
    page.wait_for_function(
        "() => document.querySelector('#chart-traffic').getBoundingClientRect().width > 500")
    _toolbars_clear_titles(page, 4)


def test_the_compare_table_says_it_scrolls_at_390_px_and_not_at_1400(
    signed_in_page, examples, screenshot
):
    page = signed_in_page
    page.set_viewport_size(NARROW)
    page.goto("/compare/?designs=twitter,netflix,uber")
    _fits(page, 390)
    hint = page.get_by_test_id("compare-scroll-hint")
    shade = page.locator("#compare-shade")
    expect(page.get_by_test_id("compare-to-results")).to_be_visible()  # past the picker
    expect(hint).to_be_visible()
    expect(shade).to_have_class("scroll-shade more-right")  # the cut edge is shaded
    first_cell = page.locator("#compare-table tbody th").first
    before = first_cell.bounding_box()["x"]

    page.locator("#compare-scroll").evaluate("(box) => { box.scrollLeft = box.scrollWidth; }")
    expect(shade).to_have_class("scroll-shade more-left")  # at the end: only the left
    assert first_cell.bounding_box()["x"] == pytest.approx(before, abs=1)  # names stay in view
    _toolbars_clear_titles(page, 4)
    screenshot(page, "narrow-compare-390")

    page.set_viewport_size(WIDE)
    expect(hint).to_be_hidden()
    expect(shade).to_have_class("scroll-shade")
    expect(page.get_by_test_id("compare-to-results")).to_be_hidden()  # beside the picker
    _toolbars_clear_titles(page, 4)


def test_the_other_pages_fit_390_px(signed_in_page, user, examples, screenshot):
    page = signed_in_page
    page.set_viewport_size(NARROW)
    for name, url in (
        ("home", "/"), ("availability", "/availability/"), ("help", "/help/"),
        ("practice", "/designs/twitter/practice/"), ("report", "/designs/twitter/report/pdf/"),
        ("progress", "/account/progress/"), ("tokens", "/account/tokens/"),
    ):
        page.goto(url)
        _fits(page, 390)
        if name == "availability":  # the calculator's blocks stack: every field on screen
            field = page.locator("select[name='b1-redundancy']").bounding_box()
            assert field["x"] >= 0 and field["x"] + field["width"] <= 390
        if name == "practice":  # its diagram zooms as the design page's does
            svg = page.get_by_test_id("diagram-frame").locator("svg")
            whole = _view_box(svg)
            page.get_by_role("button", name="Zoom in on the diagram").click()
            assert _view_box(svg)[2] < whole[2]
            _fits(page, 390)
        screenshot(page, f"narrow-{name}-390")

    # The HTML report is a download: its document, opened as the reader's browser would.
    client = Client()
    client.force_login(user)
    report = client.get(f"/api/designs/{examples['twitter'].pk}/report.html")
    assert report.status_code == 200
    page.set_content(report.content.decode())
    _fits(page, 390)
    screenshot(page, "narrow-report-html-390")


def test_the_sign_in_pages_fit_390_px(anonymous_page, screenshot):
    page = anonymous_page
    page.set_viewport_size(NARROW)
    for name, url in (("login", "/account/login/"), ("signup", "/account/signup/")):
        page.goto(url)
        _fits(page, 390)
        screenshot(page, f"narrow-{name}-390")
