"""How the editor opens: on a template (its name in the heading), and on a fork (?fit=1: the
whole diagram in view)."""

from playwright.sync_api import expect

from designs.services.designs import design_fork

IN_VIEW = """() => {
  const cy = window.editor.cy;
  const box = cy.elements("[?doc]").boundingBox();
  const view = cy.extent();
  return box.w > 0 && box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1
    && box.y2 <= view.y2;
}"""


def test_a_template_names_itself_in_the_heading(anonymous_page, transactional_db):
    page = anonymous_page
    page.goto("/designs/new/?template=three-tier-web-app")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("New design from “Three-tier web app”")
    page.goto("/designs/new/")
    expect(heading).to_have_text("New design")


def test_a_fork_opens_with_the_whole_diagram_in_view(signed_in_page, user, examples):
    page = signed_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    fork = design_fork(design=examples["netflix"], owner=user)
    page.goto(f"/designs/{fork.slug}/edit/?fit=1")
    expect(page.get_by_test_id("live-status")).to_contain_text("Live estimate of the draft")
    page.wait_for_function(IN_VIEW)
