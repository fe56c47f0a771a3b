"""Failure what-ifs on the editor's live canvas: a component failed, instances lost or a zone
down change the nodes and the live strip to the degraded design's, and none of it is an edit
(static/designs/editor/scenario.js, failures.js; POST /api/validate/?live=1 with failures)."""

import json
import re

from playwright.sync_api import expect

from tests.browser.test_editor_live import _expect_node, _node, _open_fork

DOCUMENT = "() => JSON.stringify(window.editor.document())"


def _select(page, name: str) -> None:
    # On a phone the panel is a bottom sheet: opened first when it is folded away.
    toggle = page.get_by_test_id("sheet-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.get_by_test_id("component-list").get_by_role("button", name=re.compile(name)).click()


def test_failing_the_database_stops_the_workloads_and_clear_all_brings_the_figures_back(
        signed_in_page, user, examples, screenshot):
    page = signed_in_page
    fork = _open_fork(page, examples["url-shortener"], user)
    _expect_node(page, "URL database", "at peak", "ok")
    availability = page.locator('[data-live="availability"]')
    served = page.locator('[data-live="requests_served"]')
    availability_before, served_before = availability.text_content(), served.text_content()
    document_before = page.evaluate(DOCUMENT)
    expect(page.get_by_test_id("whatif-banner")).to_be_hidden()

    # Failed from the keyboard: the checkbox on the database's panel.
    _select(page, "URL database")
    page.get_by_test_id("fail-component").focus()
    page.keyboard.press("Space")

    down = _expect_node(page, "URL database", "\ndown", "down")
    assert "at peak" not in down["label"]
    expect(availability).to_have_text("0%")
    expect(page.get_by_test_id("live-stopped")).to_have_text(
        "2 workloads stopped: 'shorten', 'redirect'.")
    expect(page.get_by_test_id("live-availability-left")).to_contain_text("redirect 0%")
    expect(page.get_by_test_id("live-retries")).to_contain_text("Retry amplification: none")
    expect(page.get_by_test_id("whatif-text")).to_have_text("URL database down")
    expect(page.get_by_test_id("live-status")).to_contain_text("What-if estimate")
    expect(page.get_by_test_id("instances-lost")).to_be_disabled()
    screenshot(page, "editor-failures-database-down")

    # Six of the redirection service's twelve instances lost, beside the database down.
    _select(page, "Redirection service")
    page.get_by_test_id("instances-lost").fill("6")
    fewer = _expect_node(page, "Redirection service", "129% at peak", "hot")
    assert page.evaluate("() => window.editor.failures()") == {
        "failed": ["db"], "lost_instances": {"redirect": 6}, "zones": []}
    assert "x6 of 12" in fewer["label"]
    expect(page.get_by_test_id("whatif-text")).to_have_text(
        "URL database down, Redirection service: 6 of 12 instances lost")

    checks = []
    page.on("request", lambda r: "/api/validate/" in r.url and checks.append(r.post_data_json))
    page.get_by_test_id("clear-failures").click()

    _expect_node(page, "Redirection service", "64% at peak", "ok")
    assert "document" not in checks[-1] and checks[-1]["name"]  # a bare document again
    assert "x12\n" in _node(page, "Redirection service")["label"]
    assert _node(page, "URL database")["band"] == "ok"
    expect(availability).to_have_text(availability_before)
    expect(served).to_have_text(served_before)
    expect(page.get_by_test_id("whatif-banner")).to_be_hidden()
    expect(page.get_by_test_id("live-failures")).to_be_hidden()
    expect(page.get_by_test_id("instances-lost")).to_have_value("0")
    # A what-if is no edit: nothing to save, nothing to undo, the document as it was.
    assert page.evaluate(DOCUMENT) == document_before
    expect(page.get_by_test_id("undo")).to_be_disabled()
    expect(page.get_by_test_id("save-status")).not_to_contain_text("Unsaved")
    fork.refresh_from_db()
    assert fork.version == 1


def test_a_zone_down_takes_its_components(signed_in_page, user, examples, screenshot):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    _expect_node(page, "URL database", "at peak", "ok")
    page.get_by_test_id("failures-button").click()
    expect(page.get_by_test_id("failures-panel")).to_contain_text("No component has a zone")
    for name in ("URL database", "Analytics service"):
        _select(page, name)
        page.get_by_test_id("field-zone").fill("eu-1")

    expect(page.get_by_test_id("zone-down")).to_have_count(1)
    expect(page.get_by_text("No component has a zone")).to_be_hidden()
    page.get_by_label("Zone eu-1 down").check()

    _expect_node(page, "URL database", "\ndown", "down")
    _expect_node(page, "Analytics service", "\ndown", "down")
    assert _node(page, "Redirection service")["band"] == "ok"
    expect(page.locator('[data-live="availability"]')).to_have_text("0%")
    expect(page.get_by_test_id("whatif-text")).to_have_text("zone eu-1 down")
    expect(page.locator("#fail-component-hint")).to_have_text("Down with zone eu-1.")
    screenshot(page, "editor-failures-zone-down")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("failures-panel")).to_be_hidden()
    expect(page.get_by_test_id("failures-button")).to_have_text("Failures (1)")

    # With the what-if on, the draft's own errors still land at their fields (the answer's
    # "document." prefix taken off) and pause the strip.
    page.get_by_test_id("field-instances").fill("-3")
    expect(page.get_by_test_id("field-error")).to_contain_text("must not be negative")
    expect(page.get_by_test_id("error-summary")).to_contain_text("components[8].instances")
    expect(page.get_by_test_id("error-summary")).not_to_contain_text("document.")
    expect(page.get_by_test_id("live-status")).to_contain_text("the draft has 1 problem")
    expect(page.get_by_test_id("live-failures")).to_be_hidden()

    # Undo takes back the edits, not the what-if; the zone gone, the what-if goes too.
    for _ in range(3):
        page.get_by_test_id("undo").click()
    expect(page.get_by_test_id("undo")).to_be_disabled()
    _expect_node(page, "URL database", "at peak", "ok")
    expect(page.get_by_test_id("whatif-banner")).to_be_hidden()


def test_the_what_if_reads_at_phone_width_and_outlives_a_new_document(
        signed_in_page, user, examples, screenshot):
    page = signed_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    _open_fork(page, examples["url-shortener"], user)
    _expect_node(page, "URL database", "at peak", "ok")
    _select(page, "URL database")
    page.get_by_test_id("fail-component").check()
    _expect_node(page, "URL database", "\ndown", "down")
    expect(page.get_by_test_id("live-retries")).to_have_text(
        "Retry amplification: none (no route step has a timeout or retries).")

    # Retries on the database's step, through the JSON tab (a new document, new objects):
    # the what-if stays, and the strip shows the retry storm on the component down.
    document = page.evaluate("() => window.editor.document()")
    for workload in document["workloads"]:
        workload["route"] = [{"key": "db", "timeout_ms": 300, "retries": 2} if step == "db"
                             else step for step in workload["route"]]
    page.get_by_test_id("tab-json").click()
    page.get_by_test_id("json-text").fill(json.dumps(document))
    page.get_by_test_id("json-apply").click()

    retries = page.get_by_test_id("live-retries")
    expect(retries).to_contain_text("shorten → URL database: 1 → 3 attempts a call")
    expect(retries).to_contain_text("calls lost <0.0001% → 100%")
    expect(retries).to_contain_text("URL database load at peak 1,620/s → 4,861/s")
    _expect_node(page, "URL database", "\ndown", "down")
    expect(page.get_by_test_id("whatif-text")).to_have_text("URL database down")
    banner = page.get_by_test_id("whatif-banner").bounding_box()
    assert banner["x"] >= 0 and banner["x"] + banner["width"] <= 390
    page.get_by_test_id("whatif-banner").scroll_into_view_if_needed()
    screenshot(page, "editor-failures-390")

    page.get_by_test_id("clear-failures").click()
    _expect_node(page, "URL database", "at peak", "ok")
    expect(page.get_by_test_id("live-failures")).to_be_hidden()
