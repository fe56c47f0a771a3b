"""The design page's what-if panel in Chromium: mark components down or instances lost,
submit, and read which workloads stop (anonymous, and signed in with the CSRF token)."""

import re


def test_marking_the_messages_database_down_stops_sending_messages(
    anonymous_page, examples, screenshot
):
    page = anonymous_page
    page.goto("/designs/whatsapp/")

    page.get_by_test_id("whatif-down-messages_db").check()
    page.get_by_test_id("whatif-submit").click()

    result = page.get_by_test_id("whatif-result")
    stopped = result.get_by_text(re.compile(r"^Stopped: "))
    stopped.wait_for()
    # Sending writes to the messages database; delivery reads it past the presence cache.
    assert "send message" in stopped.inner_text()
    assert "down" in result.inner_text()
    page.locator("#chart-growth .main-svg").first.wait_for()
    screenshot(page, "design-page-whatsapp-whatif")


def test_a_signed_in_visitor_loses_one_instance_and_nothing_stops(signed_in_page, examples):
    page = signed_in_page
    page.goto("/designs/whatsapp/")

    page.get_by_test_id("whatif-lost-messages_db").fill("1")
    page.get_by_test_id("whatif-submit").click()

    result = page.get_by_test_id("whatif-result")
    result.get_by_text("No workload stops.").wait_for()
    assert "availability remains" in result.get_by_test_id("whatif-availability").inner_text()
    assert "Requests served at peak: " in result.inner_text()


def test_the_answer_is_styled_like_the_page(anonymous_page, examples, screenshot):
    page = anonymous_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto("/designs/whatsapp/")

    page.get_by_test_id("whatif-down-messages_db").check()
    page.get_by_test_id("whatif-submit").click()

    result = page.get_by_test_id("whatif-result")
    result.get_by_text(re.compile(r"^Stopped: .*send message")).wait_for()
    components = result.get_by_test_id("whatif-components")
    # the page's tables: a head row in <thead> (small capitals), rows headed by the name
    assert components.locator("thead th").count() == 3
    assert components.locator("thead th").first.evaluate(
        "th => getComputedStyle(th).textTransform") == "uppercase"
    first = components.locator("tbody tr").first.locator("th")
    assert first.inner_text().splitlines() == ["Clients", "client"]
    assert first.evaluate("th => getComputedStyle(th).fontWeight") == "500"
    # The other workloads (presence, media, app opens) still run: a part of it remains.
    remains = re.fullmatch(r"([\d.]+)% availability remains",
                           result.locator(".big-figure").inner_text())
    assert remains and 0 < float(remains.group(1)) < 50
    assert result.evaluate("box => getComputedStyle(box).borderTopStyle") == "none"
    page.locator("#whatif").screenshot(path=str(screenshot(page, "design-page-whatif-1400")))
