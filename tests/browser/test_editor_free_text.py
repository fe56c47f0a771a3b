"""The editor's free-text fields (requirements, data model, API design) in Chromium: typed,
checked like every field, kept in drafts, saved and shown on the design page."""

from playwright.sync_api import expect

from designs.models import Design

FIELDS = {
    "design-requirements-functional": "Shorten a URL.\nRedirect a short URL to the long one.",
    "design-requirements-non_functional": "High availability; redirects in under 100 ms.",
    "design-requirements-extended": "Analytics.",
    "design-data_model": "url(short PRIMARY KEY, long_url, created_at)",
    "design-api_design": "POST /api/v1/data/shorten {long_url} -> short_url",
}


def _open_design_tab(page, design) -> None:
    page.goto(f"/designs/{design.slug}/edit/")
    page.get_by_test_id("tab-design").click()


def test_free_text_is_saved_into_the_document_and_shown_on_the_design_page(
    signed_in_page, design, screenshot
):
    page = signed_in_page
    _open_design_tab(page, design)

    for testid, text in FIELDS.items():
        page.get_by_test_id(testid).fill(text)
    page.get_by_test_id("design-requirements-extended").fill("")  # empty: left out
    screenshot(page, "editor-free-text")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")

    document = Design.objects.get(pk=design.pk).document
    assert document["requirements"] == {
        "functional": FIELDS["design-requirements-functional"],
        "non_functional": FIELDS["design-requirements-non_functional"],
    }
    assert document["data_model"] == FIELDS["design-data_model"]
    page.goto(f"/designs/{design.slug}/")
    section = page.locator("#requirements")
    expect(section).to_contain_text("Redirect a short URL to the long one.")
    expect(section).to_contain_text("POST /api/v1/data/shorten")
    expect(section).not_to_contain_text("Extended")


def test_too_long_a_text_is_an_error_at_its_field(signed_in_page, design):
    page = signed_in_page
    _open_design_tab(page, design)

    page.get_by_test_id("design-requirements-functional").fill("x" * 20_001)

    wrap = page.locator('[data-paths="requirements.functional"]')
    expect(wrap.get_by_test_id("field-error")).to_contain_text("at most 20000")
    expect(page.get_by_test_id("design-requirements-functional")).to_have_attribute(
        "aria-invalid", "true")
    expect(page.get_by_test_id("save")).to_be_disabled()


def test_free_text_is_restored_from_a_draft(signed_in_page, design):
    page = signed_in_page
    _open_design_tab(page, design)
    page.get_by_test_id("design-api_design").fill("GET /{short} -> 301")
    page.wait_for_timeout(600)  # the draft is written 300 ms after the last change

    _open_design_tab(page, design)
    page.get_by_test_id("draft-restore").click()

    page.get_by_test_id("tab-design").click()
    expect(page.get_by_test_id("design-api_design")).to_have_value("GET /{short} -> 301")
