"""The editor's echo of a number as it is typed ("= 64 GB"): written by the server
(POST /api/validate/, estimator.present.echo), shown by the page as it comes."""

from playwright.sync_api import expect


def test_a_typed_memory_size_is_echoed_in_its_unit(signed_in_page, screenshot):
    page = signed_in_page
    page.goto("/designs/new/")
    page.get_by_test_id("palette-cache").click()
    hint = page.locator("#component-memory_bytes-hint")

    page.get_by_test_id("field-memory_bytes").fill("64000000000")

    expect(hint).to_contain_text("= 64 GB")
    page.get_by_test_id("field-memory_bytes").fill("1.5TB")
    expect(hint).to_contain_text("= 1.5 TB")
    screenshot(page, "editor-echo")
    # A wrong size has its error and no echo; a size under a kilobyte none either.
    page.get_by_test_id("field-memory_bytes").fill("-64000000000")
    expect(page.get_by_test_id("field-error")).to_contain_text("must not be negative")
    expect(hint).not_to_contain_text("=")
    page.get_by_test_id("field-memory_bytes").fill("500")
    assert page.evaluate("window.editor.validate()") == []  # the server's answer is in
    expect(hint).not_to_contain_text("=")
    page.get_by_test_id("field-memory_bytes").fill("2000")
    expect(hint).to_contain_text("= 2 KB")


def test_the_per_user_rate_shows_the_daily_active_users_as_the_server_writes_them(
        signed_in_page):
    page = signed_in_page
    page.goto("/designs/new/")
    page.get_by_test_id("tab-assumptions").click()
    page.get_by_test_id("assumption-daily_active_users").fill("2500000")
    expect(page.locator("#assumption-daily_active_users-hint")).to_contain_text("= 2,500,000")
    page.get_by_test_id("assumption-peak_factor").fill("3")

    page.get_by_test_id("tab-workloads").click()
    page.get_by_test_id("add-workload").click()
    page.get_by_test_id("workload-field-rate_mode").select_option("per_user")

    expect(page.locator("#workload-per_user_per_day-hint")).to_contain_text(
        "daily active users: 2,500,000")
    expect(page.locator("#workload-peak_factor-hint")).to_contain_text(
        "default: 3 (the assumption)")
