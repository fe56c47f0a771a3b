"""No link of the diagram passes through a box but its own two ends: checked on the
rendered SVG (its paths flattened, its boxes read back), for every handbook example and
starter template, and on layouts made to put a box in a link's way. Plain functions, no
database."""

import json
import math
import random
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from designs import diagram
from designs.diagram import diagram_svg
from designs.link_routes import BoxGrid, path_crosses, route_around, segment_crosses
from designs.starter_files import starters
from estimator.engine import estimate

EXAMPLES_DIR = Path(diagram.__file__).resolve().parent / "examples"
# The handbook examples and the other templates of "New design" (blank too).
STARTERS = {starter.slug: starter.document for starter in starters()}
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = r"-?\d+(?:\.\d+)?"
# An end of a link stops this close to its box: the arrowhead fills the rest.
END_REACH = diagram.ARROW + 1.5


def _flatten(d: str) -> list[tuple[float, float]]:
    """The points of an SVG path of M, L, Q and C commands (absolute), curves sampled."""
    points: list[tuple[float, float]] = []
    for command, numbers in re.findall(rf"([MLQC])((?:\s*{NUMBER})+)", d):
        values = [float(v) for v in re.findall(NUMBER, numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command in "ML":
            points += pairs
            continue
        start = points[-1]
        for step in range(1, 17):
            t = step / 16
            if command == "Q":
                weights = [(1 - t) ** 2, 2 * t * (1 - t), t * t]
            else:
                weights = [(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3]
            controls = [start, *pairs]
            points.append((sum(w * p[0] for w, p in zip(weights, controls, strict=True)),
                           sum(w * p[1] for w, p in zip(weights, controls, strict=True))))
    return points


def _geometry(svg: str) -> tuple[list[tuple], list[list[tuple]]]:
    """The component boxes (the first rectangle of each group) and the link paths (the
    unfilled paths in the link colour, the legend's swatch aside: it touches no box)."""
    root = ElementTree.fromstring(svg)
    boxes = []
    for group in root.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        boxes.append(tuple(float(rect.get(a)) for a in ("x", "y", "width", "height")))
    links = [_flatten(path.get("d")) for path in root.iter(f"{SVG}path")
             if path.get("fill") == "none" and path.get("stroke") == diagram.LINK_COLOUR]
    return boxes, links


def _gap(point: tuple, box: tuple) -> float:
    x, y, w, h = box
    dx = max(x - point[0], 0, point[0] - x - w)
    dy = max(y - point[1], 0, point[1] - y - h)
    return math.hypot(dx, dy)


def _crossings(svg: str) -> list[str]:
    """Every (link, box) where the link's drawn path enters a box it does not start or end at
    (boxes shrunk by half a pixel: coordinates are written to a tenth)."""
    boxes, links = _geometry(svg)
    found = []
    for index, points in enumerate(links):
        ends = {b for b in boxes if min(_gap(points[0], b), _gap(points[-1], b)) <= END_REACH}
        for box in boxes:
            x, y, w, h = box
            if box not in ends and path_crosses(points, [(x + 0.5, y + 0.5, w - 1, h - 1)]):
                found.append(f"link {index} {points[0]}->{points[-1]} crosses box {box}")
    return found


def _document(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", sorted(STARTERS))
@pytest.mark.parametrize("small", [False, True], ids=["page", "thumbnail"])
def test_no_link_passes_through_a_box_of_an_example_or_starter(slug, small):
    document = STARTERS[slug]
    result = estimate(document) if document.get("components") else None
    svg = diagram_svg(document, result, small=small)

    boxes, links = _geometry(svg)
    assert len(boxes) == len(document.get("components", []))
    # Every link of the document is drawn (the legend's swatch is one more on the page).
    assert len(links) == len(document.get("links", [])) + (0 if small else 1)
    assert _crossings(svg) == []


def test_the_check_sees_a_link_drawn_through_a_box():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g><rect x="0" y="0" width="50" height="20"/>'
           '</g><g><rect x="100" y="0" width="50" height="20"/></g>'
           '<g><rect x="200" y="0" width="50" height="20"/></g>'
           f'<path d="M50 10L192 10" fill="none" stroke="{diagram.LINK_COLOUR}"/></svg>')

    assert len(_crossings(svg)) == 1


def _blocked_scene():
    """Twitter's diagram with a box moved onto a link that passes through its column."""
    document = _document(EXAMPLES_DIR / "twitter.json")
    scene = diagram._scene(document, estimate(document))
    layout = scene.layout
    index, route = next((i, r) for i, r in enumerate(layout.routes) if r.dummies)
    dummy = route.dummies[0]
    blocker = next(k for k in layout.layers[layout.layer_of[dummy]] if isinstance(k, str))
    layout.y[blocker] = layout.y[dummy] - layout.height[blocker] / 2
    return scene, route, index, blocker


def test_a_link_bends_round_a_box_put_in_its_way():
    scene, route, index, blocker = _blocked_scene()
    ports = diagram._ports(scene)
    straight = diagram._route_points(scene, route, index, ports)
    assert diagram._crosses_a_box(scene, route, straight)

    svg = diagram._link_svg(scene, route, index, ports)

    d = re.search(r'd="([^"]+)"', svg).group(1)
    assert "Q" in d  # rounded corners: the link was routed, not drawn straight
    points = _flatten(d)
    others = [diagram._box(scene, k) for k in scene.nodes if k not in (route.low, route.high)]
    assert not path_crosses(points, others)
    # It still starts at its low end's port and ends (arrowhead aside) at the high end's.
    assert points[0] == pytest.approx(straight[0], abs=0.1)
    assert points[-1] == pytest.approx((straight[-1][0] - diagram.ARROW, straight[-1][1]),
                                       abs=0.1)


def test_a_link_whose_straight_line_is_clear_is_not_routed():
    document = _document(EXAMPLES_DIR / "url-shortener.json")
    svg = diagram_svg(document, estimate(document))

    assert "Q" not in "".join(re.findall(r'd="([^"]+)"', svg))


# ---- the router on its own -----------------------------------------------------------------


def test_a_box_exactly_between_two_ends_is_gone_round():
    box = (100, 0, 100, 100)

    route = route_around((0, 50), (300, 50), [box])

    assert route[0] == (0, 50) and route[-1] == (300, 50)
    assert len(route) == 4  # out, along, back: two bends
    assert not path_crosses(route, [(90, -10, 120, 120)])  # the margin is kept too
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(route, route[1:], strict=False))


def test_a_clear_line_is_the_route():
    assert route_around((0, 50), (300, 50), [(100, 200, 50, 50)]) == [(0, 50), (300, 50)]


def test_a_route_threads_the_gap_in_a_column_of_boxes():
    column = [(100, y, 60, 40) for y in range(-300, 301, 60)]  # 20 px between boxes
    padded = [(x - 5, y - 5, w + 10, h + 10) for x, y, w, h in column]

    route = route_around((0, 0), (300, 0), column, margin=5)

    assert len(route) > 2 and not path_crosses(route, padded)
    # Through the gap above the box at y=0 (padded: from -15 to -5), not round the column.
    assert all(-15 <= y <= 0 for _, y in route)


def test_a_walled_in_end_has_no_route():
    walls = [(-50, -50, 100, 10), (-50, 40, 100, 10), (-50, -50, 10, 100), (40, -50, 10, 100)]

    assert route_around((0, 0), (300, 0), walls, margin=2) is None


def test_an_end_inside_a_padded_box_has_no_route():
    assert route_around((95, 50), (300, 50), [(100, 0, 100, 100)]) is None


def test_segments_touching_a_box_do_not_cross_it():
    box = (0, 0, 10, 10)
    assert not segment_crosses((-5, 0), (15, 0), box)  # along an edge
    assert not segment_crosses((-5, -5), (0, 0), box)  # to a corner
    assert segment_crosses((-5, 5), (15, 5), box)
    assert segment_crosses((5, -5), (5, 5), box)  # ends inside


def test_the_box_grid_finds_every_box_a_rectangle_overlaps():
    rng = random.Random(5)
    boxes = {n: (rng.uniform(-500, 1500), rng.uniform(-500, 1500), rng.uniform(1, 400),
                 rng.uniform(1, 300)) for n in range(200)}
    grid = BoxGrid(boxes)
    for _ in range(300):
        rect = (rng.uniform(-600, 1600), rng.uniform(-600, 1600), rng.uniform(0, 900),
                rng.uniform(0, 60))
        overlapping = {n for n, b in boxes.items() if diagram._overlaps(rect, b)}
        near = grid.near(rect)
        assert overlapping <= near
        assert len(near) < len(boxes)  # and not simply every box
