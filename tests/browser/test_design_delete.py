"""Deleting a design in Chromium: Delete… on the design page and in the home list opens the
confirmation naming it; confirming deletes it and comes back to the list with a message."""

import copy

import pytest

from designs.models import Design
from designs.services.designs import design_create


@pytest.mark.parametrize("width", [1400, 390])
def test_deleting_from_the_design_page(signed_in_page, user, document, width, screenshot):
    design = design_create(owner=user, document={**copy.deepcopy(document), "name": "Photos"})
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"/designs/{design.slug}/")
    actions = page.locator("#design-actions")
    actions.screenshot(path=str(screenshot(page, f"design-page-actions-{width}")))
    actions.get_by_test_id("delete").click()

    page.get_by_role("heading", name="Delete “Photos”?").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"design-delete-confirm-{width}")
    page.get_by_test_id("confirm-delete").click()

    page.get_by_text("“Photos” is deleted").wait_for()
    assert page.url.endswith("/")
    assert not Design.objects.filter(pk=design.pk).exists()


@pytest.mark.parametrize("width", [1400, 390])
def test_deleting_from_the_home_list_and_keeping_it(signed_in_page, user, document, width,
                                                   screenshot):
    design = design_create(owner=user, document={**copy.deepcopy(document), "name": "Photos"})
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/")
    own = page.get_by_test_id("own-designs")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    own.screenshot(path=str(screenshot(page, f"home-own-designs-{width}")))
    delete = own.get_by_test_id(f"delete-{design.slug}")
    box = delete.bounding_box()
    assert box["x"] + box["width"] <= width  # in sight without scrolling the table
    delete.click()
    page.get_by_test_id("cancel-delete").click()

    page.wait_for_url(f"**/designs/{design.slug}/")
    assert Design.objects.filter(pk=design.pk).exists()
