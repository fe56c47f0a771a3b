"""The component graph as a self-contained SVG, drawn on the server.

Left to right in layers that follow the links (clients first, data stores last; see
designs.graph_layout). Links curve between the columns; one that would still cross a box
is bent round it, the boxes left in place (designs.link_routes). Each box shows a
component's name, kind and instances, filled by its peak utilisation; single points of
failure have a red dashed border and a "SPOF" badge, the first component to saturate a
flame badge. Inline attributes only, no scripts, no external references and no ids: the
same SVG serves the design page, the compare page's thumbnails and the reports. Every
user-supplied text is escaped.

Text widths are estimated from character counts with a margin (no font metrics on the
server): boxes are sized from their text, so labels never overlap.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from html import escape as html_escape

from designs.graph_layout import Layout, Route, Spacing, layered_layout
from designs.link_routes import MARGIN as ROUTE_MARGIN
from designs.link_routes import BoxGrid, path_crosses, route_around
from estimator.engine import DesignError, parse_design
from estimator.engine.result import Component, EstimateView
from estimator.present.tables import utilization_level
from estimator.present.units import fmt_fraction

STORE_KINDS = frozenset({"database", "object_store", "search"})
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

NAME_SIZE, NAME_LINE = 13, 16
TEXT_SIZE, TEXT_LINE = 11, 14
BADGE_SIZE, BADGE_HEIGHT = 10, 16
PAD_X, PAD_TOP, PAD_BOTTOM = 10, 12, 8
MIN_WIDTH = 120
WRAP_CHARS, MAX_LINES = 20, 3
MARGIN = 16
SPOF_BADGE, FIRST_BADGE = "SPOF", "first to saturate"
# Past these a diagram is unreadable and slow to lay out (the engine accepts 10,000
# components): a note stands in for it.
MAX_COMPONENTS, MAX_LINKS = 300, 1200
# Thumbnails (compare page): names only, on two lines of 16 characters at most, closer together.
SMALL_SCALE, SMALL_WRAP_CHARS, SMALL_LINES = 0.8, 16, 2
SMALL_SPACING = Spacing(layer_gap=36, node_gap=22, dummy_gap=10, arc_room=30)

FILL = {"ok": "#e3f4e8", "warm": "#fdf0d3", "hot": "#fbe0de", "none": "#eef0f4"}
STROKE = {"ok": "#1c7c3c", "warm": "#9a6200", "hot": "#b3261e", "none": "#8a93a3"}
SPOF_COLOUR = "#b3261e"
FLAME_COLOUR = "#c2410c"
LINK_COLOUR = "#7d8797"
INK, MUTED = "#1d2330", "#4a5466"
# A flame, 10 by 12, drawn from its top-left corner.
FLAME_PATH = (
    "M5 0C6 3 10 4.5 10 8A5 4 0 0 1 0 8C0 5.5 2 4.5 2.5 2.5C3.5 4 4 4.5 4.6 4.6C5 3 5.2 1.5 5 0Z"
)


# Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF): a name may
# hold them, but the SVG must parse as XML where it is an image (the Markdown report) or is
# printed (the PDF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for the SVG: escaped, and anything XML cannot hold shown as U+FFFD."""
    return html_escape(_NOT_XML.sub("\ufffd", text))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the rendered width: wide sans-serif fonts (DejaVu Sans) fit."""
    em = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            em += 1.1
        elif char in " .,:;'|!ijlItf()[]·":
            em += 0.38
        elif char in "mwMW@%":
            em += 1.0
        elif char.isupper():
            em += 0.76
        else:
            em += 0.64
    return em * size * (1.1 if bold else 1.0)


def wrap(text: str, width: int = WRAP_CHARS, lines: int = MAX_LINES) -> list[str]:
    """Words into lines of at most `width` characters; a longer word is cut; past `lines`
    lines the last one ends with an ellipsis (the full text is in the tooltip)."""
    words = []
    for word in text.split():
        words += [word[i : i + width] for i in range(0, len(word), width)]
    result: list[str] = []
    for word in words:
        if result and len(result[-1]) + 1 + len(word) <= width:
            result[-1] += " " + word
        else:
            result.append(word)
    if len(result) > lines:
        result = result[:lines]
        result[-1] = result[-1][: width - 1].rstrip() + "…"
    return result or [""]


@dataclass
class Node:
    key: str
    name: str
    lines: list[str]
    detail: str
    status: str | None
    level: str
    spof: bool
    first: bool
    tooltip: str
    compact: bool = False  # a thumbnail's box: the name only
    width: float = 0.0
    height: float = 0.0
    badges: list[tuple[str, float]] = field(default_factory=list)


def _status(component: Component | None,
            estimate: EstimateView | None) -> tuple[str | None, str]:
    if estimate is None:
        return None, "none"
    if component is None:
        return "not estimated", "none"
    if component.utilization is None:
        return "no capacity limit", "none"
    target = estimate.assumptions.target_utilization
    return (f"peak {fmt_fraction(component.utilization)}",
            utilization_level(component.utilization, target))


def _tooltip(name: str, key: str, detail: str, status: str | None,
             component: Component | None, spof: bool, first: bool) -> str:
    parts = [f"{name} ({key})", detail]
    if component and component.redundancy:
        parts[-1] += f", {component.redundancy}"
    if status:
        parts.append(f"{status} utilisation at peak" if status.startswith("peak") else status)
    if spof:
        parts.append("single point of failure")
    if first:
        parts.append("first component to saturate")
    return "\n".join(parts)


def _node(raw: dict, component: Component | None, estimate: EstimateView | None,
          compact: bool) -> Node:
    key = str(raw.get("key", ""))
    name = str(raw.get("name") or key)
    instances = component.instances if component else raw.get("instances", 1)
    detail = f"{str(raw.get('kind', '')).replace('_', ' ')} · x{instances}"
    if isinstance(raw.get("replica_of"), str) and raw["replica_of"]:
        detail += f" · replica of {raw['replica_of']}"
    status, level = _status(component, estimate)
    spof = bool(component and component.spof)
    first = estimate is not None and estimate.headroom.first_saturating == key
    lines = wrap(name, SMALL_WRAP_CHARS, SMALL_LINES) if compact else wrap(name)
    node = Node(key, name, lines, detail, status, level, spof, first,
                _tooltip(name, key, detail, status, component, spof, first), compact)
    if first:  # room for the flame; a thumbnail's badge is the flame alone
        text = 0 if compact else text_width(FIRST_BADGE, BADGE_SIZE, True) + 6
        node.badges.append((FIRST_BADGE, text + 20))
    if spof:
        node.badges.append((SPOF_BADGE, text_width(SPOF_BADGE, BADGE_SIZE, True) + 12))
    texts = [text_width(line, NAME_SIZE, True) for line in node.lines]
    small_texts = [] if compact else [detail, status]
    texts += [text_width(t, TEXT_SIZE) for t in small_texts if t]
    badges = sum(width for _, width in node.badges) + 8 * len(node.badges)
    least = MIN_WIDTH / 2 if compact else MIN_WIDTH
    node.width = math.ceil(max(least, max(texts) + 2 * PAD_X, badges + 2 * PAD_X))
    rows = len(node.lines) * NAME_LINE + TEXT_LINE * len([t for t in small_texts if t])
    node.height = PAD_TOP + rows + PAD_BOTTOM
    return node


def _route_hops(document: dict) -> list[tuple[str, str]]:
    """The hops of every path of the workloads' routes (alternatives included), read from
    the parsed design; none for a document the engine refuses."""
    try:
        design = parse_design(document)
    except DesignError:
        return []
    return [hop for w in design.workloads for path in w.paths
            for hop in zip(path, path[1:], strict=False)]


def _links(document: dict, keys: set) -> list[tuple[str, str]]:
    """The document's links; without any, the hops of the workloads' routes."""
    links = [link for link in document.get("links") or [] if isinstance(link, dict)]
    pairs = [(link.get("from"), link.get("to")) for link in links] or _route_hops(document)
    found = dict.fromkeys((u, v) for u, v in pairs if u in keys and v in keys and u != v)
    return list(found)


def _estimated(estimate: EstimateView | None, key) -> Component | None:
    """The estimate's figures for a component of the document (None when not estimated)."""
    return None if estimate is None or not isinstance(key, str) else estimate.component(key)


@dataclass
class Scene:
    document: dict
    estimate: EstimateView | None
    nodes: dict[str, Node]
    layout: Layout
    spacing: Spacing
    links: list[tuple[str, str]]
    width: float
    height: float
    offset_x: float
    offset_y: float
    legend: list[list[tuple[str, float]]]

    @cached_property
    def boxes(self) -> BoxGrid:
        """Every component's box (SVG coordinates), bucketed for the links' crossing test."""
        return BoxGrid({key: _box(self, key) for key in self.nodes})


def _scene(document: dict, estimate: EstimateView | dict | None, small: bool = False) -> Scene:
    estimate = None if estimate is None else EstimateView.of(estimate)
    raw = [c for c in document.get("components") or [] if isinstance(c, dict)]
    nodes = {str(c.get("key", "")): _node(c, _estimated(estimate, c.get("key")), estimate,
                                          small)
             for c in raw}
    keys = list(nodes)
    links = _links(document, set(keys))
    kinds = {str(c.get("key", "")): c.get("kind") for c in raw}
    spacing = SMALL_SPACING if small else Spacing()
    layout = layered_layout(
        keys,
        {k: (n.width, n.height) for k, n in nodes.items()},
        links,
        first={k for k in keys if kinds[k] == "client"},
        last={k for k in keys if kinds[k] in STORE_KINDS},
        spacing=spacing,
    )
    width = layout.total_width + 2 * MARGIN
    legend = [] if small else _legend_rows(estimate, max(width, 560) - 2 * MARGIN)
    width = max(width, 560) if legend else width
    legend_height = len(legend) * 22 + 14 if legend else 0
    top = MARGIN + BADGE_HEIGHT / 2
    height = top + layout.total_height + MARGIN + legend_height
    offset_x = (width - layout.total_width) / 2
    return Scene(document, estimate, nodes, layout, spacing, links, width, height, offset_x, top,
                 legend)


# ---- geometry ---------------------------------------------------------------------------


def _box(scene: Scene, key) -> tuple[float, float, float, float]:
    """x, y, width, height of a node (or a dummy: zero height) in SVG coordinates."""
    layout = scene.layout
    layer = layout.layer_of[key]
    return (scene.offset_x + layout.x[layer], scene.offset_y + layout.y[key],
            layout.width[layer], layout.height[key])


def _centre_y(scene: Scene, key) -> float:
    _, y, _, h = _box(scene, key)
    return y + h / 2


def _ports(scene: Scene) -> dict:
    """Where each link meets its boxes: (route index, "low"/"high") -> y. The links on one
    side of a box are spread over its middle, in the order of where they come from."""
    sides: dict = {}
    for index, route in enumerate(scene.layout.routes):
        chain = [route.low, *route.dummies, route.high]
        if route.same_layer:
            sides.setdefault((route.low, "right"), []).append(
                (_centre_y(scene, route.high), index, "low"))
            sides.setdefault((route.high, "right"), []).append(
                (_centre_y(scene, route.low), index, "high"))
            continue
        after_low, before_high = _centre_y(scene, chain[1]), _centre_y(scene, chain[-2])
        sides.setdefault((route.low, "right"), []).append((after_low, index, "low"))
        sides.setdefault((route.high, "left"), []).append((before_high, index, "high"))
    ports = {}
    for (key, _), ends in sides.items():
        _, y, _, h = _box(scene, key)
        ends.sort()
        step = min(9.0, h * 0.6 / max(len(ends) - 1, 1))
        for rank, (_, index, end) in enumerate(ends):
            ports[(index, end)] = y + h / 2 + (rank - (len(ends) - 1) / 2) * step
    return ports


def _route_points(scene: Scene, route: Route, index: int, ports: dict) -> list[tuple]:
    x_low, _, w_low, _ = _box(scene, route.low)
    points = [(x_low + w_low, ports[(index, "low")])]
    for dummy in route.dummies:
        x, y, w, _ = _box(scene, dummy)
        points += [(x, y), (x + w, y)]
    x_high, _, w_high, _ = _box(scene, route.high)
    x_end = x_high + w_high if route.same_layer else x_high
    points.append((x_end, ports[(index, "high")]))
    return points


ARROW = 8


def _link_svg(scene: Scene, route: Route, index: int, ports: dict) -> str:
    points = _route_points(scene, route, index, ports)
    detour = _detour(scene, route, points) if _crosses_a_box(scene, route, points) else None
    if detour:
        return _detour_svg(route, detour)
    if route.same_layer:
        (x1, y1), (x2, y2) = points
        bulge, end = x1 + scene.spacing.arc_room - 6, x2 + ARROW
        path = f"M{x1:.1f} {y1:.1f}C{bulge:.1f} {y1:.1f} {bulge:.1f} {y2:.1f} {end:.1f} {y2:.1f}"
        return _path(path) + _arrow(x2, y2, -1)
    if route.reverse:
        x0, y0 = points[0]
        points[0] = (x0 + ARROW, y0)
    else:
        x9, y9 = points[-1]
        points[-1] = (x9 - ARROW, y9)
    path = f"M{points[0][0]:.1f} {points[0][1]:.1f}"
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        if abs(y2 - y1) < 0.5 or x2 - x1 < 1:
            path += f"L{x2:.1f} {y2:.1f}"
        else:
            bend = (x2 - x1) / 2
            path += f"C{x1 + bend:.1f} {y1:.1f} {x2 - bend:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"
    tip = (points[0][0] - ARROW, points[0][1], -1) if route.reverse else (
        points[-1][0] + ARROW, points[-1][1], 1)
    return _path(path) + _arrow(*tip)


def _crosses_a_box(scene: Scene, route: Route, points: list[tuple]) -> bool:
    """Whether the link as drawn would pass through a box other than its two ends. Each
    curve stays inside the rectangle of its two ends (its control points are there), so
    that rectangle is tested: the layered layout keeps it in the gap between columns."""
    if route.same_layer:
        (x1, y1), (x2, y2) = points
        hulls = [(x1, min(y1, y2), scene.spacing.arc_room - 6, abs(y2 - y1))]
    else:
        hulls = [(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
                 for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)]
    ends = (route.low, route.high)
    return any(_overlaps(hull, scene.boxes.boxes[key])
               for hull in hulls for key in scene.boxes.near(hull) if key not in ends)


def _overlaps(hull: tuple, box: tuple) -> bool:
    """Interiors overlap (a flat hull is a segment: it must pass inside the box)."""
    hx, hy, hw, hh = hull
    if hw < 1e-6 or hh < 1e-6:
        return path_crosses([(hx, hy), (hx + hw, hy + hh)], [box])
    x, y, w, h = box
    return hx < x + w and x < hx + hw and hy < y + h and y < hy + hh


def _detour(scene: Scene, route: Route, points: list[tuple]) -> list[tuple] | None:
    """The link bent round every box (the boxes stay where they are): out of its port
    sideways by the routing margin, round the boxes, and into the other port the same way."""
    (x1, y1), (x2, y2) = points[0], points[-1]
    into_left = not route.same_layer  # the high end's port is on its left side
    start = (x1 + ROUTE_MARGIN, y1)
    end = (x2 - ROUTE_MARGIN, y2) if into_left else (x2 + ROUTE_MARGIN, y2)
    corners = route_around(start, end, list(scene.boxes.boxes.values()))
    return None if corners is None else [(x1, y1), *corners, (x2, y2)]


def _detour_svg(route: Route, points: list[tuple]) -> str:
    """A routed link: straight runs with rounded corners, the arrowhead at the end the link
    points to (both end runs are horizontal)."""
    points = list(points)
    if route.reverse:
        tip = (*points[0], -1)
        points[0] = (points[0][0] + ARROW, points[0][1])
    else:
        x9, y9 = points[-1]
        direction = -1 if route.same_layer else 1
        tip = (x9, y9, direction)
        points[-1] = (x9 - direction * ARROW, y9)
    return _path(_rounded(points)) + _arrow(*tip)


def _rounded(points: list[tuple], radius: float = 6.0) -> str:
    path = f"M{points[0][0]:.1f} {points[0][1]:.1f}"
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, _distance(before, corner) / 2, _distance(corner, after) / 2)
        (ax, ay), (bx, by) = _toward(corner, before, r), _toward(corner, after, r)
        path += f"L{ax:.1f} {ay:.1f}Q{corner[0]:.1f} {corner[1]:.1f} {bx:.1f} {by:.1f}"
    return path + f"L{points[-1][0]:.1f} {points[-1][1]:.1f}"


def _distance(a: tuple, b: tuple) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def _toward(origin: tuple, target: tuple, length: float) -> tuple:
    span = _distance(origin, target) or 1.0
    return (origin[0] + (target[0] - origin[0]) * length / span,
            origin[1] + (target[1] - origin[1]) * length / span)


def _path(d: str) -> str:
    return f'<path d="{d}" fill="none" stroke="{LINK_COLOUR}" stroke-width="1.4"/>'


def _arrow(x: float, y: float, direction: int) -> str:
    """An arrowhead with its tip at (x, y), pointing right (1) or left (-1)."""
    back = x - direction * ARROW
    return (f'<path d="M{x:.1f} {y:.1f}L{back:.1f} {y - 4:.1f}L{back:.1f} {y + 4:.1f}Z" '
            f'fill="{LINK_COLOUR}"/>')


# ---- boxes and badges ---------------------------------------------------------------------


def _text(x: float, y: float, text: str, size: float, colour: str = INK, bold: bool = False,
          anchor: str = "start") -> str:
    weight = ' font-weight="700"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}"{weight} '
            f'text-anchor="{anchor}">{escape(text)}</text>')


def _badges(node: Node, x: float, y: float, w: float) -> str:
    parts = []
    top = y - BADGE_HEIGHT / 2
    for label, width in node.badges:
        left = x + w - PAD_X - width if label == SPOF_BADGE else x + PAD_X
        colour = SPOF_COLOUR if label == SPOF_BADGE else FLAME_COLOUR
        parts.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" '
                     f'height="{BADGE_HEIGHT}" rx="8" fill="{colour}"/>')
        text_x = left + width / 2
        if label == FIRST_BADGE:
            parts.append(f'<path d="{FLAME_PATH}" fill="#ffd8a8" '
                         f'transform="translate({left + 5:.1f} {top + 2:.1f})"/>')
            text_x += 7
        if label == SPOF_BADGE or not node.compact:
            parts.append(_text(text_x, top + 12, label, BADGE_SIZE, "#ffffff", True, "middle"))
    return "".join(parts)


def _node_svg(scene: Scene, node: Node) -> str:
    x, y, w, h = _box(scene, node.key)
    stroke, dash, width = STROKE[node.level], "", 1.2
    if node.first:
        stroke, width = FLAME_COLOUR, 2.5
    if node.spof:
        stroke, dash, width = SPOF_COLOUR, ' stroke-dasharray="6 3"', 2.0
    parts = [f"<g><title>{escape(node.tooltip)}</title>",
             f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="8" '
             f'fill="{FILL[node.level]}" stroke="{stroke}" stroke-width="{width}"{dash}/>']
    baseline = y + PAD_TOP + NAME_SIZE - 1
    for line in node.lines:
        parts.append(_text(x + PAD_X, baseline, line, NAME_SIZE, INK, True))
        baseline += NAME_LINE
    baseline += TEXT_SIZE - NAME_SIZE + 1
    for text in () if node.compact else (node.detail, node.status):
        if text:
            parts.append(_text(x + PAD_X, baseline, text, TEXT_SIZE, MUTED))
            baseline += TEXT_LINE
    parts.append(_badges(node, x, y, w))
    parts.append("</g>")
    return "".join(parts)


# ---- legend -------------------------------------------------------------------------------


def _legend_items(estimate: EstimateView | None) -> list[tuple[str, str]]:
    """(swatch, label): a fill level, "spof", "first" or "link"."""
    if estimate is None:
        return [("none", "not estimated yet"), ("link", "link")]
    target = estimate.assumptions.target_utilization
    return [
        ("ok", f"peak utilisation up to the target ({fmt_fraction(target)})"),
        ("warm", "over the target"),
        ("hot", "over 100%"),
        ("none", "no capacity limit"),
        ("spof", "single point of failure"),
        ("first", "first to saturate"),
        ("link", "link"),
    ]


def _legend_rows(estimate: EstimateView | None, width: float) -> list[list[tuple[str, float]]]:
    rows: list[list] = [[]]
    used = 0.0
    for swatch, label in _legend_items(estimate):
        item = 26 + text_width(label, TEXT_SIZE) + 18
        if rows[-1] and used + item > width:
            rows.append([])
            used = 0.0
        rows[-1].append((swatch, label, item))
        used += item
    return rows


def _swatch(swatch: str, x: float, y: float) -> str:
    if swatch == "link":
        return _path(f"M{x:.1f} {y + 5:.1f}L{x + 12:.1f} {y + 5:.1f}") + _arrow(x + 20, y + 5, 1)
    if swatch == "first":
        return (f'<rect x="{x:.1f}" y="{y - 2:.1f}" width="20" height="14" rx="7" '
                f'fill="{FLAME_COLOUR}"/><path d="{FLAME_PATH}" fill="#ffd8a8" '
                f'transform="translate({x + 5:.1f} {y - 1:.1f})"/>')
    if swatch == "spof":
        return (f'<rect x="{x:.1f}" y="{y:.1f}" width="20" height="11" rx="3" fill="#ffffff" '
                f'stroke="{SPOF_COLOUR}" stroke-width="2" stroke-dasharray="4 2"/>')
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="20" height="11" rx="3" '
            f'fill="{FILL[swatch]}" stroke="{STROKE[swatch]}"/>')


def _legend_svg(scene: Scene) -> str:
    parts = []
    y = scene.height - len(scene.legend) * 22 - MARGIN / 2
    for row in scene.legend:
        x = MARGIN
        for swatch, label, width in row:
            parts.append(_swatch(swatch, x, y))
            parts.append(_text(x + 26, y + 10, label, TEXT_SIZE, MUTED))
            x += width
        y += 22
    return "".join(parts)


# ---- the public functions -----------------------------------------------------------------


def _summary(scene: Scene) -> str:
    name = str(scene.document.get("name") or "design")
    text = f"Component diagram of {name}: {len(scene.nodes)} components, {len(scene.links)} links"
    spofs = [n.name for n in scene.nodes.values() if n.spof]
    if spofs:
        text += "; single points of failure: " + ", ".join(spofs)
    first = [n.name for n in scene.nodes.values() if n.first]
    if first:
        text += f"; first to saturate: {first[0]}"
    return text


def diagram_svg(document: dict, estimate: EstimateView | dict | None, *,
                small: bool = False) -> str:
    """The design's component graph as an inline SVG string (no scripts, no external
    references). `estimate` colours and marks the boxes; `small` draws a thumbnail without
    the legend."""
    components = [c for c in document.get("components") or [] if isinstance(c, dict)]
    links = _links(document, {str(c.get("key", "")) for c in components})
    if len(components) > MAX_COMPONENTS or len(links) > MAX_LINKS:
        return _too_large(document, len(components), len(links))
    scene = _scene(document, estimate, small)
    summary = _summary(scene)
    scale = SMALL_SCALE if small else 1.0
    width, height = scene.width, scene.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width * scale:.0f}" height="{height * scale:.0f}" role="img" '
        f'aria-label="{escape(summary)}" font-family="{FONT}" '
        f'style="max-width:100%;height:auto">',
        f"<title>{escape(summary)}</title>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    ports = _ports(scene)
    parts += [_link_svg(scene, r, i, ports) for i, r in enumerate(scene.layout.routes)]
    parts += [_node_svg(scene, node) for node in scene.nodes.values()]
    if scene.legend:
        parts.append(_legend_svg(scene))
    parts.append("</svg>")
    return "".join(parts)


def _too_large(document: dict, components: int, links: int) -> str:
    name = wrap(str(document.get("name") or "This design"), 40, 1)[0]
    text = f"{name}: {components} components and {links} links are too many to draw."
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 48" width="640" '
            f'height="48" role="img" aria-label="{escape(text)}" font-family="{FONT}" '
            f'style="max-width:100%;height:auto"><title>{escape(text)}</title>'
            f'{_text(16, 28, text, TEXT_SIZE, MUTED)}</svg>')


def diagram_layout(document: dict, estimate: EstimateView | dict | None = None, *,
                   small: bool = False) -> dict:
    """Where diagram_svg draws each box (SVG coordinates), its layer and its text lines."""
    scene = _scene(document, estimate, small)
    nodes = {}
    for key, node in scene.nodes.items():
        x, y, w, h = _box(scene, key)
        nodes[key] = {"x": x, "y": y, "width": w, "height": h,
                      "layer": scene.layout.layer_of[key], "lines": node.lines,
                      "detail": node.detail, "status": node.status, "level": node.level,
                      "spof": node.spof, "first_saturating": node.first}
    layers = [[k for k in layer if not isinstance(k, int)] for layer in scene.layout.layers]
    return {"width": scene.width, "height": scene.height, "nodes": nodes, "layers": layers,
            "links": [{"from": u, "to": v} for u, v in scene.links]}
