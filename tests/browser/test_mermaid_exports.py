"""Our Mermaid exports read by Mermaid itself (issue 16): the `mermaid` npm package pinned in
package.json (installed by `npm ci`, which `python3 dev.py lint` runs before the tests in CI),
loaded in Chromium; each handbook example's flowchart and architecture-beta diagram parses
with `mermaid.parse` and renders with `mermaid.render` to an SVG with one node per component.
A hostile name (quotes, brackets, a link arrow, HTML) survives as text.
"""

import json
from pathlib import Path

import pytest

from estimator.formats import export_text

ROOT = Path(__file__).resolve().parents[2]
MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
EXAMPLES = sorted((ROOT / "designs" / "examples").glob("*.json"))

# Parses, renders into the page (so the HTML labels are read as HTML), and reports the
# nodes drawn: flowchart nodes are `g.node`, architecture services `.architecture-service`.
RENDER = """async ({text, id}) => {
  try {
    await mermaid.parse(text);
  } catch (error) {
    return {error: 'parse: ' + (error.message || String(error))};
  }
  let svg;
  try {
    ({svg} = await mermaid.render(id, text));
  } catch (error) {
    return {error: 'render: ' + (error.message || String(error))};
  }
  const holder = document.createElement('div');
  holder.id = 'holder-' + id;
  holder.innerHTML = svg;
  document.body.appendChild(holder);
  const nodes = holder.querySelectorAll('g.node, .architecture-service');
  return {
    isSvg: holder.firstElementChild !== null && holder.firstElementChild.tagName === 'svg',
    nodes: nodes.length,
    texts: Array.from(nodes, (node) => node.textContent),
    scripts: holder.querySelectorAll('script, img[onerror]').length,
  };
}"""


@pytest.fixture(scope="module")
def mermaid_page(browser):
    if not MERMAID_JS.exists():
        pytest.fail(f"{MERMAID_JS.relative_to(ROOT)} is missing: run `npm ci` (python3 dev.py "
                    "lint does) to install the pinned mermaid package")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("about:blank")
    page.add_script_tag(path=str(MERMAID_JS))
    page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    yield page
    page.close()
    assert errors == [], errors


def _render(page, text: str, id: str) -> dict:
    result = page.evaluate(RENDER, {"text": text, "id": id})
    assert "error" not in result, f"Mermaid refused our export: {result.get('error')}\n{text}"
    assert result["isSvg"]
    return result


@pytest.mark.parametrize("format", ["mermaid", "mermaid-architecture"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_a_handbook_example_parses_and_renders_one_node_per_component(mermaid_page, path,
                                                                      format):
    document = json.loads(path.read_text())
    result = _render(mermaid_page, export_text(document, format),
                     f"{path.stem.replace('-', '_')}_{format.replace('-', '_')}")
    assert result["nodes"] == len(document["components"])
    # The architecture diagram wraps titles into rows without spaces between them.
    drawn = "".join("".join(result["texts"]).split())
    for component in document["components"]:
        assert "".join(component["name"].split()) in drawn


HOSTILE = 'Say "hi" [x] --> {y} <b>bold</b> <img src=x onerror=alert(1)> #quot; & end;'


@pytest.mark.parametrize("format", ["mermaid", "mermaid-architecture"])
def test_a_hostile_name_survives_as_text(mermaid_page, format):
    document = {
        "name": 'A "design" --> [x]',
        "components": [
            {"key": "end", "kind": "client", "name": "Users"},
            {"key": "graph-1", "kind": "service", "name": HOSTILE, "instances": 3},
            {"key": "db", "kind": "database", "name": "style db fill:#f00"},
        ],
        "links": [{"from": "end", "to": "graph-1"}, {"from": "graph-1", "to": "db"}],
        "workloads": [],
    }
    result = _render(mermaid_page, export_text(document, format), f"hostile_{format[-4:]}")
    assert result["nodes"] == 3
    assert result["scripts"] == 0
    drawn = " ".join(result["texts"])
    if format == "mermaid":  # the flowchart keeps the name exactly, as text
        assert HOSTILE in drawn
        assert "style db fill:#f00" in drawn
    else:  # the architecture title cannot hold brackets or quotes: dropped, the rest kept
        assert "-->{y}<b>bold</b>" in "".join(drawn.split())
