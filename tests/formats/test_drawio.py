"""draw.io: the import of a realistic AWS architecture as diagrams.net saves it (plain and
compressed), the export's file structure as diagrams.net reads it, hostile and malformed
XML refused with a FormatError naming what is wrong."""

import base64
import json
import urllib.parse
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.formats import detect, export_text, import_text
from estimator.formats.base import FormatError
from estimator.formats.drawio import compress_diagram, compress_file, decompress_diagram

FILES = Path(__file__).resolve().parent / "files"
AWS = (FILES / "aws-three-tier.drawio").read_text()
EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))

EXPECTED = {  # name: (kind, instances)
    "Shoppers": ("client", 1),
    "CloudFront": ("cdn", 1),
    "Product images (S3 bucket)": ("object_store", 1),
    "Application Load Balancer": ("load_balancer", 1),
    "Web servers (EC2)": ("service", 4),
    "Amazon RDS PostgreSQL (Multi-AZ)": ("database", 2),
    "ElastiCache for Redis": ("cache", 1),
    "Order email worker": ("worker", 1),
    "Legacy billing": ("service", 1),
}
EXPECTED_LINKS = {
    ("Shoppers", "CloudFront"), ("CloudFront", "Product images (S3 bucket)"),
    ("CloudFront", "Application Load Balancer"),
    ("Application Load Balancer", "Web servers (EC2)"),  # drawn to the Auto Scaling group
    ("Web servers (EC2)", "Amazon RDS PostgreSQL (Multi-AZ)"),
    ("Web servers (EC2)", "ElastiCache for Redis"),
    ("Web servers (EC2)", "Order email worker"),  # drawn backwards, its arrow at the start
    ("Web servers (EC2)", "Legacy billing"),
}


def _names(document: dict) -> dict[str, dict]:
    return {c["name"]: c for c in document["components"]}


def _links(document: dict) -> set[tuple[str, str]]:
    names = {c["key"]: c["name"] for c in document["components"]}
    return {(names[link["from"]], names[link["to"]]) for link in document["links"]}


def _example(slug: str) -> dict:
    return json.loads((EXAMPLES / f"{slug}.json").read_text())


@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "compressed"])
def test_an_aws_architecture_gives_its_components_kinds_links_and_notes(compressed):
    text = compress_file(AWS) if compressed else AWS
    assert compressed is ("<mxGraphModel" not in text)
    assert detect(text, "web-shop.drawio") == "drawio"
    result = import_text(text)
    document = result.document
    components = _names(document)
    assert {name: (c["kind"], c.get("instances", 1)) for name, c in components.items()} == (
        EXPECTED)
    assert _links(document) == EXPECTED_LINKS
    database = components["Amazon RDS PostgreSQL (Multi-AZ)"]
    assert database["redundancy"] == "active-passive"
    # geometry is relative to the groups: summed (subnet 20+200+200, icon 51 -> x 471)
    assert components["Application Load Balancer"]["position"] == {"x": 471, "y": 320}
    notes = "\n".join(result.notes)
    assert "2 pages: only the first (Web shop on AWS)" in notes
    assert "Order email worker: kind guessed from the label (worker)" in notes
    assert "Legacy billing: kind not recognised" in notes
    assert "5 groups and containers skipped" in notes
    for group in ("AWS Cloud", "VPC 10.0.0.0/16", "Public subnet", "Private subnet",
                  "Auto Scaling group"):
        assert group in notes
        assert group not in components
    assert "group Auto Scaling group was read as edges to the components inside it" in notes
    assert "1 edges missing a source or a target" in notes
    assert "1 text labels" in notes  # the title
    assert "Multi-AZ read as a primary and a standby" in notes
    assert "placeholder" in notes
    assert document["name"] == "Web shop on AWS"
    assert document["workloads"][0]["route"][0] == components["Shoppers"]["key"]
    assert "Search (OpenSearch)?" not in components  # the second page


def test_a_bare_graph_model_and_a_drawio_svg_are_read():
    model = ET.tostring(ET.fromstring(AWS).find("diagram/mxGraphModel"), encoding="unicode")
    assert detect(model, "") == "drawio"
    assert set(_names(import_text(model).document)) == set(EXPECTED)
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" content="'
           + AWS.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
           + '"><rect width="10" height="10"/></svg>')
    result = import_text(svg, filename="shop.drawio.svg")
    assert set(_names(result.document)) == set(EXPECTED)
    assert "inside the SVG" in result.notes[0]


def test_kinds_from_azure_and_gcp_shapes_and_instances_from_labels():
    cells = "".join(
        f'<mxCell id="v{n}" value="{label}" style="{style}" vertex="1" parent="1">'
        f'<mxGeometry x="{n * 100}" y="0" width="60" height="60" as="geometry"/></mxCell>'
        for n, (label, style) in enumerate([
            ("Orders DB", "image;html=1;image=img/lib/azure2/databases/SQL_Database.svg;"),
            ("Sessions", "image;html=1;image=img/lib/azure2/databases/Cache_Redis.svg;"),
            ("Events", "shape=mxgraph.gcp2.cloud_pubsub;html=1;"),
            ("Edge", "shape=mxgraph.gcp2.cloud_cdn;html=1;"),
            ("API x3", "rounded=1;html=1;"),
            ("Store", "shape=cylinder3;whiteSpace=wrap;html=1;"),
            ("Phone", "shape=umlActor;html=1;"),
        ], start=2))
    text = f'<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>{cells}</root>' \
           '</mxGraphModel>'
    components = _names(import_text(text, format="drawio").document)
    assert {name: c["kind"] for name, c in components.items()} == {
        "Orders DB": "database", "Sessions": "cache", "Events": "queue", "Edge": "cdn",
        "API": "service", "Store": "database", "Phone": "client"}
    assert components["API"]["instances"] == 3


@pytest.mark.parametrize("slug", SLUGS)
def test_the_export_has_the_structure_diagrams_net_reads(slug):
    document = _example(slug)
    text = export_text(document, "drawio", estimate(document))
    mxfile = ET.fromstring(text)
    assert mxfile.tag == "mxfile"
    diagrams = mxfile.findall("diagram")
    assert len(diagrams) == 1 and diagrams[0].get("name") == document["name"]
    assert diagrams[0].get("id")
    model = diagrams[0].find("mxGraphModel")
    root = model.find("root")
    assert [child.tag for child in model] == ["root"]
    cells = {}
    for child in root:
        cell = child if child.tag == "mxCell" else child.find("mxCell")
        assert child.tag in ("mxCell", "object")
        assert child.get("id") not in cells
        cells[child.get("id")] = (child, cell)
    assert root[0].attrib == {"id": "0"}
    assert root[1].attrib == {"id": "1", "parent": "0"}
    vertices = {i: pair for i, pair in cells.items() if pair[1].get("vertex") == "1"}
    edges = {i: pair for i, pair in cells.items() if pair[1].get("edge") == "1"}
    assert len(vertices) == len(document["components"])
    assert len(edges) == len(document["links"])
    for cell_id, (_, cell) in {**vertices, **edges}.items():
        assert cell.get("parent") in cells, cell_id
        geometry = cell.find("mxGeometry")
        assert geometry is not None and geometry.get("as") == "geometry"
    by_key = {}
    for cell_id, (wrapper, cell) in vertices.items():
        assert wrapper.tag == "object" and "id" not in cell.attrib
        by_key[wrapper.get("key")] = cell_id
        component = next(c for c in document["components"] if c["key"] == wrapper.get("key"))
        assert wrapper.get("kind") == component["kind"]
        assert wrapper.get("instances") == str(component.get("instances", 1))
        assert ET.fromstring(f"<x>{wrapper.get('label')}</x>".replace("<br>", "<br/>"))
        assert float(cell.find("mxGeometry").get("width")) > 0
    for link, (_, cell) in zip(document["links"], edges.values(), strict=True):
        assert cell.get("source") in vertices and cell.get("target") in vertices
        assert (cell.get("source"), cell.get("target")) == (by_key[link["from"]],
                                                            by_key[link["to"]])
    # The compressed form: raw inflate and URI decoding give the same model back.
    compressed = ET.fromstring(compress_file(text)).find("diagram")
    assert compressed.find("mxGraphModel") is None
    inflated = zlib.decompress(base64.b64decode(compressed.text), -15)
    assert b"<" not in inflated  # URI-encoded before it was deflated
    decoded = urllib.parse.unquote(inflated.decode("ascii"))
    assert ET.canonicalize(decoded, strip_text=True) == ET.canonicalize(
        ET.tostring(model, encoding="unicode"), strip_text=True)
    back = import_text(compress_file(text)).document
    assert {(c["key"], c["kind"], c.get("instances", 1)) for c in back["components"]} == {
        (c["key"], c["kind"], c.get("instances", 1)) for c in document["components"]}
    names = {c["key"]: c.get("name") or c["key"] for c in document["components"]}
    assert _links(back) == {(names[link["from"]], names[link["to"]])
                            for link in document["links"]}


def test_the_export_shows_kinds_as_shapes_and_figures_in_labels():
    document = _example("url-shortener")
    text = export_text(document, "drawio", estimate(document))
    root = ET.fromstring(text).find("diagram/mxGraphModel/root")
    by_key = {o.get("key"): o for o in root.iter("object")}
    assert "shape=cylinder3" in by_key["db"].find("mxCell").get("style")
    assert "shape=actor" in by_key["client"].find("mxCell").get("style")
    assert "shape=hexagon" in by_key["cache"].find("mxCell").get("style")
    assert "rounded=1" in by_key["redirect"].find("mxCell").get("style")
    redirect = by_key["redirect"]
    assert redirect.get("label").startswith("<b>Redirection service</b><br>service · x12 · ")
    assert redirect.get("utilization").endswith("%") and redirect.get("availability")
    # without an estimate: kind and instances only
    plain = ET.fromstring(export_text(document, "drawio"))
    redirect = next(o for o in plain.iter("object") if o.get("key") == "redirect")
    assert redirect.get("label") == "<b>Redirection service</b><br>service · x12"
    assert redirect.get("utilization") is None


def test_names_with_markup_and_odd_characters_are_escaped_and_come_back():
    document = _example("url-shortener")
    odd = 'A <b>"bold"</b> & \'quoted\' <script>alert(1)</script> \x07 name'
    document["components"][3]["name"] = odd
    document["name"] = "Design <&> \"x\""
    text = export_text(document, "drawio")
    ET.fromstring(text)  # still XML, the bell replaced
    assert "<script>" not in text
    result = import_text(text, format="drawio")
    assert odd.replace("\x07", "\ufffd") in _names(result.document)
    assert result.document["name"] == "Design <&> \"x\""


def test_positions_from_the_editor_are_kept():
    document = _example("url-shortener")
    document["components"][2]["position"] = {"x": 1234, "y": 567}
    text = export_text(document, "drawio")
    result = import_text(text, format="drawio")
    key = document["components"][2]["key"]
    assert next(c for c in result.document["components"] if c["key"] == key)[
        "position"] == {"x": 1234, "y": 567}


# --- hostile and malformed files ---------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<mxfile><diagram name="&lol9;"><mxGraphModel><root><mxCell id="0"/></root></mxGraphModel>
</diagram></mxfile>"""


def test_entity_expansion_is_refused():
    with pytest.raises(FormatError, match="DTD, entities or external references"):
        import_text(BILLION_LAUGHS, format="drawio")


def test_an_external_entity_is_refused_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    text = (f'<?xml version="1.0"?><!DOCTYPE mxfile [<!ENTITY xxe SYSTEM '
            f'"file://{secret}">]><mxfile><diagram name="x"><mxGraphModel><root>'
            '<mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="&xxe;" '
            'vertex="1" parent="1"><mxGeometry as="geometry"/></mxCell></root>'
            '</mxGraphModel></diagram></mxfile>')
    with pytest.raises(FormatError) as caught:
        import_text(text, format="drawio")
    assert "refused" in str(caught.value) and "TOP-SECRET" not in str(caught.value)


def test_deep_nesting_is_refused():
    depth = 5000
    text = ("<mxfile><diagram>" + "<mxGraphModel>" * depth + "</mxGraphModel>" * depth
            + "</diagram></mxfile>")
    with pytest.raises(FormatError, match="nests more than 64"):
        import_text(text, format="drawio")


def test_a_huge_cell_count_is_refused():
    cells = "".join(f'<mxCell id="c{n}" value="s{n}" vertex="1" parent="1"/>'
                    for n in range(5000))
    text = f'<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>{cells}</root>' \
           '</mxGraphModel>'
    with pytest.raises(FormatError, match="5,002 cells; at most"):
        import_text(text, format="drawio")


def test_a_compressed_bomb_is_refused():
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = deflate.compress(b"A" * 50_000_000) + deflate.flush()
    text = f'<mxfile><diagram name="p">{base64.b64encode(bomb).decode()}</diagram></mxfile>'
    with pytest.raises(FormatError, match="inflates past"):
        import_text(text, format="drawio")


def test_malformed_xml_names_its_line():
    text = AWS.replace('<mxCell id="billing"', '<mxCell id="billing" <broken', 1)
    line = AWS[:AWS.index('<mxCell id="billing"')].count("\n") + 1
    with pytest.raises(FormatError, match=rf"^line {line}: the file is not well-formed XML"):
        import_text(text, format="drawio")


@pytest.mark.parametrize("text, message", [
    ("<mxfile></mxfile>", "no page"),
    ('<mxfile><diagram name="p"> </diagram></mxfile>', "first page is empty"),
    ('<mxfile><diagram name="p">not base64 at all!</diagram></mxfile>', "not base64"),
    ('<mxfile><diagram name="p">aGVsbG8gd29ybGQ=</diagram></mxfile>', "does not inflate"),
    (f'<mxfile><diagram name="p">{compress_diagram("<root/>")}</diagram></mxfile>',
     "holds <root>"),
    ("<html><body>hi</body></html>", "not a draw.io file"),
    ("<mxGraphModel/>", "no <root>"),
    ('<mxGraphModel><root><mxCell value="no id"/></root></mxGraphModel>', "without an id"),
    ('<mxGraphModel><root><object id="x" label="y"/></root></mxGraphModel>',
     "without its <mxCell>"),
    ("", "not well-formed"),
    ("\x89PNG garbage \x01\x02", "not well-formed"),
])
def test_broken_files_give_a_clear_format_error(text, message):
    with pytest.raises(FormatError, match=message):
        import_text(text, format="drawio")


def test_truncated_and_garbled_files_give_a_format_error_or_a_valid_design():
    compressed = compress_file(AWS)
    for source in (AWS, compressed):
        for cut in range(0, len(source), 89):
            try:
                import_text(source[:cut], format="drawio")
            except FormatError:
                pass
    page = ET.fromstring(compressed).find("diagram").text
    for position in range(0, len(page), 37):  # a byte of the compressed page changed
        garbled = compressed.replace(page, page[:position] + ("A" if page[position] != "A"
                                                             else "B") + page[position + 1:])
        try:
            import_text(garbled, format="drawio")
        except FormatError:
            pass


def test_unknown_shapes_and_odd_values_become_services():
    text = ('<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
            '<UserObject label="Thing" link="https://example.com" id="u1">'
            '<mxCell style="shape=mxgraph.unknown.widget;" vertex="1" parent="1">'
            '<mxGeometry x="nan" y="1e400" as="geometry"/></mxCell></UserObject>'
            '<object label="Ours" kind="not-a-kind" instances="-4" id="o1">'
            '<mxCell style="rounded=1;" vertex="1" parent="1"/></object>'
            '<mxCell id="e" edge="1" parent="1" source="u1" target="missing"/>'
            '</root></mxGraphModel>')
    result = import_text(text, format="drawio")
    components = _names(result.document)
    assert components["Thing"]["kind"] == "service"
    assert components["Ours"]["kind"] == "service" and "instances" not in components["Ours"]
    assert any("does not exist" in note for note in result.notes)


def test_decompress_round_trips_unicode():
    xml = '<mxGraphModel><root><mxCell id="0" value="Ünïcødé ✓ 日本"/></root></mxGraphModel>'
    assert decompress_diagram(compress_diagram(xml)) == xml


def test_a_design_with_no_component_list_exports():
    """Only `name` is required in a design document: the lists default to empty."""
    from estimator.formats import export_text, import_text

    assert import_text(export_text({"name": "Nothing yet"}, "drawio"),
                       format="drawio").document["components"] == []
