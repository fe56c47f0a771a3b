"""The editor, the design page and compare, driven through the UI as a person would."""

import re

from playwright.sync_api import expect

from designs.models import Design


def _add(page, kind: str) -> None:
    page.get_by_test_id(f"palette-{kind}").click()


def _link(page, source: str, target: str) -> None:
    page.get_by_test_id("tab-component").click()
    components = page.get_by_test_id("component-list")
    components.get_by_role("button", name=re.compile(source)).first.click()
    page.get_by_test_id("link-target").select_option(target)
    page.get_by_test_id("link-add").click()


def _workload(page, name: str, kind: str, rate: str, sizes: dict, route: list[str]) -> None:
    page.get_by_test_id("tab-workloads").click()
    page.get_by_test_id("add-workload").click()
    page.get_by_test_id("workload-field-name").fill(name)
    page.get_by_test_id("workload-field-kind").select_option(kind)
    page.get_by_test_id("workload-field-rate").fill(rate)
    page.get_by_test_id("workload-field-per").select_option("month")
    for field, value in sizes.items():
        page.get_by_test_id(f"workload-field-{field}").fill(value)
    for key in route:
        page.get_by_test_id("route-add-key").select_option(key)
        page.get_by_test_id("route-add").click()


def _save_and_open(page) -> None:
    save = page.get_by_test_id("save")
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")
    expect(page.get_by_test_id("estimate-figures")).to_be_visible()
    # The figures as the server wrote them (the API's headline rows).
    expect(page.get_by_test_id("estimate-figures")).to_contain_text("/s (peak ")
    page.get_by_test_id("design-link").click()
    page.wait_for_url(re.compile(r"/designs/[\w-]+/$"))


def test_build_a_url_shortener_from_a_blank_canvas(signed_in_page, user, screenshot):
    page = signed_in_page
    page.goto("/designs/new/")
    for kind in ("client", "load_balancer", "service", "cache", "database"):
        _add(page, kind)
    for source, target in (("client", "lb"), ("lb", "service"), ("service", "cache"),
                           ("cache", "database")):
        _link(page, source, target)
    # The cache is selected: its defaults as the server writes them.
    expect(page.locator("#component-capacity_rps-hint")).to_contain_text("default: 100,000")
    expect(page.locator("#component-availability-hint")).to_contain_text("default: 0.999")
    _workload(page, "shorten", "write", "100000000", {"request_bytes": "500"},
              ["client", "lb", "service", "database"])
    _workload(page, "redirect", "read", "10000000000", {"response_bytes": "500"},
              ["client", "lb", "service", "cache", "database"])
    page.get_by_test_id("tab-design").click()
    page.get_by_test_id("design-name").fill("My URL shortener")
    expect(page.get_by_test_id("error-summary")).to_be_hidden()
    page.get_by_test_id("auto-layout").click()
    screenshot(page, "editor")

    _save_and_open(page)

    table = page.locator("#estimate-table")
    expect(table).to_contain_text("3,858/s")  # reads per second
    expect(table).to_contain_text("38.6/s")  # writes per second
    expect(table).to_contain_text("6.08 TB")  # storage over 10 years
    assert Design.objects.get(owner=user).document["links"][0] == {"from": "client", "to": "lb"}
    screenshot(page, "design-page-built")


def _row_of(page, name: str):
    return page.locator("#components table tbody tr", has_text=name).first


def test_fork_whatsapp_and_lose_database_instances(signed_in_page, examples, screenshot):
    page = signed_in_page
    page.goto("/designs/whatsapp/")
    database = _row_of(page, "Messages database")
    expect(database).to_contain_text("9%")
    expect(database.locator("td").last).to_have_text("no")

    page.get_by_test_id("fork").click()
    # The copy is named "WhatsApp (copy)" and opens fitted to the canvas.
    page.wait_for_url(re.compile(r"/designs/whatsapp-copy/edit/\?fit=1$"))
    page.get_by_test_id("component-list").get_by_role(
        "button", name=re.compile("Messages database")).click()
    page.get_by_test_id("field-instances").fill("1")
    _save_and_open(page)

    database = _row_of(page, "Messages database")
    expect(database).to_contain_text("556%")  # 55,556/s at peak on one of 10,000/s
    expect(database.locator("td").last).to_have_text("yes")
    expect(page.locator("#bottlenecks")).to_contain_text(
        "Messages database (Cassandra) is a single point of failure")


def test_a_negative_rate_shows_its_error_and_keeps_the_form(signed_in_page):
    page = signed_in_page
    page.goto("/designs/new/")
    _add(page, "client")
    _add(page, "service")
    _workload(page, "upload", "write", "100", {"request_bytes": "2000"}, ["client", "service"])
    page.get_by_test_id("workload-field-rate").fill("-5")

    error = page.get_by_test_id("field-error").filter(has_text="must not be negative")
    expect(error.first).to_be_visible()
    expect(page.get_by_test_id("save")).to_be_disabled()
    expect(page.get_by_test_id("workload-field-name")).to_have_value("upload")
    expect(page.get_by_test_id("workload-field-request_bytes")).to_have_value("2000")
    document = page.evaluate("window.editor.document()")
    assert [c["key"] for c in document["components"]] == ["client", "service"]
    assert document["workloads"][0]["route"] == ["client", "service"]


def test_compare_two_designs_and_read_a_difference(anonymous_page, examples, screenshot):
    page = anonymous_page
    page.goto("/compare/")
    page.get_by_test_id("compare-pick-url-shortener").check()
    page.get_by_test_id("compare-pick-whatsapp").check()
    page.get_by_test_id("compare-submit").click()

    table = page.get_by_test_id("compare-table")
    expect(table).to_be_visible()
    difference = page.get_by_test_id("compare-diff-traffic.total_rps-1")
    expect(difference).to_contain_text("+")  # WhatsApp has more traffic than the shortener
    expect(difference).to_contain_text("%")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    screenshot(page, "compare")
