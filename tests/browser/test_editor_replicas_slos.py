"""The editor's controls for a component's replica_of, a route step's options (fan_out,
waits, timeout_ms, retries) and the design's SLOs, driven through the UI."""

import copy
import json
import re

from playwright.sync_api import expect

from designs.models import Design
from estimator.engine import validate
from tests.browser.conftest import ARTIFACTS

NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 1000}


def _add(page, kind: str) -> None:
    page.get_by_test_id(f"palette-{kind}").click()


def _select_component(page, key: str) -> None:
    page.get_by_test_id("tab-component").click()
    page.get_by_test_id("component-list").get_by_role(
        "button", name=re.compile(rf"\b{key} ·")
    ).click()


def _workload(page, name: str, kind: str, rate: str, route: list[str]) -> None:
    page.get_by_test_id("tab-workloads").click()
    page.get_by_test_id("add-workload").click()
    page.get_by_test_id("workload-field-name").fill(name)
    page.get_by_test_id("workload-field-kind").select_option(kind)
    page.get_by_test_id("workload-field-rate").fill(rate)
    for key in route:
        page.get_by_test_id("route-add-key").select_option(key)
        page.get_by_test_id("route-add").click()


def _option_values(select) -> list[str]:
    return select.locator("option").evaluate_all("options => options.map(o => o.value)")


def _fits_the_narrow_screen(page) -> None:
    # Waited for: the canvas takes the new width when its ResizeObserver has run.
    page.wait_for_function("(width) => document.documentElement.scrollWidth <= width",
                           arg=NARROW["width"])


def _both_widths(page, screenshot, name: str, shown) -> None:
    """Screenshots at 1400 px (the screen, the side panel scrolled to `shown`: it scrolls on
    its own there) and at 390 px (the whole page); at 390 px nothing is wider than the
    screen."""
    screenshot(page, f"{name}-1400")  # makes the folder
    shown.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{name}-1400.png"))
    page.set_viewport_size(NARROW)
    _fits_the_narrow_screen(page)
    screenshot(page, f"{name}-390")
    page.set_viewport_size(WIDE)


def test_build_a_primary_and_replica_a_step_with_timeout_and_retries_and_slos(
    signed_in_page, user, screenshot
):
    page = signed_in_page
    page.goto("/designs/new/")
    for kind in ("client", "service", "database", "database", "cache"):
        _add(page, kind)

    # The replica's select offers the other database only: not itself, not the cache.
    _select_component(page, "database2")
    replica_of = page.get_by_test_id("field-replica_of")
    assert _option_values(replica_of) == ["", "database"]
    replica_of.select_option("database")
    expect(page.get_by_test_id("component-list")).to_contain_text("replica of database")
    # A replica is no longer a possible primary for the first database.
    _select_component(page, "database")
    assert _option_values(page.get_by_test_id("field-replica_of")) == [""]
    expect(page.locator("#component-replica_of-hint")).to_contain_text("the primary of database2")

    _workload(page, "read", "read", "1000", ["client", "service", "database"])
    page.get_by_test_id("route-timeout-2").fill("50")
    page.get_by_test_id("route-retries-2").fill("2")
    page.get_by_test_id("route-fanout-1").fill("2")
    # Only a queue step may say the user waits: none here.
    expect(page.get_by_test_id("route-waits-1")).to_have_count(0)
    _workload(page, "write", "write", "100", ["client", "service", "database"])

    page.get_by_test_id("tab-design").click()
    page.get_by_test_id("design-name").fill("Replicated reads")
    page.get_by_test_id("slo-availability").fill("0.999")
    page.get_by_test_id("slo-p99-read").fill("200")
    page.get_by_test_id("slo-monthly_budget").fill("5000")
    # The server's echo says what the fraction and the amount mean.
    expect(page.locator("#design-slo-availability-hint")).to_contain_text("= 99.9%")
    expect(page.locator("#design-slo-monthly_budget-hint")).to_contain_text("= $5,000")
    expect(page.get_by_test_id("error-summary")).to_be_hidden()
    page.get_by_test_id("auto-layout").click()
    _both_widths(page, screenshot, "editor-slos", page.get_by_test_id("slo-box"))
    page.get_by_test_id("tab-workloads").click()
    page.get_by_test_id("workload-0").click()
    _both_widths(page, screenshot, "editor-route-options", page.get_by_test_id("route-list"))

    save = page.get_by_test_id("save")
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")
    expect(page.get_by_test_id("estimate-figures")).to_be_visible()

    document = Design.objects.get(owner=user).document
    components = {c["key"]: c for c in document["components"]}
    assert components["database2"]["replica_of"] == "database"
    assert "replica_of" not in components["database"]
    assert document["workloads"][0]["route"] == [
        "client",
        {"key": "service", "fan_out": 2},
        {"key": "database", "timeout_ms": 50, "retries": 2},
    ]
    assert document["workloads"][1]["route"] == ["client", "service", "database"]
    assert document["slos"] == {
        "availability": 0.999,
        "p99_ms": {"read": 200},
        "monthly_budget": 5000,
    }

    page.get_by_test_id("design-link").click()
    page.wait_for_url(re.compile(r"/designs/[\w-]+/$"))
    expect(page.locator("#diagram")).to_contain_text("replica of database")
    expect(page.get_by_test_id("slos-summary")).to_be_visible()
    table = page.locator("#slo-table")
    for kind in ("availability", "p99", "budget"):
        expect(table.locator(f'tr[data-slo="{kind}"]')).to_have_count(1)
    expect(table).to_contain_text("99.9%")
    screenshot(page, "design-page-slos-1400")
    page.set_viewport_size(NARROW)
    page.reload()
    expect(page.get_by_test_id("slos-summary")).to_be_visible()
    _fits_the_narrow_screen(page)
    screenshot(page, "design-page-slos-390")


def test_eleven_retries_show_the_engines_message_by_the_control(signed_in_page, screenshot):
    page = signed_in_page
    page.goto("/designs/new/")
    _add(page, "client")
    _add(page, "service")
    _workload(page, "read", "read", "10", ["client", "service"])
    # Each option is labelled with its step, and the keyboard goes fan-out, timeout, retries.
    retries = page.get_by_label("retries (step 2, service)")
    page.get_by_label("fan-out (step 2, service)").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("timeout ms (step 2, service)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(retries).to_be_focused()
    page.keyboard.type("11")

    document = page.evaluate("window.editor.document()")
    [error] = validate(document)
    assert error.path == "workloads[0].route[1].retries"
    option = page.locator(f'[data-paths="{error.path}"]')
    expect(option.get_by_test_id("field-error")).to_have_text(error.message)
    expect(retries).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("save")).to_be_disabled()
    _both_widths(page, screenshot, "editor-retries-error", option)

    retries.fill("3")
    expect(option.get_by_test_id("field-error")).to_have_count(0)
    assert page.evaluate("window.editor.document()")["workloads"][0]["route"][1] == {
        "key": "service",
        "retries": 3,
    }
    # No option left: the step is written back as its key.
    retries.fill("")
    expect(page.get_by_test_id("save")).to_be_enabled()
    assert page.evaluate("window.editor.document()")["workloads"][0]["route"] == [
        "client",
        "service",
    ]


ROUND_TRIP = {
    "name": "Round trip",
    "components": [
        {"key": "api", "kind": "service", "position": {"x": 0, "y": 0}},
        {"key": "events", "kind": "queue", "position": {"x": 200, "y": 0}},
        {"key": "db", "kind": "database", "position": {"x": 400, "y": 0}},
        {
            "key": "db-replica",
            "kind": "database",
            "replica_of": "db",
            "position": {"x": 400, "y": 100},
        },
    ],
    "links": [],
    "workloads": [
        {
            "name": "post",
            "kind": "write",
            "rate": 5,
            "route": ["api", {"key": "events", "waits": True, "timeout_ms": 250}, "db"],
        },
        {
            "name": "browse feed",
            "kind": "read",
            "rate": 50,
            "route": [{"key": "api", "fan_out": 3, "retries": 1}, "db-replica"],
        },
    ],
    "slos": {"availability": 0.9995, "p99_ms": {"browse feed": 120}, "monthly_budget": 900},
}


def test_the_json_tab_round_trips_the_new_fields_and_the_controls_show_them(signed_in_page):
    page = signed_in_page
    page.goto("/designs/new/")
    page.get_by_test_id("tab-json").click()
    page.get_by_test_id("json-text").fill(json.dumps(ROUND_TRIP))
    page.get_by_test_id("json-apply").click()

    _select_component(page, "db-replica")
    expect(page.get_by_test_id("field-replica_of")).to_have_value("db")
    page.evaluate("window.editor.selectWorkload(0)")
    expect(page.get_by_test_id("route-waits-1")).to_be_checked()
    expect(page.get_by_test_id("route-timeout-1")).to_have_value("250")
    # The waits box is ticked with the keyboard: Space on the focused box.
    page.get_by_test_id("route-waits-1").focus()
    page.keyboard.press("Space")
    expect(page.get_by_test_id("route-waits-1")).not_to_be_checked()
    page.keyboard.press("Space")
    page.evaluate("window.editor.selectWorkload(1)")
    expect(page.get_by_test_id("route-fanout-0")).to_have_value("3")
    expect(page.get_by_test_id("route-retries-0")).to_have_value("1")
    page.get_by_test_id("tab-design").click()
    expect(page.get_by_test_id("slo-availability")).to_have_value("0.9995")
    expect(page.get_by_test_id("slo-p99-browse feed")).to_have_value("120")
    expect(page.get_by_test_id("slo-monthly_budget")).to_have_value("900")
    assert page.evaluate("window.editor.document()") == ROUND_TRIP

    # A workload renamed keeps its p99 target; a target naming no workload shows its error.
    page.evaluate("window.editor.selectWorkload(1)")
    page.get_by_test_id("workload-field-name").fill("feed")
    assert page.evaluate("window.editor.document()")["slos"]["p99_ms"] == {"feed": 120}
    page.get_by_test_id("tab-json").click()
    changed = copy.deepcopy(ROUND_TRIP)
    changed["slos"]["p99_ms"] = {"search": 80}
    page.get_by_test_id("json-text").fill(json.dumps(changed))
    page.get_by_test_id("json-apply").click()
    page.get_by_test_id("tab-design").click()
    target = page.locator('[data-paths="slos.p99_ms.search"]')
    expect(target.get_by_test_id("field-error")).to_contain_text('no workload is called "search"')
    target.get_by_test_id("slo-p99-remove-search").click()
    expect(page.get_by_test_id("error-summary")).to_be_hidden()
    assert "p99_ms" not in page.evaluate("window.editor.document()")["slos"]
