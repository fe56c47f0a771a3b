"""static/designs/editor/edge_routes.js in Chromium: the editor's links routed round the boxes of
the five handbook examples as the editor lays them out, drawn by Cytoscape as `segments`
edges, and the drawn geometry read back from Cytoscape and checked here."""

import pytest
from playwright.sync_api import expect

from designs.link_routes import path_crosses
from designs.services.designs import design_fork

EXAMPLES = ["netflix", "twitter", "uber", "url-shortener", "whatsapp"]

# Runs in the page (a function, not a string to eval: the CSP refuses eval): the module
# imported as the browser serves it, every link routed and drawn as the editor does, then
# what Cytoscape drew read back: the boxes (as drawn: border and outline), each link's
# polyline and its waypoints.
ROUTE_AND_DRAW = """async (block) => {
  const { route, segmentData } = await import("/static/designs/editor/edge_routes.js");
  const cy = window.editor.cy;
  const nodes = cy.nodes("[?doc]");
  let blocked = null;
  if (block) {  // a box put halfway along the longest link
    const span = (e) => Math.hypot(e.target().position("x") - e.source().position("x"),
      e.target().position("y") - e.source().position("y"));
    const edge = cy.edges("[?doc]").max(span).ele;
    const a = edge.source().position();
    const b = edge.target().position();
    const free = nodes.filter((n) => !n.same(edge.source()) && !n.same(edge.target()))[0];
    free.position({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
    blocked = edge.id();
  }
  // Let the editor's own hook route first, then route as it does (the same boxes): what it
  // drew and what is drawn here agree whichever runs last.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const boxes = nodes.map((n) => {
    const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
    return { id: n.id(), x: b.x1 + b.w / 2, y: b.y1 + b.h / 2, w: b.w, h: b.h };
  });
  const links = cy.edges("[?doc]").map((e) => ({ id: e.id(), source: e.source().id(),
    target: e.target().id() }));
  const routes = route(boxes, links);
  cy.style().selector("edge[dists]").style({ "curve-style": "segments",
    "edge-distances": "node-position", "segment-distances": "data(dists)",
    "segment-weights": "data(weights)" }).update();
  cy.edges("[?doc]").forEach((e) => {
    const data = segmentData(e.source().position(), e.target().position(), routes[e.id()]);
    if (data) e.data(data);
    else e.removeData("dists weights");
  });
  // Read back once Cytoscape has drawn the frame (its edge geometry is computed lazily).
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const drawn = cy.edges("[?doc]").map((e) => ({
    id: e.id(), source: e.source().id(), target: e.target().id(), routed: routes[e.id()] !== null,
    waypoints: routes[e.id()] || [],
    line: [e.sourceEndpoint(), ...(routes[e.id()] ? e.segmentPoints() : []), e.targetEndpoint()],
  }));
  return { boxes, drawn, blocked };
}"""


def _open(page, example, user) -> None:
    fork = design_fork(design=example, owner=user)
    page.goto(f"/designs/{fork.slug}/edit/")
    count = len(fork.document["components"])
    page.wait_for_function("(count) => window.editor && window.editor.cy.nodes('[?doc]').length"
                           " === count", arg=count)
    # The live estimate writes each box's load into its label (taller boxes): routes after it.
    expect(page.get_by_test_id("live-status")).to_contain_text("capacity")


def _crossings(result: dict) -> list[str]:
    """Each drawn link against every box but its two ends (shrunk by half a pixel)."""
    found = []
    for link in result["drawn"]:
        points = [(p["x"], p["y"]) for p in link["line"]]
        for box in result["boxes"]:
            if box["id"] in (link["source"], link["target"]):
                continue
            rect = (box["x"] - box["w"] / 2 + 0.5, box["y"] - box["h"] / 2 + 0.5,
                    box["w"] - 1, box["h"] - 1)
            if path_crosses(points, [rect]):
                found.append(f"{link['source']}->{link['target']} crosses {box['id']}")
    return found


def _overlaps(result: dict) -> list[str]:
    """Pairs of boxes that overlap (by more than a pixel): a link can not go between them."""
    boxes = result["boxes"]
    return [f"{a['id']} overlaps {b['id']}" for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if abs(a["x"] - b["x"]) < (a["w"] + b["w"]) / 2 - 1
            and abs(a["y"] - b["y"]) < (a["h"] + b["h"]) / 2 - 1]


def _drawn_as_routed(result: dict) -> None:
    """Cytoscape drew each routed link through its waypoints (segmentData's sign and
    weights are Cytoscape's), every run horizontal or vertical."""
    for link in result["drawn"]:
        if not link["routed"]:
            assert len(link["line"]) == 2
            continue
        drawn = link["line"][1:-1]
        assert len(drawn) == len(link["waypoints"])
        for got, wanted in zip(drawn, link["waypoints"], strict=True):
            assert got["x"] == pytest.approx(wanted["x"], abs=0.01)
            assert got["y"] == pytest.approx(wanted["y"], abs=0.01)
        runs = zip(link["waypoints"], link["waypoints"][1:], strict=False)
        assert all(a["x"] == b["x"] or a["y"] == b["y"] for a, b in runs)


@pytest.mark.parametrize("slug", EXAMPLES)
def test_no_link_of_an_example_crosses_a_box_in_the_editor(signed_in_page, user, examples,
                                                           slug, screenshot):
    page = signed_in_page
    _open(page, examples[slug], user)

    result = page.evaluate(ROUTE_AND_DRAW, False)

    assert len(result["drawn"]) == len(examples[slug].document["links"])
    # Laid out before the live estimate made the labels taller, the boxes still stand apart.
    assert _overlaps(result) == []
    _drawn_as_routed(result)
    assert _crossings(result) == []
    screenshot(page, f"editor-edge-routes-{slug}")


def test_a_box_moved_onto_a_link_is_gone_round(signed_in_page, user, examples, screenshot):
    page = signed_in_page
    _open(page, examples["url-shortener"], user)

    result = page.evaluate(ROUTE_AND_DRAW, True)

    assert next(link for link in result["drawn"] if link["id"] == result["blocked"])["routed"]
    _drawn_as_routed(result)
    assert _crossings(result) == []
    screenshot(page, "editor-edge-routes")


# What the editor itself drew (its hook in editor/canvas.js): boxes, and each link's polyline.
DRAWN = """() => {
  const cy = window.editor.cy;
  const boxes = cy.nodes("[?doc]").map((n) => {
    const b = n.boundingBox({ includeLabels: false, includeOverlays: false });
    return { id: n.id(), x: b.x1 + b.w / 2, y: b.y1 + b.h / 2, w: b.w, h: b.h };
  });
  const drawn = cy.edges("[?doc]").map((e) => ({ id: e.id(), source: e.source().id(),
    target: e.target().id(), routed: e.data("dists") !== undefined,
    curve: e.style("curve-style"), line: [e.sourceEndpoint(),
      ...(e.data("dists") !== undefined ? e.segmentPoints() : []), e.targetEndpoint()] }));
  return { boxes, drawn };
}"""

# The middle of the longest straight link and a box that is not one of its ends, both on
# the screen: where to drag the box from and to.
DRAG = """() => {
  const cy = window.editor.cy;
  const span = (e) => e.data("dists") !== undefined ? -1 : Math.hypot(
    e.target().position("x") - e.source().position("x"),
    e.target().position("y") - e.source().position("y"));
  const edge = cy.edges("[?doc]").max(span).ele;
  const node = cy.nodes("[?doc]").filter((n) => !n.same(edge.source()) && !n.same(edge.target())
    && n.edgesWith(edge.source().union(edge.target())).empty())[0];
  const canvas = cy.container().getBoundingClientRect();
  const at = node.renderedPosition();
  const a = edge.source().renderedPosition();
  const b = edge.target().renderedPosition();
  return { edge: edge.id(), node: node.id(), from: [canvas.left + at.x, canvas.top + at.y],
    to: [canvas.left + (a.x + b.x) / 2, canvas.top + (a.y + b.y) / 2] };
}"""


def test_the_editor_routes_its_links_on_load_and_after_a_drag(signed_in_page, user, examples,
                                                              screenshot):
    page = signed_in_page
    _open(page, examples["netflix"], user)
    page.wait_for_function("() => window.editor.cy.edges('[dists]').length > 0")

    loaded = page.evaluate(DRAWN)
    assert {link["curve"] for link in loaded["drawn"] if link["routed"]} == {"round-segments"}
    assert _crossings(loaded) == []

    drag = page.evaluate(DRAG)
    page.mouse.move(*drag["from"])
    page.mouse.down()
    page.mouse.move(*drag["to"], steps=12)
    page.mouse.up()
    page.wait_for_function("(id) => window.editor.cy.getElementById(id).data('dists')"
                           " !== undefined", arg=drag["edge"])

    dragged = page.evaluate(DRAWN)
    assert _crossings(dragged) == []
    moved = next(b for b in dragged["boxes"] if b["id"] == drag["node"])
    before = next(b for b in loaded["boxes"] if b["id"] == drag["node"])
    assert (moved["x"], moved["y"]) != (before["x"], before["y"])  # the box stays where dropped
    screenshot(page, "editor-edge-routes-after-drag")


CRAFTED = """async () => {
  const { route, segmentData } = await import("/static/designs/editor/edge_routes.js");
  const boxes = [{ id: "a", x: 0, y: 0, w: 100, h: 40 }, { id: "b", x: 200, y: 0, w: 100, h: 40 },
    { id: "c", x: 400, y: 0, w: 100, h: 40 }];
  const links = [{ id: "ac", source: "a", target: "c" }, { id: "ab", source: "a", target: "b" }];
  return { routes: route(boxes, links), spent: route(boxes, links, { budget: 0 }),
    data: segmentData(boxes[0], boxes[2], [{ x: 0, y: -34 }, { x: 400, y: -34 }]),
    same: segmentData(boxes[0], boxes[0], [{ x: 0, y: -34 }]) };
}"""


def test_the_module_bends_round_a_box_between_two_ends_and_keeps_clear_lines(anonymous_page):
    page = anonymous_page
    page.goto("/help/")

    result = page.evaluate(CRAFTED)

    # a -> c: out of a's top, along above b (its padded edge), into c's top.
    assert result["routes"] == {"ac": [{"x": 0, "y": -34}, {"x": 400, "y": -34}], "ab": None}
    assert result["spent"] == {"ac": None, "ab": None}  # no budget left: straight lines
    # Above the line a -> c (y grows downwards): negative distances, weights 0 and 1.
    assert result["data"] == {"dists": [-34, -34], "weights": [0, 1]}
    assert result["same"] is None


# reroute(): a change routes again only the links it can have touched; the others keep
# their route, and every route is what route() finds for the boxes as they are now.
REROUTE = """async () => {
  const { reroute, route } = await import("/static/designs/editor/edge_routes.js");
  const box = (id, x, y) => ({ id, x, y, w: 100, h: 40 });
  const boxes = [box("a", 0, 0), box("b", 200, 0), box("c", 400, 0), box("d", 0, 600),
    box("e", 400, 600)];
  const links = [{ id: "ac", source: "a", target: "c" }, { id: "ab", source: "a", target: "b" },
    { id: "de", source: "d", target: "e" }];
  const first = reroute(boxes, links, null);
  const step = (next) => {
    const result = reroute(next, links, first);
    return { changed: result.changed, routes: result.routes, full: route(next, links) };
  };
  const moved = (id, x, y) => boxes.map((b) => (b.id === id ? box(id, x, y) : b));
  return {
    first: first.changed,
    far: step(moved("e", 410, 600)),  // far from a -> c: only d -> e again
    unblocked: step(moved("b", 200, 300)),  // b leaves the line a -> c
    blocking: step([...boxes, box("f", 200, 600)]),  // a new box on the line d -> e
  };
}"""


def test_rerouting_after_a_change_routes_only_the_links_near_it(anonymous_page):
    page = anonymous_page
    page.goto("/help/")

    result = page.evaluate(REROUTE)

    assert sorted(result["first"]) == ["ab", "ac", "de"]
    assert result["far"]["changed"] == ["de"]
    assert result["far"]["routes"]["ac"] == [{"x": 0, "y": -34}, {"x": 400, "y": -34}]
    assert sorted(result["unblocked"]["changed"]) == ["ab", "ac"]
    assert result["unblocked"]["routes"]["ac"] is None
    assert result["blocking"]["changed"] == ["de"]
    assert result["blocking"]["routes"]["de"] is not None
    for case in ("far", "unblocked", "blocking"):
        assert result[case]["routes"] == result[case]["full"]
