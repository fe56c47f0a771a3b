"""The editor's live estimate: an edit changes a node's load and the live strip, unsaved
(POST /api/estimate/live/, estimator.present.live)."""

import re

from playwright.sync_api import expect

from designs.models import Design
from designs.services.designs import design_fork


def _open_fork(page, example, user) -> Design:
    """The editor on the user's own copy of a handbook example (as its Fork button makes)."""
    fork = design_fork(design=example, owner=user)
    page.goto(f"/designs/{fork.slug}/edit/")
    return fork

NODE = """(name) => {
  const node = window.editor.cy.nodes().filter((n) => n.data("label").startsWith(name + "\\n"));
  return node.empty() ? null : {label: node.data("label"), band: node.data("live"),
    fill: node.style("background-color"), first: node.hasClass("live-first")};
}"""


def _node(page, name: str) -> dict:
    return page.evaluate(NODE, name)


def _expect_node(page, name: str, words: str, band: str) -> dict:
    page.wait_for_function(
        f"([name, words, band]) => {{ const n = ({NODE})(name); "
        "return n && n.label.includes(words) && n.band === band; }", arg=[name, words, band])
    return _node(page, name)


def test_fewer_instances_turn_a_node_past_capacity_then_back(signed_in_page, user, examples,
                                                             screenshot):
    page = signed_in_page
    fork = _open_fork(page, examples["url-shortener"], user)
    strip = page.get_by_test_id("live-strip")
    status = page.get_by_test_id("live-status")
    expect(status).to_contain_text("Nothing past capacity.")
    before = _expect_node(page, "Redirection service", "64% at peak", "ok")
    served = page.locator('[data-live="requests_served"]')
    served_before = served.text_content()
    expect(page.locator('[data-live="peak_rps"]')).to_have_text("7,793/s")
    expect(page.locator('[data-live="p99-0"]')).not_to_be_empty()

    page.get_by_test_id("component-list").get_by_role(
        "button", name=re.compile("Redirection service")).click()
    page.get_by_test_id("field-instances").fill("4")

    after = _expect_node(page, "Redirection service", "193% at peak", "hot")
    assert after["fill"] != before["fill"]
    assert after["first"] and "first to saturate" in after["label"]
    assert "bottleneck" in after["label"]
    expect(status).to_contain_text("Past capacity: Redirection service.")
    expect(strip).to_have_attribute("data-state", "over")
    expect(served).not_to_have_text(served_before)
    expect(page.get_by_test_id("save-status")).not_to_contain_text("Saved")
    fork.refresh_from_db()
    assert fork.version == 1  # nothing was saved
    screenshot(page, "editor-live-past-capacity")

    page.get_by_test_id("field-instances").fill("12")

    back = _expect_node(page, "Redirection service", "64% at peak", "ok")
    assert back["fill"] == before["fill"]
    expect(status).to_contain_text("Nothing past capacity.")
    expect(served).to_have_text(served_before)


def test_an_invalid_draft_pauses_the_strip_and_a_new_design_asks_for_a_workload(
        signed_in_page, user, examples):
    page = signed_in_page
    page.goto("/designs/new/")
    expect(page.get_by_test_id("live-status")).to_contain_text("No workloads yet")

    _open_fork(page, examples["url-shortener"], user)
    _expect_node(page, "Redirection service", "64% at peak", "ok")
    page.get_by_test_id("component-list").get_by_role(
        "button", name=re.compile("Redirection service")).click()
    page.get_by_test_id("field-instances").fill("-3")

    expect(page.get_by_test_id("live-status")).to_contain_text("the draft has 1 problem")
    expect(page.get_by_test_id("live-strip")).to_have_attribute("data-state", "invalid")
    assert _node(page, "Redirection service")["band"] == ""
    expect(page.get_by_test_id("field-error")).to_contain_text("must not be negative")


def test_the_strip_reads_at_phone_width(signed_in_page, user, examples, screenshot):
    page = signed_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    _open_fork(page, examples["twitter"], user)
    expect(page.get_by_test_id("live-slo").first).to_be_visible()
    strip = page.get_by_test_id("live-strip").bounding_box()
    assert strip["x"] >= 0 and strip["x"] + strip["width"] <= 390
    screenshot(page, "editor-live-390")


def test_an_edit_costs_one_check_that_brings_errors_echo_and_the_live_canvas(
        signed_in_page, user, examples):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    _expect_node(page, "Redirection service", "64% at peak", "ok")
    checks = []
    page.on("request", lambda r: "/api/" in r.url and checks.append((r.method, r.url)))
    page.get_by_test_id("component-list").get_by_role(
        "button", name=re.compile("Redirection service")).click()
    page.get_by_test_id("field-instances").fill("4")

    _expect_node(page, "Redirection service", "193% at peak", "hot")
    assert [(method, url.split("/api/", 1)[1]) for method, url in checks] == [
        ("POST", "validate/?live=1")]


ERRORED = """() => window.editor.cy.nodes('.has-error')
  .map((n) => n.data('label').split('\\n')[0])"""


def test_an_error_shows_at_the_field_on_the_node_and_in_the_summary_by_name(
        signed_in_page, user, examples, screenshot):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    _expect_node(page, "URL database", "at peak", "ok")
    page.get_by_test_id("component-list").get_by_role(
        "button", name=re.compile("URL database")).click()

    page.get_by_test_id("field-instances").fill("0")

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Component URL database: instances")
    expect(summary).not_to_contain_text("Component db")  # the key routes use, not the name
    field = page.get_by_test_id("field-instances")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#component-fields [data-testid=field-error]").first).to_be_visible()
    page.wait_for_function(f"() => ({ERRORED})().length === 1")
    assert page.evaluate(ERRORED) == ["URL database"]
    screenshot(page, "editor-error-on-node")

    field.fill("2")
    expect(summary).to_be_hidden()
    page.wait_for_function(f"() => ({ERRORED})().length === 0")
