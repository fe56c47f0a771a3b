"""The smaller page scripts, ES modules since issue 14, doing in Chromium what they did as
classic scripts: compare's picker, the availability calculator's k field, the tokens page's
Copy button. (The design page's polling and what-if, and the PDF page's polling, which use
static/lib/http.js, have their own tests: test_design_page, test_design_whatif,
test_design_simulation, test_report_pdf.)"""

from playwright.sync_api import expect


def test_compare_filters_the_picker_and_keeps_the_order_of_the_ticks(anonymous_page, examples):
    page = anonymous_page
    page.goto("/compare/")
    search = page.get_by_test_id("compare-search")
    search.fill("no such design")
    expect(page.locator("#pick-none")).to_be_visible()
    search.fill("whats")
    expect(page.locator("#pick-none")).to_be_hidden()
    expect(page.get_by_test_id("compare-pick-twitter")).to_be_hidden()
    page.get_by_test_id("compare-pick-whatsapp").check()
    search.fill("no such design")
    expect(page.get_by_test_id("compare-pick-whatsapp")).to_be_visible()  # ticked: it stays
    expect(page.get_by_test_id("compare-pick-twitter")).to_be_hidden()
    search.fill("")
    page.get_by_test_id("compare-pick-url-shortener").check()

    page.get_by_test_id("compare-submit").click()

    page.wait_for_url(lambda url: url.endswith("/compare/?designs=whatsapp,url-shortener"))
    expect(page.get_by_test_id("compare-table")).to_be_visible()


def test_the_calculator_enables_k_for_k_of_n_blocks_only(anonymous_page, db):
    page = anonymous_page
    page.goto("/availability/")
    redundancy = page.locator("select[name=b1-redundancy]")
    k = page.locator("input[name=b1-k]")
    redundancy.select_option("k-of-n")
    expect(k).to_be_enabled()
    redundancy.select_option("active-active")
    expect(k).to_be_disabled()


def test_the_copy_button_puts_the_new_token_on_the_clipboard(signed_in_page, live_server):
    page = signed_in_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=live_server.url)
    page.goto("/account/tokens/")
    page.get_by_test_id("token-create").click()
    key = page.get_by_test_id("token-key").input_value()

    page.get_by_test_id("token-copy").click()  # hidden until the script shows it

    expect(page.locator(".copy-status")).to_have_text("Copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == key
