"""Editing several components at once in the editor (issue 14): Shift-click and the box,
dragging them together, copy and paste (across tabs), duplicate, a delete that asks first
when routes use what goes (one undo brings it all back), and Add replica."""

import re

from playwright.sync_api import expect

from tests.browser.test_editor_history import _document, _open_fork


def _component(document: dict, key: str) -> dict:
    return next(c for c in document["components"] if c["key"] == key)


def _links(document: dict) -> set[tuple[str, str]]:
    return {(link["from"], link["to"]) for link in document["links"]}


def _selected(page) -> list[str]:
    return page.evaluate("window.editor.selected()")


def _on_screen(page, key: str) -> tuple[float, float]:
    """Where the component's node is drawn, in page pixels."""
    return tuple(page.evaluate("""(key) => {
        const cy = window.editor.cy;
        const c = window.editor.document().components.find((o) => o.key === key);
        const box = document.getElementById("canvas").getBoundingClientRect();
        return [box.left + c.position.x * cy.zoom() + cy.pan().x,
                box.top + c.position.y * cy.zoom() + cy.pan().y];
    }""", key))


def _drawn_box(page, key: str) -> list[float]:
    """The node's box as drawn (left, top, right, bottom), in page pixels."""
    return page.evaluate("""(key) => {
        const cy = window.editor.cy;
        const c = window.editor.document().components.find((o) => o.key === key);
        const node = cy.nodes().filter((n) => n.position("x") === c.position.x
            && n.position("y") === c.position.y)[0];
        const b = node.renderedBoundingBox({ includeLabels: false });
        const box = document.getElementById("canvas").getBoundingClientRect();
        return [box.left + b.x1, box.top + b.y1, box.left + b.x2, box.top + b.y2];
    }""", key)


def _link_on_screen(page, source: str, target: str) -> tuple[float, float]:
    """The middle of the link's arrow, in page pixels."""
    return tuple(page.evaluate("""([source, target]) => {
        const cy = window.editor.cy;
        const at = (key) => window.editor.document().components.find((o) => o.key === key).position;
        const on = (node, p) => node.position("x") === p.x && node.position("y") === p.y;
        const edge = cy.edges().filter((e) =>
            on(e.source(), at(source)) && on(e.target(), at(target)))[0];
        const middle = edge.renderedMidpoint();
        const box = document.getElementById("canvas").getBoundingClientRect();
        return [box.left + middle.x, box.top + middle.y];
    }""", [source, target]))


def _click(page, key: str, modifier: str | None = None) -> None:
    x, y = _on_screen(page, key)
    if modifier:
        page.keyboard.down(modifier)
    page.mouse.click(x, y)
    if modifier:
        page.keyboard.up(modifier)


def test_select_several_copy_paste_duplicate_delete_and_replica(
        signed_in_page, user, examples, screenshot):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    original = _document(page)
    panel = page.get_by_test_id("selection-panel")

    # Shift-click adds to the selection, Ctrl-click takes out; the panel counts them.
    _click(page, "shortener")
    _click(page, "kgs", "Shift")
    _click(page, "db", "Shift")
    assert sorted(_selected(page)) == ["db", "kgs", "shortener"]
    expect(panel).to_be_visible()
    expect(page.get_by_test_id("selection-heading")).to_have_text("3 components selected")
    expect(page.get_by_test_id("component-form")).to_be_hidden()
    _click(page, "db", "Control")
    assert sorted(_selected(page)) == ["kgs", "shortener"]
    expect(page.get_by_test_id("delete-selected")).to_be_enabled()
    screenshot(page, "editor-selection-1400")

    # Dragging one selected node moves both, by the same amount, in one undo step.
    before = {key: _component(_document(page), key)["position"] for key in ("shortener", "kgs")}
    x, y = _on_screen(page, "shortener")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y + 20, steps=4)
    page.mouse.move(x + 60, y + 40, steps=4)
    page.mouse.up()
    expect(page.get_by_role("button", name="Undo", exact=True)).to_have_attribute(
        "title", "Undo: Move 2 components (Ctrl+Z)")
    after = {key: _component(_document(page), key)["position"] for key in ("shortener", "kgs")}
    shifts = {(after[k]["x"] - before[k]["x"], after[k]["y"] - before[k]["y"]) for k in after}
    assert len(shifts) == 1 and next(iter(shifts))[0] > 0
    page.keyboard.press("Control+z")
    assert _document(page) == original
    # Arrow keys move them all too (Shift: 50 px).
    page.get_by_test_id("canvas").focus()
    page.keyboard.press("Shift+ArrowRight")
    assert all(_component(_document(page), key)["position"]["x"] == before[key]["x"] + 50
               for key in before)
    page.keyboard.press("Control+z")

    # Select several: plain clicks add and remove, without Shift (for touch).
    page.get_by_test_id("select-mode").click()
    expect(page.get_by_test_id("select-mode")).to_have_attribute("aria-pressed", "true")
    _click(page, "analytics")
    _click(page, "kgs")
    assert sorted(_selected(page)) == ["analytics", "shortener"]
    # A finger draws a box there too (Cytoscape's own needs three fingers).
    boxes = [_drawn_box(page, key) for key in ("redirect", "cache")]
    page.evaluate("""([x1, y1, x2, y2]) => {
        const canvas = document.getElementById("canvas");
        const touch = (type, x, y) => canvas.dispatchEvent(new PointerEvent(type, {
            pointerType: "touch", isPrimary: true, clientX: x, clientY: y, bubbles: true }));
        touch("pointerdown", x1, y1);
        touch("pointermove", (x1 + x2) / 2, (y1 + y2) / 2);
        touch("pointermove", x2, y2);
        touch("pointerup", x2, y2);
    }""", [min(b[0] for b in boxes) - 12, min(b[1] for b in boxes) - 12,
           max(b[2] for b in boxes) + 12, max(b[3] for b in boxes) + 12])
    touched = set(_selected(page))
    assert {"analytics", "shortener", "redirect", "cache"} <= touched and "client" not in touched
    # Escape clears the selection, then leaves select mode.
    page.keyboard.press("Escape")
    assert _selected(page) == []
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("select-mode")).to_have_attribute("aria-pressed", "false")

    # Shift and a drag on the empty canvas boxes components (a plain drag pans).
    boxes = [_drawn_box(page, key) for key in ("redirect", "cache")]
    start = (min(b[0] for b in boxes) - 12, min(b[1] for b in boxes) - 12)
    end = (max(b[2] for b in boxes) + 12, max(b[3] for b in boxes) + 12)
    page.keyboard.down("Shift")
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=6)
    page.mouse.up()
    page.keyboard.up("Shift")
    # The box is applied once Cytoscape has told every node in it.
    page.wait_for_function("() => window.editor.selected().length > 1")
    boxed = set(_selected(page))
    assert {"redirect", "cache"} <= boxed and not {"client", "lb", "shortener"} & boxed
    pan = page.evaluate("window.editor.cy.pan()")
    canvas = page.get_by_test_id("canvas").bounding_box()
    page.mouse.move(canvas["x"] + 20, canvas["y"] + 20)
    page.mouse.down()
    page.mouse.move(canvas["x"] + 100, canvas["y"] + 60, steps=4)
    page.mouse.up()
    assert page.evaluate("window.editor.cy.pan()")["x"] > pan["x"]
    assert set(_selected(page)) == boxed

    # Copy and paste: new keys, the link between the copies, none to the others, no route.
    page.evaluate("window.editor.selectMany(['shortener', 'kgs'])")
    page.get_by_test_id("canvas").focus()
    page.keyboard.press("Control+c")
    page.keyboard.press("Control+v")
    pasted = _document(page)
    assert sorted(_selected(page)) == ["kgs2", "shortener2"]
    assert ("shortener2", "kgs2") in _links(pasted)
    assert not {link for link in _links(pasted) if "shortener2" in link or "kgs2" in link} - {
        ("shortener2", "kgs2")}
    assert pasted["workloads"] == original["workloads"]
    source = _component(pasted, "shortener")
    copy = _component(pasted, "shortener2")
    assert copy["position"] == {
        "x": source["position"]["x"] + 40, "y": source["position"]["y"] + 40}
    assert {k: v for k, v in copy.items() if k not in ("key", "position")} == {
        k: v for k, v in source.items() if k not in ("key", "position")}

    # Duplicate (Ctrl+D) the pasted pair: two more, linked, beside them; no question to
    # delete what no route uses.
    page.keyboard.press("Control+d")
    assert sorted(_selected(page)) == ["kgs3", "shortener3"]
    assert ("shortener3", "kgs3") in _links(_document(page))
    page.keyboard.press("Delete")
    expect(page.get_by_test_id("delete-dialog")).to_be_hidden()
    assert "kgs3" not in [c["key"] for c in _document(page)["components"]]

    # A link joins the selection by Shift-click too; one Delete, one undo step, for both.
    before_delete = _document(page)
    page.get_by_test_id("fit").click()  # the paste brought its copies into view: all of it now
    _click(page, "kgs2")
    page.keyboard.down("Shift")
    page.mouse.click(*_link_on_screen(page, "client", "api_gateway"))
    page.keyboard.up("Shift")
    expect(page.get_by_test_id("selection-heading")).to_have_text("1 component and 1 link selected")
    assert page.evaluate("window.editor.selectedLinks()") == ["client>api_gateway"]
    page.keyboard.press("Delete")
    document = _document(page)
    assert "kgs2" not in [c["key"] for c in document["components"]]
    assert ("client", "api_gateway") not in _links(document)
    page.keyboard.press("Control+z")
    assert _document(page) == before_delete

    # The paste works in another tab of this browser (localStorage).
    other = page.context.new_page()
    other.goto("/designs/new/")
    other.get_by_test_id("canvas").focus()
    expect(other.get_by_test_id("paste")).to_be_enabled()
    other.keyboard.press("Control+v")
    assert [c["key"] for c in other.evaluate("window.editor.document()")["components"]] == [
        "shortener", "kgs"]
    other.close()


def test_delete_asks_when_routes_change_and_add_replica(signed_in_page, user, examples,
                                                        screenshot):
    page = signed_in_page
    _open_fork(page, examples["url-shortener"], user)
    original = _document(page)
    dialog = page.get_by_test_id("delete-dialog")

    page.evaluate("window.editor.selectMany(['cache', 'kgs', 'analytics'])")
    page.get_by_test_id("canvas").focus()
    page.keyboard.press("Delete")
    expect(dialog).to_be_visible()
    expect(page.get_by_role("dialog", name="Delete these 3 components?")).to_be_visible()
    expect(page.get_by_test_id("delete-dialog-workloads")).to_have_text(
        re.compile(r"shorten\s*redirect"))
    expect(page.get_by_test_id("delete-cancel")).to_be_focused()
    screenshot(page, "editor-delete-dialog-1400")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("canvas")).to_be_focused()
    assert _document(page) == original
    assert sorted(_selected(page)) == ["analytics", "cache", "kgs"]

    page.get_by_test_id("selection-delete").click()
    page.get_by_test_id("delete-cancel").click()
    assert _document(page) == original

    page.keyboard.press("Backspace")
    page.get_by_test_id("delete-confirm").click()
    deleted = _document(page)
    assert [c["key"] for c in deleted["components"]] == [
        "client", "api_gateway", "lb", "shortener", "redirect", "db"]
    assert [w["route"] for w in deleted["workloads"]] == [
        ["client", "api_gateway", "lb", "shortener", "db"],
        ["client", "api_gateway", "lb", "redirect", "db"]]
    page.keyboard.press("Control+z")
    assert _document(page) == original  # components, links and routes: one step

    # Add replica on the database: same kind and figures, replica_of, linked from what links
    # to the primary, selected, one undo step.
    page.evaluate("window.editor.select('db')")
    page.get_by_test_id("add-replica").click()
    document = _document(page)
    replica = _component(document, "db_replica")
    primary = _component(document, "db")
    assert replica["replica_of"] == "db"
    figures = ("kind", "instances", "capacity_rps", "availability", "latency_ms", "storage_bytes")
    assert [replica.get(name) for name in figures] == [primary.get(name) for name in figures]
    assert replica["kind"] == "database" and replica["name"] == f"{primary['name']} (replica)"
    assert {("shortener", "db_replica"), ("redirect", "db_replica")} <= _links(document)
    assert _selected(page) == ["db_replica"]
    assert page.evaluate("""() => {  // in view: the canvas pans to it when it lands past the edge
        const cy = window.editor.cy;
        const box = cy.$("node:selected").boundingBox();
        const view = cy.extent();
        return box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2;
    }""")
    expect(page.get_by_test_id("field-replica_of")).to_have_value("db")
    expect(page.get_by_role("button", name="Undo", exact=True)).to_have_attribute(
        "title", "Undo: Add db_replica, a replica of db (Ctrl+Z)")
    page.get_by_test_id("canvas").focus()
    page.keyboard.press("Control+z")
    assert _document(page) == original

    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.editor.selectMany(['redirect', 'cache'])")
    expect(page.get_by_test_id("selection-panel")).to_be_visible()
    # The tools scroll sideways in their row on a phone; the page never does.
    page.get_by_test_id("add-replica").scroll_into_view_if_needed()
    box = page.get_by_test_id("add-replica").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.wait_for_function("(w) => document.documentElement.scrollWidth <= w", arg=390)
    screenshot(page, "editor-selection-390")
