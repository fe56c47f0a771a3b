"""Undo and redo in the editor (issue 14): every change is a step, deletes and route edits
included; typing in one field is one step until it pauses or loses the focus."""

import re

from playwright.sync_api import expect

from designs.services.designs import design_fork


def _open_fork(page, example, user) -> None:
    fork = design_fork(design=example, owner=user)
    page.goto(f"/designs/{fork.slug}/edit/")
    expect(page.get_by_test_id("live-status")).to_contain_text("Live estimate of the draft")


def _document(page) -> dict:
    return page.evaluate("window.editor.document()")


def _keys(document: dict) -> list[str]:
    return [c["key"] for c in document["components"]]


def _route(document: dict, name: str) -> list:
    return next(w["route"] for w in document["workloads"] if w["name"] == name)


def _buttons(page):
    return (page.get_by_role("button", name="Undo", exact=True),
            page.get_by_role("button", name="Redo", exact=True))


def test_undo_restores_a_deleted_component_and_the_route_its_delete_rewrote(
        signed_in_page, user, examples, screenshot):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    undo, redo = _buttons(page)
    expect(undo).to_be_disabled()
    expect(redo).to_be_disabled()
    before = _document(page)
    assert "cache" in _route(before, "redirect")

    page.evaluate("window.editor.select('cache')")
    page.get_by_test_id("delete-component").click()
    # The redirect route uses the cache: the editor asks first (test_editor_selection.py).
    expect(page.get_by_test_id("delete-dialog-workloads")).to_have_text("redirect")
    page.get_by_test_id("delete-confirm").click()
    deleted = _document(page)
    assert "cache" not in _keys(deleted)
    assert _route(deleted, "redirect") == ["client", "api_gateway", "lb", "redirect", "analytics",
                                         "db"]
    assert not [link for link in deleted["links"] if "cache" in (link["from"], link["to"])]
    expect(undo).to_be_enabled()
    expect(undo).to_have_attribute("title", re.compile("Undo: Delete "))

    page.locator("body").press("Control+z")
    expect(page.get_by_test_id("history-status")).to_contain_text("Undone: Delete ")
    assert _document(page) == before
    assert page.evaluate("window.editor.cy.nodes('[?doc]').length") == len(before["components"])
    expect(undo).to_be_disabled()
    expect(redo).to_be_enabled()
    page.locator("body").press("Control+z")
    expect(page.get_by_test_id("history-status")).to_have_text("Nothing to undo.")

    page.locator("body").press("Shift+Control+z")
    assert _document(page) == deleted
    expect(redo).to_be_disabled()
    undo.click()
    assert _document(page) == before
    expect(page.get_by_test_id("save-status")).not_to_contain_text("Unsaved")
    screenshot(page, "editor-history-1400")


def test_typing_is_one_step_per_pause_and_route_edits_undo(signed_in_page, user, examples,
                                                           screenshot):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    undo, redo = _buttons(page)
    original = _document(page)
    page.evaluate("window.editor.select('redirect')")
    name = page.get_by_test_id("field-name")
    name.fill("")
    name.press_sequentially("Reader", delay=40)  # six input events, no pause
    page.get_by_test_id("field-zone").click()  # the name field loses the focus: a new step
    name.focus()
    name.press("End")
    name.press_sequentially(" two", delay=40)
    page.get_by_test_id("canvas").focus()
    assert _document(page)["components"][5]["name"] == "Reader two"

    undo.click()
    assert _document(page)["components"][5]["name"] == "Reader"
    expect(name).to_have_value("Reader")  # the selection stays on the component
    undo.click()
    expect(name).to_have_value("Redirection service")
    assert _document(page) == original
    expect(undo).to_be_disabled()

    page.get_by_test_id("tab-workloads").click()
    page.evaluate("window.editor.selectWorkload(1)")
    page.get_by_test_id("route-remove-5").click()  # the cache, after analytics
    assert "cache" not in _route(_document(page), "redirect")
    page.get_by_test_id("route-fanout-1").fill("2")
    assert _route(_document(page), "redirect")[1] == {"key": "api_gateway", "fan_out": 2}
    page.get_by_test_id("canvas").focus()
    page.keyboard.press("Control+z")
    assert _route(_document(page), "redirect")[1] == "api_gateway"
    page.keyboard.press("Control+z")
    assert _route(_document(page), "redirect") == _route(original, "redirect")
    expect(page.get_by_test_id("route-step-5")).to_contain_text("cache")  # the panel follows
    page.keyboard.press("Meta+Shift+z")
    assert "cache" not in _route(_document(page), "redirect")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(undo).to_be_visible()
    # On a phone the tools are one row that scrolls sideways: Redo comes into view there,
    # and the page itself never scrolls sideways.
    page.get_by_test_id("redo").scroll_into_view_if_needed()
    box = page.get_by_test_id("redo").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.wait_for_function("(w) => document.documentElement.scrollWidth <= w", arg=390)
    screenshot(page, "editor-history-390")
