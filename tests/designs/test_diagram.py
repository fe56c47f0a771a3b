"""The component diagram: layout (layers, no overlaps), marks, escaping, self-containment.
Plain functions over design and estimate documents: no database."""

import copy
import itertools
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from designs import diagram
from designs.diagram import diagram_layout, diagram_svg
from estimator.engine import estimate

EXAMPLES_DIR = Path(diagram.__file__).resolve().parent / "examples"
EXAMPLES = sorted(path.stem for path in EXAMPLES_DIR.glob("*.json"))
SVG = "{http://www.w3.org/2000/svg}"
STORES = {"database", "object_store", "search"}
HOSTILE = "<script>alert(1)</script>"


def _example(slug: str) -> tuple[dict, dict]:
    document = json.loads((EXAMPLES_DIR / f"{slug}.json").read_text(encoding="utf-8"))
    return document, estimate(document)


def _texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)  # also proves the SVG is well-formed XML
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def _overlap(a: dict, b: dict) -> bool:
    # Badges straddle a box's top border: count half a badge above each box.
    top = diagram.BADGE_HEIGHT / 2
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] - top < b["y"] + b["height"] and b["y"] - top < a["y"] + a["height"])


def test_the_five_handbook_examples_are_there():
    assert EXAMPLES == ["netflix", "twitter", "uber", "url-shortener", "whatsapp"]


@pytest.mark.parametrize("slug", EXAMPLES)
def test_every_component_label_is_drawn(slug):
    document, result = _example(slug)

    svg = diagram_svg(document, result)

    texts = _texts(svg)
    layout = diagram_layout(document, result)
    for component in document["components"]:
        node = layout["nodes"][component["key"]]
        assert " ".join(node["lines"]) == component.get("name", component["key"])
        for line in node["lines"]:
            assert line in texts
        assert node["detail"] in texts  # kind and instances: "service · x40"
        assert f"x{component.get('instances', 1)}" in node["detail"]


@pytest.mark.parametrize("small", [False, True])
@pytest.mark.parametrize("slug", EXAMPLES)
def test_no_two_boxes_overlap_and_every_label_fits_its_box(slug, small):
    layout = diagram_layout(*_example(slug), small=small)

    boxes = list(layout["nodes"].values())
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlap(a, b), (a, b)
    for box in boxes:
        for line in box["lines"]:
            width = diagram.text_width(line, diagram.NAME_SIZE, bold=True)
            assert width + 2 * diagram.PAD_X <= box["width"]
        assert 0 <= box["x"] and box["x"] + box["width"] <= layout["width"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= layout["height"]


@pytest.mark.parametrize("slug", EXAMPLES)
def test_clients_come_first_and_data_stores_last(slug):
    document, result = _example(slug)

    layout = diagram_layout(document, result)

    kinds = {c["key"]: c["kind"] for c in document["components"]}
    last = len(layout["layers"]) - 1
    for key, node in layout["nodes"].items():
        if kinds[key] == "client":
            assert node["layer"] == 0
        if kinds[key] in STORES:
            assert node["layer"] == last
    assert {kinds[key] for key in layout["layers"][last]} <= STORES


@pytest.mark.parametrize("slug", EXAMPLES)
def test_links_between_other_components_run_left_to_right(slug):
    document, result = _example(slug)

    nodes = diagram_layout(document, result)["nodes"]

    for link in document["links"]:
        assert nodes[link["from"]]["layer"] < nodes[link["to"]]["layer"], link


def test_a_single_point_of_failure_has_a_red_dashed_border_and_a_badge():
    document, result = _example("url-shortener")
    spofs = [c["key"] for c in result["components"] if c["spof"]]

    svg = diagram_svg(document, result)

    assert spofs == ["kgs"]
    assert diagram_layout(document, result)["nodes"]["kgs"]["spof"] is True
    assert _texts(svg).count("SPOF") == 1
    assert f'stroke="{diagram.SPOF_COLOUR}" stroke-width="2.0" stroke-dasharray="6 3"' in svg
    assert "single point of failure" in _texts(svg)  # the legend


@pytest.mark.parametrize("slug", EXAMPLES)
def test_the_first_component_to_saturate_is_marked(slug):
    document, result = _example(slug)
    first = result["headroom"]["first_saturating"]

    nodes = diagram_layout(document, result)["nodes"]

    assert [key for key, node in nodes.items() if node["first_saturating"]] == [first]
    # Its badge, and the legend's entry.
    assert _texts(diagram_svg(document, result)).count("first to saturate") == 2


def test_boxes_are_filled_by_peak_utilisation(document):
    document["components"][1]["capacity_rps"] = 100  # api: far over 100% at peak
    result = estimate(document)

    nodes = diagram_layout(document, result)["nodes"]

    assert nodes["api"]["level"] == "hot" and nodes["api"]["status"].startswith("peak ")
    assert nodes["db"]["level"] == "ok"
    assert nodes["client"]["level"] == "none"
    assert nodes["client"]["status"] == "no capacity limit"
    svg = diagram_svg(document, result)
    assert f'fill="{diagram.FILL["hot"]}"' in svg and f'fill="{diagram.FILL["none"]}"' in svg


def test_user_supplied_text_is_escaped(document):
    document["name"] = 'Quotes " and <tags>'
    document["components"][1]["name"] = HOSTILE

    svg = diagram_svg(document, estimate(document))

    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = ElementTree.fromstring(svg)  # the text is back as it was, once parsed
    titles = [element.text for element in root.iter(f"{SVG}title")]
    assert f"{HOSTILE} (api)" in [title.splitlines()[0] for title in titles]
    assert 'aria-label="Component diagram of Quotes &quot; and &lt;tags&gt;' in svg


def test_it_is_self_contained_and_accessible(document):
    svg = diagram_svg(document, estimate(document))

    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label").startswith("Component diagram")
    assert root[0].tag == f"{SVG}title"
    for forbidden in ("<script", "href", "url(", "class=", " id=", "<style", "<image"):
        assert forbidden not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_small_diagram_has_no_legend_and_is_drawn_smaller(document):
    result = estimate(document)

    full, small = diagram_svg(document, result), diagram_svg(document, result, small=True)

    assert "single point of failure" in _texts(full)
    assert "single point of failure" not in _texts(small)
    full_width = float(ElementTree.fromstring(full).get("width"))
    assert float(ElementTree.fromstring(small).get("width")) < full_width
    assert "cache" in _texts(small)
    assert "cache · x1" not in _texts(small)  # a thumbnail's boxes show names only


def test_without_an_estimate_every_box_is_grey_and_unmarked(document):
    svg = diagram_svg(document, None)

    nodes = diagram_layout(document)["nodes"]
    assert {node["level"] for node in nodes.values()} == {"none"}
    assert not any(node["spof"] or node["first_saturating"] for node in nodes.values())
    assert "SPOF" not in _texts(svg)
    assert "not estimated yet" in _texts(svg)


def test_without_links_the_routes_draw_the_graph(document):
    del document["links"]

    layout = diagram_layout(document)

    assert [link["from"] + ">" + link["to"] for link in layout["links"]] == [
        "client>api", "api>db", "api>cache", "cache>db"]
    assert layout["nodes"]["api"]["layer"] == 1


def test_a_cycle_and_links_into_a_client_are_laid_out(document):
    document["links"] += [{"from": "db", "to": "api"}, {"from": "cache", "to": "client"},
                          {"from": "api", "to": "api_twin"}, {"from": "api_twin", "to": "api"}]
    document["components"].append({"key": "api_twin", "kind": "service"})

    layout = diagram_layout(document)
    svg = diagram_svg(document, None)

    assert layout["nodes"]["client"]["layer"] == 0
    assert layout["nodes"]["db"]["layer"] == len(layout["layers"]) - 1
    assert svg.count("<path") >= len(layout["links"])


def test_long_names_wrap_and_are_cut_with_the_whole_name_in_the_tooltip(document):
    name = "A remarkably long component name that goes on and on well past three lines of text"
    document["components"][1]["name"] = name

    node = diagram_layout(document)["nodes"]["api"]

    assert len(node["lines"]) == diagram.MAX_LINES and node["lines"][-1].endswith("…")
    assert all(len(line) <= diagram.WRAP_CHARS for line in node["lines"])
    assert f"<title>{name} (api)" in diagram_svg(document, None)


def test_a_design_too_large_to_draw_says_so():
    components = [{"key": f"c{i}", "kind": "service"} for i in range(diagram.MAX_COMPONENTS + 1)]

    svg = diagram_svg({"name": "Huge", "components": components}, None)

    assert "too many to draw" in svg and len(svg) < 2000


def test_estimates_of_another_version_leave_unknown_components_unestimated(document):
    result = estimate(copy.deepcopy(document))
    document["components"].append({"key": "search", "kind": "search"})

    node = diagram_layout(document, result)["nodes"]["search"]

    assert node["status"] == "not estimated" and node["level"] == "none"


def test_without_links_every_alternative_of_a_route_draws_its_hops():
    document = {
        "name": "Alternatives",
        "components": [{"key": k, "kind": kind} for k, kind in (
            ("client", "client"), ("cdn", "cdn"), ("api", "service"), ("db", "database"))],
        "workloads": [{"name": "read", "kind": "read", "rate": 1, "route": [
            "client", {"any_of": [["cdn"], ["api"]]}, {"key": "db", "fan_out": 2}]}],
    }

    links = {(link["from"], link["to"]) for link in diagram_layout(document)["links"]}

    assert links == {("client", "cdn"), ("cdn", "db"), ("client", "api"), ("api", "db")}


def test_a_replica_is_labelled_with_its_primary():
    from tests.engine.test_replicas import _replicated
    document = _replicated()
    svg = diagram_svg(document, estimate(document))
    texts = _texts(svg)
    assert "database · x1 · replica of db" in texts
    assert sum("replica of" in text for text in texts) == 1
