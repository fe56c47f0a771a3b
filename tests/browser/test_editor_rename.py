"""Renaming a design in the editor moves its address: the editor's address follows at once,
and the old address still leads to the design."""

import copy
import re

from playwright.sync_api import expect

from designs.services.designs import design_create


def test_a_rename_moves_the_address_and_the_old_one_still_leads_there(
    signed_in_page, user, document
):
    design = design_create(owner=user, document={**copy.deepcopy(document), "name": "Photos"})
    page = signed_in_page
    page.goto(f"/designs/{design.slug}/edit/")

    page.get_by_test_id("tab-design").click()
    page.get_by_test_id("design-name").fill("Pictures")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("save-status")).to_contain_text("Saved")

    page.wait_for_url(re.compile(r"/designs/pictures/edit/$"))
    expect(page.get_by_test_id("design-link")).to_have_attribute(
        "href", re.compile(r"/designs/pictures/$"))
    page.goto("/designs/photos/")
    page.wait_for_url(re.compile(r"/designs/pictures/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pictures")
