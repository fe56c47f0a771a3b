"""The editor on touch screens (a tablet at 768 px, a phone at 390 px: tap to add, Link mode,
the panel as a bottom sheet, gestures on the canvas) and the mouse's link handle."""

from playwright.sync_api import expect

NODE_CENTRE = """(label) => {
  const node = window.editor.cy.nodes("[?doc]")
    .filter((n) => n.data("label").split("\\n")[0] === label);
  const box = document.getElementById("canvas").getBoundingClientRect();
  const p = node.renderedPosition();
  return {x: box.left + p.x, y: box.top + p.y};
}"""

VIEW = """() => {
  const cy = window.editor.cy;
  const box = cy.elements("[?doc]").boundingBox();
  const view = cy.extent();
  return {zoom: cy.zoom(), pan: cy.pan(), scrollY: window.scrollY, inView: box.w > 0 &&
    box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2};
}"""


def _centre(page, label: str) -> tuple[float, float]:
    point = page.evaluate(NODE_CENTRE, label)
    return point["x"], point["y"]


def _tap_node(page, label: str) -> None:
    page.touchscreen.tap(*_centre(page, label))


def _label(page, index: int) -> str:
    return page.evaluate("(i) => window.editor.cy.nodes('[?doc]')[i].data('label')", index)


def _gesture(page, start: list[tuple], end: list[tuple], steps: int = 6) -> None:
    """Fingers put down at `start` and moved to `end` (one or two: a pan or a pinch)."""
    cdp = page.context.new_cdp_session(page)

    def send(kind: str, points) -> None:
        cdp.send("Input.dispatchTouchEvent", {
            "type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in
                                          enumerate(points)]})

    send("touchStart", start)
    for step in range(1, steps + 1):
        send("touchMove", [(x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps)
                           for (x0, y0), (x1, y1) in zip(start, end, strict=True)])
    send("touchEnd", [])
    cdp.detach()


def test_a_tablet_adds_links_and_edits_by_touch(touch_page, transactional_db, screenshot):
    page = touch_page(768, 1024)
    page.goto("/designs/new/")
    sheet = page.locator("#side-panel")
    expect(sheet).to_have_attribute("data-sheet", "collapsed")

    # A tap on the palette puts the component in the middle of the view and opens its fields.
    page.get_by_test_id("palette-service").tap()
    page.get_by_test_id("palette-database").tap()
    assert [c["key"] for c in page.evaluate("window.editor.document()")["components"]] == [
        "service", "database"]
    expect(sheet).to_have_attribute("data-sheet", "open")
    expect(page.get_by_test_id("field-name")).to_be_visible()

    # Link mode: a tap on one component, then on the other.
    link = page.get_by_test_id("connect-mode")
    banner = page.get_by_test_id("link-banner")
    link.tap()
    expect(link).to_have_attribute("aria-pressed", "true")
    expect(sheet).to_have_attribute("data-sheet", "collapsed")  # the canvas is free to tap
    expect(banner).to_contain_text("Tap the component to link from")
    _tap_node(page, "service")
    expect(banner).to_contain_text("Tap the component to link service to")
    _tap_node(page, "database")
    expect(banner).to_contain_text("Linked service to database.")
    assert page.evaluate("window.editor.document()")["links"] == [
        {"from": "service", "to": "database"}]
    link.tap()
    expect(banner).to_be_hidden()
    link.tap()
    page.keyboard.press("Escape")  # a keyboard leaves it too
    expect(link).to_have_attribute("aria-pressed", "false")

    # Out of link mode a tap selects: the sheet shows its fields, an edit relabels the node.
    _tap_node(page, "service")
    expect(page.locator("#component-heading")).to_contain_text("service")
    page.get_by_test_id("field-name").fill("Orders API")
    page.wait_for_function("() => window.editor.cy.nodes('[?doc]')[0].data('label')"
                           ".startsWith('Orders API\\n')")
    screenshot(page, "editor-touch-768")

    # One finger on the background pans the canvas and not the page; two fingers zoom.
    page.get_by_test_id("sheet-toggle").tap()
    expect(sheet).to_have_attribute("data-sheet", "collapsed")
    before = page.evaluate(VIEW)
    box = page.get_by_test_id("canvas").bounding_box()
    corner = (box["x"] + 30, box["y"] + 30)
    _gesture(page, [corner], [(corner[0] + 80, corner[1] + 60)])
    panned = page.evaluate(VIEW)
    assert panned["pan"]["x"] > before["pan"]["x"] + 40
    assert panned["scrollY"] == before["scrollY"]
    middle = (box["x"] + box["width"] / 2, box["y"] + 40)
    _gesture(page, [(middle[0] - 30, middle[1]), (middle[0] + 30, middle[1])],
             [(middle[0] - 150, middle[1]), (middle[0] + 150, middle[1])])
    assert page.evaluate(VIEW)["zoom"] > panned["zoom"] * 1.5


def test_a_phone_shows_the_live_canvas_and_edits_a_workload(touch_page, transactional_db,
                                                            screenshot):
    page = touch_page(390, 844)
    page.goto("/designs/new/?template=three-tier-web-app")
    expect(page.get_by_test_id("live-status")).to_contain_text("Nothing past capacity")
    page.wait_for_function("(w) => document.documentElement.scrollWidth <= w", arg=390)
    # The whole diagram in view, laid out top to bottom on the upright canvas: readable.
    view = page.evaluate(VIEW)
    assert view["inView"] and view["zoom"] >= 0.7

    page.get_by_test_id("tab-workloads").tap()
    page.get_by_test_id("workload-list").get_by_role("button").first.tap()
    peak = page.locator('[data-live="peak_rps"]')
    before = peak.text_content()
    page.get_by_test_id("workload-field-per_user_per_day").fill("200")
    assert page.evaluate("window.editor.document()")["workloads"][0]["per_user_per_day"] == 200
    expect(peak).not_to_have_text(before)  # the live estimate follows the edit
    panel = page.evaluate("() => { const p = document.getElementById('side-panel');"
                          " return [p.scrollWidth, p.clientWidth]; }")
    assert panel[0] <= panel[1]  # the sheet does not scroll sideways either
    page.wait_for_function("(w) => document.documentElement.scrollWidth <= w", arg=390)
    screenshot(page, "editor-touch-390")


CHAIN = ["client", "load_balancer", "service", "cache", "queue", "worker", "database",
         "search", "object_store", "cdn", "dns", "external"]


def test_the_link_handle_comes_back_on_the_component_just_linked_to(anonymous_page,
                                                                    transactional_db):
    # A drag from the handle ends with the pointer on the component it linked to: that
    # component's handle must show for the next link without leaving it first.
    page = anonymous_page
    page.goto("/designs/new/")
    keys = [page.evaluate("([k, x, y]) => window.editor.addComponent(k, null, x, y)",
                          [kind, 220 * (i % 4), 140 * (i // 4)]) for i, kind in enumerate(CHAIN)]
    page.get_by_test_id("fit").click()
    handle = page.locator("#link-handle")
    for source, target in zip(keys, keys[1:], strict=False):
        page.mouse.move(*_centre(page, source), steps=2)
        expect(handle).to_be_visible(timeout=2000)
        box = handle.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=2)
        page.mouse.down()
        page.mouse.move(*_centre(page, target), steps=8)
        page.mouse.up()
    links = page.evaluate("window.editor.document()")["links"]
    assert links == [{"from": a, "to": b} for a, b in zip(keys, keys[1:], strict=False)]
