"""The editor redraws what a change touched (issue 14: a 300-component design stays usable;
bench/editor_large.py measures it): list items kept and updated in place, a drag's end
saved without redrawing the panels, the JSON text written while its tab is shown."""

import re

from playwright.sync_api import expect

from designs.services.designs import design_fork

# Marks every item of the component list, to find out later whether it is the same element.
MARK_ITEMS = """() => document.querySelectorAll('[data-testid="component-list"] button')
  .forEach((button) => { button.dataset.marked = "yes"; })"""
UNMARKED = """() => [...document.querySelectorAll('[data-testid="component-list"] button')]
  .filter((button) => button.dataset.marked !== "yes").length"""


def _open_fork(page, example, user) -> None:
    fork = design_fork(design=example, owner=user)
    page.goto(f"/designs/{fork.slug}/edit/")
    expect(page.get_by_test_id("live-status")).to_contain_text("Live estimate of the draft")


def _item(page, key: str):
    items = page.get_by_test_id("component-list")
    return items.get_by_role("button", name=re.compile(rf"\b{key} ·"))


def test_selecting_and_renaming_update_the_list_items_in_place(signed_in_page, user, examples):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    count = page.get_by_test_id("component-list").get_by_role("button").count()
    page.evaluate(MARK_ITEMS)

    _item(page, "cache").click()
    expect(_item(page, "cache")).to_have_attribute("aria-current", "true")
    expect(page.get_by_test_id("field-key")).to_have_value("cache")
    # The link-target select is filled once the page is idle: every other component but
    # those the cache links to already.
    expect(page.get_by_test_id("link-target").locator("option")).not_to_have_count(0)
    _item(page, "db").click()
    expect(_item(page, "db")).to_have_attribute("aria-current", "true")
    expect(_item(page, "cache")).not_to_have_attribute("aria-current", "true")

    page.get_by_test_id("field-name").fill("Primary store")
    expect(_item(page, "db")).to_contain_text("Primary store")
    page.wait_for_function("() => window.editor.cy.nodes('[?doc]').some((n) => "
                           "n.data('label').startsWith('Primary store'))")
    assert page.get_by_test_id("component-list").get_by_role("button").count() == count
    assert page.evaluate(UNMARKED) == 0  # the same elements, updated

    page.evaluate("window.editor.addComponent('cache', 'cache2')")
    expect(page.get_by_test_id("component-list").get_by_role("button")).to_have_count(count + 1)
    assert page.evaluate(UNMARKED) == 1  # only the new one is new


def test_a_drag_saves_the_position_as_one_undo_step(signed_in_page, user, examples):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    before = page.evaluate("window.editor.document()")
    at = page.evaluate("""() => {
      const node = window.editor.cy.nodes('[?doc]').filter((n) => n.data('label')
        .includes('\\nCache')).first();
      const box = window.editor.cy.container().getBoundingClientRect();
      const p = node.renderedPosition();
      return [box.left + p.x - node.renderedWidth() * 0.3, box.top + p.y];
    }""")
    page.mouse.move(*at)
    page.mouse.down()
    page.mouse.move(at[0] + 40, at[1] + 30, steps=6)
    page.mouse.up()

    undo = page.get_by_role("button", name="Undo", exact=True)
    expect(undo).to_have_attribute("title", re.compile("Undo: Move "))
    after = page.evaluate("window.editor.document()")
    cache = next(c for c in after["components"] if c["key"] == "cache")
    old = next(c for c in before["components"] if c["key"] == "cache")
    assert cache["position"] != old["position"]
    drawn = page.evaluate("""() => window.editor.cy.nodes('[?doc]').filter((n) => n.data('label')
      .includes('\\nCache')).first().position()""")
    assert drawn == cache["position"]  # the node sits where the document says
    undo.click()
    assert page.evaluate("window.editor.document()") == before


def test_the_json_text_is_written_while_its_tab_is_shown(signed_in_page, user, examples):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    page.get_by_test_id("tab-design").click()
    page.get_by_test_id("design-name").fill("Renamed while hidden")
    assert "Renamed while hidden" not in page.get_by_test_id("json-text").input_value()

    page.get_by_test_id("tab-json").click()
    expect(page.get_by_test_id("json-text")).to_have_value(re.compile("Renamed while hidden"))
    page.evaluate("window.editor.undo()")  # a change while it is shown
    expect(page.get_by_test_id("json-text")).not_to_have_value(re.compile("Renamed while hidden"))
    expect(page.get_by_test_id("json-text")).to_have_value(re.compile('"name": "URL'))


def test_the_replica_choices_follow_the_selected_component(signed_in_page, user, examples):
    # The options are patched, not rebuilt: each selection leaves itself out, puts the
    # previous one back, in the document's order.
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    document = page.evaluate("window.editor.document()")
    services = [c["key"] for c in document["components"] if c["kind"] == "service"]
    assert len(services) >= 3
    replica_of = page.get_by_test_id("field-replica_of").locator("option")
    for key in [services[0], services[-1], services[1], services[0]]:
        _item(page, key).click()
        expect(page.get_by_test_id("field-key")).to_have_value(key)
        values = replica_of.evaluate_all("options => options.map(o => o.value)")
        assert values == ["", *[other for other in services if other != key]]
