"""The diagram as files: a standalone SVG (parsed as XML) and a PNG rendered by resvg with
its text drawn (dark pixels are only text: boxes, links and fills are light or grey)."""

import io
import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

from designs.diagram_image import PNG_ZOOM, diagram_png, diagram_svg_file
from estimator.engine import estimate

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _example(slug: str) -> dict:
    return json.loads((EXAMPLES / f"{slug}.json").read_text())


def test_the_svg_file_is_standalone_xml_with_every_component():
    document = _example("netflix")
    text = diagram_svg_file(document, estimate(document))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"')
    svg = ET.fromstring(text.encode("utf-8"))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(svg.get("width")) > 300 and float(svg.get("height")) > 100
    texts = " ".join("".join(node.itertext()) for node in svg.iter(
        "{http://www.w3.org/2000/svg}text"))
    for component in document["components"]:
        assert component["name"].split()[0] in texts


def test_the_png_is_the_diagram_with_its_text_drawn():
    document = _example("url-shortener")
    svg = ET.fromstring(diagram_svg_file(document, estimate(document)).encode("utf-8"))
    png = diagram_png(document, estimate(document))
    assert png[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (round(float(svg.get("width")) * PNG_ZOOM),
                               round(float(svg.get("height")) * PNG_ZOOM))
    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:80])  # the names' ink (#1d2330); links are #7d8797
    white = histogram[255]
    assert white > width * height * 0.5  # a white page
    assert dark > 2000, "no text drawn: fonts missing?"


def test_a_design_without_an_estimate_still_draws():
    document = _example("whatsapp")
    png = diagram_png(document, None)
    assert png[:8] == PNG_SIGNATURE
    assert sum(Image.open(io.BytesIO(png)).convert("L").histogram()[:80]) > 2000
