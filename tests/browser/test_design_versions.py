"""A design's version history in the browser, at 1400 and 390 px: from the design page to
its versions, two versions compared (figure deltas and document differences), and the older
one restored as a new version after a confirmation."""

import copy

import pytest
from playwright.sync_api import expect

from tests.samples import sample_document

WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 390, "height": 844}
# Null-safe: a check that runs while the page navigates finds no document element yet.
FITS = "(width) => !!document.documentElement && document.documentElement.scrollWidth <= width"


@pytest.fixture
def saved_twice(user, transactional_db):
    from designs.services.designs import design_create, design_update

    document = sample_document("photo-sharing")
    design = design_create(owner=user, slug="photos", document=document)
    changed = copy.deepcopy(document)
    changed["components"].append({"key": "queue", "kind": "queue"})
    changed["components"][1]["instances"] = 6
    changed["assumptions"]["daily_active_users"] = 3_000_000
    return design_update(design=design, document=changed)


def _fits(page) -> None:
    page.set_viewport_size(NARROW)
    page.wait_for_function(FITS, arg=390, timeout=10_000)


def test_open_versions_compare_and_restore_at_1400_and_390(signed_in_page, saved_twice,
                                                           screenshot):
    page = signed_in_page
    page.set_viewport_size(WIDE)
    page.goto("/designs/photos/")
    page.get_by_test_id("versions").click()

    expect(page.get_by_test_id("version-summary-2")).to_have_text(
        "1 component added (queue); instances of api 3 -> 6; "
        "daily_active_users of the assumptions 1,000,000 -> 3,000,000")
    expect(page.get_by_test_id("version-summary-1")).to_have_text("first version")
    screenshot(page, "versions-1400")
    _fits(page)
    screenshot(page, "versions-390")

    page.set_viewport_size(WIDE)
    page.get_by_test_id("version-compare").click()
    expect(page.locator("h1")).to_have_text("Version 1 and version 2")
    expect(page.get_by_test_id("version-diff-traffic.peak_rps")).to_contain_text("+200%")
    differences = page.get_by_test_id("version-differences")
    expect(differences).to_contain_text("queue")
    expect(differences).to_contain_text("3,000,000")
    screenshot(page, "version-compare-1400")
    _fits(page)
    screenshot(page, "version-compare-390")

    page.set_viewport_size(WIDE)
    page.get_by_test_id("version-restore-1").click()
    expect(page.get_by_test_id("version-restore-confirm")).to_be_visible()
    _fits(page)
    screenshot(page, "version-restore-390")
    page.get_by_test_id("version-restore-confirm").click()
    expect(page.locator("ul.messages")).to_contain_text(
        "Version 1 restored as version 3.")
    assert page.url.endswith("/designs/photos/")
    saved_twice.refresh_from_db()
    assert saved_twice.version == 3 and saved_twice.document == sample_document("photo-sharing")
