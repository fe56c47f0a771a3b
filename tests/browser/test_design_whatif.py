"""The design page's what-if panel in Chromium: mark components down or instances lost,
submit, and read which workloads stop (anonymous, and signed in with the CSRF token)."""


def test_marking_the_messages_database_down_stops_sending_messages(
    anonymous_page, examples, screenshot
):
    page = anonymous_page
    page.goto("/designs/whatsapp/")

    page.get_by_test_id("whatif-down-messages_db").check()
    page.get_by_test_id("whatif-submit").click()

    result = page.get_by_test_id("whatif-result")
    result.get_by_text("Stopped: send message.").wait_for()
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
    assert "Availability that remains:" in result.inner_text()
    assert "(requests served at peak: " in result.inner_text()
