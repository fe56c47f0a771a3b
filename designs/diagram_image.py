"""The design's diagram as image files (issue 16's SVG and PNG exports): the SVG the pages
draw inline (designs.diagram), made a standalone file, and that file rendered to PNG by resvg
(resvg-py: a self-contained renderer, fonts read from the system's font folders)."""

import resvg_py

from designs.diagram import diagram_svg
from estimator.engine.result import EstimateView

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
# The diagram sizes its boxes for DejaVu Sans (designs.diagram.text_width), Debian's default
# sans-serif; resvg's own default for the generic family is Arial, often absent.
SANS_SERIF = "DejaVu Sans"
# Twice the SVG's size: crisp on a high-density screen or a printed page.
PNG_ZOOM = 2.0


def diagram_svg_file(document: dict, estimate: EstimateView | dict | None) -> str:
    """The diagram as an SVG file (XML declaration, namespace, white background)."""
    return XML_DECLARATION + diagram_svg(document, estimate) + "\n"


def diagram_png(document: dict, estimate: EstimateView | dict | None) -> bytes:
    """The diagram as a PNG image."""
    return bytes(resvg_py.svg_to_bytes(
        svg_string=diagram_svg(document, estimate), zoom=PNG_ZOOM,
        sans_serif_family=SANS_SERIF, background="#ffffff"))
