"""draw.io exports read by mxGraph (the `mxgraph` npm package, the library diagrams.net is
built on) in Chromium: each handbook example's export, plain and compressed, is decoded by
mxCodec into a graph in a page, which must draw one shape per component and one edge per
link, each edge between the right two shapes, as SVG in the page. The compressed page is
inflated by the browser's own DecompressionStream("deflate-raw") and decodeURIComponent, as
diagrams.net does, not by our code."""

import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.formats import export_text
from estimator.formats.drawio import compress_file

ROOT = Path(__file__).resolve().parents[2]
MXCLIENT = ROOT / "node_modules" / "mxgraph" / "javascript" / "mxClient.min.js"
EXAMPLES = ROOT / "designs" / "examples"
SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"

# Reads a .drawio file's first page into an mxGraph and reports what it drew. The label of a
# cell wrapped in <object> is its `label` attribute, as diagrams.net shows it.
RENDER = """async (fileText) => {
  const file = mxUtils.parseXml(fileText).documentElement;
  const diagram = file.getElementsByTagName("diagram")[0];
  let model = diagram.getElementsByTagName("mxGraphModel")[0];
  if (!model) {
    const bytes = Uint8Array.from(atob(diagram.textContent.trim()), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    const xml = decodeURIComponent(await new Response(stream).text());
    model = mxUtils.parseXml(xml).documentElement;
  }
  const container = document.getElementById("graph");
  container.innerHTML = "";
  const graph = new mxGraph(container);
  graph.setHtmlLabels(true);
  graph.convertValueToString = (cell) => (mxUtils.isNode(cell.value)
    ? cell.value.getAttribute("label") : mxGraph.prototype.convertValueToString.call(graph, cell));
  new mxCodec(model.ownerDocument).decode(model, graph.getModel());
  const parent = graph.getDefaultParent();
  const drawn = (cell) => {
    const state = graph.view.getState(cell);
    return Boolean(state && state.shape && state.shape.node
      && state.shape.node.ownerSVGElement && container.contains(state.shape.node));
  };
  const keyOf = (cell) => (cell && mxUtils.isNode(cell.value)
    ? cell.value.getAttribute("key") : null);
  const vertices = graph.getChildVertices(parent);
  const edges = graph.getChildEdges(parent);
  return {
    vertices: vertices.map((cell) => ({
      key: keyOf(cell), kind: cell.value.getAttribute("kind"),
      instances: cell.value.getAttribute("instances"), drawn: drawn(cell),
      label: graph.view.getState(cell).text ? graph.view.getState(cell).text.node.textContent : "",
    })),
    edges: edges.map((cell) => ({
      source: keyOf(graph.view.getState(cell).getVisibleTerminalState(true)?.cell),
      target: keyOf(graph.view.getState(cell).getVisibleTerminalState(false)?.cell),
      drawn: drawn(cell),
    })),
    svgShapes: container.querySelectorAll("svg g path, svg g rect, svg g ellipse").length,
  };
}"""


@pytest.fixture(scope="module")
def mxgraph_page(browser):
    assert MXCLIENT.exists(), "npm ci installs mxgraph (package.json's devDependencies)"
    context = browser.new_context(viewport={"width": 1800, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.set_content('<div id="graph" style="position:relative;width:1800px;height:1000px;'
                     'overflow:hidden;background:#fff"></div>')
    # No resource bundles or stylesheets: mxClient would fetch them from mxBasePath.
    page.add_script_tag(content="window.mxLoadResources = false; "
                                "window.mxLoadStylesheets = false; window.mxBasePath = '.';")
    page.add_script_tag(path=str(MXCLIENT))
    assert page.evaluate("typeof mxGraph === 'function' && mxClient.VERSION") == "4.2.2"
    yield page, errors
    context.close()


def _example(slug: str) -> dict:
    return json.loads((EXAMPLES / f"{slug}.json").read_text())


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "compressed"])
@pytest.mark.parametrize("slug", SLUGS)
def test_mxgraph_draws_each_component_and_link_of_an_export(mxgraph_page, slug, compressed):
    page, errors = mxgraph_page
    document = _example(slug)
    result = estimate(document)
    text = export_text(document, "drawio", result)
    if compressed:
        text = compress_file(text)
        assert "<mxGraphModel" not in text
    drawn = page.evaluate(RENDER, text)
    assert errors == []
    components = {c["key"]: c for c in document["components"]}
    assert sorted(v["key"] for v in drawn["vertices"]) == sorted(components)
    for vertex in drawn["vertices"]:
        component = components[vertex["key"]]
        assert vertex["drawn"], vertex
        assert vertex["kind"] == component["kind"]
        assert vertex["instances"] == str(component.get("instances", 1))
        assert (component.get("name") or component["key"]) in vertex["label"]
    links = sorted((link["from"], link["to"]) for link in document["links"])
    assert sorted((e["source"], e["target"]) for e in drawn["edges"]) == links
    assert all(edge["drawn"] for edge in drawn["edges"])
    assert drawn["svgShapes"] >= len(components) + len(links)
    if slug == "netflix" and not compressed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "drawio-netflix-mxgraph.png"))
