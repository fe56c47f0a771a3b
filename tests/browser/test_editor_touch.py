"""The editor's link handle: a drag from a component's handle to another links them."""

from playwright.sync_api import expect

NODE_CENTRE = """(label) => {
  const node = window.editor.cy.nodes("[?doc]")
    .filter((n) => n.data("label").split("\\n")[0] === label);
  const box = document.getElementById("canvas").getBoundingClientRect();
  const p = node.renderedPosition();
  return {x: box.left + p.x, y: box.top + p.y};
}"""


def _centre(page, label: str) -> tuple[float, float]:
    point = page.evaluate(NODE_CENTRE, label)
    return point["x"], point["y"]


CHAIN = ["client", "load_balancer", "service", "cache", "queue", "worker", "database",
         "search", "object_store", "cdn", "dns", "external"]


def test_the_link_handle_comes_back_on_the_component_just_linked_to(anonymous_page,
                                                                    transactional_db):
    # A drag from the handle ends with the pointer on the component it linked to: that
    # component's handle must show for the next link without leaving it first.
    page = anonymous_page
    page.goto("/designs/new/")
    keys = [page.evaluate("([k, x, y]) => window.editor.addComponent(k, null, x, y)",
                          [kind, 220 * (i % 4), 140 * (i // 4)]) for i, kind in enumerate(CHAIN)]
    page.get_by_test_id("fit").click()
    handle = page.locator("#link-handle")
    for source, target in zip(keys, keys[1:], strict=False):
        page.mouse.move(*_centre(page, source), steps=2)
        expect(handle).to_be_visible(timeout=2000)
        box = handle.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=2)
        page.mouse.down()
        page.mouse.move(*_centre(page, target), steps=8)
        page.mouse.up()
    links = page.evaluate("window.editor.document()")["links"]
    assert links == [{"from": a, "to": b} for a, b in zip(keys, keys[1:], strict=False)]
