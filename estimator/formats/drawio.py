"""draw.io (diagrams.net) files: exported as an uncompressed `.drawio` file, one shape per
component (its kind as the shape, its figures in the label and as properties shown under
Edit Data) and one edge per link; imported from plain or compressed files, a bare
`<mxGraphModel>`, or a `.drawio.svg`, with kinds read from our properties, from the shapes
(AWS, Azure and GCP icons included) or guessed from the labels.

XML is parsed by defusedxml: a DTD, entities and external references are refused.
"""

import base64
import binascii
import html
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field

import networkx as nx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from estimator.engine.defaults import KINDS
from estimator.engine.result import EstimateView
from estimator.formats import Exporter, Importer, register_exporter, register_importer
from estimator.formats.base import (
    MAX_DEPTH,
    MAX_ELEMENTS,
    MAX_IMPORT_BYTES,
    FormatError,
    ImportResult,
    Node,
    assemble,
    check_count,
    first_free,
    guess_kind,
    slug_key,
)
from estimator.formats.labels import component_figures

# --- export ---------------------------------------------------------------------------------

COLUMN_GAP, ROW_GAP, MARGIN = 100, 50, 40
BOX_WIDTH, BOX_HEIGHT = 180, 70
ACTOR_WIDTH, ACTOR_HEIGHT = 40, 60
TEXT = "html=1;fontSize=12;"
# Each kind's shape and colours (diagrams.net's standard palette); the rest rounded boxes.
KIND_STYLES = {
    # the label under the figure, on lines as wide as they need
    "client": "shape=actor;verticalLabelPosition=bottom;verticalAlign=top;"
              "labelPosition=center;align=center;fillColor=#f5f5f5;strokeColor=#666666;",
    "database": "shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=12;"
                "fillColor=#dae8fc;strokeColor=#6c8ebf;",
    "queue": "shape=cylinder3;direction=south;boundedLbl=1;backgroundOutline=1;size=10;"
             "fillColor=#ffe6cc;strokeColor=#d79b00;",
    "cache": "shape=hexagon;perimeter=hexagonPerimeter;fixedSize=1;size=16;"
             "fillColor=#f8cecc;strokeColor=#b85450;",
    "load_balancer": "rounded=1;arcSize=50;fillColor=#e1d5e7;strokeColor=#9673a6;",
}
BOX_FILLS = {
    "dns": "#f5f5f5;strokeColor=#666666", "cdn": "#d5e8d4;strokeColor=#82b366",
    "api_gateway": "#e1d5e7;strokeColor=#9673a6", "service": "#dae8fc;strokeColor=#6c8ebf",
    "object_store": "#d5e8d4;strokeColor=#82b366", "search": "#fff2cc;strokeColor=#d6b656",
    "worker": "#fff2cc;strokeColor=#d6b656", "external": "#f5f5f5;strokeColor=#666666",
}
EDGE_STYLE = "html=1;rounded=1;endArrow=classic;strokeColor=#4d4d4d;"
FORWARD_PORTS = "exitX=1;exitY=0.5;exitDx=0;exitDy=0;entryX=0;entryY=0.5;entryDx=0;entryDy=0;"
# Characters XML 1.0 cannot hold (a name may): shown as U+FFFD so the file stays XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _style(kind: str) -> str:
    if kind == "client":
        return TEXT + KIND_STYLES[kind]
    if kind in KIND_STYLES:
        return TEXT + "whiteSpace=wrap;" + KIND_STYLES[kind]
    fill = BOX_FILLS.get(kind, BOX_FILLS["service"])
    return TEXT + f"whiteSpace=wrap;rounded=1;fillColor={fill};"


def _layers(keys: list[str], links: list[tuple[str, str]]) -> dict[str, int]:
    """Each component's column: networkx's topological generations of the links (cycles
    folded into one node first), clients first."""
    graph = nx.DiGraph()
    graph.add_nodes_from(keys)
    graph.add_edges_from(links)
    folded = nx.condensation(graph)
    column = {}
    for number, generation in enumerate(nx.topological_generations(folded)):
        for node in generation:
            for key in folded.nodes[node]["members"]:
                column[key] = number
    return column


def _positions(document: dict, column: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Top-left corners: the editor's position where a component has one, else in its
    column, ordered by where its predecessors sit (fewer crossings) and centred."""
    links = [(link["from"], link["to"]) for link in document.get("links", [])]
    predecessors: dict[str, list[str]] = {}
    for source, target in links:
        predecessors.setdefault(target, []).append(source)
    layers: dict[int, list[str]] = {}
    for component in document.get("components", []):
        layers.setdefault(column[component["key"]], []).append(component["key"])
    row: dict[str, float] = {}
    for layer in sorted(layers):
        keys = layers[layer]
        wish = {key: sum(row[p] for p in predecessors.get(key, []) if p in row)
                / max(1, sum(1 for p in predecessors.get(key, []) if p in row)) for key in keys}
        order = {key: number for number, key in enumerate(keys)}
        keys.sort(key=lambda key: (wish[key], order[key]))
        for number, key in enumerate(keys):
            row[key] = number - (len(keys) - 1) / 2
    tallest = max((len(keys) for keys in layers.values()), default=1)
    placed = {}
    for component in document.get("components", []):
        key, position = component["key"], component.get("position")
        if isinstance(position, dict):
            placed[key] = (float(position["x"]), float(position["y"]))
            continue
        placed[key] = (MARGIN + column[key] * (BOX_WIDTH + COLUMN_GAP),
                       MARGIN + (row[key] + (tallest - 1) / 2) * (BOX_HEIGHT + ROW_GAP))
    return placed


def _label(name: str, line: str) -> str:
    """The label diagrams.net shows (html=1): the name in bold, the figures below."""
    return f"<b>{html.escape(name)}</b><br>{html.escape(line)}"


def _number(value: float) -> str:
    return f"{value:g}"


def write(document: dict, estimate: EstimateView | None) -> str:
    """The design as an uncompressed .drawio file (mxfile, one page)."""
    figures = component_figures(document, estimate)
    links = [(link["from"], link["to"]) for link in document.get("links", [])]
    column = _layers([c["key"] for c in document.get("components", [])], links)
    positions = _positions(document, column)
    kinds = {c["key"]: c["kind"] for c in document.get("components", [])}
    model = ET.Element("mxGraphModel", {
        "dx": "1200", "dy": "800", "grid": "1", "gridSize": "10", "guides": "1",
        "tooltips": "1", "connect": "1", "arrows": "1", "fold": "1", "page": "1",
        "pageScale": "1", "pageWidth": "1169", "pageHeight": "827", "math": "0",
        "shadow": "0"})
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", {"id": "0"})
    ET.SubElement(root, "mxCell", {"id": "1", "parent": "0"})
    ids = {}
    for number, figure in enumerate(figures, start=2):
        ids[figure.key] = cell_id = f"c{number}"
        properties = {"label": _xml_text(_label(figure.name, figure.line)),
                      "key": figure.key, "kind": figure.kind,
                      "instances": str(figure.instances)}
        if figure.utilization:
            properties["utilization"] = figure.utilization
        if figure.availability:
            properties["availability"] = figure.availability
        properties["id"] = cell_id
        wrapper = ET.SubElement(root, "object", properties)
        cell = ET.SubElement(wrapper, "mxCell", {
            "style": _style(figure.kind), "vertex": "1", "parent": "1"})
        x, y = positions[figure.key]
        width, height = ((ACTOR_WIDTH, ACTOR_HEIGHT) if figure.kind == "client"
                         else (BOX_WIDTH, BOX_HEIGHT))
        ET.SubElement(cell, "mxGeometry", {
            "x": _number(x), "y": _number(y), "width": str(width), "height": str(height),
            "as": "geometry"})
    for number, (source, target) in enumerate(links, start=1):
        # Left to right between columns: out of the right side, into the left (not for a
        # queue: its cylinder lies on its side, which turns its ports too).
        forward = column[target] > column[source] and "queue" not in (
            kinds[source], kinds[target])
        style = EDGE_STYLE + (FORWARD_PORTS if forward else "")
        edge = ET.SubElement(root, "mxCell", {
            "id": f"e{number}", "style": style, "edge": "1", "parent": "1",
            "source": ids[source], "target": ids[target]})
        ET.SubElement(edge, "mxGeometry", {"relative": "1", "as": "geometry"})
    mxfile = ET.Element("mxfile", {"host": "estimator", "type": "device"})
    diagram = ET.SubElement(mxfile, "diagram", {
        "id": "design", "name": _xml_text(str(document.get("name") or "Design"))})
    diagram.append(model)
    ET.indent(mxfile, space="  ")
    return ET.tostring(mxfile, encoding="unicode") + "\n"


def compress_diagram(xml_text: str) -> str:
    """A diagram's XML as diagrams.net compresses it into `<diagram>`: URI-encoded, raw
    deflate, base64."""
    encoded = urllib.parse.quote(xml_text, safe="-_.!~*'()")
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = deflate.compress(encoded.encode("ascii")) + deflate.flush()
    return base64.b64encode(data).decode("ascii")


def compress_file(text: str) -> str:
    """A plain .drawio file (ours) with each page compressed, as diagrams.net saves a file
    with Compressed checked (and older versions always did)."""
    mxfile = _parse_xml(text)
    for diagram in mxfile.iter("diagram"):
        model = diagram.find("mxGraphModel")
        diagram.remove(model)
        diagram.text = compress_diagram(ET.tostring(model, encoding="unicode"))
    return ET.tostring(mxfile, encoding="unicode") + "\n"


# --- import ---------------------------------------------------------------------------------

# Icon names (the last part of an AWS, Azure or GCP shape, a resIcon or an image's file name)
# and the kinds they mean: the first pattern found as whole `_`-separated words wins.
ICON_KINDS = (
    ("load_balancer", ("elastic_load_balancing", "application_load_balancer",
                       "network_load_balancer", "classic_load_balancer", "load_balancer",
                       "load_balancers", "load_balancing", "front_doors", "application_gateway",
                       "traffic_manager")),
    ("api_gateway", ("api_gateway", "api_management", "api_gateways", "apigee", "endpoints")),
    ("object_store", ("simple_storage_service", "s3", "bucket", "storage_blob", "blob_storage",
                      "storage_accounts", "cloud_storage", "glacier")),
    ("database", ("rds", "aurora", "dynamodb", "database", "databases", "sql_database",
                  "sql", "cosmos_db", "azure_cosmos_db", "cloud_sql", "cloud_spanner",
                  "bigtable", "firestore", "documentdb", "neptune", "redshift", "timestream",
                  "keyspaces", "db", "datastore", "cylinder", "cylinder3", "mysql",
                  "postgresql")),
    ("cache", ("elasticache", "memorystore", "cloud_memorystore", "cache", "redis",
               "memcached", "dax")),
    ("queue", ("sqs", "sns", "mq", "kinesis", "kinesis_data_streams", "eventbridge",
               "service_bus", "event_hubs", "event_grid", "pubsub", "cloud_pubsub", "msk",
               "queue", "queues", "simple_queue_service", "simple_notification_service")),
    ("cdn", ("cloudfront", "cdn", "cloud_cdn", "cdn_profiles")),
    ("search", ("opensearch", "opensearch_service", "elasticsearch", "elasticsearch_service",
                "cloudsearch", "search", "cognitive_search")),
    ("dns", ("route_53", "route53", "dns", "cloud_dns", "dns_zones")),
    ("client", ("users", "user", "client", "mobile", "mobile_client", "actor", "umlactor",
                "traditional_server_client", "person", "browser", "desktop", "laptop")),
    ("worker", ("batch", "step_functions", "worker", "glue")),
    ("service", ("lambda", "lambda_function", "ec2", "instance", "instances", "instance2",
                 "ecs", "eks", "fargate", "elastic_beanstalk", "app_runner", "app_services",
                 "app_service", "virtual_machine", "virtual_machines", "function_apps",
                 "container_instances", "kubernetes_services", "compute_engine", "cloud_run",
                 "app_engine", "cloud_functions", "gke", "container", "server")),
)
# Styles of containers: drawn round other shapes, never a component themselves.
GROUP_STYLE = re.compile(r"(^|;)(group|swimlane|container=1)|mxgraph\.aws4\.group|"
                         r"grIcon=|mxgraph\.aws4\.groupCenter|mxgraph\.azure\.group|"
                         r"mxgraph\.gcp2\.(?:doted|solid|group)|shape=table", re.IGNORECASE)
ICON_FIELDS = ("resIcon", "prIcon", "shape", "image")
EDGE_ENDS = ("source", "target")
HTML_BREAK = re.compile(r"<\s*(br|/div|/p|/li|/h\d|/tr)\b[^>]*>", re.IGNORECASE)
HTML_TAG = re.compile(r"<[^>]*>")
INSTANCES = re.compile(r"(?:(?<![\w.])[x×]\s?(\d{1,7})\b)|(?:\b(\d{1,7})\s?[x×](?![\w]))",
                       re.IGNORECASE)
MULTI_AZ = re.compile(r"multi[\s-]?az", re.IGNORECASE)
OUR_KINDS = frozenset(KINDS)
# Cells (shapes and edges) and XML elements (cells, geometry, points) one file may hold.
MAX_CELLS = 2 * MAX_ELEMENTS + 2
MAX_XML_ELEMENTS = 20 * MAX_ELEMENTS


@dataclass
class Cell:
    id: str
    parent: str = ""
    vertex: bool = False
    edge: bool = False
    style: dict[str, str] = field(default_factory=dict)
    style_names: list[str] = field(default_factory=list)
    raw_style: str = ""
    label: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    source: str = ""
    target: str = ""
    x: float = 0.0
    y: float = 0.0


def _parse_xml(text: str, what: str = "the file") -> ET.Element:
    try:
        root = defused_fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise FormatError(f"{what} declares a DTD, entities or external references, which "
                          f"are refused ({type(error).__name__})") from error
    except ET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":")[0]
        raise FormatError(f"{what} is not well-formed XML: {reason} (column {column + 1})",
                          where=f"line {line}") from error
    _check_depth(root)
    return root


def _check_depth(root: ET.Element) -> None:
    stack = [(root, 1)]
    seen = 0
    while stack:
        element, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            raise FormatError(f"the XML nests more than {MAX_DEPTH} elements deep",
                              where=f"<{element.tag}>")
        stack.extend((child, depth + 1) for child in element)
    if seen > MAX_XML_ELEMENTS:
        raise FormatError(f"the XML has {seen:,} elements; at most {MAX_XML_ELEMENTS:,} "
                          "are read")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def decompress_diagram(data: str) -> str:
    """A compressed page's XML: base64, raw inflate (bounded), URI decoding."""
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError) as error:
        raise FormatError("the compressed page is not base64", where="<diagram>") from error
    inflate = zlib.decompressobj(-15)
    limit = 3 * MAX_IMPORT_BYTES
    try:
        inflated = inflate.decompress(raw, limit)
    except zlib.error as error:
        raise FormatError(f"the compressed page does not inflate ({error})",
                          where="<diagram>") from error
    if inflate.unconsumed_tail:
        raise FormatError(f"the compressed page inflates past {limit:,} bytes",
                          where="<diagram>")
    try:
        text = urllib.parse.unquote(inflated.decode("ascii"), errors="strict")
    except (UnicodeDecodeError, ValueError) as error:
        raise FormatError("the compressed page is not URI-encoded text",
                          where="<diagram>") from error
    if len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise FormatError(f"the compressed page holds more than {MAX_IMPORT_BYTES:,} bytes",
                          where="<diagram>")
    return text


def _graph_model(text: str, notes: list[str]) -> tuple[ET.Element, str]:
    """The first page's <mxGraphModel> and its name."""
    root = _parse_xml(text)
    tag = _local(root.tag)
    if tag == "svg" and root.get("content"):  # a .drawio.svg keeps its file in `content`
        notes.append("Read the draw.io file kept inside the SVG.")
        root = _parse_xml(root.get("content"), "the SVG's draw.io content")
        tag = _local(root.tag)
    if tag == "mxGraphModel":
        return root, ""
    if tag != "mxfile":
        raise FormatError(f"not a draw.io file: the root element is <{tag}>, not <mxfile> "
                          "or <mxGraphModel>", where=f"<{tag}>")
    pages = [child for child in root if _local(child.tag) == "diagram"]
    if not pages:
        raise FormatError("the file has no page (<diagram>)", where="<mxfile>")
    page = pages[0]
    name = page.get("name") or ""
    if len(pages) > 1:
        notes.append(f"The file has {len(pages)} pages: only the first ({name or 'unnamed'}) "
                     "was imported.")
    model = next((child for child in page if _local(child.tag) == "mxGraphModel"), None)
    if model is None:
        if not (page.text or "").strip():
            raise FormatError("the first page is empty", where="<diagram>")
        model = _parse_xml(decompress_diagram(page.text), "the compressed page")
        if _local(model.tag) != "mxGraphModel":
            raise FormatError(f"the compressed page holds <{_local(model.tag)}>, not "
                              "<mxGraphModel>", where="<diagram>")
    return model, name


def _parse_style(style: str) -> tuple[dict[str, str], list[str]]:
    values, names = {}, []
    for part in style.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            name, _, value = part.partition("=")
            values[name.strip()] = value.strip()
        else:
            names.append(part)
    return values, names


def _number_of(value: str | None) -> float:
    try:
        number = float(value or 0)
    except ValueError:
        return 0.0
    return number if abs(number) < 1e9 else 0.0


def _cells(model: ET.Element) -> list[Cell]:
    root = next((child for child in model if _local(child.tag) == "root"), None)
    if root is None:
        raise FormatError("the diagram has no <root> of cells", where="<mxGraphModel>")
    if len(root) > MAX_CELLS:
        raise FormatError(f"the diagram has {len(root):,} cells; at most {MAX_CELLS:,} are "
                          "read", where="<root>")
    cells = []
    for number, element in enumerate(root, start=1):
        tag = _local(element.tag)
        if tag == "mxCell":
            cell_element, properties = element, {}
            label = element.get("value") or ""
        elif tag in ("object", "UserObject"):
            cell_element = next((c for c in element if _local(c.tag) == "mxCell"), None)
            properties = {k: v for k, v in element.attrib.items() if k not in ("id", "label")}
            label = element.get("label") or ""
            if cell_element is None:
                raise FormatError("an <object> without its <mxCell>",
                                  where=f"cell {number} ({element.get('id') or 'no id'})")
        else:
            continue  # anything else in <root> (a plugin's element) draws nothing we read
        cell_id = element.get("id")
        if cell_id is None:
            raise FormatError("a cell without an id", where=f"cell {number} (<{tag}>)")
        raw_style = cell_element.get("style") or ""
        style, names = _parse_style(raw_style)
        geometry = next((c for c in cell_element if _local(c.tag) == "mxGeometry"), None)
        # an edge's ends (read by attribute name: "target" is also an estimate key's name)
        source, target = (cell_element.get(end) or "" for end in EDGE_ENDS)
        cells.append(Cell(
            id=cell_id, parent=cell_element.get("parent") or "",
            vertex=cell_element.get("vertex") == "1", edge=cell_element.get("edge") == "1",
            style=style, style_names=names, raw_style=raw_style, label=label,
            properties=properties, source=source, target=target,
            x=_number_of(geometry.get("x")) if geometry is not None else 0.0,
            y=_number_of(geometry.get("y")) if geometry is not None else 0.0))
    return cells


def label_lines(label: str) -> list[str]:
    """A label's lines as text: HTML tags dropped, entities decoded, spaces collapsed."""
    text = HTML_BREAK.sub("\n", label.replace("\r", ""))
    text = html.unescape(HTML_TAG.sub(" ", text)).replace("\xa0", " ")
    return [line for line in (" ".join(part.split()) for part in text.split("\n")) if line]


def _icon_names(cell: Cell) -> list[str]:
    """The names a style gives its icon, lower case: `rds`, `application_load_balancer`."""
    names = []
    for name in ICON_FIELDS:
        value = cell.style.get(name, "")
        if name == "image":
            value = value.rsplit("/", 1)[-1].rsplit(".", 1)[0]  # img/lib/azure2/x/Cache_Redis.svg
        if value:
            names.append(re.sub(r"^\d+_", "", value.rsplit(".", 1)[-1].lower()).replace("-", "_"))
    names += [name.lower() for name in cell.style_names]
    return names


def icon_kind(cell: Cell) -> str | None:
    """The kind the cell's shape or icon means, or None."""
    names = _icon_names(cell)
    if "cylinder" in names or "cylinder3" in names:
        # a cylinder on its side is a queue (this exporter draws queues so)
        if cell.style.get("direction") in ("south", "north"):
            return "queue"
    for kind, patterns in ICON_KINDS:
        for pattern in patterns:
            if any(re.search(rf"(^|_){re.escape(pattern)}($|_|\d)", name) for name in names):
                return kind
    return None


def _is_group(cell: Cell, has_children: bool) -> bool:
    return has_children or bool(GROUP_STYLE.search(cell.raw_style))


def _is_text(cell: Cell) -> bool:
    names = {name.lower() for name in cell.style_names}
    return bool(names & {"text", "edgelabel", "label"}) or "edgeLabel" in cell.raw_style or (
        cell.style.get("shape") == "text")


def _instances(cell: Cell, lines: list[str]) -> int:
    value = cell.properties.get("instances", "")
    if value.strip().isdigit() and int(value) >= 1:
        return min(int(value), 1_000_000)
    for line in lines:
        match = INSTANCES.search(line)
        if match:
            return max(1, min(int(match.group(1) or match.group(2)), 1_000_000))
    return 1


def _name(cell: Cell, lines: list[str], ours: bool) -> str:
    if ours:  # our label: the name, then a line of figures
        return lines[0] if lines else ""
    text = INSTANCES.sub(" ", " ".join(lines))  # "Web servers (EC2 x4)": the count is read
    text = re.sub(r"\(\s*\)", " ", re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text)))
    return " ".join(text.split()).strip(" -·,")


def _absolute(cell: Cell, by_id: dict[str, Cell]) -> tuple[float, float]:
    """Geometry is relative to the parent group: summed up to the layer."""
    x, y, parent, hops = cell.x, cell.y, by_id.get(cell.parent), 0
    while parent is not None and parent.vertex and hops < MAX_DEPTH:
        x, y, parent, hops = x + parent.x, y + parent.y, by_id.get(parent.parent), hops + 1
    return x, y


def read(text: str) -> ImportResult:
    notes: list[str] = []
    model, page_name = _graph_model(text, notes)
    cells = _cells(model)
    by_id = {cell.id: cell for cell in cells}
    children: dict[str, list[str]] = {}
    for cell in cells:
        if cell.vertex:
            children.setdefault(cell.parent, []).append(cell.id)
    nodes: list[Node] = []
    component_of: dict[str, str] = {}  # cell id -> the node's key
    groups: dict[str, str] = {}  # group cell id -> its name
    used: set[str] = set()
    skipped_text = 0
    for cell in cells:
        if not cell.vertex or (cell.parent in by_id and by_id[cell.parent].edge):
            continue  # layers, edges, and the labels that sit on edges
        lines = label_lines(cell.label)
        if _is_group(cell, bool(children.get(cell.id))):
            groups[cell.id] = " ".join(lines) or cell.id
            continue
        if _is_text(cell):
            skipped_text += 1
            continue
        ours = cell.properties.get("kind") in OUR_KINDS
        kind_notes = []
        if ours:
            kind = cell.properties["kind"]
        else:
            kind = icon_kind(cell)
            if kind is None:
                kind = guess_kind(" ".join(lines))
                if kind is not None:
                    kind_notes.append(f"kind guessed from the label ({kind})")
        name = _name(cell, lines, ours)
        if not name and kind is None:
            skipped_text += 1  # an unlabelled shape of no known kind: decoration
            continue
        if kind is None:
            kind = "service"
            kind_notes.append("kind not recognised from the shape or label: a service")
        name = name or kind.replace("_", " ")
        key = first_free(slug_key(cell.properties.get("key") or name.lower()), used)
        node = Node(name=name, kind=kind, key=key, instances=_instances(cell, lines),
                    notes=kind_notes)
        if kind == "database" and not ours and any(MULTI_AZ.search(line) for line in lines):
            node.instances, node.redundancy = max(node.instances, 2), "active-passive"
            node.notes.append("Multi-AZ read as a primary and a standby (active-passive)")
        x, y = _absolute(cell, by_id)
        node.extra["position"] = {"x": round(x), "y": round(y)}
        nodes.append(node)
        component_of[cell.id] = key
        for note in node.notes:
            notes.append(f"{name}: {note}.")
    if groups:
        names = ", ".join(sorted(set(groups.values()))[:12])
        notes.append(f"{len(groups)} groups and containers skipped (their shapes inside were "
                     f"read): {names}.")
    if skipped_text:
        notes.append(f"{skipped_text} text labels and unlabelled shapes skipped.")
    links = _links(cells, by_id, children, component_of, groups, notes)
    return assemble(source="drawio", name=_design_name(page_name), nodes=nodes, links=links,
                    notes=notes, description="Imported from a draw.io diagram.")


def _members(cell_id: str, children: dict[str, list[str]],
             component_of: dict[str, str]) -> list[str]:
    """The components a shape stands for: itself, or every component inside a group."""
    if cell_id in component_of:
        return [component_of[cell_id]]
    found, stack = [], [cell_id]
    while stack and len(found) <= MAX_ELEMENTS:
        for child in children.get(stack.pop(), []):
            if child in component_of:
                found.append(component_of[child])
            else:
                stack.append(child)
    return found


def _links(cells: list[Cell], by_id: dict[str, Cell], children: dict[str, list[str]],
           component_of: dict[str, str], groups: dict[str, str],
           notes: list[str]) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    loose = 0
    for cell in cells:
        if not cell.edge:
            continue
        if not cell.source or not cell.target:
            loose += 1
            continue
        source, target = cell.source, cell.target
        if cell.style.get("endArrow") == "none" and cell.style.get("startArrow") not in (
                None, "none"):
            source, target = target, source  # drawn with its arrowhead at the start
        sources = _members(source, children, component_of)
        targets = _members(target, children, component_of)
        if not sources or not targets:
            if source not in by_id or target not in by_id:
                notes.append(f"Edge {cell.id} names a cell that does not exist: skipped.")
            continue
        for end, group in ((source, sources), (target, targets)):
            if end in groups:
                notes.append(f"An edge to the group {groups[end]} was read as edges to the "
                             f"components inside it ({', '.join(group)}).")
        links += [(a, b) for a in sources for b in targets]
        check_count(len(links), "links")
    if loose:
        notes.append(f"{loose} edges missing a source or a target were skipped.")
    return links


def _design_name(page_name: str) -> str:
    if not page_name or re.fullmatch(r"(page|seite|página|page)[\s-]*\d*", page_name,
                                     re.IGNORECASE):
        return "Imported draw.io diagram"
    return page_name


def looks_like(text: str, filename: str) -> bool:
    head = text[:4000].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml"):
        head = head.split("?>", 1)[-1].lstrip()
    if filename.endswith((".drawio", ".drawio.xml", ".drawio.svg", ".dio")):
        return "<mxfile" in text[:4000] or "<mxGraphModel" in text[:4000] or (
            "mxfile" in text[:20000])
    return head.startswith(("<mxfile", "<mxGraphModel")) or (
        filename.endswith((".xml", ".svg")) and ("<mxfile" in text[:4000]
                                                  or "<mxGraphModel" in text[:4000]))


register_exporter(Exporter("drawio", "draw.io (diagrams.net)", "drawio",
                           "application/vnd.jgraph.mxfile", write))
register_importer(Importer("drawio", "draw.io (diagrams.net)", read, looks_like))
