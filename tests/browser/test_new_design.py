"""New design as a visitor would meet it: the templates, the editor on a template without an
account, and Save asking them to sign up while the draft comes through it."""

import re
from pathlib import Path

from playwright.sync_api import expect

from designs.models import Design
from tests.designs.factories import MEMBER_PASSWORD

# Screenshots of the two widths the helper looked at (besides test-artifacts/).
SHOTS = Path("/tmp/guide-shots")


def _shots(page, screenshot, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, name)
    for width in (1400, 390):
        page.set_viewport_size({"width": width, "height": 1000})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def _document(page) -> dict:
    return page.evaluate("window.editor.document()")


def test_a_visitor_starts_from_a_template_and_signs_up_to_save_it(
    anonymous_page, transactional_db, screenshot
):
    page = anonymous_page
    page.goto("/")
    page.get_by_test_id("new-design").click()
    page.wait_for_url(re.compile(r"/designs/start/$"))
    expect(page.get_by_role("heading", name="New design")).to_be_visible()
    expect(page.get_by_test_id("template-preview-three-tier-web-app")).to_contain_text(
        "browse, update"
    )
    _shots(page, screenshot, "new-design-templates")

    page.get_by_test_id("use-three-tier-web-app").click()
    page.wait_for_url(re.compile(r"/designs/new/\?template=three-tier-web-app$"))
    expect(page.get_by_test_id("guest-note")).to_be_visible()
    assert _document(page)["name"] == "Three-tier web app"
    assert page.evaluate("window.editor.cy.nodes().length") >= 5
    expect(page.get_by_test_id("save-status")).to_have_text("Not saved yet.")
    page.get_by_test_id("palette-cache").click()  # the draft now differs from the template
    _shots(page, screenshot, "new-design-editor-guest")

    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("guest-save")).to_be_visible()
    expect(page.get_by_test_id("guest-save")).to_be_focused()
    assert not Design.objects.exists()
    page.get_by_test_id("guest-signup").click()

    page.wait_for_url(re.compile(r"/account/signup/"))
    expect(page.get_by_role("status")).to_contain_text("Saving a design needs an account")
    page.get_by_label("Username").fill("newcomer")
    page.locator("#id_password1").fill(MEMBER_PASSWORD)
    page.locator("#id_password2").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Create the account").click()

    page.wait_for_url(re.compile(r"/designs/new/\?draft=kept$"))
    kinds = [c["kind"] for c in _document(page)["components"]]
    assert "cache" in kinds and len(kinds) == 6
    expect(page.get_by_test_id("guest-note")).to_have_count(0)
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")
    saved = Design.objects.get(owner__username="newcomer")
    assert saved.name == "Three-tier web app" and len(saved.document["components"]) == 6


def test_a_fork_opens_named_as_a_copy(signed_in_page, examples, screenshot):
    page = signed_in_page
    page.goto("/designs/whatsapp/")
    page.get_by_test_id("fork").click()
    page.wait_for_url(re.compile(r"/edit/\?fit=1$"))
    expect(page.locator("#editor-title")).to_have_text("Edit WhatsApp (copy)")
    assert page.evaluate("JSON.parse(document.getElementById('editor-design').textContent).fit")
    _shots(page, screenshot, "fork-editor")


def test_a_design_without_workloads_says_nothing_is_estimated_yet(signed_in_page, user, screenshot):
    from designs.services.designs import design_create

    document = {
        "name": "Untitled design",
        "components": [{"key": "api", "kind": "service"}, {"key": "db", "kind": "database"}],
        "links": [{"from": "api", "to": "db"}],
    }
    design = design_create(owner=user, document=document)
    page = signed_in_page
    page.goto(f"/designs/{design.slug}/")
    expect(page.get_by_test_id("empty-state")).to_contain_text("No workloads yet")
    expect(page.locator("#availability")).to_have_count(0)
    _shots(page, screenshot, "design-empty-state")
